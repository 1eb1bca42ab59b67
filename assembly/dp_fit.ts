// Coordinate-ascent variational inference for a truncated stick-breaking
// mixture of K zero-mean Gaussians with Beta(1, α) sticks and Wishart(ν₀, I)
// priors on the precisions, one restart to convergence. One iteration, in the
// published order:
//   E-step: log ρ_vk = −p/2 ln 2π + E ln v_k + Σ_{j<k} E ln(1 − v_j) + ½ E ln|Λ_k| − ½ ν_k x_vᵀ L_k x_v,
//           r_vk = softmax_k, N_k = Σ_v r_vk, S_k = Σ_v r_vk x_v x_vᵀ (dpStep, r never stored);
//   M-step: a_k = 1 + N_k, b_k = α + Σ_{j>k} N_j, ν_k = ν₀ + N_k, L_k = (I + S_k)⁻¹ (Cholesky);
//   then the ELBO under the new parameters; stop when |ΔELBO| < ε after the
//   fourth iteration, or after maxIter.
// E ln|Λ_k| = Σ_i ψ((ν_k + 1 − i)/2) + p ln 2 + ln|L_k|; E ln v = ψ(a) − ψ(a + b),
// E ln(1 − v) = ψ(b) − ψ(a + b).
// The ELBO is the exact bound of the model these updates optimise (every
// stick, the K-th too, carries its Beta factor, as the published E-step
// assumes), so it never decreases. The published code's ELBO differs: its
// Wishart normaliser has |L| where ln|L| belongs, and it leaves out the K-th
// stick's terms. It is not a bound (it can decrease), but it decides when the
// published runs stop, and where a run stops decides how many slowly emptying
// components it keeps (K̂). So convergence is tested, as published, on
//   published ELBO = ELBO + Σ_k ν_k/2 (|L_k| − ln|L_k|) − (stick K's terms of E ln p(v) − E ln q(v)),
// and the exact ELBO is what is reported.
// Parameters (par, f64): a[K], b[K], ν[K], L[K p²] (row-major p x p blocks).
// see: Blei & Jordan (2006), Bayesian Analysis 1(1), sec. 5; Bishop (2006),
//      PRML eqs. 10.71–10.77 and B.78–B.82; ML-MAGES _cls_funcs.py run_VEM.

import { dpStep, dpStepScratch } from "./dp_mixture";
import { digammaOut, lgammaOut, logGammaDigamma } from "./special";
import { cholesky, logDetOf, spdInverse } from "./spd";
import { at, put } from "./f64_slots";

const LOG_2PI: f64 = 1.8378770664093453; // ln 2π
const LN2: f64 = 0.6931471805599453;
const LOG_PI: f64 = 1.1447298858494002;

/** Σ_q weight_q s[q] over the pairs q = (i <= j) of a symmetric A, weight A_ii or A_ij + A_ji: tr(A S). */
function tracePairs(a: usize, p: i32, s: usize): f64 {
  let t = 0.0;
  let q = 0;
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++, q++) t += (i == j ? at(a, i * p + i) : at(a, i * p + j) + at(a, j * p + i)) * at(s, q);
  }
  return t;
}

function trace(a: usize, p: i32): f64 {
  let s = 0.0;
  for (let i = 0; i < p; i++) s += at(a, i * p + i);
  return s;
}

/** ln B(W, ν) of a Wishart with scale W, given ln|W| and ln Γ((ν + 1 − i) / 2) at lg[i − 1]. */
function wishartLogNorm(nu: f64, logDetW: f64, p: i32, lg: usize): f64 {
  const pf = <f64>p;
  let s = (-nu / 2) * logDetW - ((nu * pf) / 2) * LN2 - ((pf * (pf - 1)) / 4) * LOG_PI;
  for (let i = 1; i <= p; i++) s -= at(lg, i - 1);
  return s;
}

// The fit's working arrays, as offsets (in f64) into its scratch.
class Layout {
  eLogA: usize; // E ln|Λ_k|
  eLogV: usize; // E ln v_k
  eLog1mV: usize; // E ln(1 − v_k)
  logDetL: usize; // ln|L_k|
  logBetaAB: usize; // ln B(a_k, b_k)
  logGammaNu: usize; // ln Γ((ν_k + 1 − i) / 2): K x p
  w: usize; // E-step weights K x m
  c: usize; // E-step constants K
  stats: usize; // N_k, S_k: K x (m + 1)
  prec: usize; // p²
  work: usize; // 2 p²
  step: usize; // dpStep's scratch
  end: i32;

  constructor(base: usize, K: i32, p: i32) {
    const m = (p * (p + 1)) >> 1;
    let o = 0;
    this.eLogA = base + (<usize>o << 3);
    o += K;
    this.eLogV = base + (<usize>o << 3);
    o += K;
    this.eLog1mV = base + (<usize>o << 3);
    o += K;
    this.logDetL = base + (<usize>o << 3);
    o += K;
    this.logBetaAB = base + (<usize>o << 3);
    o += K;
    this.logGammaNu = base + (<usize>o << 3);
    o += K * p;
    this.w = base + (<usize>o << 3);
    o += K * m;
    this.c = base + (<usize>o << 3);
    o += K;
    this.stats = base + (<usize>o << 3);
    o += K * (m + 1);
    this.prec = base + (<usize>o << 3);
    o += p * p;
    this.work = base + (<usize>o << 3);
    o += 2 * p * p;
    o = (o + 1) & ~1; // 16-byte alignment for dpStep's v128 scratch
    this.step = base + (<usize>o << 3);
    o += dpStepScratch(K);
    this.end = o;
  }
}

/** The f64 count of dpFit's scratch for K components and p traits. */
export function dpFitScratch(K: i32, p: i32): i32 {
  return new Layout(0, K, p).end;
}

/** The expectations under par; false when some L_k is not positive definite. */
function expectations(par: usize, K: i32, p: i32, x: Layout): bool {
  const pp = p * p;
  const b = par + (<usize>K << 3);
  const nu = b + (<usize>K << 3);
  const L = nu + (<usize>K << 3);
  for (let k = 0; k < K; k++) {
    if (!cholesky(L + (<usize>(k * pp) << 3), p, x.work)) return false;
    const logDet = logDetOf(x.work, p);
    put(x.logDetL, k, logDet);
    let s = <f64>p * LN2 + logDet;
    for (let i = 1; i <= p; i++) {
      logGammaDigamma((at(nu, k) + 1 - i) / 2);
      put(x.logGammaNu, k * p + i - 1, lgammaOut);
      s += digammaOut;
    }
    put(x.eLogA, k, s);
    logGammaDigamma(at(par, k) + at(b, k));
    const lgab = lgammaOut;
    const dab = digammaOut;
    logGammaDigamma(at(par, k));
    const lga = lgammaOut;
    const da = digammaOut;
    logGammaDigamma(at(b, k));
    put(x.eLogV, k, da - dab);
    put(x.eLog1mV, k, digammaOut - dab);
    put(x.logBetaAB, k, lga + lgammaOut - lgab);
  }
  return true;
}

/** The exact ELBO (see the header); stickNorm = ln B(1, α), priorNorm = ln B(I, ν₀) − ln B(1, α). */
function evidenceLowerBound(par: usize, K: i32, p: i32, x: Layout, rLogR: f64, alpha: f64, nu0: f64, priorNorm: f64): f64 {
  const m = (p * (p + 1)) >> 1;
  const pp = p * p;
  const pf = <f64>p;
  const b = par + (<usize>K << 3);
  const nuP = b + (<usize>K << 3);
  const L = nuP + (<usize>K << 3);
  let total = -rLogR;
  let cum = 0.0;
  for (let k = 0; k < K; k++) {
    const nk = at(x.stats, k * (m + 1));
    const Lk = L + (<usize>(k * pp) << 3);
    const nu = at(nuP, k);
    const eLogA = at(x.eLogA, k);
    const eLogV = at(x.eLogV, k);
    const eLog1mV = at(x.eLog1mV, k);
    // E ln p(x | z, Λ) and E ln p(z | v)
    total += nk * (0.5 * eLogA - (pf / 2) * LOG_2PI) - 0.5 * nu * tracePairs(Lk, p, x.stats + (<usize>(k * (m + 1) + 1) << 3));
    total += nk * (eLogV + cum);
    cum += eLog1mV;
    // E ln p(v) + E ln p(Λ)
    total += priorNorm + (alpha - 1) * eLog1mV;
    total += ((nu0 - pf - 1) / 2) * eLogA - 0.5 * nu * trace(Lk, p);
    // − E ln q(v) − E ln q(Λ)
    total -= -at(x.logBetaAB, k) + (at(par, k) - 1) * eLogV + (at(b, k) - 1) * eLog1mV;
    total -= wishartLogNorm(nu, at(x.logDetL, k), p, x.logGammaNu + (<usize>(k * p) << 3)) + ((nu - pf - 1) / 2) * eLogA - (nu * pf) / 2;
  }
  return total;
}

/** The published ELBO minus the exact one (see the header). */
function publishedElboOffset(par: usize, K: i32, x: Layout, alpha: f64, stickNorm: f64): f64 {
  const b = par + (<usize>K << 3);
  const nu = b + (<usize>K << 3);
  let d = 0.0;
  for (let k = 0; k < K; k++) d += (at(nu, k) / 2) * (Math.exp(at(x.logDetL, k)) - at(x.logDetL, k));
  const last = K - 1;
  const pv = -stickNorm + (alpha - 1) * at(x.eLog1mV, last);
  const qv = -at(x.logBetaAB, last) + (at(par, last) - 1) * at(x.eLogV, last) + (at(b, last) - 1) * at(x.eLog1mV, last);
  return d - pv + qv;
}

/**
 * Fits the mixture to the pair products xx (m x n, see dp_mixture.ts) from the
 * parameters at par, which it updates in place. Writes the final exact ELBO
 * to out[0] and, when trace is not 0, each iteration's ELBO to trace[it].
 * Returns the iterations run, or -1 when a precision matrix is not positive
 * definite. scratch holds dpFitScratch(K, p) f64.
 */
export function dpFit(xx: usize, n: i32, p: i32, K: i32, alpha: f64, nu0: f64, epsilon: f64, maxIter: i32, par: usize, out: usize, trace: usize, scratch: usize): i32 {
  const m = (p * (p + 1)) >> 1;
  const pp = p * p;
  const pf = <f64>p;
  const x = new Layout(scratch, K, p);
  const b = par + (<usize>K << 3);
  const nu = b + (<usize>K << 3);
  const L = nu + (<usize>K << 3);
  // ln B(1, α) and the prior normalisers ln B(I, ν₀) − ln B(1, α)
  logGammaDigamma(1);
  let stickNorm = lgammaOut;
  logGammaDigamma(alpha);
  stickNorm += lgammaOut;
  logGammaDigamma(1 + alpha);
  stickNorm -= lgammaOut;
  for (let i = 0; i < p; i++) {
    logGammaDigamma((nu0 - i) / 2);
    put(x.work, i, lgammaOut);
  }
  const priorNorm = wishartLogNorm(nu0, 0, p, x.work) - stickNorm;
  if (!expectations(par, K, p, x)) return -1;
  let prev = NaN;
  let elbo = NaN;
  let it = 0;
  while (it < maxIter) {
    let cum = 0.0;
    for (let k = 0; k < K; k++) {
      put(x.c, k, (-pf / 2) * LOG_2PI + at(x.eLogV, k) + cum + 0.5 * at(x.eLogA, k));
      cum += at(x.eLog1mV, k);
      // w_q = −ν_k/2 (L_ii or L_ij + L_ji): x' (−ν_k/2 L_k) x as a dot product with the pairs
      const factor = -0.5 * at(nu, k);
      const Lk = L + (<usize>(k * pp) << 3);
      let q = k * m;
      for (let i = 0; i < p; i++) {
        for (let j = i; j < p; j++, q++) put(x.w, q, factor * (i == j ? at(Lk, i * p + i) : at(Lk, i * p + j) + at(Lk, j * p + i)));
      }
    }
    const rLogR = dpStep(xx, n, m, x.w, x.c, K, x.stats, x.step);
    let tail = 0.0;
    for (let k = K - 1; k >= 0; k--) {
      const nk = at(x.stats, k * (m + 1));
      put(par, k, 1 + nk);
      put(b, k, alpha + tail);
      put(nu, k, nu0 + nk);
      tail += nk;
      let q = k * (m + 1) + 1;
      for (let i = 0; i < p; i++) {
        for (let j = i; j < p; j++, q++) {
          const v = at(x.stats, q) + (i == j ? 1.0 : 0.0);
          put(x.prec, i * p + j, v);
          put(x.prec, j * p + i, v);
        }
      }
      if (!spdInverse(x.prec, p, L + (<usize>(k * pp) << 3), x.work)) return -1;
    }
    if (!expectations(par, K, p, x)) return -1;
    elbo = evidenceLowerBound(par, K, p, x, rLogR, alpha, nu0, priorNorm);
    const stop = elbo + publishedElboOffset(par, K, x, alpha, stickNorm);
    if (trace != 0) put(trace, it, elbo);
    it++;
    if (it > 3 && Math.abs(stop - prev) < epsilon) break;
    prev = stop;
  }
  put(out, 0, elbo);
  return it;
}
