// SIMD network kernels against plain scalar versions, at batch sizes where
// remainder loops matter.
import { dense, batchNormRelu, addF32, divideF32, toFeatureMajorF32 } from "../../assembly/nn_forward";

const LENGTHS: i32[] = [1, 3, 4, 100, 240];

let state: u32 = 777;
function rnd(): f32 {
  state = state * 1664525 + 1013904223;
  return <f32>(<f64>(state >> 8) / <f64>(1 << 24) * 2.0 - 1.0);
}

function randomF32(n: i32): usize {
  const p = heap.alloc(<usize>n << 2);
  for (let i = 0; i < n; i++) store<f32>(p + (<usize>i << 2), rnd());
  return p;
}

function f32At(p: usize, i: i32): f32 {
  return load<f32>(p + (<usize>i << 2));
}

describe("dense", () => {
  it("equals y[o,b] = bias[o] + sum_k W[o,k] x[k,b], summed in k order (bit for bit)", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const nb = LENGTHS[t];
      const inDim = 7;
      // two tiles of four outputs and one left over
      const outDim = 9;
      const x = randomF32(inDim * nb);
      const w = randomF32(outDim * inDim);
      const bias = randomF32(outDim);
      const y = heap.alloc(<usize>(outDim * nb) << 2);
      dense(x, inDim, nb, w, bias, outDim, y);
      for (let o = 0; o < outDim; o++) {
        for (let b = 0; b < nb; b++) {
          let s: f32 = 0;
          for (let k = 0; k < inDim; k++) s += f32At(w, o * inDim + k) * f32At(x, k * nb + b);
          expect(f32At(y, o * nb + b)).toBe(s + f32At(bias, o));
        }
      }
    }
  });
});

describe("batchNormRelu", () => {
  it("equals max(0, (x - mean) / sqrt(var + eps) * gamma + beta)", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const nb = LENGTHS[t];
      const dim = 3;
      const y = randomF32(dim * nb);
      const orig = heap.alloc(<usize>(dim * nb) << 2);
      memory.copy(orig, y, <usize>(dim * nb) << 2);
      const mean = randomF32(dim);
      const variance = heap.alloc(<usize>dim << 2);
      for (let o = 0; o < dim; o++) store<f32>(variance + (<usize>o << 2), 0.5 + <f32>o);
      const gamma = randomF32(dim);
      const beta = randomF32(dim);
      batchNormRelu(y, dim, nb, mean, variance, gamma, beta, 1e-5);
      for (let o = 0; o < dim; o++) {
        for (let b = 0; b < nb; b++) {
          const v = (f32At(orig, o * nb + b) - f32At(mean, o)) / Mathf.sqrt(f32At(variance, o) + 1e-5) * f32At(gamma, o) + f32At(beta, o);
          expect(Mathf.abs(f32At(y, o * nb + b) - (v > 0 ? v : 0))).toBeLessThan(1e-5);
        }
      }
    }
  });
});

describe("addF32 and divideF32", () => {
  it("add elementwise and divide by a count", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const a = randomF32(n);
      const b = randomF32(n);
      const orig = heap.alloc(<usize>n << 2);
      memory.copy(orig, a, <usize>n << 2);
      addF32(a, b, n);
      divideF32(a, n, 3);
      for (let i = 0; i < n; i++) expect(f32At(a, i)).toBe((f32At(orig, i) + f32At(b, i)) / 3);
    }
  });
});

describe("toFeatureMajorF32", () => {
  it("transposes row-major float64 into feature-major float32", () => {
    const n = 3;
    const w = 2;
    const src = heap.alloc(<usize>(n * w) << 3);
    for (let i = 0; i < n * w; i++) store<f64>(src + (<usize>i << 3), <f64>i + 0.5);
    const dst = heap.alloc(<usize>(n * w) << 2);
    toFeatureMajorF32(src, n, w, dst);
    // row i, col k -> dst[k * n + i] = i * w + k + 0.5
    for (let i = 0; i < n; i++) for (let k = 0; k < w; k++) expect(f32At(dst, k * n + i)).toBe(<f32>(i * w + k) + 0.5);
  });
});
