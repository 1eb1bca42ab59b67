// Per-variant passes of coordinate-ascent variational inference for a
// truncated stick-breaking (Dirichlet-process) mixture of zero-mean Gaussians.
// Data are held as the unique products of each variant's effects:
//   xx[q * n + v] = x_v,i * x_v,j   for the m = p (p + 1) / 2 pairs q = (i <= j),
// so any quadratic form x_v' A x_v is sum_q w_q xx[q, v] with
//   w_q = A_ii (i = j) or 2 A_ij (i < j),
// and every kernel runs SIMD over variants (two f64 lanes).
// see: Blei & Jordan (2006), "Variational inference for Dirichlet process
//      mixtures", Bayesian Analysis 1(1), sec. 5; Bishop (2006), PRML, sec. 10.2;
//      ML-MAGES mlmages/_cls_funcs.py: run_VEM, pred_mixture, compute_IC.

import { expF64x2 } from "./dp_exp";

// log rho of component k for variants v, v+1: c_k + sum_q w[k, q] xx[q, v].
@inline
function logRho2(xx: usize, n: i32, m: i32, w: usize, c: usize, k: i32, v: i32): v128 {
  let s = f64x2.splat(load<f64>(c + (<usize>k << 3)));
  const wk = w + ((<usize>k * <usize>m) << 3);
  for (let q = 0; q < m; q++) {
    const x = v128.load(xx + ((<usize>q * <usize>n + <usize>v) << 3));
    s = f64x2.add(s, f64x2.mul(f64x2.splat(load<f64>(wk + (<usize>q << 3))), x));
  }
  return s;
}

@inline
function logRho1(xx: usize, n: i32, m: i32, w: usize, c: usize, k: i32, v: i32): f64 {
  let s = load<f64>(c + (<usize>k << 3));
  const wk = w + ((<usize>k * <usize>m) << 3);
  for (let q = 0; q < m; q++) s += load<f64>(wk + (<usize>q << 3)) * load<f64>(xx + ((<usize>q * <usize>n + <usize>v) << 3));
  return s;
}

// Scratch for the two sums softmax2/softmax1 hand back (this instance is single-threaded).
const SUMS = memory.data(32);

/**
 * The softmax of one variant pair over components, in place: the K pairs at
 * base + k * stride hold log rho - (anything), mx their maximum; each becomes
 *   r_k = e_k / s,  e_k = exp(d_k),  d_k = log rho_k - mx,  s = sum_k e_k,
 * and s and ed = sum_k e_k d_k are stored at SUMS and SUMS + 16.
 */
@inline
function softmax2(base: usize, stride: usize, K: i32, mx: v128): void {
  let sum = f64x2.splat(0);
  let ed = f64x2.splat(0);
  for (let k = 0; k < K; k++) {
    const at = base + <usize>k * stride;
    const d = f64x2.sub(v128.load(at), mx);
    const e = expF64x2(d);
    v128.store(at, e);
    sum = f64x2.add(sum, e);
    ed = f64x2.add(ed, f64x2.mul(e, d));
  }
  const inv = f64x2.div(f64x2.splat(1.0), sum);
  for (let k = 0; k < K; k++) {
    const at = base + <usize>k * stride;
    v128.store(at, f64x2.mul(v128.load(at), inv));
  }
  v128.store(SUMS, sum);
  v128.store(SUMS, ed, 16);
}

/** softmax2 for one variant: s and ed at SUMS and SUMS + 8. */
@inline
function softmax1(base: usize, stride: usize, K: i32, mx: f64): void {
  let sum = 0.0;
  let ed = 0.0;
  for (let k = 0; k < K; k++) {
    const at = base + <usize>k * stride;
    const d = load<f64>(at) - mx;
    const e = Math.exp(d);
    store<f64>(at, e);
    sum += e;
    ed += e * d;
  }
  for (let k = 0; k < K; k++) {
    const at = base + <usize>k * stride;
    store<f64>(at, load<f64>(at) / sum);
  }
  store<f64>(SUMS, sum);
  store<f64>(SUMS, ed, 8);
}

/**
 * Responsibilities (E-step) through log-sum-exp:
 *   log rho[k, v] = c_k + x_v' W_k x_v   (W_k given as w[k, q], see above)
 *   r[k, v] = exp(log rho[k, v] - lse_v),  lse_v = log sum_k exp(log rho[k, v]).
 * Writes r (K x n, component-major) and returns sum_{v,k} r log r, computed as
 *   sum_v [ (sum_k e_k d_k) / s - log s ],  d_k = log rho_k - max_k, e_k = exp d_k, s = sum_k e_k.
 */
// see: Blei & Jordan (2006), eq. 22; ML-MAGES run_VEM "compute rho" and Elog_q_z.
export function dpResponsibilities(xx: usize, n: i32, m: i32, w: usize, c: usize, K: i32, r: usize): f64 {
  let ent = 0.0;
  let v = 0;
  for (; v + 2 <= n; v += 2) {
    let mx = f64x2.splat(-Infinity);
    for (let k = 0; k < K; k++) {
      const s = logRho2(xx, n, m, w, c, k, v);
      v128.store(r + ((<usize>k * <usize>n + <usize>v) << 3), s);
      mx = f64x2.pmax(mx, s);
    }
    softmax2(r + (<usize>v << 3), <usize>n << 3, K, mx);
    const sum = v128.load(SUMS);
    const ed = v128.load(SUMS, 16);
    const s0 = f64x2.extract_lane(sum, 0);
    const s1 = f64x2.extract_lane(sum, 1);
    ent += f64x2.extract_lane(ed, 0) / s0 - Math.log(s0) + f64x2.extract_lane(ed, 1) / s1 - Math.log(s1);
  }
  for (; v < n; v++) {
    let mx = -Infinity;
    for (let k = 0; k < K; k++) {
      const s = logRho1(xx, n, m, w, c, k, v);
      store<f64>(r + ((<usize>k * <usize>n + <usize>v) << 3), s);
      mx = Math.max(mx, s);
    }
    softmax1(r + (<usize>v << 3), <usize>n << 3, K, mx);
    const sum = load<f64>(SUMS);
    const ed = load<f64>(SUMS, 8);
    ent += ed / sum - Math.log(sum);
  }
  return ent;
}

/** Variants per block of dpStep: its scratch (K + 3) x BLOCK f64 stays in L1. */
export const DP_BLOCK: i32 = 64;

/**
 * One E-step fused with the sums the M-step needs, without storing r:
 *   r[k, v] = exp(log rho[k, v] - lse_v)   (as in dpResponsibilities),
 *   out[k * (m + 1)]         = N_k    = sum_v r[k, v],
 *   out[k * (m + 1) + 1 + q] = S_k[q] = sum_v r[k, v] xx[q, v];
 * returns sum_{v,k} r log r = sum_v [ (sum_k e_k d_k) / s_v - log s_v ].
 * Variants go in blocks of DP_BLOCK. Within a block, log rho and the sums run
 * components outermost, so each component's weights and sums stay in
 * registers; the exps run variants outermost, so s_v and ed_v do.
 * `scratch` holds (K + 3) * DP_BLOCK f64.
 */
// see: Blei & Jordan (2006), eqs. 18-22; ML-MAGES run_VEM (rho, N_ks, rxxT_ks).
export function dpStep(xx: usize, n: i32, m: i32, w: usize, c: usize, K: i32, out: usize, scratch: usize): f64 {
  const stride = <usize>(m + 1);
  const B = <usize>DP_BLOCK;
  const mx = scratch + ((<usize>K * B) << 3);
  const sum = mx + (B << 3);
  const ed = sum + (B << 3);
  memory.fill(out, 0, (<usize>K * stride) << 3);
  let ent = 0.0;
  for (let v0 = 0; v0 < n; v0 += DP_BLOCK) {
    const len = min(DP_BLOCK, n - v0);
    const even = len & ~1;
    // log rho[k, v] and the maximum over k
    for (let v = 0; v < len; v++) store<f64>(mx + (<usize>v << 3), -Infinity);
    for (let k = 0; k < K; k++) {
      const ck = f64x2.splat(load<f64>(c + (<usize>k << 3)));
      const sk = scratch + ((<usize>k * B) << 3);
      const wk = w + ((<usize>k * <usize>m) << 3);
      for (let v = 0; v < even; v += 2) {
        let s = ck;
        for (let q = 0; q < m; q++) {
          const x = v128.load(xx + ((<usize>q * <usize>n + <usize>(v0 + v)) << 3));
          s = f64x2.add(s, f64x2.mul(f64x2.splat(load<f64>(wk + (<usize>q << 3))), x));
        }
        v128.store(sk + (<usize>v << 3), s);
        const am = mx + (<usize>v << 3);
        v128.store(am, f64x2.pmax(v128.load(am), s)); // pmax: one maxpd (no NaN here)
      }
      if (even < len) {
        const s = logRho1(xx, n, m, w, c, k, v0 + even);
        store<f64>(sk + (<usize>even << 3), s);
        store<f64>(mx + (<usize>even << 3), Math.max(load<f64>(mx + (<usize>even << 3)), s));
      }
    }
    // r = softmax of log rho per variant, in place; s_v and ed_v kept for the entropy
    for (let v = 0; v < even; v += 2) {
      softmax2(scratch + (<usize>v << 3), B << 3, K, v128.load(mx + (<usize>v << 3)));
      v128.store(sum + (<usize>v << 3), v128.load(SUMS));
      v128.store(ed + (<usize>v << 3), v128.load(SUMS, 16));
    }
    if (even < len) {
      softmax1(scratch + (<usize>even << 3), B << 3, K, load<f64>(mx + (<usize>even << 3)));
      store<f64>(sum + (<usize>even << 3), load<f64>(SUMS));
      store<f64>(ed + (<usize>even << 3), load<f64>(SUMS, 8));
    }
    let prod = 1.0;
    for (let v = 0; v < len; v++) {
      const sv = load<f64>(sum + (<usize>v << 3));
      ent += load<f64>(ed + (<usize>v << 3)) / sv;
      prod *= sv;
    }
    ent -= Math.log(prod);
    // N_k and S_k
    for (let k = 0; k < K; k++) {
      const sk = scratch + ((<usize>k * B) << 3);
      const ok = out + ((<usize>k * stride) << 3);
      let nk = f64x2.splat(0);
      for (let v = 0; v < even; v += 2) nk = f64x2.add(nk, v128.load(sk + (<usize>v << 3)));
      let nks = f64x2.extract_lane(nk, 0) + f64x2.extract_lane(nk, 1);
      if (even < len) nks += load<f64>(sk + (<usize>even << 3));
      store<f64>(ok, load<f64>(ok) + nks);
      for (let q = 0; q < m; q++) {
        const xq = xx + ((<usize>q * <usize>n + <usize>v0) << 3);
        let a = f64x2.splat(0);
        for (let v = 0; v < even; v += 2) {
          const r = v128.load(sk + (<usize>v << 3));
          a = f64x2.add(a, f64x2.mul(r, v128.load(xq + (<usize>v << 3))));
        }
        let t = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
        if (even < len) t += load<f64>(sk + (<usize>even << 3)) * load<f64>(xq + (<usize>even << 3));
        const oq = ok + (<usize>(q + 1) << 3);
        store<f64>(oq, load<f64>(oq) + t);
      }
    }
  }
  return ent;
}

/**
 * Hard assignment: label[v] = argmax_k (c_k + x_v' W_k x_v), the first of equal
 * maxima; returns sum_v of the maxima. With c_k = -p/2 log 2 pi - 1/2 log|Sigma_k|
 * and W_k = -1/2 Sigma_k^-1 that is the most likely component by density and the
 * data's log-likelihood under those labels.
 */
// see: ML-MAGES mlmages/_cls_funcs.py pred_mixture (argmax of the pdfs) and compute_IC (LL).
export function dpAssign(xx: usize, n: i32, m: i32, w: usize, c: usize, K: i32, labels: usize): f64 {
  let total = 0.0;
  let v = 0;
  for (; v + 2 <= n; v += 2) {
    let best = logRho2(xx, n, m, w, c, 0, v);
    let arg = i64x2.splat(0);
    for (let k = 1; k < K; k++) {
      const s = logRho2(xx, n, m, w, c, k, v);
      const better = f64x2.gt(s, best);
      best = f64x2.pmax(best, s);
      arg = v128.bitselect(i64x2.splat(k), arg, better);
    }
    store<i32>(labels + (<usize>v << 2), <i32>i64x2.extract_lane(arg, 0));
    store<i32>(labels + (<usize>(v + 1) << 2), <i32>i64x2.extract_lane(arg, 1));
    total += f64x2.extract_lane(best, 0) + f64x2.extract_lane(best, 1);
  }
  for (; v < n; v++) {
    let best = logRho1(xx, n, m, w, c, 0, v);
    let arg = 0;
    for (let k = 1; k < K; k++) {
      const s = logRho1(xx, n, m, w, c, k, v);
      if (s > best) {
        best = s;
        arg = k;
      }
    }
    store<i32>(labels + (<usize>v << 2), arg);
    total += best;
  }
  return total;
}
