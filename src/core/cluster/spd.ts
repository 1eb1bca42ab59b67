// Small symmetric positive-definite matrices (p x p, row-major) through their
// Cholesky factor: inverse and log-determinant.
// see: Golub & Van Loan, Matrix Computations, Alg. 4.2.1 (Cholesky) and sec. 3.1 (triangular solves).
import * as dmath from "../math.js";

/** Lower Cholesky factor of A (A = G Gᵀ), or null when A is not positive definite. */
export function choleskyLower(a: ArrayLike<number>, p: number): Float64Array | null {
  const g = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j];
    for (let k = 0; k < j; k++) d -= g[j * p + k] * g[j * p + k];
    if (!(d > 0)) return null;
    const gjj = Math.sqrt(d);
    g[j * p + j] = gjj;
    for (let i = j + 1; i < p; i++) {
      let s = 0.5 * (a[i * p + j] + a[j * p + i]);
      for (let k = 0; k < j; k++) s -= g[i * p + k] * g[j * p + k];
      g[i * p + j] = s / gjj;
    }
  }
  return g;
}

/** A⁻¹ (made exactly symmetric) and ln|A| of a symmetric positive-definite A. */
export function spdInverse(a: ArrayLike<number>, p: number): { inverse: Float64Array; logDet: number } {
  const g = choleskyLower(a, p);
  if (!g) throw new Error("mlmages: a mixture precision matrix is not positive definite");
  let logDet = 0;
  for (let i = 0; i < p; i++) logDet += 2 * dmath.log(g[i * p + i]);
  // G⁻¹ by forward substitution, then A⁻¹ = G⁻ᵀ G⁻¹.
  const gi = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    for (let i = c; i < p; i++) {
      let s = i === c ? 1 : 0;
      for (let k = c; k < i; k++) s -= g[i * p + k] * gi[k * p + c];
      gi[i * p + c] = s / g[i * p + i];
    }
  }
  const inv = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < p; k++) s += gi[k * p + i] * gi[k * p + j];
      inv[i * p + j] = s;
      inv[j * p + i] = s;
    }
  }
  return { inverse: inv, logDet };
}

/** ln|A| of a symmetric positive-definite A. */
export function spdLogDet(a: ArrayLike<number>, p: number): number {
  const g = choleskyLower(a, p);
  if (!g) throw new Error("mlmages: a mixture matrix is not positive definite");
  let s = 0;
  for (let i = 0; i < p; i++) s += 2 * dmath.log(g[i * p + i]);
  return s;
}

/** tr(A). */
export function trace(a: ArrayLike<number>, p: number): number {
  let s = 0;
  for (let i = 0; i < p; i++) s += a[i * p + i];
  return s;
}
