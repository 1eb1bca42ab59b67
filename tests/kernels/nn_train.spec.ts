// SIMD training kernels against plain scalar versions written here from the
// formulas, at batch sizes where the remainder loops matter.
import { dense } from "../../assembly/nn_forward";
import {
  gatherBatch, batchNormTrain, reluF32, dropoutF32, weightedMseGrad, weightedSquaredErrorSum,
  denseBackward, batchNormBackward, reluBackward, dropoutBackward, l2GradAdd, adamStep,
} from "../../assembly/nn_train";

const LENGTHS: i32[] = [1, 3, 4, 100, 240];

let state: u32 = 4242;
function rnd(): f32 {
  state = state * 1664525 + 1013904223;
  return <f32>(<f64>(state >> 8) / <f64>(1 << 24) * 2.0 - 1.0);
}

function randomF32(n: i32): usize {
  const p = heap.alloc(<usize>max(n, 1) << 2);
  for (let i = 0; i < n; i++) store<f32>(p + (<usize>i << 2), rnd());
  return p;
}

function zerosF32(n: i32): usize {
  const p = heap.alloc(<usize>max(n, 1) << 2);
  memory.fill(p, 0, <usize>max(n, 1) << 2);
  return p;
}

function copyF32(src: usize, n: i32): usize {
  const p = heap.alloc(<usize>max(n, 1) << 2);
  memory.copy(p, src, <usize>n << 2);
  return p;
}

function at(p: usize, i: i32): f32 {
  return load<f32>(p + (<usize>i << 2));
}

function set(p: usize, i: i32, v: f32): void {
  store<f32>(p + (<usize>i << 2), v);
}

/** |a - b| <= tol * max(1, |b|). */
function close(a: f32, b: f32, tol: f32): bool {
  return Mathf.abs(a - b) <= tol * Mathf.max(1, Mathf.abs(b));
}

function mix32(h: u32): u32 {
  h ^= h >> 16;
  h *= 0x7feb352d;
  h ^= h >> 15;
  h *= 0x846ca68b;
  h ^= h >> 16;
  return h;
}

describe("gatherBatch", () => {
  it("puts row idx[b] of the samples at column b of the feature-major batch", () => {
    const n = 7;
    const width = 3;
    const rows = heap.alloc(<usize>(n * width) << 2);
    for (let i = 0; i < n * width; i++) set(rows, i, <f32>i);
    const target = heap.alloc(<usize>n << 2);
    for (let i = 0; i < n; i++) set(target, i, <f32>100 + <f32>i);
    const idx = heap.alloc(3 << 2);
    store<i32>(idx, 5);
    store<i32>(idx + 4, 0);
    store<i32>(idx + 8, 2);
    const x = heap.alloc(<usize>(width * 3) << 2);
    const y = heap.alloc(3 << 2);
    gatherBatch(rows, width, target, idx, 3, x, y);
    // x[k * 3 + b] = rows[idx[b] * 3 + k]
    expect(at(x, 0)).toBe(15);
    expect(at(x, 1)).toBe(0);
    expect(at(x, 2)).toBe(6);
    expect(at(x, 2 * 3 + 0)).toBe(17);
    expect(at(x, 2 * 3 + 2)).toBe(8);
    expect(at(y, 0)).toBe(105);
    expect(at(y, 1)).toBe(100);
    expect(at(y, 2)).toBe(102);
  });
});

describe("batchNormTrain", () => {
  it("normalises by the batch mean and biased variance and updates the running stats with the unbiased one", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const nb = LENGTHS[t];
      const dim = 3;
      const x = randomF32(dim * nb);
      const gamma = randomF32(dim);
      const beta = randomF32(dim);
      const rm = randomF32(dim);
      const rv = heap.alloc(<usize>dim << 2);
      for (let o = 0; o < dim; o++) set(rv, o, 1 + <f32>o);
      const rm0 = copyF32(rm, dim);
      const rv0 = copyF32(rv, dim);
      const xhat = zerosF32(dim * nb);
      const invStd = zerosF32(dim);
      const y = zerosF32(dim * nb);
      batchNormTrain(x, dim, nb, gamma, beta, 1e-5, 0.1, rm, rv, xhat, invStd, y);
      for (let o = 0; o < dim; o++) {
        let mean: f64 = 0;
        for (let b = 0; b < nb; b++) mean += <f64>at(x, o * nb + b);
        mean /= <f64>nb;
        let ss: f64 = 0;
        for (let b = 0; b < nb; b++) ss += (<f64>at(x, o * nb + b) - mean) * (<f64>at(x, o * nb + b) - mean);
        const is = 1.0 / Math.sqrt(ss / <f64>nb + 1e-5);
        expect(close(at(invStd, o), <f32>is, 1e-5)).toBe(true);
        for (let b = 0; b < nb; b++) {
          const h = (<f64>at(x, o * nb + b) - mean) * is;
          expect(close(at(xhat, o * nb + b), <f32>h, 1e-4)).toBe(true);
          expect(close(at(y, o * nb + b), <f32>(h * <f64>at(gamma, o) + <f64>at(beta, o)), 1e-4)).toBe(true);
        }
        expect(close(at(rm, o), <f32>(0.9 * <f64>at(rm0, o) + 0.1 * mean), 1e-5)).toBe(true);
        if (nb > 1) expect(close(at(rv, o), <f32>(0.9 * <f64>at(rv0, o) + 0.1 * ss / <f64>(nb - 1)), 1e-5)).toBe(true);
      }
    }
  });
});

describe("reluF32 and reluBackward", () => {
  it("clamp at zero and pass the gradient only where the output is positive", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const x = randomF32(n);
      const x0 = copyF32(x, n);
      const dy = randomF32(n);
      const dy0 = copyF32(dy, n);
      reluF32(x, n);
      reluBackward(x, dy, n);
      for (let i = 0; i < n; i++) {
        const v = at(x0, i);
        expect(at(x, i)).toBe(v > 0 ? v : 0);
        expect(at(dy, i)).toBe(v > 0 ? at(dy0, i) : 0);
      }
    }
  });
});

describe("dropoutF32 and dropoutBackward", () => {
  it("keep element i when mix32(mix32(key + i * golden)) / 2^32 >= p, scaled by 1 / (1 - p)", () => {
    const p: f32 = 0.2;
    const key: u32 = 0xdeadbeef;
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const x = randomF32(n);
      const x0 = copyF32(x, n);
      const mask = zerosF32(n);
      const dy = randomF32(n);
      const dy0 = copyF32(dy, n);
      dropoutF32(x, n, p, key, mask);
      dropoutBackward(mask, dy, n);
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const u = <f32>(mix32(mix32(key + <u32>i * 0x9e3779b9)) >> 8) * (1.0 / 16777216.0);
        const m: f32 = u >= p ? 1.0 / (1.0 - p) : 0;
        if (m > 0) kept++;
        expect(at(mask, i)).toBe(m);
        expect(at(x, i)).toBe(at(x0, i) * m);
        expect(at(dy, i)).toBe(at(dy0, i) * m);
      }
      if (n == 240) {
        expect(kept).toBeGreaterThan(170);
        expect(kept).toBeLessThan(215);
      }
    }
  });
});

describe("weightedMseGrad and weightedSquaredErrorSum", () => {
  it("weight non-zero targets by nzWeight; gradient 2 w (p - t) / n", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const pred = randomF32(n);
      const target = randomF32(n);
      for (let i = 0; i < n; i += 3) set(target, i, 0);
      const grad = zerosF32(n);
      const loss = weightedMseGrad(pred, target, n, 2, grad);
      let s: f64 = 0;
      for (let i = 0; i < n; i++) {
        const w: f64 = Mathf.abs(at(target, i)) > 1e-6 ? 2 : 1;
        const d = <f64>at(pred, i) - <f64>at(target, i);
        s += w * d * d;
        expect(close(at(grad, i), <f32>(2 * w * d / <f64>n), 1e-5)).toBe(true);
      }
      expect(close(loss, <f32>(s / <f64>n), 1e-5)).toBe(true);
      expect(Math.abs(weightedSquaredErrorSum(pred, target, n, 2) - s)).toBeLessThan(1e-5 * Math.max(1, s));
    }
  });
});

describe("denseBackward", () => {
  it("gives dW = dy x^T, db = sum dy and dx = W^T dy", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const nb = LENGTHS[t];
      const inDim = 6;
      const outDim = 5;
      const x = randomF32(inDim * nb);
      const w = randomF32(outDim * inDim);
      const dy = randomF32(outDim * nb);
      const dW = zerosF32(outDim * inDim);
      const db = zerosF32(outDim);
      const dx = zerosF32(inDim * nb);
      denseBackward(x, inDim, nb, w, outDim, dy, dW, db, dx);
      for (let o = 0; o < outDim; o++) {
        let sb: f32 = 0;
        for (let b = 0; b < nb; b++) sb += at(dy, o * nb + b);
        expect(close(at(db, o), sb, 1e-5)).toBe(true);
        for (let k = 0; k < inDim; k++) {
          let s: f32 = 0;
          for (let b = 0; b < nb; b++) s += at(dy, o * nb + b) * at(x, k * nb + b);
          expect(close(at(dW, o * inDim + k), s, 1e-5)).toBe(true);
        }
      }
      for (let k = 0; k < inDim; k++) {
        for (let b = 0; b < nb; b++) {
          let s: f32 = 0;
          for (let o = 0; o < outDim; o++) s += at(w, o * inDim + k) * at(dy, o * nb + b);
          expect(close(at(dx, k * nb + b), s, 1e-5)).toBe(true);
        }
      }
    }
  });

  it("is the derivative of dense: d/dW_ok of sum(dy * y) is dW_ok", () => {
    const nb = 5;
    const inDim = 3;
    const outDim = 2;
    const x = randomF32(inDim * nb);
    const w = randomF32(outDim * inDim);
    const bias = randomF32(outDim);
    const dy = randomF32(outDim * nb);
    const dW = zerosF32(outDim * inDim);
    const db = zerosF32(outDim);
    denseBackward(x, inDim, nb, w, outDim, dy, dW, db, 0);
    const y = zerosF32(outDim * nb);
    // the objective is linear in W, so one finite difference of size 1 is exact up to rounding
    dense(x, inDim, nb, w, bias, outDim, y);
    let f0: f32 = 0;
    for (let i = 0; i < outDim * nb; i++) f0 += at(dy, i) * at(y, i);
    set(w, 4, at(w, 4) + 1);
    dense(x, inDim, nb, w, bias, outDim, y);
    let f1: f32 = 0;
    for (let i = 0; i < outDim * nb; i++) f1 += at(dy, i) * at(y, i);
    expect(close(f1 - f0, at(dW, 4), 1e-4)).toBe(true);
  });
});

describe("batchNormBackward", () => {
  it("gives dgamma = sum dy xhat, dbeta = sum dy, dx = gamma invStd / n (n dy - dbeta - xhat dgamma)", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const nb = LENGTHS[t];
      const dim = 4;
      const xhat = randomF32(dim * nb);
      const invStd = randomF32(dim);
      const gamma = randomF32(dim);
      const dy = randomF32(dim * nb);
      const dy0 = copyF32(dy, dim * nb);
      const dg = zerosF32(dim);
      const dbt = zerosF32(dim);
      batchNormBackward(dy, dim, nb, xhat, invStd, gamma, dg, dbt, dy);
      for (let o = 0; o < dim; o++) {
        let sg: f32 = 0;
        let sb: f32 = 0;
        for (let b = 0; b < nb; b++) {
          sg += at(dy0, o * nb + b) * at(xhat, o * nb + b);
          sb += at(dy0, o * nb + b);
        }
        expect(close(at(dg, o), sg, 1e-5)).toBe(true);
        expect(close(at(dbt, o), sb, 1e-5)).toBe(true);
        const c = at(gamma, o) * at(invStd, o) / <f32>nb;
        for (let b = 0; b < nb; b++) {
          const v = c * (<f32>nb * at(dy0, o * nb + b) - sb - at(xhat, o * nb + b) * sg);
          expect(close(at(dy, o * nb + b), v, 1e-4)).toBe(true);
        }
      }
    }
  });
});

describe("l2GradAdd", () => {
  it("returns ||W|| and adds scale * W / ||W|| to the gradient; nothing for W = 0", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const w = randomF32(n);
      const g = randomF32(n);
      const g0 = copyF32(g, n);
      const norm = l2GradAdd(w, n, 0.5, g);
      let ss: f32 = 0;
      for (let i = 0; i < n; i++) ss += at(w, i) * at(w, i);
      expect(close(norm, Mathf.sqrt(ss), 1e-5)).toBe(true);
      for (let i = 0; i < n; i++) expect(close(at(g, i), at(g0, i) + 0.5 * at(w, i) / Mathf.sqrt(ss), 1e-5)).toBe(true);
      const z = zerosF32(n);
      const g1 = copyF32(g0, n);
      expect(l2GradAdd(z, n, 0.5, g1)).toBe(0);
      for (let i = 0; i < n; i++) expect(at(g1, i)).toBe(at(g0, i));
    }
  });
});

describe("adamStep", () => {
  it("equals the scalar update m, v, p -= stepSize m / (sqrt(v) / bc2Sqrt + eps)", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const p = randomF32(n);
      const g = randomF32(n);
      const m = randomF32(n);
      const v = randomF32(n);
      for (let i = 0; i < n; i++) set(v, i, Mathf.abs(at(v, i)));
      const p0 = copyF32(p, n);
      const m0 = copyF32(m, n);
      const v0 = copyF32(v, n);
      const stepSize: f32 = 1e-3 / (1 - 0.9 * 0.9);
      const bc2: f32 = Mathf.sqrt(1 - 0.999 * 0.999);
      adamStep(p, g, m, v, n, 0.9, 0.999, stepSize, bc2, 1e-8);
      for (let i = 0; i < n; i++) {
        const mm: f32 = 0.9 * at(m0, i) + (1 - <f32>0.9) * at(g, i);
        const vv: f32 = 0.999 * at(v0, i) + (1 - <f32>0.999) * (at(g, i) * at(g, i));
        expect(at(m, i)).toBe(mm);
        expect(at(v, i)).toBe(vv);
        expect(at(p, i)).toBe(at(p0, i) - (stepSize * mm) / (Mathf.sqrt(vv) / bc2 + 1e-8));
      }
    }
  });
});
