// IBSS for sufficient statistics (XᵀX, Xᵀy, yᵀy, n), residual variance fixed:
// each of L single effects in turn is refit (single effect regression with its
// prior variance re-estimated) against the residual of the others, until the
// ELBO rises by less than tol. XᵀX·b_l is kept per effect, so each update costs
// one p x p product and the ELBO none.
// see: Wang et al. (2020) JRSS-B 82:1273, Algorithm 2; susieR 0.12.35
//      R/susie_ss.R, R/update_each_effect_ss.R, R/elbo_ss.R.
import * as dmath from "../math.js";
import type { Core } from "../wasm/core.js";
import type { SusieKernels } from "./kernels.js";
import type { SusieOptions } from "./options.js";
import { serFit } from "./ser.js";

/** Sufficient statistics of one block, X's columns standardised. */
export interface SuffStat {
  p: number;
  /** XᵀX, p x p row-major. */
  xtx: Float64Array;
  xty: Float64Array;
  yty: number;
  n: number;
  /** Residual variance σ² (fixed). */
  sigma2: number;
}

/** An IBSS fit: L x p row-major alpha, mu, mu2; per effect V, lbf, KL. */
export interface IbssFit {
  L: number;
  p: number;
  alpha: Float64Array;
  mu: Float64Array;
  mu2: Float64Array;
  V: Float64Array;
  lbf: Float64Array;
  KL: Float64Array;
  elbo: number[];
  niter: number;
  converged: boolean;
}

/** Thrown when an effect's prior variance exceeds 100·max z² (susieR's check_prior): the z-scores and the LD disagree. */
export class PriorCheckError extends Error {}

export function ibss(core: Core, ss: SuffStat, o: SusieOptions): IbssFit {
  const { p, n, yty, sigma2 } = ss;
  const L = Math.min(o.L, p);
  const k = core.kernels<SusieKernels>();
  return core.scoped((s) => {
    const xtx = s.f64From(ss.xtx);
    const d = new Float64Array(p);
    for (let j = 0; j < p; j++) d[j] = ss.xtx[j * p + j];
    const buf = {
      d: s.f64From(d),
      pw: s.f64(p),
      xtr: s.f64(p),
      t: s.f64(p),
      s2: s.f64(p),
      lbf: s.f64(p),
      b: s.f64(p),
      xtxb: s.f64(p),
      alpha: s.f64(L * p),
      mu: s.f64(L * p),
      mu2: s.f64(L * p),
    };
    buf.pw.view().fill(1 / p);
    buf.alpha.view().fill(1 / p);
    buf.mu.view().fill(0);
    buf.mu2.view().fill(0);
    const xtxbAll = new Float64Array(L * p); // XᵀX b_l per effect
    const xtxr = new Float64Array(p); // XᵀX Σ_l b_l
    const V = new Float64Array(L).fill(o.scaledPriorVariance * (yty / (n - 1)));
    const lbf = new Float64Array(L).fill(NaN);
    const KL = new Float64Array(L).fill(NaN);
    // check_prior: the largest |z| of the univariate regressions
    let zm = 0;
    for (let j = 0; j < p; j++) {
      const z = ss.xty[j] / d[j] / Math.sqrt(sigma2 / d[j]);
      if (!Number.isNaN(z)) zm = Math.max(zm, Math.abs(z));
    }
    const elbo: number[] = [];
    let prev = -Infinity;
    let converged = false;
    let iter = 0;
    while (iter < o.maxIter) {
      iter++;
      for (let l = 0; l < L; l++) {
        const xtr = buf.xtr.view();
        for (let j = 0; j < p; j++) {
          xtxr[j] -= xtxbAll[l * p + j];
          xtr[j] = ss.xty[j] - xtxr[j];
        }
        const res = serFit(k, buf, p, l, V[l], sigma2, o);
        V[l] = res.V;
        lbf[l] = res.lbfModel;
        const al = buf.alpha.view().subarray(l * p, (l + 1) * p);
        const ml = buf.mu.view().subarray(l * p, (l + 1) * p);
        const m2 = buf.mu2.view().subarray(l * p, (l + 1) * p);
        const xtrv = buf.xtr.view();
        const bv = buf.b.view();
        let ebXtr = 0;
        let dEb2 = 0;
        for (let j = 0; j < p; j++) {
          bv[j] = al[j] * ml[j];
          ebXtr += bv[j] * xtrv[j];
          dEb2 += d[j] * al[j] * m2[j];
        }
        KL[l] = -res.lbfModel + (-0.5 / sigma2) * (-2 * ebXtr + dEb2);
        k.susieMatVec(xtx.ptr, buf.b.ptr, p, buf.xtxb.ptr);
        const xb = buf.xtxb.view();
        for (let j = 0; j < p; j++) {
          xtxbAll[l * p + j] = xb[j];
          xtxr[j] += xb[j];
        }
      }
      if (V.some((v) => v > 100 * zm * zm)) throw new PriorCheckError("the estimated prior variance is unreasonably large");
      const e = elboOf(ss, d, L, buf.alpha.view(), buf.mu.view(), buf.mu2.view(), xtxbAll, xtxr, KL);
      if (!Number.isFinite(e)) throw new PriorCheckError("the objective became infinite");
      elbo.push(e);
      if (e - prev < o.tol) {
        converged = true;
        break;
      }
      prev = e;
    }
    return {
      L, p, V, lbf, KL, elbo, niter: iter, converged,
      alpha: buf.alpha.view().slice(), mu: buf.mu.view().slice(), mu2: buf.mu2.view().slice(),
    };
  });
}

/** ELBO = E[log-likelihood] − Σ KL, with E‖y − Xb‖² from the sufficient statistics. */
function elboOf(ss: SuffStat, d: Float64Array, L: number, alpha: Float64Array, mu: Float64Array, mu2: Float64Array, xtxbAll: Float64Array, xtxr: Float64Array, KL: Float64Array): number {
  const { p, n, yty, sigma2 } = ss;
  let er2 = yty;
  let xb2 = 0;
  let dPost = 0;
  for (let j = 0; j < p; j++) {
    let bbar = 0;
    let post2 = 0;
    for (let l = 0; l < L; l++) {
      const b = alpha[l * p + j] * mu[l * p + j];
      bbar += b;
      xb2 += b * xtxbAll[l * p + j];
      post2 += alpha[l * p + j] * mu2[l * p + j];
    }
    er2 += -2 * bbar * ss.xty[j] + bbar * xtxr[j];
    dPost += d[j] * post2;
  }
  er2 += -xb2 + dPost;
  let kl = 0;
  for (let l = 0; l < L; l++) kl += KL[l];
  return (-n / 2) * dmath.log(2 * Math.PI * sigma2) - (1 / (2 * sigma2)) * er2 - kl;
}
