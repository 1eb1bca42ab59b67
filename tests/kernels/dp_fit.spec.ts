// The variational fit in WASM on data it should separate: two zero-mean
// Gaussians (sd 1 and 10) in p = 1 and p = 2. Checks what holds for any run:
// the exact ELBO never decreases, Σ_k N_k = n (so Σ_k (a_k − 1) = n and
// Σ_k (ν_k − ν₀) = n), the two scales are found, and a precision that is not
// positive definite is refused.
import { dpFit, dpFitScratch } from "../../assembly/dp_fit";

const K: i32 = 4;
const MAX_ITER: i32 = 300;

let state: u32 = 977;
function normal(): f64 {
  // Box–Muller from a 24-bit LCG
  state = state * 1664525 + 1013904223;
  const u = (<f64>(state >> 8) + 0.5) / <f64>(1 << 24);
  state = state * 1664525 + 1013904223;
  const v = <f64>(state >> 8) / <f64>(1 << 24);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function at(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

/** Pair products (m x n) of n variants, the first half with sd 1, the rest sd 10, traits independent. */
function pairData(n: i32, p: i32): usize {
  const m = (p * (p + 1)) >> 1;
  const x = heap.alloc(<usize>(n * p) << 3);
  for (let v = 0; v < n; v++) for (let i = 0; i < p; i++) store<f64>(x + (<usize>(v * p + i) << 3), normal() * (v < n / 2 ? 1.0 : 10.0));
  const xx = heap.alloc(<usize>(m * n) << 3);
  let q = 0;
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++, q++) {
      for (let v = 0; v < n; v++) store<f64>(xx + (<usize>(q * n + v) << 3), at(x, v * p + i) * at(x, v * p + j));
    }
  }
  heap.free(x);
  return xx;
}

/** a = b = 1, ν = p + 2, L_k = I / (k + 1): starts of different scales. */
function startParameters(p: i32): usize {
  const par = heap.alloc(<usize>(3 * K + K * p * p) << 3);
  for (let k = 0; k < K; k++) {
    store<f64>(par + (<usize>k << 3), 1.0);
    store<f64>(par + (<usize>(K + k) << 3), 1.0);
    store<f64>(par + (<usize>(2 * K + k) << 3), <f64>(p + 2));
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) store<f64>(par + (<usize>(3 * K + k * p * p + i * p + j) << 3), i == j ? 1.0 / <f64>(k + 1) : 0.0);
  }
  return par;
}

describe("dpFit", () => {
  it("never lowers the ELBO, keeps Σ N_k = n, and finds variances near 1 and 100 (p = 1, 2)", () => {
    for (let p = 1; p <= 2; p++) {
      const n = 401;
      const nu0 = <f64>p;
      const xx = pairData(n, p);
      const par = startParameters(p);
      const out = heap.alloc(8);
      const trace = heap.alloc(<usize>MAX_ITER << 3);
      const scratch = heap.alloc(<usize>dpFitScratch(K, p) << 3);
      const it = dpFit(xx, n, p, K, 0.5, nu0, 1e-6, MAX_ITER, par, out, trace, scratch);
      expect(it).toBeGreaterThan(3);
      expect(it).toBeLessThanOrEqual(MAX_ITER);
      for (let i = 1; i < it; i++) expect(at(trace, i) - at(trace, i - 1)).toBeGreaterThanOrEqual(-1e-9 * Math.abs(at(trace, i)));
      expect(at(out, 0)).toBe(at(trace, it - 1));
      let sumA = 0.0;
      let sumNu = 0.0;
      let small = Infinity;
      let large = 0.0;
      for (let k = 0; k < K; k++) {
        sumA += at(par, k) - 1;
        sumNu += at(par, 2 * K + k) - nu0;
        if (at(par, k) - 1 < 0.1 * <f64>n) continue;
        // a populated component's variance along trait 1: 1 / (ν_k L_k[0, 0]) for independent traits
        const variance = 1.0 / (at(par, 2 * K + k) * at(par, 3 * K + k * p * p));
        small = Math.min(small, variance);
        large = Math.max(large, variance);
      }
      expect(Math.abs(sumA - <f64>n)).toBeLessThan(1e-9);
      expect(Math.abs(sumNu - <f64>n)).toBeLessThan(1e-9);
      expect(small).toBeGreaterThan(0.6);
      expect(small).toBeLessThan(1.6);
      expect(large).toBeGreaterThan(60.0);
      expect(large).toBeLessThan(160.0);
      heap.free(xx);
      heap.free(par);
      heap.free(out);
      heap.free(trace);
      heap.free(scratch);
    }
  });

  it("returns -1 for a start whose precision is not positive definite", () => {
    const p = 2;
    const n = 10;
    const xx = pairData(n, p);
    const par = startParameters(p);
    store<f64>(par + (<usize>(3 * K + 2 * p * p + 3) << 3), -1.0); // L_2[1, 1] < 0
    const out = heap.alloc(8);
    const scratch = heap.alloc(<usize>dpFitScratch(K, p) << 3);
    expect(dpFit(xx, n, p, K, 0.5, 2.0, 1e-3, 50, par, out, 0, scratch)).toBe(-1);
    heap.free(xx);
    heap.free(par);
    heap.free(out);
    heap.free(scratch);
  });
});
