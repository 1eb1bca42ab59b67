// Symmetric eigenvalues against closed forms and invariants.
import { symmetricEigenvalues } from "../../assembly/eigen";

const LENGTHS: i32[] = [1, 3, 4, 100, 240];

function at(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

describe("symmetricEigenvalues", () => {
  it("returns the diagonal of a diagonal matrix", () => {
    const n = 4;
    const a = heap.alloc(<usize>(n * n) << 3);
    memory.fill(a, 0, <usize>(n * n) << 3);
    for (let i = 0; i < n; i++) store<f64>(a + (<usize>(i * n + i) << 3), <f64>(i + 1) * 0.5);
    const d = heap.alloc(<usize>n << 3);
    const e = heap.alloc(<usize>n << 3);
    expect(symmetricEigenvalues(a, n, d, e)).toBe(0);
    let sum = 0.0;
    for (let i = 0; i < n; i++) sum += at(d, i);
    expect(Math.abs(sum - 5.0)).toBeLessThan(1e-14);
  });

  it("matches the 2 x 2 closed form", () => {
    // [[2, 1], [1, 3]]: (5 ± sqrt(5)) / 2
    const a = heap.alloc(32);
    store<f64>(a, 2.0); store<f64>(a + 8, 1.0); store<f64>(a + 16, 1.0); store<f64>(a + 24, 3.0);
    const d = heap.alloc(16);
    const e = heap.alloc(16);
    symmetricEigenvalues(a, 2, d, e);
    const lo = Math.min(at(d, 0), at(d, 1));
    const hi = Math.max(at(d, 0), at(d, 1));
    expect(Math.abs(lo - (5.0 - Math.sqrt(5.0)) / 2.0)).toBeLessThan(1e-14);
    expect(Math.abs(hi - (5.0 + Math.sqrt(5.0)) / 2.0)).toBeLessThan(1e-14);
  });

  it("keeps trace and Frobenius norm of random symmetric matrices", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const a = heap.alloc(<usize>(n * n) << 3);
      let trace = 0.0;
      let frob = 0.0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          const v = Math.sin(<f64>(i * 31 + j * 17) + 0.5);
          store<f64>(a + (<usize>(i * n + j) << 3), v);
          store<f64>(a + (<usize>(j * n + i) << 3), v);
          if (i == j) trace += v;
          frob += i == j ? v * v : 2.0 * v * v;
        }
      }
      const d = heap.alloc(<usize>n << 3);
      const e = heap.alloc(<usize>n << 3);
      expect(symmetricEigenvalues(a, n, d, e)).toBe(0);
      let s1 = 0.0;
      let s2 = 0.0;
      for (let i = 0; i < n; i++) {
        s1 += at(d, i);
        s2 += at(d, i) * at(d, i);
      }
      expect(Math.abs(s1 - trace)).toBeLessThan(1e-9 * <f64>n);
      expect(Math.abs(s2 - frob)).toBeLessThan(1e-9 * frob);
    }
  });
});
