// Small symmetric positive-definite matrices (p x p, row-major) through their
// Cholesky factor: inverse and log-determinant. The *Into forms write into the
// caller's arrays, for the variational loop that runs them K times an iteration.
// see: Golub & Van Loan, Matrix Computations, Alg. 4.2.1 (Cholesky) and sec. 3.1 (triangular solves).
import * as dmath from "../math.js";

/** Lower Cholesky factor of A = a[from, from + p²) (A = G Gᵀ) into g[0, p²); false when A is not positive definite. */
function choleskyInto(a: ArrayLike<number>, p: number, g: Float64Array, from = 0): boolean {
  for (let j = 0; j < p; j++) {
    let d = a[from + j * p + j];
    for (let k = 0; k < j; k++) d -= g[j * p + k] * g[j * p + k];
    if (!(d > 0)) return false;
    const gjj = Math.sqrt(d);
    g[j * p + j] = gjj;
    for (let i = j + 1; i < p; i++) {
      let s = 0.5 * (a[from + i * p + j] + a[from + j * p + i]);
      for (let k = 0; k < j; k++) s -= g[i * p + k] * g[j * p + k];
      g[i * p + j] = s / gjj;
    }
  }
  return true;
}

/** ln|A| = 2 Σ ln G_ii from a Cholesky factor G. */
function logDetOf(g: Float64Array, p: number): number {
  let s = 0;
  for (let i = 0; i < p; i++) s += 2 * dmath.log(g[i * p + i]);
  return s;
}

/**
 * A⁻¹ (made exactly symmetric) into inv[at, at + p²). `work` holds 2 p²
 * numbers and keeps A's Cholesky factor in its first p².
 */
export function spdInverseInto(a: ArrayLike<number>, p: number, inv: Float64Array, at: number, work: Float64Array): void {
  const pp = p * p;
  const g = work.subarray(0, pp);
  const gi = work.subarray(pp, 2 * pp);
  if (!choleskyInto(a, p, g)) throw new Error("mlmages: a mixture precision matrix is not positive definite");
  // G⁻¹ by forward substitution, then A⁻¹ = G⁻ᵀ G⁻¹.
  for (let c = 0; c < p; c++) {
    for (let i = c; i < p; i++) {
      let s = i === c ? 1 : 0;
      for (let k = c; k < i; k++) s -= g[i * p + k] * gi[k * p + c];
      gi[i * p + c] = s / g[i * p + i];
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < p; k++) s += gi[k * p + i] * gi[k * p + j];
      inv[at + i * p + j] = s;
      inv[at + j * p + i] = s;
    }
  }
}

/** A⁻¹ (made exactly symmetric) and ln|A| of a symmetric positive-definite A. */
export function spdInverse(a: ArrayLike<number>, p: number): { inverse: Float64Array; logDet: number } {
  const inverse = new Float64Array(p * p);
  const work = new Float64Array(2 * p * p);
  spdInverseInto(a, p, inverse, 0, work);
  return { inverse, logDet: logDetOf(work, p) };
}

/** ln|A| of a symmetric positive-definite A = a[from, from + p²); `work` holds p² numbers. */
export function spdLogDet(a: ArrayLike<number>, p: number, work: Float64Array = new Float64Array(p * p), from = 0): number {
  if (!choleskyInto(a, p, work, from)) throw new Error("mlmages: a mixture matrix is not positive definite");
  return logDetOf(work, p);
}

/** tr(A) of A = a[from, from + p²). */
export function trace(a: ArrayLike<number>, p: number, from = 0): number {
  let s = 0;
  for (let i = 0; i < p; i++) s += a[from + i * p + i];
  return s;
}
