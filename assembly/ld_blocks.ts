// LD block splitting by dynamic programming: the within-block r² mass of every
// candidate block, grown one column at a time, and the programme's column step.
// Splitting [0, n) into K blocks of minSize..maxSize variants that maximise
// Σ_blocks M(block), M([i, j)) = Σ_{i<=a<b<j} r²_ab, minimises the cross-block
// Σ r² (the total minus that); the optimum for every K comes from
//   best[k][j] = max_i best[k-1][i] + M([i, j)),  j - maxSize <= i <= j - minSize.
// see: F. Privé (2022), "Optimal linkage disequilibrium splitting",
//      Bioinformatics 38(1):255-256; bigsnpr snp_ldsplit (R/ld-split.R, src/ld-split.cpp).

/**
 * y[t] += Σ_{s=t}^{len-1} x[s]² for t in [0, len): with x[s] = R_{i+s, j} the
 * column j above its diagonal from row i on, this turns y[t] = M([i+t, j))
 * into M([i+t, j+1)). A running scan: scalar (it is O(n·maxSize) in all, the
 * programme's steps below are O(n·maxSize·K)).
 */
export function addSuffixSquares(x: usize, y: usize, len: i32): void {
  let acc = 0.0;
  for (let t = len - 1; t >= 0; t--) {
    const o = <usize>t << 3;
    const v = load<f64>(x + o);
    acc += v * v;
    store<f64>(y + o, load<f64>(y + o) + acc);
  }
}

/**
 * The first i in [lo, hi) maximising a[i] + b[i] (lo < hi; lo when all are
 * -inf). f64x2, four values a step in two independent lane pairs (i mod 4 in
 * {0, 1} and {2, 3}), each with a running index; equal maxima resolve to the
 * smaller index.
 */
export function maxPlusIndex(a: usize, b: usize, lo: i32, hi: i32): i32 {
  let bestA = f64x2.splat(-Infinity);
  let bestB = bestA;
  let argA = f64x2(<f64>lo, <f64>(lo + 1));
  let argB = f64x2(<f64>(lo + 2), <f64>(lo + 3));
  let idxA = argA;
  let idxB = argB;
  const four = f64x2.splat(4);
  let i = lo;
  for (; i + 4 <= hi; i += 4) {
    const o = <usize>i << 3;
    const sA = f64x2.add(v128.load(a + o), v128.load(b + o));
    const sB = f64x2.add(v128.load(a + o + 16), v128.load(b + o + 16));
    const gA = f64x2.gt(sA, bestA);
    const gB = f64x2.gt(sB, bestB);
    bestA = v128.bitselect(sA, bestA, gA);
    argA = v128.bitselect(idxA, argA, gA);
    bestB = v128.bitselect(sB, bestB, gB);
    argB = v128.bitselect(idxB, argB, gB);
    idxA = f64x2.add(idxA, four);
    idxB = f64x2.add(idxB, four);
  }
  const takeB = v128.or(f64x2.gt(bestB, bestA), v128.and(f64x2.eq(bestB, bestA), f64x2.lt(argB, argA)));
  const best = v128.bitselect(bestB, bestA, takeB);
  const arg = v128.bitselect(argB, argA, takeB);
  const b0 = f64x2.extract_lane(best, 0);
  const b1 = f64x2.extract_lane(best, 1);
  const i0 = <i32>f64x2.extract_lane(arg, 0);
  const i1 = <i32>f64x2.extract_lane(arg, 1);
  let m = b0;
  let at = i0;
  if (b1 > b0 || (b1 == b0 && i1 < i0)) {
    m = b1;
    at = i1;
  }
  if (m == -Infinity) at = lo;
  for (; i < hi; i++) {
    const o = <usize>i << 3;
    const s = load<f64>(a + o) + load<f64>(b + o);
    if (s > m) {
      m = s;
      at = i;
    }
  }
  return at;
}

/**
 * Column j of the programme for k = kLo..kHi: with w[i] = M([i, j)),
 *   best[k][j] = max_i best[k-1][i] + w[i],
 *   i in [max(j - maxSize, (k-1)·minSize), min(j - minSize, (k-1)·maxSize)],
 * and arg[k] the first maximising i; -inf and -1 when no i is feasible.
 * best (f64) is row-major with `stride` columns per k and w a row alike, both
 * holding columns base, base + 1, ... (a window of the programme); arg (i32,
 * indexed by k) is this column's, or 0 when not wanted.
 */
export function splitDpColumn(best: usize, arg: usize, w: usize, stride: i32, base: i32, j: i32, minSize: i32, maxSize: i32, kLo: i32, kHi: i32): void {
  const col = <usize>(j - base);
  for (let k = kLo; k <= kHi; k++) {
    const lo = max(j - maxSize, (k - 1) * minSize);
    const hi = min(j - minSize, (k - 1) * maxSize) + 1;
    const at = <usize>k * <usize>stride + col;
    let v = -Infinity;
    let i = -1;
    if (lo < hi) {
      const prev = best + ((<usize>(k - 1) * <usize>stride) << 3);
      const c = maxPlusIndex(prev, w, lo - base, hi - base);
      v = load<f64>(prev + (<usize>c << 3)) + load<f64>(w + (<usize>c << 3));
      if (v > -Infinity) i = c + base;
    }
    store<f64>(best + (at << 3), v);
    if (arg != 0) store<i32>(arg + (<usize>k << 2), i);
  }
}
