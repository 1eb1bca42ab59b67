// The WebAssembly exports of assembly/dp_mixture.ts, as the host calls them.

export interface DpKernels {
  /** Responsibilities r (K x n) by log-sum-exp; returns Σ r log r. */
  dpResponsibilities(xx: number, n: number, m: number, w: number, c: number, K: number, r: number): number;
  /** N_k and Σ_v r[k, v] xx[q, v], out[k * (m + 1) + ...]. */
  dpStatistics(xx: number, n: number, m: number, r: number, K: number, out: number): void;
  /** argmax_k (c_k + x' W_k x) per variant into labels (Int32); returns Σ of the maxima. */
  dpAssign(xx: number, n: number, m: number, w: number, c: number, K: number, labels: number): number;
}
