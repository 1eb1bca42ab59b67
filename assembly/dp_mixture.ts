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

// Scratch for the two sums expShift2/expShift1 hand back (this instance is single-threaded).
const SUMS = memory.data(32);

/**
 * The shifted exps of one variant pair over components, in place: the K pairs at
 * base + k * stride hold log rho_k, mx their maximum; each becomes
 *   e_k = exp(d_k),  d_k = log rho_k - mx,
 * and s = sum_k e_k and ed = sum_k e_k d_k are stored at SUMS and SUMS + 16.
 * Two components per turn (the two exps share their constants), summed in order.
 */
@inline
function expShift2(base: usize, stride: usize, K: i32, mx: v128): void {
  let sum = f64x2.splat(0);
  let ed = f64x2.splat(0);
  let k = 0;
  for (; k + 2 <= K; k += 2) {
    const at = base + <usize>k * stride;
    const d0 = f64x2.sub(v128.load(at), mx);
    const d1 = f64x2.sub(v128.load(at + stride), mx);
    const e0 = expF64x2(d0);
    const e1 = expF64x2(d1);
    v128.store(at, e0);
    v128.store(at + stride, e1);
    sum = f64x2.add(f64x2.add(sum, e0), e1);
    ed = f64x2.add(f64x2.add(ed, f64x2.mul(e0, d0)), f64x2.mul(e1, d1));
  }
  if (k < K) {
    const at = base + <usize>k * stride;
    const d = f64x2.sub(v128.load(at), mx);
    const e = expF64x2(d);
    v128.store(at, e);
    sum = f64x2.add(sum, e);
    ed = f64x2.add(ed, f64x2.mul(e, d));
  }
  v128.store(SUMS, sum);
  v128.store(SUMS, ed, 16);
}

/** expShift2 for one variant: s and ed at SUMS and SUMS + 8. */
@inline
function expShift1(base: usize, stride: usize, K: i32, mx: f64): void {
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
    expShift2(r + (<usize>v << 3), <usize>n << 3, K, mx);
    const sum = v128.load(SUMS);
    const inv = f64x2.div(f64x2.splat(1.0), sum);
    for (let k = 0; k < K; k++) {
      const at = r + ((<usize>k * <usize>n + <usize>v) << 3);
      v128.store(at, f64x2.mul(v128.load(at), inv));
    }
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
    expShift1(r + (<usize>v << 3), <usize>n << 3, K, mx);
    const sum = load<f64>(SUMS);
    const inv = 1.0 / sum;
    for (let k = 0; k < K; k++) {
      const at = r + ((<usize>k * <usize>n + <usize>v) << 3);
      store<f64>(at, load<f64>(at) * inv);
    }
    const ed = load<f64>(SUMS, 8);
    ent += ed / sum - Math.log(sum);
  }
  return ent;
}

/** Variants per block of dpStep: its scratch (dpStepScratch f64) stays in L1. */
const DP_BLOCK: i32 = 64;

/** The f64 count of dpStep's scratch for K components: K + 4 rows of DP_BLOCK. */
export function dpStepScratch(K: i32): i32 {
  return (K + 4) * DP_BLOCK;
}

/**
 * log rho of one component for the variant pairs [0, even) of a block, into sk,
 * and the running maximum over components into mx:
 *   sk[v] = c_k + sum_q w_k[q] xx[q, v]   (x0 = &xx[0, block start], nb = n * 8 bytes).
 * Unrolled for 1, 2 and 3 traits (m = 1, 3, 6), where the weights stay in
 * registers; the same sums, in the same order, as the generic loop.
 */
@inline
function logRhoPairs(x0: usize, nb: usize, m: i32, wk: usize, ck: v128, sk: usize, mx: usize, even: i32): void {
  if (m == 1) {
    const w0 = f64x2.splat(load<f64>(wk));
    for (let v = 0; v < even; v += 2) {
      const o = <usize>v << 3;
      const s = f64x2.add(ck, f64x2.mul(w0, v128.load(x0 + o)));
      v128.store(sk + o, s);
      v128.store(mx + o, f64x2.pmax(v128.load(mx + o), s)); // pmax: one maxpd (no NaN here)
    }
  } else if (m == 3) {
    const w0 = f64x2.splat(load<f64>(wk));
    const w1 = f64x2.splat(load<f64>(wk, 8));
    const w2 = f64x2.splat(load<f64>(wk, 16));
    for (let v = 0; v < even; v += 2) {
      const o = <usize>v << 3;
      const xo = x0 + o;
      let s = f64x2.add(ck, f64x2.mul(w0, v128.load(xo)));
      s = f64x2.add(s, f64x2.mul(w1, v128.load(xo + nb)));
      s = f64x2.add(s, f64x2.mul(w2, v128.load(xo + 2 * nb)));
      v128.store(sk + o, s);
      v128.store(mx + o, f64x2.pmax(v128.load(mx + o), s));
    }
  } else if (m == 6) {
    const w0 = f64x2.splat(load<f64>(wk));
    const w1 = f64x2.splat(load<f64>(wk, 8));
    const w2 = f64x2.splat(load<f64>(wk, 16));
    const w3 = f64x2.splat(load<f64>(wk, 24));
    const w4 = f64x2.splat(load<f64>(wk, 32));
    const w5 = f64x2.splat(load<f64>(wk, 40));
    for (let v = 0; v < even; v += 2) {
      const o = <usize>v << 3;
      const xo = x0 + o;
      let s = f64x2.add(ck, f64x2.mul(w0, v128.load(xo)));
      s = f64x2.add(s, f64x2.mul(w1, v128.load(xo + nb)));
      s = f64x2.add(s, f64x2.mul(w2, v128.load(xo + 2 * nb)));
      s = f64x2.add(s, f64x2.mul(w3, v128.load(xo + 3 * nb)));
      s = f64x2.add(s, f64x2.mul(w4, v128.load(xo + 4 * nb)));
      s = f64x2.add(s, f64x2.mul(w5, v128.load(xo + 5 * nb)));
      v128.store(sk + o, s);
      v128.store(mx + o, f64x2.pmax(v128.load(mx + o), s));
    }
  } else {
    for (let v = 0; v < even; v += 2) {
      const o = <usize>v << 3;
      let s = ck;
      for (let q = 0; q < m; q++) s = f64x2.add(s, f64x2.mul(f64x2.splat(load<f64>(wk + (<usize>q << 3))), v128.load(x0 + <usize>q * nb + o)));
      v128.store(sk + o, s);
      v128.store(mx + o, f64x2.pmax(v128.load(mx + o), s));
    }
  }
}

/** The two lanes' sum. */
@inline
function lanes(a: v128): f64 {
  return f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
}

/**
 * One component's sums over the variant pairs [0, even) of a block, added to
 * ok[0] and ok[1 + q]:
 *   r_v = e_v * inv_v,  N += sum_v r_v,  S_q += sum_v r_v xx[q, v].
 * Unrolled for m = 1, 3, 6 (all sums in registers, one pass); the generic
 * loop takes one pass per sum, in the same order.
 */
@inline
function addSumsPairs(x0: usize, nb: usize, m: i32, sk: usize, inv: usize, ok: usize, even: i32): void {
  let nk = f64x2.splat(0);
  if (m == 1) {
    let a0 = f64x2.splat(0);
    for (let v = 0; v < even; v += 2) {
      const o = <usize>v << 3;
      const r = f64x2.mul(v128.load(sk + o), v128.load(inv + o));
      nk = f64x2.add(nk, r);
      a0 = f64x2.add(a0, f64x2.mul(r, v128.load(x0 + o)));
    }
    store<f64>(ok, load<f64>(ok, 8) + lanes(a0), 8);
  } else if (m == 3) {
    let a0 = f64x2.splat(0);
    let a1 = f64x2.splat(0);
    let a2 = f64x2.splat(0);
    for (let v = 0; v < even; v += 2) {
      const o = <usize>v << 3;
      const xo = x0 + o;
      const r = f64x2.mul(v128.load(sk + o), v128.load(inv + o));
      nk = f64x2.add(nk, r);
      a0 = f64x2.add(a0, f64x2.mul(r, v128.load(xo)));
      a1 = f64x2.add(a1, f64x2.mul(r, v128.load(xo + nb)));
      a2 = f64x2.add(a2, f64x2.mul(r, v128.load(xo + 2 * nb)));
    }
    store<f64>(ok, load<f64>(ok, 8) + lanes(a0), 8);
    store<f64>(ok, load<f64>(ok, 16) + lanes(a1), 16);
    store<f64>(ok, load<f64>(ok, 24) + lanes(a2), 24);
  } else if (m == 6) {
    let a0 = f64x2.splat(0);
    let a1 = f64x2.splat(0);
    let a2 = f64x2.splat(0);
    let a3 = f64x2.splat(0);
    let a4 = f64x2.splat(0);
    let a5 = f64x2.splat(0);
    for (let v = 0; v < even; v += 2) {
      const o = <usize>v << 3;
      const xo = x0 + o;
      const r = f64x2.mul(v128.load(sk + o), v128.load(inv + o));
      nk = f64x2.add(nk, r);
      a0 = f64x2.add(a0, f64x2.mul(r, v128.load(xo)));
      a1 = f64x2.add(a1, f64x2.mul(r, v128.load(xo + nb)));
      a2 = f64x2.add(a2, f64x2.mul(r, v128.load(xo + 2 * nb)));
      a3 = f64x2.add(a3, f64x2.mul(r, v128.load(xo + 3 * nb)));
      a4 = f64x2.add(a4, f64x2.mul(r, v128.load(xo + 4 * nb)));
      a5 = f64x2.add(a5, f64x2.mul(r, v128.load(xo + 5 * nb)));
    }
    store<f64>(ok, load<f64>(ok, 8) + lanes(a0), 8);
    store<f64>(ok, load<f64>(ok, 16) + lanes(a1), 16);
    store<f64>(ok, load<f64>(ok, 24) + lanes(a2), 24);
    store<f64>(ok, load<f64>(ok, 32) + lanes(a3), 32);
    store<f64>(ok, load<f64>(ok, 40) + lanes(a4), 40);
    store<f64>(ok, load<f64>(ok, 48) + lanes(a5), 48);
  } else {
    for (let v = 0; v < even; v += 2) nk = f64x2.add(nk, f64x2.mul(v128.load(sk + (<usize>v << 3)), v128.load(inv + (<usize>v << 3))));
    for (let q = 0; q < m; q++) {
      const xq = x0 + <usize>q * nb;
      let a = f64x2.splat(0);
      for (let v = 0; v < even; v += 2) {
        const o = <usize>v << 3;
        a = f64x2.add(a, f64x2.mul(f64x2.mul(v128.load(sk + o), v128.load(inv + o)), v128.load(xq + o)));
      }
      const oq = ok + (<usize>(q + 1) << 3);
      store<f64>(oq, load<f64>(oq) + lanes(a));
    }
  }
  store<f64>(ok, load<f64>(ok) + lanes(nk));
}

/**
 * One E-step fused with the sums the M-step needs, without storing r:
 *   r[k, v] = exp(log rho[k, v] - lse_v)   (as in dpResponsibilities),
 *   out[k * (m + 1)]         = N_k    = sum_v r[k, v],
 *   out[k * (m + 1) + 1 + q] = S_k[q] = sum_v r[k, v] xx[q, v];
 * returns sum_{v,k} r log r = sum_v [ (sum_k e_k d_k) / s_v - log s_v ].
 * Variants go in blocks of DP_BLOCK. Within a block, log rho and the sums run
 * components outermost, so each component's weights and sums stay in
 * registers; the exps run variants outermost, so s_v and ed_v do. r is never
 * written: the sums take e_kv * (1 / s_v) as they go.
 * `scratch` holds dpStepScratch(K) f64.
 */
// see: Blei & Jordan (2006), eqs. 18-22; ML-MAGES run_VEM (rho, N_ks, rxxT_ks).
export function dpStep(xx: usize, n: i32, m: i32, w: usize, c: usize, K: i32, out: usize, scratch: usize): f64 {
  const stride = <usize>(m + 1);
  const B = <usize>DP_BLOCK;
  const nb = <usize>n << 3;
  const mx = scratch + ((<usize>K * B) << 3);
  const sum = mx + (B << 3);
  const ed = sum + (B << 3);
  const inv = ed + (B << 3);
  memory.fill(out, 0, (<usize>K * stride) << 3);
  let ent = 0.0;
  for (let v0 = 0; v0 < n; v0 += DP_BLOCK) {
    const len = min(DP_BLOCK, n - v0);
    const even = len & ~1;
    const x0 = xx + (<usize>v0 << 3);
    // log rho[k, v] and the maximum over k
    for (let v = 0; v < len; v++) store<f64>(mx + (<usize>v << 3), -Infinity);
    for (let k = 0; k < K; k++) {
      const sk = scratch + ((<usize>k * B) << 3);
      logRhoPairs(x0, nb, m, w + ((<usize>k * <usize>m) << 3), f64x2.splat(load<f64>(c + (<usize>k << 3))), sk, mx, even);
      if (even < len) {
        const s = logRho1(xx, n, m, w, c, k, v0 + even);
        store<f64>(sk + (<usize>even << 3), s);
        store<f64>(mx + (<usize>even << 3), Math.max(load<f64>(mx + (<usize>even << 3)), s));
      }
    }
    // e = exp(log rho - max) in place; s_v, ed_v and 1 / s_v
    for (let v = 0; v < even; v += 2) {
      const o = <usize>v << 3;
      expShift2(scratch + o, B << 3, K, v128.load(mx + o));
      const s = v128.load(SUMS);
      v128.store(sum + o, s);
      v128.store(ed + o, v128.load(SUMS, 16));
      v128.store(inv + o, f64x2.div(f64x2.splat(1.0), s));
    }
    if (even < len) {
      const o = <usize>even << 3;
      expShift1(scratch + o, B << 3, K, load<f64>(mx + o));
      store<f64>(sum + o, load<f64>(SUMS));
      store<f64>(ed + o, load<f64>(SUMS, 8));
      store<f64>(inv + o, 1.0 / load<f64>(SUMS));
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
      addSumsPairs(x0, nb, m, sk, inv, ok, even);
      if (even < len) {
        const o = <usize>even << 3;
        const r = load<f64>(sk + o) * load<f64>(inv + o);
        store<f64>(ok, load<f64>(ok) + r);
        for (let q = 0; q < m; q++) {
          const oq = ok + (<usize>(q + 1) << 3);
          store<f64>(oq, load<f64>(oq) + r * load<f64>(x0 + <usize>q * nb + o));
        }
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
