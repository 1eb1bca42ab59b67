// IBSS for sufficient statistics (XᵀX, Xᵀy, yᵀy, n), residual variance fixed:
// each of L single effects in turn is refit (single effect regression with its
// prior variance re-estimated) against the residual of the others, until the
// ELBO rises by less than tol. XᵀX·b_l is kept per effect, so each update costs
// one p x p product and the ELBO none. A sweep over the L effects runs in WASM
// (susieSweep); the host checks the prior variances and the ELBO after each.
// see: Wang et al. (2020) JRSS-B 82:1273, Algorithm 2; susieR 0.12.35
//      R/susie_ss.R, R/update_each_effect_ss.R, R/elbo_ss.R.
import * as dmath from "../math.js";
import type { Core, WasmBuffer } from "../wasm/core.js";
import type { SusieKernels } from "./kernels.js";
import type { SusieOptions } from "./options.js";

/** Sufficient statistics of one block, X's columns standardised. */
export interface SuffStat {
  p: number;
  /** XᵀX, p x p row-major, in the core's memory. */
  xtx: WasmBuffer<Float64Array>;
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
    const xtx = ss.xtx;
    const xv = xtx.view();
    const d = Float64Array.from({ length: p }, (_, j) => xv[j * p + j]);
    const buf = {
      d: s.f64From(d),
      pw: s.f64From(new Float64Array(p).fill(1 / p)),
      s2: s.f64From(d.map((dj) => sigma2 / dj)),
      xty: s.f64From(ss.xty),
      xtr: s.f64(p),
      t: s.f64(p),
      lbf: s.f64(p),
      b: s.f64(p),
      xtxr: s.f64From(new Float64Array(p)), // XᵀX Σ_l b_l
      xtxb: s.f64From(new Float64Array(L * p)), // XᵀX b_l per effect
      alpha: s.f64From(new Float64Array(L * p).fill(1 / p)),
      mu: s.f64From(new Float64Array(L * p)),
      mu2: s.f64From(new Float64Array(L * p)),
    };
    const V = s.f64From(new Float64Array(L).fill(o.scaledPriorVariance * (yty / (n - 1))));
    const lbf = s.f64From(new Float64Array(L).fill(NaN));
    const KL = s.f64From(new Float64Array(L).fill(NaN));
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
      k.susieSweep(
        xtx.ptr, buf.xty.ptr, buf.xtxr.ptr, buf.xtxb.ptr, buf.d.ptr, buf.s2.ptr, buf.pw.ptr, p, L,
        sigma2, o.checkNullThreshold, V.ptr, lbf.ptr, KL.ptr,
        buf.alpha.ptr, buf.mu.ptr, buf.mu2.ptr, buf.xtr.ptr, buf.t.ptr, buf.lbf.ptr, buf.b.ptr,
      );
      if (V.view().some((v) => v > 100 * zm * zm)) throw new PriorCheckError("the estimated prior variance is unreasonably large");
      // ELBO = E[log-likelihood] − Σ KL
      const er2 = k.susieExpectedRss(buf.alpha.ptr, buf.mu.ptr, buf.mu2.ptr, buf.xtxb.ptr, buf.xtxr.ptr, buf.xty.ptr, buf.d.ptr, L, p, yty);
      let e = (-n / 2) * dmath.log(2 * Math.PI * sigma2) - (1 / (2 * sigma2)) * er2;
      for (const kl of KL.view()) e -= kl;
      if (!Number.isFinite(e)) throw new PriorCheckError("the objective became infinite");
      elbo.push(e);
      if (e - prev < o.tol) {
        converged = true;
        break;
      }
      prev = e;
    }
    return {
      L, p, V: V.view().slice(), lbf: lbf.view().slice(), KL: KL.view().slice(), elbo, niter: iter, converged,
      alpha: buf.alpha.view().slice(), mu: buf.mu.view().slice(), mu2: buf.mu2.view().slice(),
    };
  });
}
