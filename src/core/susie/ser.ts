// One single effect regression on the residual XᵀR = Xᵀy − XᵀX Σ_{k≠l} b_k,
// with its prior variance V re-estimated as susieR's "optim" method does:
// log V minimising the negative SER log-likelihood by Brent's method on
// [−30, 15]; kept at the old V if that is no worse; set to 0 unless it beats
// V = 0 by check_null_threshold.
// see: susieR 0.12.35 R/single_effect_regression.R (optimize_prior_variance),
//      R/single_effect_regression_ss.R.
import * as dmath from "../math.js";
import type { WasmBuffer } from "../wasm/core.js";
import { brentMin } from "./brent.js";
import type { SusieKernels } from "./kernels.js";
import type { SusieOptions } from "./options.js";

/**
 * WASM buffers of a fit. p-vectors: xtr = XᵀR and t = ½ b̂²/s2 of the effect
 * being updated, s2 = σ²/d, d = diag XᵀX, pw the prior weights, lbf scratch;
 * L x p: alpha, mu, mu2.
 */
export interface SerBuffers {
  d: WasmBuffer<Float64Array>;
  pw: WasmBuffer<Float64Array>;
  xtr: WasmBuffer<Float64Array>;
  t: WasmBuffer<Float64Array>;
  s2: WasmBuffer<Float64Array>;
  lbf: WasmBuffer<Float64Array>;
  alpha: WasmBuffer<Float64Array>;
  mu: WasmBuffer<Float64Array>;
  mu2: WasmBuffer<Float64Array>;
}

/** Fits effect l in place (row l of alpha, mu, mu2); returns its new V and log Bayes factor. */
export function serFit(k: SusieKernels, b: SerBuffers, p: number, l: number, vOld: number, sigma2: number, o: SusieOptions): { V: number; lbfModel: number } {
  const loglik = (V: number) => k.susieLogBf(b.t.ptr, b.s2.ptr, b.pw.ptr, p, V, b.lbf.ptr);
  const negLogScale = (lV: number) => -loglik(dmath.exp(lV));
  let lV = brentMin(negLogScale, -30, 15);
  if (negLogScale(lV) > negLogScale(dmath.log(vOld))) lV = dmath.log(vOld);
  let V = dmath.exp(lV);
  if (loglik(0) + o.checkNullThreshold >= loglik(V)) V = 0;
  const lbfModel = loglik(V);
  const at = l * p * 8;
  k.susieSerPosterior(b.xtr.ptr, b.d.ptr, b.pw.ptr, b.lbf.ptr, p, V, sigma2, lbfModel, b.alpha.ptr + at, b.mu.ptr + at, b.mu2.ptr + at);
  return { V, lbfModel };
}
