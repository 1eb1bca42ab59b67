// The WebAssembly exports of assembly/dp_mixture.ts and dp_fit.ts, as the host calls them.

export interface DpKernels {
  /** Responsibilities r (K x n) by log-sum-exp; returns Σ r log r. */
  dpResponsibilities(xx: number, n: number, m: number, w: number, c: number, K: number, r: number): number;
  /** The f64 count of dpFit's scratch for K components and p traits. */
  dpFitScratch(K: number, p: number): number;
  /**
   * One restart's variational fit from the parameters at par (a, b, ν, L; updated
   * in place); the final ELBO into out[0], each iteration's into trace (0: none).
   * Returns the iterations, or -1 when a precision matrix is not positive definite.
   */
  dpFit(xx: number, n: number, p: number, K: number, alpha: number, nu0: number, epsilon: number, maxIter: number, par: number, out: number, trace: number, scratch: number): number;
  /** argmax_k (c_k + x' W_k x) per variant into labels (Int32); returns Σ of the maxima. */
  dpAssign(xx: number, n: number, m: number, w: number, c: number, K: number, labels: number): number;
}
