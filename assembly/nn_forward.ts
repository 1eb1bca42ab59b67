// Forward pass of the ML-MAGES fully connected network in eval mode, float32,
// batched over variants. Activations are feature-major: x[k * nb + b] is
// feature k of variant b, so every kernel runs SIMD over variants.
// see: ML-MAGES FCNN: (Linear -> BatchNorm1d -> ReLU -> Dropout) x L, Linear -> 1.

/** Transposes a row-major n x w float64 matrix into feature-major float32 (w x n). */
export function toFeatureMajorF32(src: usize, n: i32, w: i32, dst: usize): void {
  for (let i = 0; i < n; i++) {
    const s = src + ((<usize>i * <usize>w) << 3);
    for (let k = 0; k < w; k++) {
      store<f32>(dst + ((<usize>k * <usize>n + <usize>i) << 2), <f32>load<f64>(s + (<usize>k << 3)));
    }
  }
}

/**
 * Linear layer y = W x + b over a batch (PyTorch nn.Linear, weight out x in).
 * y[o, b] = bias[o] + sum_k W[o, k] * x[k, b], SIMD over the batch, four
 * outputs at a time so that each load of x serves four of them; every y[o, b]
 * is summed in the order k = 0, 1, ... and the bias added last, as by one
 * output at a time.
 */
// see: PyTorch nn.Linear, y = x A^T + b.
export function dense(x: usize, inDim: i32, nb: i32, weight: usize, bias: usize, outDim: i32, y: usize): void {
  let o = 0;
  for (; o + 4 <= outDim; o += 4) denseFour(x, inDim, nb, weight, bias, o, y);
  for (; o < outDim; o++) denseOne(x, inDim, nb, weight, bias, o, y);
}

/** Outputs o..o+3 of dense. */
function denseFour(x: usize, inDim: i32, nb: i32, weight: usize, bias: usize, o: i32, y: usize): void {
  const rowBytes = <usize>inDim << 2;
  const w0 = weight + <usize>o * rowBytes;
  const w1 = w0 + rowBytes;
  const w2 = w1 + rowBytes;
  const w3 = w2 + rowBytes;
  const y0 = y + ((<usize>o * <usize>nb) << 2);
  const yStride = <usize>nb << 2;
  let b = 0;
  for (; b + 4 <= nb; b += 4) {
    let a0 = f32x4.splat(0);
    let a1 = a0;
    let a2 = a0;
    let a3 = a0;
    for (let k = 0; k < inDim; k++) {
      const xv = v128.load(x + ((<usize>k * <usize>nb + <usize>b) << 2));
      const kb = <usize>k << 2;
      a0 = f32x4.add(a0, f32x4.mul(f32x4.splat(load<f32>(w0 + kb)), xv));
      a1 = f32x4.add(a1, f32x4.mul(f32x4.splat(load<f32>(w1 + kb)), xv));
      a2 = f32x4.add(a2, f32x4.mul(f32x4.splat(load<f32>(w2 + kb)), xv));
      a3 = f32x4.add(a3, f32x4.mul(f32x4.splat(load<f32>(w3 + kb)), xv));
    }
    const at = y0 + (<usize>b << 2);
    v128.store(at, f32x4.add(a0, f32x4.splat(load<f32>(bias + (<usize>o << 2)))));
    v128.store(at + yStride, f32x4.add(a1, f32x4.splat(load<f32>(bias + (<usize>(o + 1) << 2)))));
    v128.store(at + 2 * yStride, f32x4.add(a2, f32x4.splat(load<f32>(bias + (<usize>(o + 2) << 2)))));
    v128.store(at + 3 * yStride, f32x4.add(a3, f32x4.splat(load<f32>(bias + (<usize>(o + 3) << 2)))));
  }
  for (; b < nb; b++) for (let q = 0; q < 4; q++) denseScalar(x, inDim, nb, weight, bias, o + q, y, b);
}

/** Output o of dense. */
function denseOne(x: usize, inDim: i32, nb: i32, weight: usize, bias: usize, o: i32, y: usize): void {
  const yo = y + ((<usize>o * <usize>nb) << 2);
  const wo = weight + ((<usize>o * <usize>inDim) << 2);
  const bo = load<f32>(bias + (<usize>o << 2));
  let b = 0;
  for (; b + 4 <= nb; b += 4) {
    let acc = f32x4.splat(0);
    for (let k = 0; k < inDim; k++) {
      const xv = v128.load(x + ((<usize>k * <usize>nb + <usize>b) << 2));
      acc = f32x4.add(acc, f32x4.mul(f32x4.splat(load<f32>(wo + (<usize>k << 2))), xv));
    }
    v128.store(yo + (<usize>b << 2), f32x4.add(acc, f32x4.splat(bo)));
  }
  for (; b < nb; b++) denseScalar(x, inDim, nb, weight, bias, o, y, b);
}

/** y[o, b] of dense, one variant (the batch's remainder). */
@inline
function denseScalar(x: usize, inDim: i32, nb: i32, weight: usize, bias: usize, o: i32, y: usize, b: i32): void {
  const wo = weight + ((<usize>o * <usize>inDim) << 2);
  let acc: f32 = 0;
  for (let k = 0; k < inDim; k++) acc += load<f32>(wo + (<usize>k << 2)) * load<f32>(x + ((<usize>k * <usize>nb + <usize>b) << 2));
  store<f32>(y + ((<usize>o * <usize>nb + <usize>b) << 2), acc + load<f32>(bias + (<usize>o << 2)));
}

/**
 * BatchNorm1d in eval mode followed by ReLU, in place:
 * y = max(0, (x - mean) / sqrt(var + eps) * gamma + beta), computed as
 * x * a + c with a = gamma / sqrt(var + eps), c = beta - mean * a.
 */
// see: Ioffe & Szegedy (2015), eq. in Alg. 2 (inference); PyTorch BatchNorm1d.
export function batchNormRelu(y: usize, dim: i32, nb: i32, mean: usize, variance: usize, gamma: usize, beta: usize, eps: f32): void {
  const zero = f32x4.splat(0);
  for (let o = 0; o < dim; o++) {
    const a: f32 = load<f32>(gamma + (<usize>o << 2)) / Mathf.sqrt(load<f32>(variance + (<usize>o << 2)) + eps);
    const c: f32 = load<f32>(beta + (<usize>o << 2)) - load<f32>(mean + (<usize>o << 2)) * a;
    const va = f32x4.splat(a);
    const vc = f32x4.splat(c);
    const yo = y + ((<usize>o * <usize>nb) << 2);
    let b = 0;
    for (; b + 4 <= nb; b += 4) {
      const p = yo + (<usize>b << 2);
      v128.store(p, f32x4.max(f32x4.add(f32x4.mul(v128.load(p), va), vc), zero));
    }
    for (; b < nb; b++) {
      const p = yo + (<usize>b << 2);
      const v = load<f32>(p) * a + c;
      store<f32>(p, v > 0 ? v : 0);
    }
  }
}

/** acc[b] += y[b], float32, SIMD: sums ensemble members' predictions. */
export function addF32(acc: usize, y: usize, n: i32): void {
  let b = 0;
  for (; b + 4 <= n; b += 4) {
    const p = acc + (<usize>b << 2);
    v128.store(p, f32x4.add(v128.load(p), v128.load(y + (<usize>b << 2))));
  }
  for (; b < n; b++) {
    const p = acc + (<usize>b << 2);
    store<f32>(p, load<f32>(p) + load<f32>(y + (<usize>b << 2)));
  }
}

/** x[b] /= d, float32, SIMD: the ensemble mean from the sum (as numpy divides). */
export function divideF32(x: usize, n: i32, d: f32): void {
  const vd = f32x4.splat(d);
  let b = 0;
  for (; b + 4 <= n; b += 4) {
    const p = x + (<usize>b << 2);
    v128.store(p, f32x4.div(v128.load(p), vd));
  }
  for (; b < n; b++) {
    const p = x + (<usize>b << 2);
    store<f32>(p, load<f32>(p) / d);
  }
}
