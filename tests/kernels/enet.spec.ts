// SIMD pieces of the elastic-net kernel against scalar loops, and one
// coordinate-descent fit against its closed form.
import { segDot, segAxpy, enetFit } from "../../assembly/enet";

const LENGTHS: i32[] = [1, 3, 4, 100, 240];

function filled(n: i32, k: f64): usize {
  const p = heap.alloc(<usize>n << 3);
  for (let i = 0; i < n; i++) store<f64>(p + (<usize>i << 3), Math.sin(<f64>i * k + 0.3));
  return p;
}

describe("segDot / segAxpy", () => {
  it("equal scalar loops over [a, b)", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const x = filled(n, 0.7);
      const y = filled(n, 1.3);
      for (let a = 0; a < 2 && a <= n; a++) {
        let s = 0.0;
        for (let i = a; i < n; i++) s += load<f64>(x + (<usize>i << 3)) * load<f64>(y + (<usize>i << 3));
        expect(Math.abs(segDot(x, y, a, n) - s)).toBeLessThan(1e-12);
      }
      const z = filled(n, 1.3);
      segAxpy(0.5, x, z, 1 < n ? 1 : n, n);
      for (let i = 0; i < n; i++) {
        const want = load<f64>(y + (<usize>i << 3)) + (i >= 1 ? 0.5 * load<f64>(x + (<usize>i << 3)) : 0.0);
        expect(Math.abs(load<f64>(z + (<usize>i << 3)) - want)).toBeLessThan(1e-15);
      }
    }
  });
});

describe("enetFit", () => {
  it("gives the soft-thresholded solution for an orthonormal design", () => {
    // X = I (n = p = 2): w_j = S(y_j, a) / (1 + b) with a = alpha*l1*n, b = alpha*(1-l1)*n in n-scaled units
    const n = 2;
    const xt = heap.alloc(32);
    store<f64>(xt, 1.0); store<f64>(xt + 8, 0.0); store<f64>(xt + 16, 0.0); store<f64>(xt + 24, 1.0);
    const y = heap.alloc(16); store<f64>(y, 2.0); store<f64>(y + 8, -0.1);
    const w = heap.alloc(16); store<f64>(w, 0.0); store<f64>(w + 8, 0.0);
    const r = heap.alloc(16); store<f64>(r, 2.0); store<f64>(r + 8, -0.1);
    const norms = heap.alloc(16); store<f64>(norms, 1.0); store<f64>(norms + 8, 1.0);
    enetFit(xt, n, n, y, 0, 0, 0.2, 0.5, 1e-10, 100, w, r, norms);
    // a = 0.2, b = 0.2: w0 = (2 - 0.2) / 1.2 = 1.5, w1 = 0
    expect(Math.abs(load<f64>(w) - 1.5)).toBeLessThan(1e-12);
    expect(load<f64>(w + 8)).toBe(0.0);
  });
});
