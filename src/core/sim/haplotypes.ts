// LD without genotype data: haplotypes as mosaics of a few founder haplotypes
// (a Li–Stephens copying process) with recombination hot spots, and LD as the
// correlation of the genotypes they make.
// see: Li & Stephens (2003), Genetics 165:2213 (copying model); neutral allele
//      frequency spectrum, density ∝ 1/f (Ewens 1972).
import * as dmath from "../math.js";
import type { Rng } from "../random.js";
import { genealogyFounders } from "./genealogy.js";

export interface HaplotypeOptions {
  /** Individuals (two haplotypes each). */
  individuals: number;
  /** Founder haplotypes the sample copies from. */
  founders: number;
  /** Per-site probability of switching founder outside hot spots. */
  background: number;
  /** Recombination hot spots per 100 sites, each a switch probability of `hotspotRate`. */
  hotspotsPer100: number;
  hotspotRate: number;
  /** Per-site copying error (mutation) probability. */
  mutation: number;
  /** Smallest minor-allele frequency of a site among the founders (independent founder alleles only). */
  minMaf: number;
  /**
   * When set, founder alleles come from the founders' genealogy, which changes
   * with this probability per site (genealogy.ts: real LD among neighbouring
   * sites); when absent, each site's founder alleles are drawn independently.
   */
  treeChange?: number;
}

export const DEFAULT_HAPLOTYPES: HaplotypeOptions = {
  individuals: 2000,
  founders: 20,
  background: 0.01,
  hotspotsPer100: 3,
  hotspotRate: 0.5,
  mutation: 0.001,
  minMaf: 0.01,
};

/**
 * A block's founder haplotypes (K x m, each variant polymorphic among them) and
 * its per-variant switch rates (background, with hotspots), drawn in that order.
 */
export function blockFounders(m: number, o: HaplotypeOptions, rng: Rng): { founder: Uint8Array; rate: Float64Array } {
  const K = o.founders;
  const founder = o.treeChange === undefined ? new Uint8Array(K * m) : genealogyFounders(K, m, o.treeChange, rng);
  for (let j = 0; j < m && o.treeChange === undefined; j++) {
    // log-uniform frequency on [minMaf, 0.5]: the neutral spectrum's 1/f density
    const f = dmath.exp(dmath.log(o.minMaf) + rng.uniform() * (dmath.log(0.5) - dmath.log(o.minMaf)));
    let ones = 0;
    for (let k = 0; k < K; k++) ones += founder[k * m + j] = rng.uniform() < f ? 1 : 0;
    if (ones === 0 || ones === K) founder[rng.int(K) * m + j] ^= 1;
  }
  const rate = new Float64Array(m).fill(o.background);
  const hot = Math.round((m * o.hotspotsPer100) / 100);
  for (let h = 0; h < hot; h++) rate[rng.int(m)] = o.hotspotRate;
  return { founder, rate };
}

/** One LD block of m variants: its correlation matrix (row-major) and allele frequencies. */
export function simulateBlockLd(m: number, o: HaplotypeOptions, rng: Rng): { ld: Float64Array; freq: Float64Array } {
  const K = o.founders;
  const { founder, rate } = blockFounders(m, o, rng);
  const H = 2 * o.individuals;
  const g = new Float64Array(o.individuals * m);
  for (let h = 0; h < H; h++) {
    let c = rng.int(K);
    const row = (h >> 1) * m;
    for (let j = 0; j < m; j++) {
      if (rng.uniform() < rate[j]) c = rng.int(K);
      let a = founder[c * m + j];
      if (rng.uniform() < o.mutation) a ^= 1;
      g[row + j] += a;
    }
  }
  return correlation(g, o.individuals, m);
}

/** Column correlations of an n x m genotype matrix (a monomorphic column gets one minor allele). */
function correlation(g: Float64Array, n: number, m: number): { ld: Float64Array; freq: Float64Array } {
  const freq = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += g[i * m + j];
    if (s === 0 || s === 2 * n) {
      g[j] = 1;
      s = s === 0 ? 1 : 2 * n - 1;
    }
    const mean = s / n;
    freq[j] = s / (2 * n);
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = g[i * m + j] - mean;
      g[i * m + j] = v;
      ss += v * v;
    }
    const inv = 1 / Math.sqrt(ss);
    for (let i = 0; i < n; i++) g[i * m + j] *= inv;
  }
  const ld = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    for (let a = 0; a < m; a++) {
      const va = g[row + a];
      if (va === 0) continue;
      const out = a * m;
      for (let b = a; b < m; b++) ld[out + b] += va * g[row + b];
    }
  }
  for (let a = 0; a < m; a++) {
    ld[a * m + a] = 1;
    for (let b = a + 1; b < m; b++) {
      const v = Math.max(-1, Math.min(1, ld[a * m + b]));
      ld[a * m + b] = v;
      ld[b * m + a] = v;
    }
  }
  return { ld, freq: freq.map((f) => Math.min(f, 1 - f)) };
}
