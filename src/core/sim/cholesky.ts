// Lower Cholesky factor of a correlation matrix that may be only nearly
// positive definite (rounded LD): a growing diagonal jitter until it factors.
// see: Golub & Van Loan, Matrix Computations, Alg. 4.2.1.

/** L with R + jitter·I = L Lᵀ (row-major, lower), and the jitter used. */
export function choleskyJitter(r: Float64Array, n: number): { l: Float64Array; jitter: number } {
  for (let jitter = 0; ; jitter = jitter ? jitter * 10 : 1e-8) {
    const l = cholesky(r, n, jitter);
    if (l) return { l, jitter };
    if (jitter > 1) throw new Error("LD matrix is far from positive definite");
  }
}

function cholesky(r: Float64Array, n: number, jitter: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = r[j * n + j] + jitter;
    const lj = j * n;
    for (let k = 0; k < j; k++) d -= l[lj + k] * l[lj + k];
    if (!(d > 0)) return null;
    const djj = Math.sqrt(d);
    l[lj + j] = djj;
    for (let i = j + 1; i < n; i++) {
      const li = i * n;
      let s = r[li + j];
      for (let k = 0; k < j; k++) s -= l[li + k] * l[lj + k];
      l[li + j] = s / djj;
    }
  }
  return l;
}
