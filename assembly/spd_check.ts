// Whether an LD block R (n x n, row-major, f64) is positive semi-definite up
// to a shift: R + δI has a Cholesky factor exactly when λ_min(R) > −δ. The
// factor is built in place over R's lower triangle, rows four at a time so
// that each earlier row is loaded once per four dot products (the loop is
// bound by memory traffic, not arithmetic), stopping at the first pivot that
// is not positive.
//   L_ij = (R_ij − Σ_{k<j} L_ik L_jk) / L_jj,   L_ii = √(R_ii + δ − Σ_{k<i} L_ik²)
// see: Golub & Van Loan, Matrix Computations (4th ed.), Alg. 4.2.1 (gaxpy
//      Cholesky, by rows); src/core/io/ld-definite.ts (its use).

/** Σ_{k<len} x[k] y[k], f64x2 with two lane pairs, then the odd tail. */
@inline
function dot(x: usize, y: usize, len: i32): f64 {
  let a = f64x2.splat(0);
  let b = f64x2.splat(0);
  let k = 0;
  for (; k + 4 <= len; k += 4) {
    const o = <usize>k << 3;
    a = f64x2.add(a, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    b = f64x2.add(b, f64x2.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
  }
  const s = f64x2.add(a, b);
  let r = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; k < len; k++) r += load<f64>(x + (<usize>k << 3)) * load<f64>(y + (<usize>k << 3));
  return r;
}

/**
 * Rows i0..i0+3 against row j (j < i0): the four dot products over k < j,
 * sharing each load of row j; their L_ij are stored in place. Not inlined: the
 * engine tiers a hot function up between calls, so the first block read does
 * not run whole in its baseline code.
 */
function fourRows(a: usize, rowBytes: usize, i0: i32, j: i32, ljj: f64): void {
  const r0 = a + <usize>i0 * rowBytes;
  const r1 = r0 + rowBytes;
  const r2 = r1 + rowBytes;
  const r3 = r2 + rowBytes;
  const rj = a + <usize>j * rowBytes;
  let s0 = f64x2.splat(0);
  let s1 = s0;
  let s2 = s0;
  let s3 = s0;
  let k = 0;
  for (; k + 2 <= j; k += 2) {
    const o = <usize>k << 3;
    const y = v128.load(rj + o);
    s0 = f64x2.add(s0, f64x2.mul(v128.load(r0 + o), y));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(r1 + o), y));
    s2 = f64x2.add(s2, f64x2.mul(v128.load(r2 + o), y));
    s3 = f64x2.add(s3, f64x2.mul(v128.load(r3 + o), y));
  }
  let d0 = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
  let d1 = f64x2.extract_lane(s1, 0) + f64x2.extract_lane(s1, 1);
  let d2 = f64x2.extract_lane(s2, 0) + f64x2.extract_lane(s2, 1);
  let d3 = f64x2.extract_lane(s3, 0) + f64x2.extract_lane(s3, 1);
  if (k < j) {
    const o = <usize>k << 3;
    const y = load<f64>(rj + o);
    d0 += load<f64>(r0 + o) * y;
    d1 += load<f64>(r1 + o) * y;
    d2 += load<f64>(r2 + o) * y;
    d3 += load<f64>(r3 + o) * y;
  }
  const o = <usize>j << 3;
  store<f64>(r0 + o, (load<f64>(r0 + o) - d0) / ljj);
  store<f64>(r1 + o, (load<f64>(r1 + o) - d1) / ljj);
  store<f64>(r2 + o, (load<f64>(r2 + o) - d2) / ljj);
  store<f64>(r3 + o, (load<f64>(r3 + o) - d3) / ljj);
}

/**
 * Row i's entries j in [from, i) and its pivot, each from the rows above;
 * false when the pivot R_ii + δ − Σ L_ik² is not positive.
 */
function finishRow(a: usize, rowBytes: usize, i: i32, from: i32, delta: f64): bool {
  const ri = a + <usize>i * rowBytes;
  for (let j = from; j < i; j++) {
    const rj = a + <usize>j * rowBytes;
    const o = <usize>j << 3;
    store<f64>(ri + o, (load<f64>(ri + o) - dot(ri, rj, j)) / load<f64>(rj + o));
  }
  const o = <usize>i << 3;
  const d = load<f64>(ri + o) + delta - dot(ri, ri, i);
  if (!(d > 0)) return false;
  store<f64>(ri + o, Math.sqrt(d));
  return true;
}

/**
 * Overwrites the lower triangle of R (n x n at a) with the Cholesky factor L of
 * R + δI and returns true, or returns false at the first pivot that is not
 * positive (λ_min(R) ≤ −δ, to rounding). The upper triangle is left as it was.
 */
export function choleskyShifted(a: usize, n: i32, delta: f64): bool {
  const rowBytes = <usize>n << 3;
  let i0 = 0;
  for (; i0 + 4 <= n; i0 += 4) {
    for (let j = 0; j < i0; j++) fourRows(a, rowBytes, i0, j, load<f64>(a + <usize>j * rowBytes + (<usize>j << 3)));
    for (let r = 0; r < 4; r++) if (!finishRow(a, rowBytes, i0 + r, i0, delta)) return false;
  }
  for (let i = i0; i < n; i++) if (!finishRow(a, rowBytes, i, 0, delta)) return false;
  return true;
}
