// Summary statistics from LD and true effects under the RSS likelihood:
// z = √N·R·b + e with e ~ N(0, R), drawn per block through a Cholesky factor;
// BETA = z·SE and the true effect on the same scale is b·SE·√N.
// see: Zhu & Stephens (2017), Ann. Appl. Stat. 11:1561, eq. 2.4 (RSS likelihood).
import type { Rng } from "../random.js";
import type { LdBlock } from "../types.js";
import { choleskyJitter } from "./cholesky.js";

export interface SummaryStats {
  beta: Float64Array;
  se: Float64Array;
  /** True effects on the BETA scale. */
  truth: Float64Array;
  z: Float64Array;
}

/** Cholesky factors of the blocks, made once for several traits. */
export function factorBlocks(blocks: LdBlock[]): Float64Array[] {
  return blocks.map((b) => choleskyJitter(b.data, b.n).l);
}

/**
 * One trait's summary statistics. `b` are standardized true effects, `se` the
 * standard errors to report (for example 1/√(N·2f(1−f))), `factors` from `factorBlocks`.
 */
export function summaryStats(blocks: LdBlock[], factors: Float64Array[], b: Float64Array, se: Float64Array, n: number, rng: Rng): SummaryStats {
  const total = b.length;
  const z = new Float64Array(total);
  const sqrtN = Math.sqrt(n);
  let lb = 0;
  blocks.forEach((blk, k) => {
    const m = blk.n;
    const l = factors[k];
    const u = Float64Array.from({ length: m }, () => rng.normal());
    for (let i = 0; i < m; i++) {
      let rb = 0;
      let e = 0;
      const row = i * m;
      for (let j = 0; j < m; j++) rb += blk.data[row + j] * b[lb + j];
      for (let j = 0; j <= i; j++) e += l[row + j] * u[j];
      z[lb + i] = sqrtN * rb + e;
    }
    lb += m;
  });
  const beta = z.map((v, j) => v * se[j]);
  const truth = b.map((v, j) => v * se[j] * sqrtN);
  return { beta, se, truth, z };
}

/** Standard errors of per-allele effects: 1/√(N·2f(1−f)). */
export function perAlleleSe(freq: Float64Array, n: number): Float64Array {
  return freq.map((f) => 1 / Math.sqrt(n * 2 * f * (1 - f)));
}
