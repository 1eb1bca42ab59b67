// SIMD mixture kernels against plain scalar versions, at lengths where the
// two-lane remainder matters, and the two-lane exp against Math.exp.
import { dpResponsibilities, dpStep, dpStepScratch, dpAssign } from "../../assembly/dp_mixture";
import { expF64x2 } from "../../assembly/dp_exp";

const LENGTHS: i32[] = [1, 3, 4, 100, 240];
// dpStep works in blocks of DP_BLOCK (64) variants: also a final block of one.
const STEP_LENGTHS: i32[] = [1, 3, 4, 100, 129, 240];
// dpStep is unrolled for m = 1, 3, 6 (1-3 traits); m = 10 (4 traits) takes the generic loop.
const STEP_PAIRS: i32[] = [1, 3, 6, 10];
let K: i32 = 5; // odd: the exps' two-component turns and the last one alone; dpStep also runs K = 4
let M: i32 = 3; // p = 2 unless a test sets it

let state: u32 = 4242;
function rnd(): f64 {
  state = state * 1664525 + 1013904223;
  return <f64>(state >> 8) / <f64>(1 << 24) * 2.0 - 1.0;
}

function randomF64(n: i32, scale: f64): usize {
  const p = heap.alloc(<usize>n << 3);
  for (let i = 0; i < n; i++) store<f64>(p + (<usize>i << 3), rnd() * scale);
  return p;
}

function at(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

// log rho[k, v] = c_k + sum_q w[k, q] xx[q, v]
function scalarLogRho(xx: usize, n: i32, w: usize, c: usize, k: i32, v: i32): f64 {
  let s = at(c, k);
  for (let q = 0; q < M; q++) s += at(w, k * M + q) * at(xx, q * n + v);
  return s;
}

// log r[k, v] = log rho[k, v] - log sum_j exp(log rho[j, v]), through the maximum
function scalarLogR(xx: usize, n: i32, w: usize, c: usize, k: i32, v: i32): f64 {
  let mx = -Infinity;
  for (let j = 0; j < K; j++) mx = Math.max(mx, scalarLogRho(xx, n, w, c, j, v));
  let sum = 0.0;
  for (let j = 0; j < K; j++) sum += Math.exp(scalarLogRho(xx, n, w, c, j, v) - mx);
  return scalarLogRho(xx, n, w, c, k, v) - mx - Math.log(sum);
}

describe("expF64x2", () => {
  it("equals Math.exp to 3 ulp (6e-16 relative) in each lane on [-708, 700], and 0 below -708", () => {
    for (let i = 0; i <= 2000; i++) {
      const x = -700.0 + 0.7 * <f64>i + 0.000123;
      const y = -707.999 + 0.703 * <f64>(2000 - i); // a different table entry and exponent in lane 1
      const e = expF64x2(f64x2.replace_lane(f64x2.splat(x), 1, y));
      expect(Math.abs(f64x2.extract_lane(e, 0) - Math.exp(x)) / Math.exp(x)).toBeLessThan(6e-16);
      expect(Math.abs(f64x2.extract_lane(e, 1) - Math.exp(y)) / Math.exp(y)).toBeLessThan(6e-16);
    }
    const under = expF64x2(f64x2.replace_lane(f64x2.splat(-800.0), 1, -708.001));
    expect(f64x2.extract_lane(under, 0)).toBe(0.0);
    expect(f64x2.extract_lane(under, 1)).toBe(0.0);
  });
});

describe("dpResponsibilities", () => {
  it("equals the scalar softmax of log rho and its sum of r log r", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const xx = randomF64(M * n, 3.0);
      const w = randomF64(K * M, 2.0);
      const c = randomF64(K, 5.0);
      const r = heap.alloc(<usize>(K * n) << 3);
      const ent = dpResponsibilities(xx, n, M, w, c, K, r);
      let want = 0.0;
      for (let v = 0; v < n; v++) {
        for (let k = 0; k < K; k++) {
          const lr = scalarLogR(xx, n, w, c, k, v);
          const rk = Math.exp(lr);
          expect(Math.abs(at(r, k * n + v) - rk)).toBeLessThan(1e-14);
          want += rk * lr;
        }
      }
      expect(Math.abs(ent - want)).toBeLessThan(1e-12 * <f64>(n + 1));
      heap.free(xx);
      heap.free(w);
      heap.free(c);
      heap.free(r);
    }
  });
});

describe("dpStep", () => {
  it("equals the scalar N_k, sum_v r xx and sum of r log r, r never stored, for 1 to 4 traits and K = 4, 5", () => {
    for (let t = 0; t < 2 * STEP_LENGTHS.length * STEP_PAIRS.length; t++) {
      const n = STEP_LENGTHS[t % STEP_LENGTHS.length];
      M = STEP_PAIRS[(t / STEP_LENGTHS.length) % STEP_PAIRS.length];
      K = t < STEP_LENGTHS.length * STEP_PAIRS.length ? 5 : 4;
      const xx = randomF64(M * n, 3.0);
      const w = randomF64(K * M, 2.0);
      const c = randomF64(K, 5.0);
      const out = heap.alloc(<usize>(K * (M + 1)) << 3);
      const scratch = heap.alloc(<usize>dpStepScratch(K) << 3);
      const ent = dpStep(xx, n, M, w, c, K, out, scratch);
      const nk = new Array<f64>(K * (M + 1)).fill(0.0);
      let want = 0.0;
      for (let v = 0; v < n; v++) {
        for (let k = 0; k < K; k++) {
          const lr = scalarLogR(xx, n, w, c, k, v);
          const rk = Math.exp(lr);
          want += rk * lr;
          nk[k * (M + 1)] += rk;
          for (let q = 0; q < M; q++) nk[k * (M + 1) + 1 + q] += rk * at(xx, q * n + v);
        }
      }
      for (let i = 0; i < K * (M + 1); i++) expect(Math.abs(at(out, i) - nk[i])).toBeLessThan(1e-11 * <f64>(n + 1));
      expect(Math.abs(ent - want)).toBeLessThan(1e-12 * <f64>(n + 1));
      heap.free(xx);
      heap.free(w);
      heap.free(c);
      heap.free(out);
      heap.free(scratch);
    }
    M = 3;
    K = 5;
  });
});

describe("dpAssign", () => {
  it("equals the scalar first argmax and the sum of maxima", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const xx = randomF64(M * n, 3.0);
      const w = randomF64(K * M, 2.0);
      const c = randomF64(K, 5.0);
      const labels = heap.alloc(<usize>n << 2);
      const total = dpAssign(xx, n, M, w, c, K, labels);
      let want = 0.0;
      for (let v = 0; v < n; v++) {
        let best = scalarLogRho(xx, n, w, c, 0, v);
        let arg = 0;
        for (let k = 1; k < K; k++) {
          const s = scalarLogRho(xx, n, w, c, k, v);
          if (s > best) {
            best = s;
            arg = k;
          }
        }
        expect(load<i32>(labels + (<usize>v << 2))).toBe(arg);
        want += best;
      }
      expect(Math.abs(total - want)).toBeLessThan(1e-11 * <f64>(n + 1));
      heap.free(xx);
      heap.free(w);
      heap.free(c);
      heap.free(labels);
    }
  });
});
