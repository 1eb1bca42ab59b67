// Small symmetric positive-definite matrices (p x p, row-major, f64) through
// their Cholesky factor: inverse and log-determinant, for the variational fit's
// M-step and expectations (dp_fit.ts) and a restart's summary on the host.

import { at, put } from "./f64_slots";

/**
 * Lower Cholesky factor G of the symmetric part of A (p x p at a) into g:
 * A = G Gᵀ; false when A is not positive definite.
 */
// see: Golub & Van Loan, Matrix Computations, Alg. 4.2.1.
export function cholesky(a: usize, p: i32, g: usize): bool {
  for (let j = 0; j < p; j++) {
    let d = at(a, j * p + j);
    for (let k = 0; k < j; k++) d -= at(g, j * p + k) * at(g, j * p + k);
    if (!(d > 0)) return false;
    const gjj = Math.sqrt(d);
    put(g, j * p + j, gjj);
    for (let i = j + 1; i < p; i++) {
      let s = 0.5 * (at(a, i * p + j) + at(a, j * p + i));
      for (let k = 0; k < j; k++) s -= at(g, i * p + k) * at(g, j * p + k);
      put(g, i * p + j, s / gjj);
    }
  }
  return true;
}

/** ln|A| = 2 Σ ln G_ii from A's Cholesky factor G. */
export function logDetOf(g: usize, p: i32): f64 {
  let s = 0.0;
  for (let i = 0; i < p; i++) s += 2 * Math.log(at(g, i * p + i));
  return s;
}

/**
 * A⁻¹ = G⁻ᵀ G⁻¹ (exactly symmetric) into inv, G⁻¹ by forward substitution;
 * work holds 2 p² f64. False when A is not positive definite.
 */
// see: Golub & Van Loan, Matrix Computations, sec. 3.1.
export function spdInverse(a: usize, p: i32, inv: usize, work: usize): bool {
  const g = work;
  const gi = work + (<usize>(p * p) << 3);
  if (!cholesky(a, p, g)) return false;
  for (let c = 0; c < p; c++) {
    for (let i = c; i < p; i++) {
      let s = i == c ? 1.0 : 0.0;
      for (let k = c; k < i; k++) s -= at(g, i * p + k) * at(gi, k * p + c);
      put(gi, i * p + c, s / at(g, i * p + i));
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0.0;
      for (let k = i; k < p; k++) s += at(gi, k * p + i) * at(gi, k * p + j);
      put(inv, i * p + j, s);
      put(inv, j * p + i, s);
    }
  }
  return true;
}

/**
 * A⁻¹ into inv (as spdInverse) and returns ln|A|, or NaN when A is not
 * positive definite; work holds 2 p² f64.
 */
export function spdInverseLogDet(a: usize, p: i32, inv: usize, work: usize): f64 {
  return spdInverse(a, p, inv, work) ? logDetOf(work, p) : NaN;
}
