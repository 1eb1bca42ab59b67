// Training kernels of the ML-MAGES fully connected network, float32 like
// PyTorch, batched over variants. Activations are feature-major as in
// nn_forward.ts (x[k * nb + b] is feature k of sample b), so the kernels run
// SIMD over the samples of a mini-batch. The forward linear layer is
// nn_forward's `dense`; this file adds what training needs: the batch gather,
// BatchNorm in training mode, ReLU, dropout with a counter-based mask, the
// weighted MSE loss, the backward pass of each layer, the gradient of the L2
// term and the Adam update.
// see: ML-MAGES _train_funcs.py (FCNN, WeightedMSELoss) and train_model.py.

/** Sum of the four lanes of an f32x4, in a fixed order (deterministic). */
@inline
function hsum(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** sum_b a[b] over n floats, SIMD with a scalar tail. */
@inline
function sumF32(a: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let b = 0;
  for (; b + 4 <= n; b += 4) acc = f32x4.add(acc, v128.load(a + (<usize>b << 2)));
  let s = hsum(acc);
  for (; b < n; b++) s += load<f32>(a + (<usize>b << 2));
  return s;
}

/** sum_b a[b] * c[b] over n floats, SIMD with a scalar tail. */
@inline
function dotF32(a: usize, c: usize, n: i32): f32 {
  let acc = f32x4.splat(0);
  let b = 0;
  for (; b + 4 <= n; b += 4) acc = f32x4.add(acc, f32x4.mul(v128.load(a + (<usize>b << 2)), v128.load(c + (<usize>b << 2))));
  let s = hsum(acc);
  for (; b < n; b++) s += load<f32>(a + (<usize>b << 2)) * load<f32>(c + (<usize>b << 2));
  return s;
}

/**
 * Mini-batch gather: x[k * nb + b] = rows[idx[b] * width + k] and
 * y[b] = target[idx[b]], from row-major float32 samples into the
 * feature-major batch layout. Indexed loads, so scalar.
 */
// see: train_model.py, X_tr_torch[perm_idx][i:i+bs] (shuffled mini-batches).
export function gatherBatch(rows: usize, width: i32, target: usize, idx: usize, nb: i32, x: usize, y: usize): void {
  for (let b = 0; b < nb; b++) {
    const i = <usize>load<i32>(idx + (<usize>b << 2));
    const src = rows + ((i * <usize>width) << 2);
    for (let k = 0; k < width; k++) {
      store<f32>(x + ((<usize>k * <usize>nb + <usize>b) << 2), load<f32>(src + (<usize>k << 2)));
    }
    store<f32>(y + (<usize>b << 2), load<f32>(target + (i << 2)));
  }
}

/**
 * BatchNorm1d in training mode over a batch of nb >= 2, per feature o:
 *   mean = (1/nb) sum_b x_b,  var = (1/nb) sum_b (x_b - mean)^2  (biased),
 *   invStd = 1 / sqrt(var + eps),  xhat_b = (x_b - mean) * invStd,
 *   y_b = gamma * xhat_b + beta,
 *   runMean <- (1 - momentum) runMean + momentum mean,
 *   runVar  <- (1 - momentum) runVar + momentum var * nb / (nb - 1)  (unbiased).
 * Keeps xhat (dim x nb) and invStd (dim) for the backward pass; y may be x.
 */
// see: Ioffe & Szegedy (2015), Alg. 1; PyTorch BatchNorm1d docs (momentum, unbiased running var).
export function batchNormTrain(
  x: usize, dim: i32, nb: i32, gamma: usize, beta: usize, eps: f32, momentum: f32,
  runMean: usize, runVar: usize, xhat: usize, invStd: usize, y: usize,
): void {
  const inv: f32 = 1.0 / <f32>nb;
  for (let o = 0; o < dim; o++) {
    const off = (<usize>o * <usize>nb) << 2;
    const xo = x + off;
    const ho = xhat + off;
    const yo = y + off;
    const mean = sumF32(xo, nb) * inv;
    const vm = f32x4.splat(mean);
    let acc = f32x4.splat(0);
    let b = 0;
    for (; b + 4 <= nb; b += 4) {
      const d = f32x4.sub(v128.load(xo + (<usize>b << 2)), vm);
      acc = f32x4.add(acc, f32x4.mul(d, d));
    }
    let ss = hsum(acc);
    for (; b < nb; b++) {
      const d = load<f32>(xo + (<usize>b << 2)) - mean;
      ss += d * d;
    }
    const variance = ss * inv;
    const is: f32 = 1.0 / Mathf.sqrt(variance + eps);
    const g = load<f32>(gamma + (<usize>o << 2));
    const bt = load<f32>(beta + (<usize>o << 2));
    const vis = f32x4.splat(is);
    const vg = f32x4.splat(g);
    const vb = f32x4.splat(bt);
    b = 0;
    for (; b + 4 <= nb; b += 4) {
      const h = f32x4.mul(f32x4.sub(v128.load(xo + (<usize>b << 2)), vm), vis);
      v128.store(ho + (<usize>b << 2), h);
      v128.store(yo + (<usize>b << 2), f32x4.add(f32x4.mul(h, vg), vb));
    }
    for (; b < nb; b++) {
      const h = (load<f32>(xo + (<usize>b << 2)) - mean) * is;
      store<f32>(ho + (<usize>b << 2), h);
      store<f32>(yo + (<usize>b << 2), h * g + bt);
    }
    store<f32>(invStd + (<usize>o << 2), is);
    const pm = runMean + (<usize>o << 2);
    const pv = runVar + (<usize>o << 2);
    store<f32>(pm, (1 - momentum) * load<f32>(pm) + momentum * mean);
    store<f32>(pv, (1 - momentum) * load<f32>(pv) + momentum * (ss / <f32>(nb - 1)));
  }
}

/** ReLU in place: x = max(0, x). */
// see: PyTorch nn.ReLU.
export function reluF32(x: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let b = 0;
  for (; b + 4 <= n; b += 4) {
    const p = x + (<usize>b << 2);
    v128.store(p, f32x4.max(v128.load(p), zero));
  }
  for (; b < n; b++) {
    const p = x + (<usize>b << 2);
    const v = load<f32>(p);
    store<f32>(p, v > 0 ? v : 0);
  }
}

// lowbias32 integer hash (C. Wellons, "Prospecting for hash functions", 2018):
// a bijection on u32 with near-ideal avalanche.
@inline
function mix32(h: u32): u32 {
  h ^= h >> 16;
  h *= 0x7feb352d;
  h ^= h >> 15;
  h *= 0x846ca68b;
  h ^= h >> 16;
  return h;
}

@inline
function mix32x4(h: v128): v128 {
  h = v128.xor(h, i32x4.shr_u(h, 16));
  h = i32x4.mul(h, i32x4.splat(0x7feb352d));
  h = v128.xor(h, i32x4.shr_u(h, 15));
  h = i32x4.mul(h, i32x4.splat(<i32>0x846ca68b));
  h = v128.xor(h, i32x4.shr_u(h, 16));
  return h;
}

/**
 * Inverted dropout in place with a counter-based mask: element i is kept when
 * u_i >= p, u_i = (mix32(mix32(key + i * 0x9e3779b9)) >> 8) / 2^24 uniform in
 * [0, 1); mask[i] = kept ? 1 / (1 - p) : 0 and x[i] *= mask[i]. The mask of
 * element i depends only on (key, i), so SIMD and scalar agree at any length
 * and a given key reproduces the same mask.
 */
// see: Srivastava et al. (2014) dropout; PyTorch nn.Dropout (scales kept units by 1/(1-p) in training).
export function dropoutF32(x: usize, n: i32, p: f32, key: u32, mask: usize): void {
  const scale: f32 = 1.0 / (1.0 - p);
  const golden: u32 = 0x9e3779b9;
  const vscale = f32x4.splat(scale);
  const vzero = f32x4.splat(0);
  const vp = f32x4.splat(p);
  const unit = f32x4.splat(1.0 / 16777216.0);
  const vstep = i32x4.splat(<i32>(golden * 4));
  let ctr = i32x4.add(i32x4.splat(<i32>key), i32x4(0, <i32>golden, <i32>(golden * 2), <i32>(golden * 3)));
  let b = 0;
  for (; b + 4 <= n; b += 4) {
    const h = mix32x4(mix32x4(ctr));
    const u = f32x4.mul(f32x4.convert_i32x4_u(i32x4.shr_u(h, 8)), unit);
    const m = v128.bitselect(vscale, vzero, f32x4.ge(u, vp));
    const pm = mask + (<usize>b << 2);
    const px = x + (<usize>b << 2);
    v128.store(pm, m);
    v128.store(px, f32x4.mul(v128.load(px), m));
    ctr = i32x4.add(ctr, vstep);
  }
  for (; b < n; b++) {
    const h = mix32(mix32(key + <u32>b * golden));
    const u = <f32>(h >> 8) * (1.0 / 16777216.0);
    const m: f32 = u >= p ? scale : 0;
    store<f32>(mask + (<usize>b << 2), m);
    const px = x + (<usize>b << 2);
    store<f32>(px, load<f32>(px) * m);
  }
}

/**
 * Weighted MSE of a batch and its gradient: w_b = nzWeight when |t_b| > 1e-6,
 * else 1; returns L = (1/nb) sum_b w_b (p_b - t_b)^2 and writes
 * dL/dp_b = 2 w_b (p_b - t_b) / nb into grad.
 */
// see: ML-MAGES _train_funcs.py, WeightedMSELoss.forward (torch.mean of the weighted squared errors).
export function weightedMseGrad(pred: usize, target: usize, nb: i32, nzWeight: f32, grad: usize): f32 {
  const inv: f32 = 1.0 / <f32>nb;
  const vthr = f32x4.splat(1e-6);
  const vnz = f32x4.splat(nzWeight);
  const vone = f32x4.splat(1);
  const vtwo = f32x4.splat(2.0 * inv);
  let acc = f32x4.splat(0);
  let b = 0;
  for (; b + 4 <= nb; b += 4) {
    const t = v128.load(target + (<usize>b << 2));
    const d = f32x4.sub(v128.load(pred + (<usize>b << 2)), t);
    const w = v128.bitselect(vnz, vone, f32x4.gt(f32x4.abs(t), vthr));
    const wd = f32x4.mul(w, d);
    acc = f32x4.add(acc, f32x4.mul(wd, d));
    v128.store(grad + (<usize>b << 2), f32x4.mul(wd, vtwo));
  }
  let s = hsum(acc);
  for (; b < nb; b++) {
    const t = load<f32>(target + (<usize>b << 2));
    const d = load<f32>(pred + (<usize>b << 2)) - t;
    const w: f32 = Mathf.abs(t) > 1e-6 ? nzWeight : 1;
    s += w * d * d;
    store<f32>(grad + (<usize>b << 2), w * d * (2.0 * inv));
  }
  return s * inv;
}

/**
 * sum_b w_b (p_b - t_b)^2 with the weights of `weightedMseGrad`, accumulated
 * in float64 (for the loss over a whole data set, summed chunk by chunk).
 */
// see: ML-MAGES _train_funcs.py, WeightedMSELoss.forward.
export function weightedSquaredErrorSum(pred: usize, target: usize, n: i32, nzWeight: f32): f64 {
  let s: f64 = 0;
  for (let b = 0; b < n; b++) {
    const t = load<f32>(target + (<usize>b << 2));
    const d = load<f32>(pred + (<usize>b << 2)) - t;
    const w: f32 = Mathf.abs(t) > 1e-6 ? nzWeight : 1;
    s += <f64>(w * d * d);
  }
  return s;
}

/**
 * Backward pass of y = W x + b over a batch (W is out x in, row-major):
 *   dW[o, k] = sum_b dy[o, b] x[k, b]   (dW = dy x^T),
 *   db[o]    = sum_b dy[o, b],
 *   dx[k, b] = sum_o W[o, k] dy[o, b]   (dx = W^T dy), skipped when dx is 0.
 */
// see: PyTorch nn.Linear; Goodfellow et al. (2016), Deep Learning, sec. 6.5.
export function denseBackward(
  x: usize, inDim: i32, nb: i32, weight: usize, outDim: i32, dy: usize, dW: usize, db: usize, dx: usize,
): void {
  for (let o = 0; o < outDim; o++) {
    const dyo = dy + ((<usize>o * <usize>nb) << 2);
    const dwo = dW + ((<usize>o * <usize>inDim) << 2);
    for (let k = 0; k < inDim; k++) {
      store<f32>(dwo + (<usize>k << 2), dotF32(dyo, x + ((<usize>k * <usize>nb) << 2), nb));
    }
    store<f32>(db + (<usize>o << 2), sumF32(dyo, nb));
  }
  if (dx == 0) return;
  for (let k = 0; k < inDim; k++) {
    const dxk = dx + ((<usize>k * <usize>nb) << 2);
    let b = 0;
    for (; b + 4 <= nb; b += 4) {
      let acc = f32x4.splat(0);
      for (let o = 0; o < outDim; o++) {
        const w = load<f32>(weight + ((<usize>o * <usize>inDim + <usize>k) << 2));
        acc = f32x4.add(acc, f32x4.mul(f32x4.splat(w), v128.load(dy + ((<usize>o * <usize>nb + <usize>b) << 2))));
      }
      v128.store(dxk + (<usize>b << 2), acc);
    }
    for (; b < nb; b++) {
      let s: f32 = 0;
      for (let o = 0; o < outDim; o++) {
        s += load<f32>(weight + ((<usize>o * <usize>inDim + <usize>k) << 2)) * load<f32>(dy + ((<usize>o * <usize>nb + <usize>b) << 2));
      }
      store<f32>(dxk + (<usize>b << 2), s);
    }
  }
}

/**
 * Backward pass of training-mode BatchNorm, per feature, from the xhat and
 * invStd kept by `batchNormTrain`:
 *   dgamma = sum_b dy_b xhat_b,  dbeta = sum_b dy_b,
 *   dx_b = gamma invStd / nb (nb dy_b - dbeta - xhat_b dgamma).
 * dx may be dy (in place).
 */
// see: Ioffe & Szegedy (2015), sec. 3 (gradients through the batch statistics).
export function batchNormBackward(
  dy: usize, dim: i32, nb: i32, xhat: usize, invStd: usize, gamma: usize, dGamma: usize, dBeta: usize, dx: usize,
): void {
  const fnb = <f32>nb;
  for (let o = 0; o < dim; o++) {
    const off = (<usize>o * <usize>nb) << 2;
    const dyo = dy + off;
    const ho = xhat + off;
    const dxo = dx + off;
    const dg = dotF32(dyo, ho, nb);
    const dbt = sumF32(dyo, nb);
    store<f32>(dGamma + (<usize>o << 2), dg);
    store<f32>(dBeta + (<usize>o << 2), dbt);
    const c: f32 = load<f32>(gamma + (<usize>o << 2)) * load<f32>(invStd + (<usize>o << 2)) / fnb;
    const vc = f32x4.splat(c);
    const vn = f32x4.splat(fnb);
    const vdb = f32x4.splat(dbt);
    const vdg = f32x4.splat(dg);
    let b = 0;
    for (; b + 4 <= nb; b += 4) {
      const t = f32x4.sub(f32x4.sub(f32x4.mul(vn, v128.load(dyo + (<usize>b << 2))), vdb), f32x4.mul(v128.load(ho + (<usize>b << 2)), vdg));
      v128.store(dxo + (<usize>b << 2), f32x4.mul(vc, t));
    }
    for (; b < nb; b++) {
      const t = fnb * load<f32>(dyo + (<usize>b << 2)) - dbt - load<f32>(ho + (<usize>b << 2)) * dg;
      store<f32>(dxo + (<usize>b << 2), c * t);
    }
  }
}

/**
 * ReLU backward in place: dy = y > 0 ? dy : 0, where y is the layer's output
 * (or that output after dropout: a dropped unit's dy is already 0, a kept one
 * has the same sign as before).
 */
// see: PyTorch nn.ReLU (threshold_backward).
export function reluBackward(y: usize, dy: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let b = 0;
  for (; b + 4 <= n; b += 4) {
    const p = dy + (<usize>b << 2);
    v128.store(p, v128.and(v128.load(p), f32x4.gt(v128.load(y + (<usize>b << 2)), zero)));
  }
  for (; b < n; b++) {
    const p = dy + (<usize>b << 2);
    if (!(load<f32>(y + (<usize>b << 2)) > 0)) store<f32>(p, 0);
  }
}

/** Dropout backward in place: dy *= mask (the mask of `dropoutF32`). */
// see: PyTorch nn.Dropout (backward multiplies by the same scaled mask).
export function dropoutBackward(mask: usize, dy: usize, n: i32): void {
  let b = 0;
  for (; b + 4 <= n; b += 4) {
    const p = dy + (<usize>b << 2);
    v128.store(p, f32x4.mul(v128.load(p), v128.load(mask + (<usize>b << 2))));
  }
  for (; b < n; b++) {
    const p = dy + (<usize>b << 2);
    store<f32>(p, load<f32>(p) * load<f32>(mask + (<usize>b << 2)));
  }
}

/**
 * The L2 term of one parameter tensor W (n floats): returns ||W||_2 and adds
 * its gradient scale * W / ||W||_2 to grad (nothing when ||W|| = 0, as
 * PyTorch's norm backward gives 0 there). The published loss adds
 * reg_lambda * sum_W ||W||_2 / n_param, so scale = reg_lambda / n_param.
 */
// see: ML-MAGES train_model.py (l2_reg = sum of W.norm(2)); d||W||/dW = W / ||W||.
export function l2GradAdd(w: usize, n: i32, scale: f32, grad: usize): f32 {
  const norm = Mathf.sqrt(dotF32(w, w, n));
  if (!(norm > 0)) return 0;
  const c = scale / norm;
  const vc = f32x4.splat(c);
  let b = 0;
  for (; b + 4 <= n; b += 4) {
    const p = grad + (<usize>b << 2);
    v128.store(p, f32x4.add(v128.load(p), f32x4.mul(vc, v128.load(w + (<usize>b << 2)))));
  }
  for (; b < n; b++) {
    const p = grad + (<usize>b << 2);
    store<f32>(p, load<f32>(p) + c * load<f32>(w + (<usize>b << 2)));
  }
  return norm;
}

/**
 * One Adam step on n parameters (PyTorch's formulation of Alg. 1):
 *   m = beta1 m + (1 - beta1) g,  v = beta2 v + (1 - beta2) g^2,
 *   p -= stepSize * m / (sqrt(v) / bc2Sqrt + eps),
 * with stepSize = lr / (1 - beta1^t) and bc2Sqrt = sqrt(1 - beta2^t)
 * computed by the host for step t (1-based).
 */
// see: Kingma & Ba (2015), Algorithm 1; PyTorch torch.optim.Adam docs.
export function adamStep(
  param: usize, grad: usize, m: usize, v: usize, n: i32,
  beta1: f32, beta2: f32, stepSize: f32, bc2Sqrt: f32, eps: f32,
): void {
  const vb1 = f32x4.splat(beta1);
  const vb1c = f32x4.splat(1 - beta1);
  const vb2 = f32x4.splat(beta2);
  const vb2c = f32x4.splat(1 - beta2);
  const vstep = f32x4.splat(stepSize);
  const vbc2 = f32x4.splat(bc2Sqrt);
  const veps = f32x4.splat(eps);
  let b = 0;
  for (; b + 4 <= n; b += 4) {
    const o = <usize>b << 2;
    const g = v128.load(grad + o);
    const mm = f32x4.add(f32x4.mul(vb1, v128.load(m + o)), f32x4.mul(vb1c, g));
    const vv = f32x4.add(f32x4.mul(vb2, v128.load(v + o)), f32x4.mul(vb2c, f32x4.mul(g, g)));
    v128.store(m + o, mm);
    v128.store(v + o, vv);
    const denom = f32x4.add(f32x4.div(f32x4.sqrt(vv), vbc2), veps);
    v128.store(param + o, f32x4.sub(v128.load(param + o), f32x4.div(f32x4.mul(vstep, mm), denom)));
  }
  for (; b < n; b++) {
    const o = <usize>b << 2;
    const g = load<f32>(grad + o);
    const mm = beta1 * load<f32>(m + o) + (1 - beta1) * g;
    const vv = beta2 * load<f32>(v + o) + (1 - beta2) * (g * g);
    store<f32>(m + o, mm);
    store<f32>(v + o, vv);
    const denom = Mathf.sqrt(vv) / bc2Sqrt + eps;
    store<f32>(param + o, load<f32>(param + o) - (stepSize * mm) / denom);
  }
}
