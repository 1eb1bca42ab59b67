// Coordinate-ascent variational inference for the truncated stick-breaking
// mixture, one restart to convergence: the whole loop (E-step, M-step, the
// exact ELBO and the published stopping rule) runs in WASM, see
// assembly/dp_fit.ts; this module moves the parameters in and out.
import type { Scope, WasmBuffer } from "../wasm/core.js";
import type { MixtureParameters } from "./init.js";
import type { DpKernels } from "./kernels.js";

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

/** Fits the mixture from `init` (which it updates in place) to convergence. */
export function fitVariational(s: Scope, data: KernelData, init: MixtureParameters, set: VariationalSettings): VariationalFit {
  const { n, p } = data;
  const { K } = set;
  const kernels = s.core.kernels<DpKernels>();
  const par = s.f64(3 * K + K * p * p);
  const out = s.f64(1);
  const trace = set.traceElbo ? s.f64(set.maxIter) : undefined;
  const scratch = s.f64(kernels.dpFitScratch(K, p));
  const view = par.view();
  view.set(init.a, 0);
  view.set(init.b, K);
  view.set(init.nu, 2 * K);
  view.set(init.L, 3 * K);
  const it = kernels.dpFit(data.xx.ptr, n, p, K, set.alpha, set.nu0, set.epsilon, set.maxIter, par.ptr, out.ptr, trace?.ptr ?? 0, scratch.ptr);
  if (it < 0) throw new Error("mlmages: a mixture precision matrix is not positive definite");
  const fitted = par.view();
  init.a.set(fitted.subarray(0, K));
  init.b.set(fitted.subarray(K, 2 * K));
  init.nu.set(fitted.subarray(2 * K, 3 * K));
  init.L.set(fitted.subarray(3 * K));
  return { ...init, elbo: out.view()[0], iterations: it, elboTrace: trace ? Array.from(trace.view().subarray(0, it)) : undefined };
}
