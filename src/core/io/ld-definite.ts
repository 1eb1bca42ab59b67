// Whether each LD block is a correlation matrix, i.e. positive semi-definite:
// a block whose smallest eigenvalue is clearly negative (LD from another
// sample, rounded, or estimated pair by pair) gives gene tests with negative
// null weights. Such a block is not refused (real reference panels are often
// slightly indefinite) but reported with its smallest eigenvalue.
// The test is a Cholesky factorisation of R + δI, which exists exactly when
// λ_min(R) > −δ (n³/3 operations, stopping at the first failing pivot); only a
// failing block pays for its eigenvalues (Householder + QL in the WASM core).
// see: Golub & Van Loan, Matrix Computations (4th ed.), Sec. 4.2 (Cholesky);
//      assembly/eigen.ts.
import type { LdBlock } from "../types.js";
import type { Core } from "../wasm/core.js";

/** A smallest eigenvalue below this is reported (above it: rounding of the LD values). */
export const NEGATIVE_EIGENVALUE = -0.01;

interface EigenKernels {
  symmetricEigenvalues(a: number, n: number, d: number, e: number): number;
}

/** Whether R + δI (R n x n, row-major) has a Cholesky factor: λ_min(R) > −δ, to rounding. */
export function choleskyShifted(r: ArrayLike<number>, n: number, delta: number): boolean {
  // lower triangle of L, row-major, built in place of a copy of R's
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = r[ri + j] + (i === j ? delta : 0);
      for (let k = 0; k < j; k++) s -= l[ri + k] * l[rj + k];
      if (i === j) {
        if (!(s > 0)) return false;
        l[ri + i] = Math.sqrt(s);
      } else l[ri + j] = s / l[rj + j];
    }
  }
  return true;
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
    if (choleskyShifted(b.data, b.n, -NEGATIVE_EIGENVALUE)) continue;
    const min = smallestEigenvalue(core, b.data, b.n);
    if (min < NEGATIVE_EIGENVALUE) {
      warnings.push(
        `LD block ${b.source} (${b.n} variants) is not positive semi-definite: its smallest eigenvalue is ${min.toPrecision(4)}; gene tests on it may be wrong (use LD from the GWAS sample or a larger reference panel)`,
      );
    }
  }
  return warnings;
}
