// Elastic net by cyclic coordinate descent, as scikit-learn's ElasticNet fits
// it (no intercept): minimise
//   1/(2 n) ||y - X w||² + a·l1·||w||₁ + a·(1 - l1)/2·||w||²
// over the training rows [0, lo) ∪ [hi, n) of X. X is given transposed
// (xt[j * n + i] = X[i, j]) so that every column is contiguous; the residual
// r = y - X w lives on all n rows but only training rows are used.
// see: Friedman, Hastie & Tibshirani (2010), J. Stat. Softw. 33(1), eq. 5;
//      scikit-learn sklearn/linear_model/_cd_fast.pyx, enet_coordinate_descent
//      (same update order, stopping rule and duality gap).

// Dot product of column j with v over the training rows, SIMD over rows.
@inline
function colDot(col: usize, v: usize, lo: i32, hi: i32, n: i32): f64 {
  return segDot(col, v, 0, lo) + segDot(col, v, hi, n);
}

/** sum_{i in [a, b)} x[i] * y[i], f64x2. */
export function segDot(x: usize, y: usize, a: i32, b: i32): f64 {
  let acc = f64x2.splat(0);
  let i = a;
  for (; i + 2 <= b; i += 2) {
    const o = <usize>i << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(x + o), v128.load(y + o)));
  }
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; i < b; i++) s += load<f64>(x + (<usize>i << 3)) * load<f64>(y + (<usize>i << 3));
  return s;
}

/** y[i] += c * x[i] for i in [a, b), f64x2. */
export function segAxpy(c: f64, x: usize, y: usize, a: i32, b: i32): void {
  const vc = f64x2.splat(c);
  let i = a;
  for (; i + 2 <= b; i += 2) {
    const o = <usize>i << 3;
    v128.store(y + o, f64x2.add(v128.load(y + o), f64x2.mul(vc, v128.load(x + o))));
  }
  for (; i < b; i++) {
    const p = y + (<usize>i << 3);
    store<f64>(p, load<f64>(p) + c * load<f64>(x + (<usize>i << 3)));
  }
}

/**
 * Fits at one penalty `alpha`, warm-starting from `w` with residual `r`
 * (kept consistent with w). `norms[j]` = ||X[train, j]||². Returns the
 * number of sweeps. Stops as scikit-learn does: when the largest coefficient
 * change relative to the largest coefficient is below tol and the duality gap
 * is below tol·||y_train||².
 */
export function enetFit(
  xt: usize, n: i32, p: i32, y: usize, lo: i32, hi: i32,
  alpha: f64, l1: f64, tol: f64, maxIter: i32,
  w: usize, r: usize, norms: usize,
): i32 {
  const nTrain = <f64>(n - (hi - lo));
  const a = alpha * l1 * nTrain;
  const b = alpha * (1.0 - l1) * nTrain;
  const gapTol = tol * colDot(y, y, lo, hi, n);
  let iter = 0;
  for (; iter < maxIter; iter++) {
    let wMax = 0.0;
    let dMax = 0.0;
    for (let j = 0; j < p; j++) {
      const nj = load<f64>(norms + (<usize>j << 3));
      if (nj == 0.0) continue;
      const col = xt + ((<usize>j * <usize>n) << 3);
      const wj = load<f64>(w + (<usize>j << 3));
      if (wj != 0.0) {
        segAxpy(wj, col, r, 0, lo);
        segAxpy(wj, col, r, hi, n);
      }
      const t = colDot(col, r, lo, hi, n);
      const mag = Math.abs(t) - a;
      const nw = mag > 0 ? (t > 0 ? mag : -mag) / (nj + b) : 0.0;
      store<f64>(w + (<usize>j << 3), nw);
      if (nw != 0.0) {
        segAxpy(-nw, col, r, 0, lo);
        segAxpy(-nw, col, r, hi, n);
      }
      const d = Math.abs(nw - wj);
      if (d > dMax) dMax = d;
      if (Math.abs(nw) > wMax) wMax = Math.abs(nw);
    }
    if (wMax == 0.0 || dMax / wMax < tol || iter == maxIter - 1) {
      if (dualityGap(xt, n, p, y, lo, hi, a, b, w, r) < gapTol) return iter + 1;
    }
  }
  return iter;
}

// The duality gap of the (n-scaled) elastic-net problem at w.
// see: scikit-learn _cd_fast.pyx, the gap computed in enet_coordinate_descent.
function dualityGap(xt: usize, n: i32, p: i32, y: usize, lo: i32, hi: i32, a: f64, b: f64, w: usize, r: usize): f64 {
  let dualNorm = 0.0;
  let wNorm2 = 0.0;
  let l1Norm = 0.0;
  for (let j = 0; j < p; j++) {
    const wj = load<f64>(w + (<usize>j << 3));
    const v = Math.abs(colDot(xt + ((<usize>j * <usize>n) << 3), r, lo, hi, n) - b * wj);
    if (v > dualNorm) dualNorm = v;
    wNorm2 += wj * wj;
    l1Norm += Math.abs(wj);
  }
  const rNorm2 = colDot(r, r, lo, hi, n);
  let c = 1.0;
  let gap = rNorm2;
  if (dualNorm > a) {
    c = a / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * c * c);
  }
  return gap + a * l1Norm - c * colDot(r, y, lo, hi, n) + 0.5 * b * (1.0 + c * c) * wNorm2;
}
