// Whether each LD block is a correlation matrix, i.e. positive semi-definite:
// a block whose smallest eigenvalue is clearly negative (LD from another
// sample, rounded, or estimated pair by pair) gives gene tests with negative
// null weights. Such a block is not refused (real reference panels are often
// slightly indefinite) but reported with its smallest eigenvalue.
// The test is a Cholesky factorisation of R + δI, which exists exactly when
// λ_min(R) > −δ (n³/6 multiply-adds in the WASM core, stopping at the first
// failing pivot); only a failing block pays for its eigenvalues (Householder +
// QL in the WASM core).
// see: Golub & Van Loan, Matrix Computations (4th ed.), Sec. 4.2 (Cholesky);
//      assembly/spd_check.ts; assembly/eigen.ts.
import type { LdBlock } from "../types.js";
import type { Core } from "../wasm/core.js";

/** A smallest eigenvalue below this is reported (above it: rounding of the LD values). */
export const NEGATIVE_EIGENVALUE = -0.01;

interface SpdCheckKernels {
  choleskyShifted(a: number, n: number, delta: number): number;
}

interface EigenKernels {
  symmetricEigenvalues(a: number, n: number, d: number, e: number): number;
}

/** Whether R + δI (R n x n, row-major) has a Cholesky factor: λ_min(R) > −δ, to rounding (factored in a copy, in the WASM core). */
export function choleskyShifted(core: Core, r: ArrayLike<number>, n: number, delta: number): boolean {
  return core.scoped((s) => core.kernels<SpdCheckKernels>().choleskyShifted(s.f64From(r).ptr, n, delta) !== 0);
}

/** The smallest eigenvalue of a symmetric n x n matrix. */
export function smallestEigenvalue(core: Core, r: ArrayLike<number>, n: number): number {
  return core.scoped((s) => {
    const a = s.f64From(r);
    const d = s.f64(n);
    const e = s.f64(n);
    if (core.kernels<EigenKernels>().symmetricEigenvalues(a.ptr, n, d.ptr, e.ptr) !== 0) return NaN;
    return d.view().reduce((m, v) => Math.min(m, v), Infinity);
  });
}

/** A warning per block whose smallest eigenvalue is below NEGATIVE_EIGENVALUE, naming the block and the eigenvalue. */
export function indefiniteBlockWarnings(core: Core, blocks: LdBlock[]): string[] {
  const warnings: string[] = [];
  for (const b of blocks) {
    if (choleskyShifted(core, b.data, b.n, -NEGATIVE_EIGENVALUE)) continue;
    const min = smallestEigenvalue(core, b.data, b.n);
    if (min < NEGATIVE_EIGENVALUE) {
      warnings.push(
        `LD block ${b.source} (${b.n} variants) is not positive semi-definite: its smallest eigenvalue is ${min.toPrecision(4)}; gene tests on it may be wrong (use LD from the GWAS sample or a larger reference panel)`,
      );
    }
  }
  return warnings;
}
