// SuSiE-RSS hot loops: the LD (XᵀX) times a p-vector, and the single effect
// regression's log Bayes factors and posterior over p variants. The host
// (src/core/susie) runs the IBSS loop and the 1-D prior-variance optimisation.
// see: Wang, Sarkar, Carbonetto & Stephens (2020), JRSS-B 82:1273, IBSS;
//      susieR 0.12.35 R/single_effect_regression_ss.R, R/update_each_effect_ss.R.
import { expF64x2 } from "./dp_exp";

/**
 * y = A x for a p x p row-major A, two rows at a time (each element of x loaded
 * once for both) with two f64x2 accumulators per row, so that four chains of
 * additions run side by side.
 */
export function susieMatVec(a: usize, x: usize, p: i32, y: usize): void {
  const rowBytes = <usize>p << 3;
  let i = 0;
  for (; i + 2 <= p; i += 2) {
    const r0 = a + <usize>i * rowBytes;
    const r1 = r0 + rowBytes;
    let a0 = f64x2.splat(0);
    let a1 = f64x2.splat(0);
    let b0 = f64x2.splat(0);
    let b1 = f64x2.splat(0);
    let j = 0;
    for (; j + 4 <= p; j += 4) {
      const o = <usize>j << 3;
      const x0 = v128.load(x + o);
      const x1 = v128.load(x + o, 16);
      a0 = f64x2.add(a0, f64x2.mul(v128.load(r0 + o), x0));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(r0 + o, 16), x1));
      b0 = f64x2.add(b0, f64x2.mul(v128.load(r1 + o), x0));
      b1 = f64x2.add(b1, f64x2.mul(v128.load(r1 + o, 16), x1));
    }
    const sa = f64x2.add(a0, a1);
    const sb = f64x2.add(b0, b1);
    let s0 = f64x2.extract_lane(sa, 0) + f64x2.extract_lane(sa, 1);
    let s1 = f64x2.extract_lane(sb, 0) + f64x2.extract_lane(sb, 1);
    for (; j < p; j++) {
      const o = <usize>j << 3;
      const xj = load<f64>(x + o);
      s0 += load<f64>(r0 + o) * xj;
      s1 += load<f64>(r1 + o) * xj;
    }
    store<f64>(y + (<usize>i << 3), s0);
    store<f64>(y + (<usize>i << 3), s1, 8);
  }
  if (i < p) {
    const r0 = a + <usize>i * rowBytes;
    let s0 = 0.0;
    for (let j = 0; j < p; j++) s0 += load<f64>(r0 + (<usize>j << 3)) * load<f64>(x + (<usize>j << 3));
    store<f64>(y + (<usize>i << 3), s0);
  }
}

/**
 * Log Bayes factor of each variant for a single effect of prior variance V,
 * given t_j = ½ b_j²/s2_j (b the univariate estimate, s2 its variance):
 *   lbf_j = log N(b_j; 0, V + s2_j) − log N(b_j; 0, s2_j)
 *         = −½ log(1 + V/s2_j) + t_j · V/(V + s2_j),
 * written to `lbf`; returns the SER log-likelihood log Σ_j pw_j exp(lbf_j)
 * (max subtracted before exp). The terms in s2 are recomputed only when s2
 * changes (it is one value for every variant of standardised LD).
 */
// see: susieR R/single_effect_regression.R, loglik().
export function susieLogBf(t: usize, s2: usize, pw: usize, p: i32, V: f64, lbf: usize): f64 {
  let lastS2: f64 = NaN;
  let logTerm = f64x2.splat(0);
  let factor = f64x2.splat(0);
  let mx = f64x2.splat(-Infinity);
  let j = 0;
  for (; j + 2 <= p; j += 2) {
    const o = <usize>j << 3;
    const s0 = load<f64>(s2 + o);
    const s1 = load<f64>(s2 + o, 8);
    if (s0 != lastS2 || s1 != lastS2) {
      logTerm = f64x2.replace_lane(f64x2.splat(-0.5 * Math.log1p(V / s0)), 1, -0.5 * Math.log1p(V / s1));
      factor = f64x2.replace_lane(f64x2.splat(V / (V + s0)), 1, V / (V + s1));
      lastS2 = s0 == s1 ? s1 : NaN;
    }
    const l = f64x2.add(logTerm, f64x2.mul(v128.load(t + o), factor));
    v128.store(lbf + o, l);
    mx = f64x2.pmax(mx, l);
  }
  let m = Math.max(f64x2.extract_lane(mx, 0), f64x2.extract_lane(mx, 1));
  for (; j < p; j++) {
    const o = <usize>j << 3;
    const s = load<f64>(s2 + o);
    const l = -0.5 * Math.log1p(V / s) + load<f64>(t + o) * (V / (V + s));
    store<f64>(lbf + o, l);
    if (l > m) m = l;
  }
  return m + Math.log(susieWeightedExpSum(lbf, pw, p, m));
}

/** Σ_j pw_j exp(lbf_j − m), f64x2. */
export function susieWeightedExpSum(lbf: usize, pw: usize, p: i32, m: f64): f64 {
  const vm = f64x2.splat(m);
  let acc = f64x2.splat(0);
  let j = 0;
  for (; j + 2 <= p; j += 2) {
    const o = <usize>j << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(pw + o), expF64x2(f64x2.sub(v128.load(lbf + o), vm))));
  }
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; j < p; j++) sum += load<f64>(pw + (<usize>j << 3)) * Math.exp(load<f64>(lbf + (<usize>j << 3)) - m);
  return sum;
}

/**
 * The single effect's posterior given V, its log Bayes factors and their
 * log-likelihood `lbfModel` (from susieLogBf):
 *   alpha_j = pw_j exp(lbf_j − lbfModel),
 *   v_j = 1 / (1/V + d_j/σ²),  mu_j = v_j · xtr_j / σ²,  mu2_j = v_j + mu_j².
 * V = 0 gives v = mu = mu2 = 0.
 */
// see: susieR R/single_effect_regression_ss.R.
export function susieSerPosterior(
  xtr: usize, d: usize, pw: usize, lbf: usize, p: i32,
  V: f64, sigma2: f64, lbfModel: f64,
  alpha: usize, mu: usize, mu2: usize,
): void {
  const invV = f64x2.splat(1.0 / V);
  const vs = f64x2.splat(sigma2);
  const one = f64x2.splat(1.0);
  const vm = f64x2.splat(lbfModel);
  let j = 0;
  for (; j + 2 <= p; j += 2) {
    const o = <usize>j << 3;
    v128.store(alpha + o, f64x2.mul(v128.load(pw + o), expF64x2(f64x2.sub(v128.load(lbf + o), vm))));
    const v = f64x2.div(one, f64x2.add(invV, f64x2.div(v128.load(d + o), vs)));
    const m = f64x2.div(f64x2.mul(v, v128.load(xtr + o)), vs);
    v128.store(mu + o, m);
    v128.store(mu2 + o, f64x2.add(v, f64x2.mul(m, m)));
  }
  for (; j < p; j++) {
    const o = <usize>j << 3;
    store<f64>(alpha + o, load<f64>(pw + o) * Math.exp(load<f64>(lbf + o) - lbfModel));
    const v = 1.0 / (1.0 / V + load<f64>(d + o) / sigma2);
    const m = (v * load<f64>(xtr + o)) / sigma2;
    store<f64>(mu + o, m);
    store<f64>(mu2 + o, v + m * m);
  }
}


/**
 * XᵀX of standardised columns from an LD block, in place:
 *   a_ij ← (inv_j · (n1 · r_ij)) / csd_i,   inv_j = 1/csd_j,
 * with n1 = n − 1 and csd_j = √(n1·r_jj / n1) (1 where that is 0), as
 * susieR computes t((1/csd) * XtX) / csd from XtX = (n − 1) R. A row with
 * csd_i = 1 skips its division (x / 1 = x exactly).
 */
// see: susieR R/susie_ss.R (standardize), R/susie_rss.R.
export function susieStandardiseLd(a: usize, p: i32, n1: f64, csd: usize, inv: usize): void {
  const vn = f64x2.splat(n1);
  for (let i = 0; i < p; i++) {
    const row = a + ((<usize>i * <usize>p) << 3);
    const ci = load<f64>(csd + (<usize>i << 3));
    const vci = f64x2.splat(ci);
    let j = 0;
    for (; j + 2 <= p; j += 2) {
      const o = <usize>j << 3;
      const v = f64x2.mul(v128.load(inv + o), f64x2.mul(vn, v128.load(row + o)));
      v128.store(row + o, ci == 1.0 ? v : f64x2.div(v, vci));
    }
    for (; j < p; j++) {
      const o = <usize>j << 3;
      const v = load<f64>(inv + o) * (n1 * load<f64>(row + o));
      store<f64>(row + o, ci == 1.0 ? v : v / ci);
    }
  }
}

/**
 * Takes effect l out of the fit before its update: XᵀXr ← XᵀXr − XᵀX b_l,
 * the residual XᵀR = Xᵀy − XᵀXr, and the SER's t_j = ½ b̂_j² / s2_j with
 * b̂_j = XᵀR_j / d_j.
 */
// see: susieR R/update_each_effect_ss.R, R/single_effect_regression_ss.R.
export function susieRemoveEffect(xty: usize, xtxr: usize, xtxbl: usize, d: usize, s2: usize, p: i32, xtr: usize, t: usize): void {
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    const r = load<f64>(xtxr + o) - load<f64>(xtxbl + o);
    store<f64>(xtxr + o, r);
    const res = load<f64>(xty + o) - r;
    store<f64>(xtr + o, res);
    const bhat = (1.0 / load<f64>(d + o)) * res;
    store<f64>(t + o, (0.5 * bhat * bhat) / load<f64>(s2 + o));
  }
}

/**
 * After effect l's update: b_j = alpha_j mu_j (written to b), and returns
 * −2 Σ_j b_j XᵀR_j + Σ_j d_j alpha_j mu2_j, the part of the SER's expected
 * log-likelihood that its KL term needs.
 */
// see: susieR R/elbo_ss.R (SER_posterior_e_loglik_ss).
export function susieEffectMoments(alpha: usize, mu: usize, mu2: usize, xtr: usize, d: usize, p: i32, b: usize): f64 {
  let bx = 0.0;
  let db2 = 0.0;
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    const a = load<f64>(alpha + o);
    const bj = a * load<f64>(mu + o);
    store<f64>(b + o, bj);
    bx += bj * load<f64>(xtr + o);
    db2 += load<f64>(d + o) * a * load<f64>(mu2 + o);
  }
  return -2.0 * bx + db2;
}

/** y ← y + x over p elements. */
export function susieAddTo(x: usize, y: usize, p: i32): void {
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    store<f64>(y + o, load<f64>(y + o) + load<f64>(x + o));
  }
}

/**
 * Expected residual sum of squares of the fit (L x p alpha, mu, mu2; XᵀX b_l
 * per effect in xtxb; XᵀXr = XᵀX Σ_l b_l):
 *   E‖y − Xb‖² = yᵀy − 2 b̄ᵀXᵀy + b̄ᵀXᵀX b̄ − Σ_l b_lᵀXᵀX b_l + Σ_j d_j Σ_l alpha_lj mu2_lj,
 * b_l = alpha_l ∘ mu_l, b̄ = Σ_l b_l.
 */
// see: susieR R/elbo_ss.R (get_ER2_ss).
export function susieExpectedRss(alpha: usize, mu: usize, mu2: usize, xtxb: usize, xtxr: usize, xty: usize, d: usize, L: i32, p: i32, yty: f64): f64 {
  let er2 = yty;
  let xb2 = 0.0;
  let dPost = 0.0;
  for (let j = 0; j < p; j++) {
    let bbar = 0.0;
    let post2 = 0.0;
    for (let l = 0; l < L; l++) {
      const o = (<usize>(l * p + j)) << 3;
      const a = load<f64>(alpha + o);
      const b = a * load<f64>(mu + o);
      bbar += b;
      xb2 += b * load<f64>(xtxb + o);
      post2 += a * load<f64>(mu2 + o);
    }
    const o = <usize>j << 3;
    er2 += -2.0 * bbar * load<f64>(xty + o) + bbar * load<f64>(xtxr + o);
    dPost += load<f64>(d + o) * post2;
  }
  return er2 - xb2 + dPost;
}

// ------------------------------------------------ the single effect regression

const SQRT_EPS: f64 = 1.4901161193847656e-8; // √(2^-52)

/** −(SER log-likelihood) at V = exp(lV) (susieR's neg.loglik.logscale). */
@inline
function negLogLik(lV: f64, t: usize, s2: usize, pw: usize, p: i32, lbf: usize): f64 {
  return -susieLogBf(t, s2, pw, p, Math.exp(lV), lbf);
}

/**
 * The log V in [lower, upper] that Brent's method ends on when minimising
 * negLogLik, step for step as R's optimize() (golden section with parabolic
 * interpolation; a non-finite value counts as the largest double), which
 * susieR reaches through optim(method = "Brent") with tol = sqrt(eps).
 */
// see: Brent (1973), Algorithms for Minimization without Derivatives, ch. 5;
//      R src/library/stats/src/optimize.c (Brent_fmin, fcn1).
export function susieBrentLogV(t: usize, s2: usize, pw: usize, p: i32, lbf: usize, lower: f64, upper: f64, tol: f64): f64 {
  const c = (3.0 - Math.sqrt(5.0)) * 0.5;
  let a = lower;
  let b = upper;
  let v = a + c * (b - a);
  let w = v;
  let x = v;
  let d = 0.0;
  let e = 0.0;
  let fx = negLogLik(x, t, s2, pw, p, lbf);
  if (!isFinite(fx)) fx = f64.MAX_VALUE;
  let fv = fx;
  let fw = fx;
  const tol3 = tol / 3.0;
  while (true) {
    const xm = (a + b) * 0.5;
    const tol1 = SQRT_EPS * Math.abs(x) + tol3;
    const t2 = tol1 * 2.0;
    if (Math.abs(x - xm) <= t2 - (b - a) * 0.5) break;
    let pp = 0.0;
    let q = 0.0;
    let r = 0.0;
    if (Math.abs(e) > tol1) {
      // parabola through x, w, v
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      pp = (x - v) * q - (x - w) * r;
      q = (q - r) * 2.0;
      if (q > 0.0) pp = -pp;
      else q = -q;
      r = e;
      e = d;
    }
    if (Math.abs(pp) >= Math.abs(q * 0.5 * r) || pp <= q * (a - x) || pp >= q * (b - x)) {
      // golden-section step
      e = x < xm ? b - x : a - x;
      d = c * e;
    } else {
      // parabolic step, kept off the ends
      d = pp / q;
      const u = x + d;
      if (u - a < t2 || b - u < t2) d = x >= xm ? -tol1 : tol1;
    }
    const u = Math.abs(d) >= tol1 ? x + d : d > 0.0 ? x + tol1 : x - tol1;
    let fu = negLogLik(u, t, s2, pw, p, lbf);
    if (!isFinite(fu)) fu = f64.MAX_VALUE;
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w; w = x; x = u;
      fv = fw; fw = fx; fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w == x) {
        v = w; fv = fw;
        w = u; fw = fu;
      } else if (fu <= fv || v == x || v == w) {
        v = u; fv = fu;
      }
    }
  }
  return x;
}

/**
 * One single effect regression (t and s2 as for susieLogBf, XᵀR in xtr),
 * prior variance re-estimated as susieR's "optim" method: log V by Brent on
 * [−30, 15]; the old V kept if no worse; 0 unless V beats 0 by checkNull.
 * Writes alpha, mu, mu2 and the log Bayes factor of the model to lbfOut;
 * returns V.
 */
// see: susieR R/single_effect_regression.R (optimize_prior_variance),
//      R/single_effect_regression_ss.R.
export function susieSer(
  t: usize, s2: usize, pw: usize, xtr: usize, d: usize, p: i32,
  vOld: f64, sigma2: f64, checkNull: f64,
  lbf: usize, alpha: usize, mu: usize, mu2: usize, lbfOut: usize,
): f64 {
  let lV = susieBrentLogV(t, s2, pw, p, lbf, -30.0, 15.0, SQRT_EPS);
  if (negLogLik(lV, t, s2, pw, p, lbf) > negLogLik(Math.log(vOld), t, s2, pw, p, lbf)) lV = Math.log(vOld);
  let V = Math.exp(lV);
  if (susieLogBf(t, s2, pw, p, 0.0, lbf) + checkNull >= susieLogBf(t, s2, pw, p, V, lbf)) V = 0.0;
  const lbfModel = susieLogBf(t, s2, pw, p, V, lbf);
  susieSerPosterior(xtr, d, pw, lbf, p, V, sigma2, lbfModel, alpha, mu, mu2);
  store<f64>(lbfOut, lbfModel);
  return V;
}

/**
 * One IBSS sweep: each of the L effects in turn taken out (susieRemoveEffect),
 * refit (susieSer) and put back (XᵀX b_l by susieMatVec, skipped when V = 0
 * since then b_l = 0). Per effect l it updates V[l], lbfModel[l] and
 * kl[l] = −lbfModel + (−1/(2σ²))(−2 bᵀXᵀR + Σ d alpha mu2), susieR's KL.
 * Scratch p-vectors: xtr, t, lbf, b.
 */
// see: susieR R/update_each_effect_ss.R.
export function susieSweep(
  xtx: usize, xty: usize, xtxr: usize, xtxb: usize, d: usize, s2: usize, pw: usize, p: i32, L: i32,
  sigma2: f64, checkNull: f64, V: usize, lbfModel: usize, kl: usize,
  alpha: usize, mu: usize, mu2: usize, xtr: usize, t: usize, lbf: usize, b: usize,
): void {
  for (let l = 0; l < L; l++) {
    const at = (<usize>l * <usize>p) << 3;
    const ol = <usize>l << 3;
    susieRemoveEffect(xty, xtxr, xtxb + at, d, s2, p, xtr, t);
    const v = susieSer(t, s2, pw, xtr, d, p, load<f64>(V + ol), sigma2, checkNull, lbf, alpha + at, mu + at, mu2 + at, lbfModel + ol);
    store<f64>(V + ol, v);
    const part = susieEffectMoments(alpha + at, mu + at, mu2 + at, xtr, d, p, b);
    store<f64>(kl + ol, -load<f64>(lbfModel + ol) + (-0.5 / sigma2) * part);
    if (v == 0.0) memory.fill(xtxb + at, 0, <usize>p << 3);
    else susieMatVec(xtx, b, p, xtxb + at);
    susieAddTo(xtxb + at, xtxr, p);
  }
}
