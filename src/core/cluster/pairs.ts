// The kernels' data layout: each variant's effects x (p traits) enter only
// through the unique products x_i x_j (i <= j), stored pair-major so the
// kernels run SIMD over variants, and a quadratic form x' A x becomes a dot
// product with weights A_ii or 2 A_ij.

/** m = p (p + 1) / 2, the number of pairs i <= j. */
export function pairCount(p: number): number {
  return (p * (p + 1)) / 2;
}

/** xx[q * n + v] = x[v, i] x[v, j] for the pairs q = (i <= j) in row order; x is n x p row-major. */
export function outerProducts(x: Float64Array, n: number, p: number): Float64Array {
  const xx = new Float64Array(pairCount(p) * n);
  let q = 0;
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++, q++) {
      const row = q * n;
      for (let v = 0; v < n; v++) xx[row + v] = x[v * p + i] * x[v * p + j];
    }
  }
  return xx;
}

/** Writes factor · (A_ii or 2 A_ij) for the pairs of a symmetric p x p A (at a[from...]) into w[at...]. */
export function pairWeights(a: ArrayLike<number>, from: number, p: number, factor: number, w: Float64Array, at: number): void {
  let q = at;
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++, q++) w[q] = factor * (i === j ? a[from + i * p + i] : a[from + i * p + j] + a[from + j * p + i]);
  }
}
