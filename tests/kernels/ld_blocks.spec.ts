// LD block splitting kernels: the SIMD arg-max against its scalar loop, the
// suffix sums of squares against a direct sum, and one programme column by hand.
import { addSuffixSquares, maxPlusIndex, splitDpColumn } from "../../assembly/ld_blocks";

const LENGTHS: i32[] = [1, 3, 4, 100, 240];

/** maxPlusIndex as a plain loop (the reference for its tests). */
function maxPlusIndexScalar(a: usize, b: usize, lo: i32, hi: i32): i32 {
  let m = -Infinity;
  let at = lo;
  for (let i = lo; i < hi; i++) {
    const s = load<f64>(a + (<usize>i << 3)) + load<f64>(b + (<usize>i << 3));
    if (s > m) {
      m = s;
      at = i;
    }
  }
  return at;
}

function filled(n: i32, k: f64): usize {
  const p = heap.alloc(<usize>n << 3);
  for (let i = 0; i < n; i++) store<f64>(p + (<usize>i << 3), Math.sin(<f64>i * k + 0.3));
  return p;
}

function at(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

describe("maxPlusIndex", () => {
  it("equals the scalar loop on every range start", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const a = filled(n, 0.7);
      const b = filled(n, 1.9);
      for (let lo = 0; lo < 3 && lo < n; lo++) expect(maxPlusIndex(a, b, lo, n)).toBe(maxPlusIndexScalar(a, b, lo, n));
    }
  });

  it("takes the first of equal maxima and copes with -inf", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const a = heap.alloc(<usize>n << 3);
      const b = heap.alloc(<usize>n << 3);
      for (let i = 0; i < n; i++) {
        store<f64>(a + (<usize>i << 3), i % 3 == 0 ? -Infinity : <f64>(i % 5 == 4 ? 1 : 0));
        store<f64>(b + (<usize>i << 3), 0.0);
      }
      expect(maxPlusIndex(a, b, 0, n)).toBe(maxPlusIndexScalar(a, b, 0, n));
      for (let i = 0; i < n; i++) store<f64>(a + (<usize>i << 3), -Infinity);
      expect(maxPlusIndex(a, b, 0, n)).toBe(0);
      expect(maxPlusIndexScalar(a, b, 0, n)).toBe(0);
    }
  });
});

describe("addSuffixSquares", () => {
  it("adds Σ_{s>=t} x[s]² to y[t]", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const x = filled(n, 0.7);
      const y = filled(n, 1.3);
      const y0 = filled(n, 1.3);
      addSuffixSquares(x, y, n);
      for (let i = 0; i < n; i++) {
        let s = 0.0;
        for (let j = i; j < n; j++) s += at(x, j) * at(x, j);
        expect(Math.abs(at(y, i) - at(y0, i) - s)).toBeLessThan(1e-12);
      }
    }
  });
});

describe("splitDpColumn", () => {
  it("takes the best start per number of blocks within the size limits", () => {
    // 7 positions (stride 7), blocks of 2..3 variants; column j = 6, k = 2..3.
    const stride = 7;
    const best = heap.alloc(<usize>(4 * stride) << 3);
    const arg = heap.alloc(<usize>4 << 2);
    for (let i = 0; i < 4 * stride; i++) store<f64>(best + (<usize>i << 3), -Infinity);
    // best[1][i] = i (feasible at 2, 3), best[2][4] = 10
    store<f64>(best + (<usize>(stride + 2) << 3), 2.0);
    store<f64>(best + (<usize>(stride + 3) << 3), 3.0);
    store<f64>(best + (<usize>(2 * stride + 4) << 3), 10.0);
    const w = heap.alloc(<usize>stride << 3);
    for (let i = 0; i < stride; i++) store<f64>(w + (<usize>i << 3), <f64>(10 - i));
    splitDpColumn(best, arg, w, stride, 0, 6, 2, 3, 2, 3);
    // k = 2: i in [max(3, 2), min(4, 3)] = [3, 3]: 3 + w[3] = 10
    expect(at(best, 2 * stride + 6)).toBe(10.0);
    expect(load<i32>(arg + 8)).toBe(3);
    // k = 3: i in [max(3, 4), min(4, 6)] = [4, 4]: 10 + w[4] = 16
    expect(at(best, 3 * stride + 6)).toBe(16.0);
    expect(load<i32>(arg + 12)).toBe(4);
  });

  it("gives the same column on a window that starts past column 0", () => {
    // the same programme with its columns 2..6 held from offset 0 (base 2)
    const stride = 5;
    const base = 2;
    const best = heap.alloc(<usize>(4 * stride) << 3);
    for (let i = 0; i < 4 * stride; i++) store<f64>(best + (<usize>i << 3), -Infinity);
    store<f64>(best + (<usize>(stride + 2 - base) << 3), 2.0);
    store<f64>(best + (<usize>(stride + 3 - base) << 3), 3.0);
    store<f64>(best + (<usize>(2 * stride + 4 - base) << 3), 10.0);
    const w = heap.alloc(<usize>stride << 3);
    for (let i = 0; i < stride; i++) store<f64>(w + (<usize>i << 3), <f64>(10 - (i + base)));
    splitDpColumn(best, 0, w, stride, base, 6, 2, 3, 2, 3);
    expect(at(best, 2 * stride + 6 - base)).toBe(10.0);
    expect(at(best, 3 * stride + 6 - base)).toBe(16.0);
    const arg = heap.alloc(<usize>4 << 2);
    splitDpColumn(best, arg, w, stride, base, 6, 2, 3, 2, 3);
    expect(load<i32>(arg + 8)).toBe(3);
    expect(load<i32>(arg + 12)).toBe(4);
  });
});
