// Small symmetric positive-definite matrices (p x p, row-major) through their
// Cholesky factor: inverse and log-determinant, for a restart's summary (the
// variational loop has its own, in WASM: assembly/dp_fit.ts).
// see: Golub & Van Loan, Matrix Computations, Alg. 4.2.1 (Cholesky) and sec. 3.1 (triangular solves).
import * as dmath from "../math.js";

/** Lower Cholesky factor G of A (A = G Gᵀ) into g; false when A is not positive definite. */
function choleskyInto(a: ArrayLike<number>, p: number, g: Float64Array): boolean {
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j];
    for (let k = 0; k < j; k++) d -= g[j * p + k] * g[j * p + k];
    if (!(d > 0)) return false;
    const gjj = Math.sqrt(d);
    g[j * p + j] = gjj;
    for (let i = j + 1; i < p; i++) {
      let s = 0.5 * (a[i * p + j] + a[j * p + i]);
      for (let k = 0; k < j; k++) s -= g[i * p + k] * g[j * p + k];
      g[i * p + j] = s / gjj;
    }
  }
  return true;
}

/** A⁻¹ = G⁻ᵀ G⁻¹ (made exactly symmetric, G⁻¹ by forward substitution) and ln|A| = 2 Σ ln G_ii. */
export function spdInverse(a: ArrayLike<number>, p: number): { inverse: Float64Array; logDet: number } {
  const g = new Float64Array(p * p);
  const gi = new Float64Array(p * p);
  const inverse = new Float64Array(p * p);
  if (!choleskyInto(a, p, g)) throw new Error("mlmages: a mixture precision matrix is not positive definite");
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
      inverse[i * p + j] = s;
      inverse[j * p + i] = s;
    }
  }
  let logDet = 0;
  for (let i = 0; i < p; i++) logDet += 2 * dmath.log(g[i * p + i]);
  return { inverse, logDet };
}

/** tr(A). */
export function trace(a: ArrayLike<number>, p: number): number {
  let s = 0;
  for (let i = 0; i < p; i++) s += a[i * p + i];
  return s;
}
