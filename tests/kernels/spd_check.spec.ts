// The shifted Cholesky test of LD blocks against a plain scalar factorisation
// (the same formula, one dot product at a time), on correlation matrices that
// are positive definite and on ones that are not.
import { choleskyShifted } from "../../assembly/spd_check";

const LENGTHS: i32[] = [1, 3, 4, 100, 240];

function at(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

/** The lower Cholesky factor of R + δI by the textbook loop into l, or false at a pivot that is not positive. */
function choleskyScalar(r: usize, n: i32, delta: f64, l: usize): bool {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = at(r, i * n + j) + (i == j ? delta : 0.0);
      for (let k = 0; k < j; k++) s -= at(l, i * n + k) * at(l, j * n + k);
      if (i == j) {
        if (!(s > 0)) return false;
        store<f64>(l + (<usize>(i * n + i) << 3), Math.sqrt(s));
      } else store<f64>(l + (<usize>(i * n + j) << 3), s / at(l, j * n + j));
    }
  }
  return true;
}

/** s_i s_j ρ^|i-j| (AR(1) with signs s_i = ±1: positive definite), plus `bump` on R_{0,n-1} and R_{n-1,0} (indefinite when large). */
function correlation(n: i32, rho: f64, bump: f64): usize {
  const r = heap.alloc(<usize>(n * n) << 3);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const d = i > j ? i - j : j - i;
      const sign = (Math.sin(<f64>i * 0.37) < -0.5 ? -1.0 : 1.0) * (Math.sin(<f64>j * 0.37) < -0.5 ? -1.0 : 1.0);
      store<f64>(r + (<usize>(i * n + j) << 3), i == j ? 1.0 : sign * Math.pow(rho, <f64>d));
    }
  }
  if (n > 1) {
    store<f64>(r + (<usize>(n - 1) << 3), at(r, n - 1) + bump);
    store<f64>(r + (<usize>((n - 1) * n) << 3), at(r, (n - 1) * n) + bump);
  }
  return r;
}

function copy(src: usize, n: i32): usize {
  const d = heap.alloc(<usize>(n * n) << 3);
  memory.copy(d, src, <usize>(n * n) << 3);
  return d;
}

describe("choleskyShifted", () => {
  it("builds the scalar loop's factor on positive definite blocks", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const r = correlation(n, 0.6, 0.0);
      const l = heap.alloc(<usize>(n * n) << 3);
      expect(choleskyScalar(r, n, 0.01, l)).toBe(true);
      const a = copy(r, n);
      expect(choleskyShifted(a, n, 0.01)).toBe(true);
      let worst = 0.0;
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) worst = Math.max(worst, Math.abs(at(a, i * n + j) - at(l, i * n + j)));
      expect(worst).toBeLessThan(1e-12);
      // the upper triangle is untouched
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(at(a, i * n + j)).toBe(at(r, i * n + j));
    }
  });

  it("fails where the scalar loop fails: a pivot that is not positive", () => {
    for (let t = 1; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      // a large correlation between the first and last variants breaks definiteness
      const r = correlation(n, 0.6, 0.9);
      const l = heap.alloc(<usize>(n * n) << 3);
      const expected = choleskyScalar(r, n, 0.01, l);
      expect(expected).toBe(false);
      expect(choleskyShifted(copy(r, n), n, 0.01)).toBe(expected);
    }
  });

  it("tells λ_min > −δ from λ_min < −δ on a 2 x 2 block (eigenvalues 1 ± r)", () => {
    const a = heap.alloc(32);
    // r = 1.005: λ_min = −0.005, above −0.01
    store<f64>(a, 1.0); store<f64>(a + 8, 1.005); store<f64>(a + 16, 1.005); store<f64>(a + 24, 1.0);
    expect(choleskyShifted(a, 2, 0.01)).toBe(true);
    // r = 1.02: λ_min = −0.02, below −0.01
    store<f64>(a, 1.0); store<f64>(a + 8, 1.02); store<f64>(a + 16, 1.02); store<f64>(a + 24, 1.0);
    expect(choleskyShifted(a, 2, 0.01)).toBe(false);
  });
});
