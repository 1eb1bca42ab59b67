// Coordinate-ascent variational inference for a truncated stick-breaking
// mixture of K zero-mean Gaussians with Beta(1, α) sticks and Wishart(ν₀, I)
// priors on the precisions. One iteration, in the published order:
//   E-step: log ρ_vk = −p/2 ln 2π + E ln v_k + Σ_{j<k} E ln(1 − v_j) + ½ E ln|Λ_k| − ½ ν_k x_vᵀ L_k x_v,
//           r_vk = softmax_k (log-sum-exp), N_k = Σ_v r_vk, S_k = Σ_v r_vk x_v x_vᵀ
//           (one fused pass in WASM, r never stored);
//   M-step:
//           a_k = 1 + N_k, b_k = α + Σ_{j>k} N_j, ν_k = ν₀ + N_k, L_k = (I + S_k)⁻¹ (Cholesky);
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
// see: Blei & Jordan (2006), Bayesian Analysis 1(1), sec. 5; Bishop (2006),
//      PRML eqs. 10.71–10.77 and B.78–B.82; ML-MAGES _cls_funcs.py run_VEM.
import type { Scope, WasmBuffer } from "../wasm/core.js";
import type { MixtureParameters } from "./init.js";
import type { DpKernels } from "./kernels.js";
import { pairCount, pairWeights, tracePairs } from "./pairs.js";
import { logBeta, logGamma, logGammaDigamma } from "../special.js";
import { spdInverseInto, spdLogDet, trace } from "./spd.js";
import * as dmath from "../math.js";

const LOG_2PI = dmath.log(2 * Math.PI);
const LN2 = dmath.log(2);

export interface VariationalSettings {
  K: number;
  /** Concentration α of the Beta(1, α) sticks. */
  alpha: number;
  /** Wishart prior degrees of freedom ν₀ (prior scale: identity). */
  nu0: number;
  epsilon: number;
  maxIter: number;
  /** Keep the ELBO of every iteration. */
  traceElbo?: boolean;
}

export interface VariationalFit extends MixtureParameters {
  elbo: number;
  iterations: number;
  elboTrace?: number[];
}

/** The data as the kernels take them: pair products in WASM memory. */
export interface KernelData {
  xx: WasmBuffer<Float64Array>;
  n: number;
  p: number;
}

// Expectations under q that both the E-step and the ELBO use, and the ELBO's
// normalisers of q (ψ and ln Γ are taken together at each argument).
interface Expectations {
  eLogA: Float64Array;
  eLogV: Float64Array;
  eLog1mV: Float64Array;
  logDetL: Float64Array;
  /** ln B(a_k, b_k). */
  logBetaAB: Float64Array;
  /** ln Γ((ν_k + 1 − i) / 2), i = 1..p: K x p. */
  logGammaNu: Float64Array;
  /** ln Γ and ψ of one argument. */
  pair: Float64Array;
}

function newExpectations(K: number, p: number): Expectations {
  const f = () => new Float64Array(K);
  return { eLogA: f(), eLogV: f(), eLog1mV: f(), logDetL: f(), logBetaAB: f(), logGammaNu: new Float64Array(K * p), pair: new Float64Array(2) };
}

/** The expectations under `par` into `ex`; `work` holds p² numbers. */
function expectations(par: MixtureParameters, p: number, ex: Expectations, work: Float64Array): void {
  const K = par.a.length;
  const pp = p * p;
  const g = ex.pair;
  for (let k = 0; k < K; k++) {
    ex.logDetL[k] = spdLogDet(par.L, p, work, k * pp);
    let s = p * LN2 + ex.logDetL[k];
    for (let i = 1; i <= p; i++) {
      logGammaDigamma((par.nu[k] + 1 - i) / 2, g, 0);
      ex.logGammaNu[k * p + i - 1] = g[0];
      s += g[1];
    }
    ex.eLogA[k] = s;
    logGammaDigamma(par.a[k] + par.b[k], g, 0);
    const [lgab, dab] = g;
    logGammaDigamma(par.a[k], g, 0);
    const [lga, da] = g;
    logGammaDigamma(par.b[k], g, 0);
    ex.eLogV[k] = da - dab;
    ex.eLog1mV[k] = g[1] - dab;
    ex.logBetaAB[k] = lga + g[0] - lgab;
  }
}

/** ln B(W, ν) of a Wishart with scale W, given ln|W| and ln Γ((ν + 1 − i) / 2) at lg[at + i − 1]. */
function wishartLogNorm(nu: number, logDetW: number, p: number, lg: ArrayLike<number>, at: number): number {
  let s = (-nu / 2) * logDetW - ((nu * p) / 2) * LN2 - ((p * (p - 1)) / 4) * dmath.log(Math.PI);
  for (let i = 1; i <= p; i++) s -= lg[at + i - 1];
  return s;
}

/** Fits the mixture from `init` (which it updates in place) to convergence. */
export function fitVariational(s: Scope, data: KernelData, init: MixtureParameters, set: VariationalSettings): VariationalFit {
  const { n, p } = data;
  const { K, alpha, nu0 } = set;
  const m = pairCount(p);
  const kernels = s.core.kernels<DpKernels>();
  const w = s.f64(K * m);
  const c = s.f64(K);
  const stats = s.f64(K * (m + 1));
  const scratch = s.f64(kernels.dpStepScratch(K));
  const par = init;
  const trace0: number[] = [];
  const pp = p * p;
  const prec = new Float64Array(pp);
  const work = new Float64Array(2 * pp);
  const ex = newExpectations(K, p);
  const consts = elboConstants(p, alpha, nu0);
  expectations(par, p, ex, work);
  // no allocation in WASM memory below, so these views stay attached
  const wView = w.view();
  const cView = c.view();
  const st = stats.view();
  let prev = NaN;
  let elbo = NaN;
  let it = 0;
  while (it < set.maxIter) {
    let cum = 0;
    for (let k = 0; k < K; k++) {
      cView[k] = (-p / 2) * LOG_2PI + ex.eLogV[k] + cum + 0.5 * ex.eLogA[k];
      cum += ex.eLog1mV[k];
      pairWeights(par.L, k * pp, p, -0.5 * par.nu[k], wView, k * m);
    }
    const rLogR = kernels.dpStep(data.xx.ptr, n, m, w.ptr, c.ptr, K, stats.ptr, scratch.ptr);
    let tail = 0;
    for (let k = K - 1; k >= 0; k--) {
      const nk = st[k * (m + 1)];
      par.a[k] = 1 + nk;
      par.b[k] = alpha + tail;
      par.nu[k] = nu0 + nk;
      tail += nk;
      let q = k * (m + 1) + 1;
      for (let i = 0; i < p; i++) {
        for (let j = i; j < p; j++, q++) {
          prec[i * p + j] = st[q] + (i === j ? 1 : 0);
          prec[j * p + i] = prec[i * p + j];
        }
      }
      spdInverseInto(prec, p, par.L, k * pp, work);
    }
    expectations(par, p, ex, work);
    elbo = evidenceLowerBound(par, ex, st, rLogR, p, alpha, nu0, consts);
    const stop = elbo + publishedElboOffset(par, ex, alpha, consts);
    it++;
    if (set.traceElbo) trace0.push(elbo);
    if (it > 3 && Math.abs(stop - prev) < set.epsilon) break;
    prev = stop;
  }
  return { ...par, elbo, iterations: it, elboTrace: set.traceElbo ? trace0 : undefined };
}

/** The bound's terms that depend only on the settings. */
interface ElboConstants {
  /** ln B(1, α), the stick prior's normaliser. */
  stickNorm: number;
  /** ln B(I, ν₀) − ln B(1, α): each component's prior normalisers. */
  priorNorm: number;
}

function elboConstants(p: number, alpha: number, nu0: number): ElboConstants {
  const stickNorm = logBeta(1, alpha);
  const lg = Array.from({ length: p }, (_, i) => logGamma((nu0 - i) / 2));
  return { stickNorm, priorNorm: wishartLogNorm(nu0, 0, p, lg, 0) - stickNorm };
}

function evidenceLowerBound(
  par: MixtureParameters,
  ex: Expectations,
  st: Float64Array,
  rLogR: number,
  p: number,
  alpha: number,
  nu0: number,
  consts: ElboConstants,
): number {
  const K = par.a.length;
  const m = pairCount(p);
  const priorNorm = consts.priorNorm;
  let total = -rLogR;
  let cum = 0;
  for (let k = 0; k < K; k++) {
    const nk = st[k * (m + 1)];
    const at = k * p * p;
    const nu = par.nu[k];
    // E ln p(x | z, Λ) and E ln p(z | v)
    total += nk * (0.5 * ex.eLogA[k] - (p / 2) * LOG_2PI) - 0.5 * nu * tracePairs(par.L, at, p, st, k * (m + 1) + 1);
    total += nk * (ex.eLogV[k] + cum);
    cum += ex.eLog1mV[k];
    // E ln p(v) + E ln p(Λ)
    total += priorNorm + (alpha - 1) * ex.eLog1mV[k];
    total += ((nu0 - p - 1) / 2) * ex.eLogA[k] - 0.5 * nu * trace(par.L, p, at);
    // − E ln q(v) − E ln q(Λ)
    total -= -ex.logBetaAB[k] + (par.a[k] - 1) * ex.eLogV[k] + (par.b[k] - 1) * ex.eLog1mV[k];
    total -= wishartLogNorm(nu, ex.logDetL[k], p, ex.logGammaNu, k * p) + ((nu - p - 1) / 2) * ex.eLogA[k] - (nu * p) / 2;
  }
  return total;
}

/** The published ELBO minus the exact one (see the header). */
function publishedElboOffset(par: MixtureParameters, ex: Expectations, alpha: number, consts: ElboConstants): number {
  const K = par.a.length;
  let d = 0;
  for (let k = 0; k < K; k++) d += (par.nu[k] / 2) * (dmath.exp(ex.logDetL[k]) - ex.logDetL[k]);
  const last = K - 1;
  const pv = -consts.stickNorm + (alpha - 1) * ex.eLog1mV[last];
  const qv = -ex.logBetaAB[last] + (par.a[last] - 1) * ex.eLogV[last] + (par.b[last] - 1) * ex.eLog1mV[last];
  return d - pv + qv;
}
