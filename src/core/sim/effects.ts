// True effects as in the ML-MAGES simulations: a fraction p of causal variants
// with variance ∝ [2f(1−f)]^s · ldscore^w, scaled to a heritability h² = bᵀRb;
// for several traits, causal genes specific to one trait or shared, with
// correlated effects across the traits that share them.
// see: Liu, Crawford & Ramachandran (RECOMB 2025), "Simulations"; Speed et al.
//      (2012) for the frequency dependence s (LDAK's alpha).
import * as dmath from "../math.js";
import type { Rng } from "../random.js";
import type { LdBlock } from "../types.js";

/** bᵀRb over block-diagonal R. */
export function geneticVariance(b: Float64Array, blocks: LdBlock[]): number {
  let v = 0;
  let lb = 0;
  for (const blk of blocks) {
    const n = blk.n;
    for (let i = 0; i < n; i++) {
      const bi = b[lb + i];
      if (bi === 0) continue;
      const row = i * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += blk.data[row + j] * b[lb + j];
      v += bi * s;
    }
    lb += n;
  }
  return v;
}

/** LD scores Σ_j R_ij² − 1 per variant, over its block. */
export function ldScores(blocks: LdBlock[]): Float64Array {
  const out = new Float64Array(blocks.reduce((s, b) => s + b.n, 0));
  let lb = 0;
  for (const b of blocks) {
    for (let i = 0; i < b.n; i++) {
      let s = 0;
      for (let j = 0; j < b.n; j++) s += b.data[i * b.n + j] ** 2;
      out[lb + i] = s - 1;
    }
    lb += b.n;
  }
  return out;
}

/** Per-variant prior scale: [2f(1−f)]^s · (1 + ldscore)^w. */
export function effectScale(freq: Float64Array, ldsc: Float64Array, s: number, w: number): Float64Array {
  return freq.map((f, j) => Math.sqrt(dmath.powPositive(2 * f * (1 - f), s) * dmath.powPositive(1 + ldsc[j], w)));
}

/** Rescales b in place so that bᵀRb = h² (no-op for all-zero b). */
export function scaleToHeritability(b: Float64Array, blocks: LdBlock[], h2: number): void {
  const v = geneticVariance(b, blocks);
  if (v > 0) {
    const k = Math.sqrt(h2 / v);
    for (let j = 0; j < b.length; j++) b[j] *= k;
  }
}

/** Single-trait effects: each variant causal with probability p. */
export function singleTraitEffects(scale: Float64Array, p: number, rng: Rng): Float64Array {
  const b = new Float64Array(scale.length);
  for (let j = 0; j < b.length; j++) if (rng.uniform() < p) b[j] = rng.normal() * scale[j];
  return b;
}

export interface Gene {
  name: string;
  start: number;
  end: number;
  /** Which traits it is causal for, e.g. "110"; "none" when none. */
  causal: string;
}

/**
 * Multi-trait effects by gene: each causal gene gets a set of traits; a share
 * `causalInGene` of its variants are causal, with effects correlated `rho`
 * across the traits of the set.
 */
export function geneLevelEffects(
  genes: Gene[],
  traits: number,
  scale: Float64Array,
  causalInGene: number,
  rho: number,
  rng: Rng,
): Float64Array[] {
  const b = Array.from({ length: traits }, () => new Float64Array(scale.length));
  for (const g of genes) {
    if (g.causal === "none") continue;
    const on = [...g.causal].map((c, t) => (c === "1" ? t : -1)).filter((t) => t >= 0);
    for (let j = g.start; j <= g.end; j++) {
      if (rng.uniform() >= causalInGene) continue;
      const common = rng.normal();
      for (const t of on) b[t][j] = (Math.sqrt(rho) * common + Math.sqrt(1 - rho) * rng.normal()) * scale[j];
    }
  }
  return b;
}
