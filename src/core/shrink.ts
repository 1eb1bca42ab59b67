// Effect-size shrinkage by an ensemble of networks on per-block LD features.
// see: Liu, Crawford & Ramachandran (RECOMB 2025), ML-MAGES step 1.
import { InputError } from "./errors.js";
import { blockFeatures, blockNeighbours, featureMajorF32, type BlockNeighbours } from "./features.js";
import { loadEnsemble, predict } from "./network.js";
import type { Ensemble, Gwas, LdBlock } from "./types.js";
import { betaDivisors, chromosomeScales, rangeWarning } from "./units.js";
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
  /**
   * The blocks' LD scores and top-r neighbours (r = the ensemble's topR), when
   * already computed (ldNeighbours): traits that share the LD share them.
   */
  neighbours?: BlockNeighbours[];
}

export interface ShrinkResult {
  /** Shrunk effects (the ensemble mean, float32 values), one per variant in LD order. */
  betaShrink: Float64Array;
  /** Variants whose block had fewer than r other variants (features padded with zeros). */
  padded: number;
  /** A line saying the trait lies outside the model's training range, or null. */
  warning: string | null;
}

/** An LD block's name and size, without its values (once they are released). */
export type BlockShape = Pick<LdBlock, "source" | "n">;

/** Checks that the LD blocks cover exactly the GWAS variants. */
export function checkCoverage(gwas: Gwas, blocks: readonly BlockShape[]): void {
  const covered = blocks.reduce((s, b) => s + b.n, 0);
  if (covered !== gwas.n) {
    const where = blocks.length === 1 ? `the LD matrix ${blocks[0].source} covers` : `the ${blocks.length} LD blocks cover`;
    throw InputError.mismatch(gwas.source, `${gwas.source} has ${gwas.n} variants but ${where} ${covered}`);
  }
}

/**
 * Largest |BETA| and SE taken as effects. GWAS effects on any working scale
 * (standardised, per allele, log odds) are orders of magnitude smaller; larger
 * values are a unit or column mistake, and their squares and the networks'
 * float32 arithmetic would overflow to NaN.
 */
export const MAX_EFFECT = 1e6;

/** Where variant i is, for messages: "variant 5 (ID rs1, CHR 1, POS 1000)". */
function variantName(gwas: Gwas, i: number): string {
  const parts = [gwas.id ? `ID ${gwas.id[i]}` : "", gwas.chr ? `CHR ${gwas.chr[i]}` : "", gwas.pos ? `POS ${gwas.pos[i]}` : ""].filter((x) => x);
  return `variant ${i + 1}${parts.length ? ` (${parts.join(", ")})` : ""}`;
}

/** Refuses effects and SEs that are not finite numbers within ±MAX_EFFECT, naming the file and variant. */
export function checkEffectScale(gwas: Gwas): void {
  for (const [column, values] of [["BETA", gwas.beta], ["SE", gwas.se]] as const) {
    for (let i = 0; i < gwas.n; i++) {
      const x = values[i];
      if (!(Math.abs(x) <= MAX_EFFECT)) {
        throw new InputError({ file: gwas.source }, `${variantName(gwas, i)} has ${column} ${x}, beyond ±${MAX_EFFECT}: not an effect on any working scale (check the column and its units)`);
      }
    }
  }
}

/** Refuses predictions that are not finite (they come from models whose arithmetic overflowed). */
function checkPredictions(out: Float64Array, gwas: Gwas, models: Ensemble): void {
  const i = out.findIndex((x) => !Number.isFinite(x));
  if (i >= 0) {
    throw InputError.mismatch(
      models.sources.join(", "),
      `the networks of ${[...new Set(models.sources)].join(", ")} give ${out[i]} for ${variantName(gwas, i)} of ${gwas.source}: their weights overflow float32 on these inputs`,
    );
  }
}

/** The LD scores and top-r neighbours of every block, for all traits on this LD. */
export function ldNeighbours(core: Core, blocks: LdBlock[], r: number): BlockNeighbours[] {
  return blocks.map((b) => blockNeighbours(core, b.data, b.n, r));
}

/** Shrinks one trait's effects on a given core (synchronous). */
export function shrinkWith(core: Core, input: ShrinkInput): ShrinkResult {
  return shrinkByNeighbours(core, { ...input, blocks: input.ldBlocks, neighbours: input.neighbours ?? ldNeighbours(core, input.ldBlocks, input.models.topR) });
}

/** Shrinks one trait's effects from its blocks' neighbours alone (the LD values themselves may be released). */
export function shrinkByNeighbours(core: Core, input: Omit<ShrinkInput, "ldBlocks"> & { blocks: readonly BlockShape[]; neighbours: BlockNeighbours[] }): ShrinkResult {
  const { gwas, blocks, models, neighbours } = input;
  checkCoverage(gwas, blocks);
  checkEffectScale(gwas);
  // the networks see BETA over d and SE over s in the model's units, and their output is multiplied by d (units.ts)
  const scale = chromosomeScales(models.units, gwas.se, gwas.chr);
  const d = betaDivisors(models.units, gwas.se, scale);
  const beta = models.units ? gwas.beta.map((x, i) => x / d[i]) : gwas.beta;
  const seIn = models.units ? gwas.se.map((x, i) => x / scale[i]) : gwas.se;
  const out = new Float64Array(gwas.n);
  let padded = 0;
  core.scoped((scope) => {
    const ensemble = loadEnsemble(scope, models);
    let lb = 0;
    for (const nb of neighbours) {
      core.scoped((s) => {
        const n = nb.n;
        const b = s.f64From(beta.subarray(lb, lb + n));
        const se = s.f64From(seIn.subarray(lb, lb + n));
        const others = input.publishedIndexing ? s.f64From(beta.subarray(0, n)) : b;
        const f = blockFeatures(s, nb, b, se, others);
        padded += nb.padded;
        const x = featureMajorF32(s, f);
        const mean = predict(s, ensemble, x, n).view();
        if (!models.units) out.set(mean, lb);
        else for (let i = 0; i < n; i++) out[lb + i] = mean[i] * d[lb + i];
      });
      lb += nb.n;
    }
  });
  checkPredictions(out, gwas, models);
  return { betaShrink: out, padded, warning: rangeWarning(models, gwas.source, gwas.se) };
}

/** Shrinks one trait's effects with an ensemble: `shrink({ gwas, ldBlocks, models })`. */
export async function shrink(input: ShrinkInput): Promise<ShrinkResult> {
  return shrinkWith(await getCore(), input);
}
