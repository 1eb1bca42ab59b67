// Whole simulations in memory: LD blocks, true effects and summary statistics
// for one or more traits, all from one seeded generator.
import * as dmath from "../math.js";
import { Rng } from "../random.js";
import type { LdBlock } from "../types.js";
import { effectScale, geneLevelEffects, ldScores, scaleToHeritability, singleTraitEffects, type Gene } from "./effects.js";
import { DEFAULT_GENES, layGenes, type GeneOptions } from "./genes.js";
import { factorBlocks, perAlleleSe, summaryStats } from "./gwas.js";
import { DEFAULT_HAPLOTYPES, simulateBlockLd, type HaplotypeOptions } from "./haplotypes.js";

export interface LdOptions {
  /** Variants per block. */
  blockSizes: number[];
  haplotypes?: Partial<HaplotypeOptions>;
}

/** Block-diagonal LD from haplotype mosaics, with allele frequencies. */
export function simulateLd(o: LdOptions, rng: Rng): { blocks: LdBlock[]; freq: Float64Array } {
  const h = { ...DEFAULT_HAPLOTYPES, ...o.haplotypes };
  const freq = new Float64Array(o.blockSizes.reduce((a, b) => a + b, 0));
  let lb = 0;
  const blocks = o.blockSizes.map((m, k) => {
    const { ld, freq: f } = simulateBlockLd(m, h, rng);
    freq.set(f, lb);
    lb += m;
    return { source: `block_${k}`, n: m, data: ld };
  });
  return { blocks, freq };
}

export interface GwasSimOptions {
  traits: number;
  /** Sample size N. */
  n: number;
  /** Heritability of the simulated region, per trait (one value for all). */
  h2: number | number[];
  /** Allele-frequency dependence s and LD-score dependence w of effect variances. */
  s: number;
  w: number;
  /** Single-trait mode: causal fraction p per variant. Used when `genes` is not set. */
  p: number;
  /** Gene-level mode: genes laid along the blocks, causal per trait pattern. */
  genes?: Partial<GeneOptions> & { causalInGene?: number; rho?: number };
  /** Allele frequencies (for SEs and s); drawn log-uniform when absent. */
  freq?: Float64Array;
}

export interface GwasSim {
  beta: Float64Array[];
  se: Float64Array[];
  truth: Float64Array[];
  genes: Gene[] | null;
}

/** Summary statistics of `traits` traits on given LD blocks. */
export function simulateGwas(blocks: LdBlock[], o: GwasSimOptions, rng: Rng): GwasSim {
  const total = blocks.reduce((a, b) => a + b.n, 0);
  const freq = o.freq ?? Float64Array.from({ length: total }, () => dmath.exp(dmath.log(0.01) + rng.uniform() * (dmath.log(0.5) - dmath.log(0.01))));
  const scale = effectScale(freq, ldScores(blocks), o.s, o.w);
  let genes: Gene[] | null = null;
  let b: Float64Array[];
  if (o.genes) {
    const g = { ...DEFAULT_GENES, ...o.genes };
    genes = layGenes(blocks.map((x) => x.n), o.traits, g, rng);
    b = geneLevelEffects(genes, o.traits, scale, o.genes.causalInGene ?? 0.25, o.genes.rho ?? 0.5, rng);
  } else {
    b = Array.from({ length: o.traits }, () => singleTraitEffects(scale, o.p, rng));
  }
  const h2 = Array.isArray(o.h2) ? o.h2 : new Array<number>(o.traits).fill(o.h2);
  b.forEach((bt, t) => scaleToHeritability(bt, blocks, h2[t]));
  const se = perAlleleSe(freq, o.n);
  const factors = factorBlocks(blocks);
  const stats = b.map((bt) => summaryStats(blocks, factors, bt, se, o.n, rng));
  return { beta: stats.map((s) => s.beta), se: stats.map((s) => s.se), truth: stats.map((s) => s.truth), genes };
}

export { Rng };
