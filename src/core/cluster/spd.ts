// A restart's small symmetric positive-definite matrices (p x p, row-major):
// inverse and log-determinant by the WASM core's Cholesky (assembly/spd.ts,
// the one the variational fit uses), and the trace.
import type { Scope } from "../wasm/core.js";

interface SpdKernels {
  spdInverseLogDet(a: number, p: number, inv: number, work: number): number;
}

/** A⁻¹ (exactly symmetric) and ln|A| of a symmetric positive-definite A. */
export function spdInverse(s: Scope, a: ArrayLike<number>, p: number): { inverse: Float64Array; logDet: number } {
  const ab = s.f64From(a);
  const inv = s.f64(p * p);
  const work = s.f64(2 * p * p);
  const logDet = s.core.kernels<SpdKernels>().spdInverseLogDet(ab.ptr, p, inv.ptr, work.ptr);
  if (Number.isNaN(logDet)) throw new Error("mlmages: a mixture precision matrix is not positive definite");
  return { inverse: inv.view().slice(), logDet };
}

/** tr(A). */
export function trace(a: ArrayLike<number>, p: number): number {
  let s = 0;
  for (let i = 0; i < p; i++) s += a[i * p + i];
  return s;
}
