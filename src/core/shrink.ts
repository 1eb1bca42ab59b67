// Effect-size shrinkage by an ensemble of networks on per-block LD features.
// see: Liu, Crawford & Ramachandran (RECOMB 2025), ML-MAGES step 1.
import { InputError } from "./errors.js";
import { blockFeatures, featureMajorF32 } from "./features.js";
import { loadEnsemble, predict } from "./network.js";
import type { Ensemble, Gwas, LdBlock } from "./types.js";
import type { Core } from "./wasm/core.js";
import { getCore } from "./wasm/instance.js";

export interface ShrinkInput {
  gwas: Gwas;
  ldBlocks: LdBlock[];
  models: Ensemble;
  /**
   * Reproduce the published tool's indexing of neighbours' betas: it looks
   * them up with block-local indices in the chromosome-wide beta vector, so
   * every block after the first takes its neighbours' betas from the first
   * variants of the chromosome (shrink_by_mlmages.py: `beta[idx_max_ldsc]`).
   * Off by default; for comparison with published results only.
   */
  publishedIndexing?: boolean;
}

export interface ShrinkResult {
  /** Shrunk effects (the ensemble mean, float32 values), one per variant in LD order. */
  betaShrink: Float64Array;
  /** Variants whose block had fewer than r other variants (features padded with zeros). */
  padded: number;
}

/** Checks that the LD blocks cover exactly the GWAS variants. */
export function checkCoverage(gwas: Gwas, blocks: LdBlock[]): void {
  const covered = blocks.reduce((s, b) => s + b.n, 0);
  if (covered !== gwas.n) {
    const where = blocks.length === 1 ? `the LD matrix ${blocks[0].source} covers` : `the ${blocks.length} LD blocks cover`;
    throw InputError.mismatch(gwas.source, `${gwas.source} has ${gwas.n} variants but ${where} ${covered}`);
  }
}

/** Shrinks one trait's effects on a given core (synchronous). */
export function shrinkWith(core: Core, input: ShrinkInput): ShrinkResult {
  const { gwas, ldBlocks, models } = input;
  checkCoverage(gwas, ldBlocks);
  const out = new Float64Array(gwas.n);
  let padded = 0;
  core.scoped((scope) => {
    const ensemble = loadEnsemble(scope, models);
    let lb = 0;
    for (const block of ldBlocks) {
      core.scoped((s) => {
        const n = block.n;
        const ld = s.f64From(block.data);
        const beta = s.f64From(gwas.beta.subarray(lb, lb + n));
        const se = s.f64From(gwas.se.subarray(lb, lb + n));
        const neighbours = input.publishedIndexing ? s.f64From(gwas.beta.subarray(0, n)) : beta;
        const f = blockFeatures(s, ld, beta, se, models.topR, neighbours);
        padded += f.padded;
        const x = featureMajorF32(s, f);
        const mean = predict(s, ensemble, x, n);
        out.set(mean.view(), lb);
      });
      lb += block.n;
    }
  });
  return { betaShrink: out, padded };
}

/** Shrinks one trait's effects with an ensemble: `shrink({ gwas, ldBlocks, models })`. */
export async function shrink(input: ShrinkInput): Promise<ShrinkResult> {
  return shrinkWith(await getCore(), input);
}
