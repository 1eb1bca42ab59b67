// Eigenvalues of a real symmetric matrix: Householder reduction to
// tridiagonal form, then the implicit QL algorithm with Wilkinson shifts.
// see: Golub & Van Loan, Matrix Computations (4th ed.), Alg. 8.3.1 (tridiagonalisation)
//      and Sec. 8.3.5 (implicit symmetric QR/QL step); Press et al., Numerical
//      Recipes, tred2/tqli (eigenvalues only).

/**
 * Overwrites the lower triangle of the n x n row-major matrix `a` while
 * reducing it; writes the diagonal to `d` and the sub-diagonal to `e`
 * (e[0] = 0, e[i] couples i - 1 and i).
 */
export function tridiagonalize(a: usize, n: i32, d: usize, e: usize): void {
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1;
    const rowI = a + ((<usize>i * <usize>n) << 3);
    let h = 0.0;
    let scale = 0.0;
    if (l > 0) {
      for (let k = 0; k <= l; k++) scale += Math.abs(load<f64>(rowI + (<usize>k << 3)));
      if (scale == 0.0) {
        store<f64>(e + (<usize>i << 3), load<f64>(rowI + (<usize>l << 3)));
      } else {
        for (let k = 0; k <= l; k++) {
          const v = load<f64>(rowI + (<usize>k << 3)) / scale;
          store<f64>(rowI + (<usize>k << 3), v);
          h += v * v;
        }
        let f = load<f64>(rowI + (<usize>l << 3));
        const g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
        store<f64>(e + (<usize>i << 3), scale * g);
        h -= f * g;
        store<f64>(rowI + (<usize>l << 3), f - g);
        f = 0.0;
        for (let j = 0; j <= l; j++) {
          const rowJ = a + ((<usize>j * <usize>n) << 3);
          let gg = 0.0;
          for (let k = 0; k <= j; k++) gg += load<f64>(rowJ + (<usize>k << 3)) * load<f64>(rowI + (<usize>k << 3));
          for (let k = j + 1; k <= l; k++) gg += load<f64>(a + ((<usize>k * <usize>n + <usize>j) << 3)) * load<f64>(rowI + (<usize>k << 3));
          const ej = gg / h;
          store<f64>(e + (<usize>j << 3), ej);
          f += ej * load<f64>(rowI + (<usize>j << 3));
        }
        const hh = f / (h + h);
        for (let j = 0; j <= l; j++) {
          const fj = load<f64>(rowI + (<usize>j << 3));
          const gj = load<f64>(e + (<usize>j << 3)) - hh * fj;
          store<f64>(e + (<usize>j << 3), gj);
          const rowJ = a + ((<usize>j * <usize>n) << 3);
          for (let k = 0; k <= j; k++) {
            const p = rowJ + (<usize>k << 3);
            store<f64>(p, load<f64>(p) - (fj * load<f64>(e + (<usize>k << 3)) + gj * load<f64>(rowI + (<usize>k << 3))));
          }
        }
      }
    } else {
      store<f64>(e + (<usize>i << 3), load<f64>(rowI + (<usize>l << 3)));
    }
    store<f64>(d + (<usize>i << 3), h);
  }
  store<f64>(e, 0.0);
  for (let i = 0; i < n; i++) store<f64>(d + (<usize>i << 3), load<f64>(a + ((<usize>i * <usize>n + <usize>i) << 3)));
}

/**
 * Eigenvalues of the symmetric tridiagonal matrix (d, e) by implicit QL with
 * shifts, into `d` (unsorted). Returns 0, or -1 when an eigenvalue needed more
 * than 60 iterations.
 */
export function tridiagonalQl(d: usize, e: usize, n: i32): i32 {
  for (let i = 1; i < n; i++) store<f64>(e + (<usize>(i - 1) << 3), load<f64>(e + (<usize>i << 3)));
  if (n > 0) store<f64>(e + (<usize>(n - 1) << 3), 0.0);
  for (let l = 0; l < n; l++) {
    let iter = 0;
    let m = l;
    do {
      for (m = l; m < n - 1; m++) {
        const dd = Math.abs(load<f64>(d + (<usize>m << 3))) + Math.abs(load<f64>(d + (<usize>(m + 1) << 3)));
        if (Math.abs(load<f64>(e + (<usize>m << 3))) <= 2.220446049250313e-16 * dd) break;
      }
      if (m != l) {
        if (iter++ == 60) return -1;
        const dl = load<f64>(d + (<usize>l << 3));
        let g = (load<f64>(d + (<usize>(l + 1) << 3)) - dl) / (2.0 * load<f64>(e + (<usize>l << 3)));
        let r = Math.hypot(g, 1.0);
        g = load<f64>(d + (<usize>m << 3)) - dl + load<f64>(e + (<usize>l << 3)) / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
        let s = 1.0;
        let c = 1.0;
        let p = 0.0;
        let i = m - 1;
        for (; i >= l; i--) {
          const f = s * load<f64>(e + (<usize>i << 3));
          const b = c * load<f64>(e + (<usize>i << 3));
          r = Math.hypot(f, g);
          store<f64>(e + (<usize>(i + 1) << 3), r);
          if (r == 0.0) {
            const di = d + (<usize>(i + 1) << 3);
            store<f64>(di, load<f64>(di) - p);
            store<f64>(e + (<usize>m << 3), 0.0);
            break;
          }
          s = f / r;
          c = g / r;
          g = load<f64>(d + (<usize>(i + 1) << 3)) - p;
          r = (load<f64>(d + (<usize>i << 3)) - g) * s + 2.0 * c * b;
          p = s * r;
          store<f64>(d + (<usize>(i + 1) << 3), g + p);
          g = c * r - b;
        }
        if (r == 0.0 && i >= l) continue;
        const dlp = d + (<usize>l << 3);
        store<f64>(dlp, load<f64>(dlp) - p);
        store<f64>(e + (<usize>l << 3), g);
        store<f64>(e + (<usize>m << 3), 0.0);
      }
    } while (m != l);
  }
  return 0;
}

/** Eigenvalues of the symmetric n x n matrix `a` (destroyed) into `d`; `e` is n scratch. */
export function symmetricEigenvalues(a: usize, n: i32, d: usize, e: usize): i32 {
  tridiagonalize(a, n, d, e);
  return tridiagonalQl(d, e, n);
}
