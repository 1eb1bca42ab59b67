// One restart of the mixture fit, from its drawn start to its summary: fit, then
// as published: Σ_k = (ν_k L_k)⁻¹, π_k = E[v_k] Π_{j<k} (1 − E[v_j]) with the
// last stick set to 1; components ordered by π; K̂ = the smallest k whose
// cumulative π exceeds 0.99; the first K̂ kept, less any below the variance
// floor (mlmages' addition: a component with tr Σ below 1e-6 of the smallest
// clustered |x|² is the prior's alone), π renormalised, ordered by
// tr Σ (largest first); labels = the component of highest density (the
// published pred_mixture: argmax_k N(x; 0, Σ_k), π not weighed in); BIC on
// those labels with c = 1 + p (p + 1) / 2 parameters per component:
//   BIC = ln(n) c K̂ − 2 Σ_v ln N(x_v; 0, Σ_label(v)).
// see: ML-MAGES mlmages/_cls_funcs.py sort_results, get_cls, compute_IC.
import type { Core, Scope } from "../wasm/core.js";
import type { MixtureParameters } from "./init.js";
import type { DpKernels } from "./kernels.js";
import { outerProducts, pairCount, pairWeights } from "./pairs.js";
import { spdInverse, trace } from "./spd.js";
import { fitVariational, type KernelData, type VariationalSettings } from "./variational.js";
import * as dmath from "../math.js";

const LOG_2PI = dmath.log(2 * Math.PI);

/** Everything a restart needs; plain data, so it can be posted to a worker. */
export interface RestartJob extends VariationalSettings {
  /** Scaled non-zero effects, n x p row-major. */
  x: Float64Array;
  n: number;
  p: number;
  /** The run's seed (np.random.seed semantics), for the record. */
  seed: number;
  /** Restart i starts from starts[i] (drawn in order from the seed's stream: restartStarts). */
  starts: MixtureParameters[];
  /** Components with tr Σ below this (scaled units) hold no variant and are dropped (default 0: none). */
  varianceFloor?: number;
}

/** One restart's outcome (Σ in the scaled units of `job.x`). */
export interface RestartResult {
  index: number;
  /** K̂, the number of components kept. */
  K: number;
  /** Renormalised weights of the kept components, ordered by tr Σ descending. */
  pi: number[];
  /** Their covariances, K̂ x p x p row-major. */
  sigma: number[];
  bic: number;
  elbo: number;
  iterations: number;
  elboTrace?: number[];
  /** The fitted variational parameters (all K components), where a refinement continues. */
  fitted: MixtureParameters;
}

/**
 * How restarts are run: serially here, on worker threads in Node, Web Workers in
 * a browser. `onResult` hears each restart as it ends (in any order).
 */
export type RestartRunner = (job: RestartJob, indices: number[], onResult?: (r: RestartResult) => void) => Promise<RestartResult[]>;

/** The data of a job in WASM memory, for all restarts on one core. */
export function kernelData(s: Scope, x: Float64Array, n: number, p: number): KernelData {
  return { xx: s.f64From(outerProducts(x, n, p)), n, p };
}

/**
 * Labels (argmax of c_k − ½ xᵀ Σ_k⁻¹ x with c_k = logWeight_k − p/2 ln 2π − ½ ln|Σ_k|)
 * and the sum of the maxima.
 */
export function assignLabels(s: Scope, data: KernelData, sigma: ArrayLike<number>, logWeight: ArrayLike<number>): { labels: Int32Array; total: number } {
  const { n, p } = data;
  const K = logWeight.length;
  const m = pairCount(p);
  const { w, c } = gaussianTerms(s, sigma, logWeight, p);
  const wb = s.f64From(w);
  const cb = s.f64From(c);
  const lb = s.i32(n);
  const total = s.core.kernels<DpKernels>().dpAssign(data.xx.ptr, n, m, wb.ptr, cb.ptr, K, lb.ptr);
  return { labels: lb.view().slice(), total };
}

/** Posterior component probabilities (K x n) under weights exp(logWeight) and covariances sigma. */
export function posteriorProbabilities(s: Scope, data: KernelData, sigma: ArrayLike<number>, logWeight: ArrayLike<number>): Float64Array {
  const { n, p } = data;
  const K = logWeight.length;
  const { w, c } = gaussianTerms(s, sigma, logWeight, p);
  const wb = s.f64From(w);
  const cb = s.f64From(c);
  const r = s.f64(K * n);
  s.core.kernels<DpKernels>().dpResponsibilities(data.xx.ptr, n, pairCount(p), wb.ptr, cb.ptr, K, r.ptr);
  return r.view().slice();
}

function gaussianTerms(s: Scope, sigma: ArrayLike<number>, logWeight: ArrayLike<number>, p: number): { w: Float64Array; c: Float64Array } {
  const K = logWeight.length;
  const m = pairCount(p);
  const w = new Float64Array(K * m);
  const c = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const { inverse, logDet } = spdInverse(s, Array.prototype.slice.call(sigma, k * p * p, (k + 1) * p * p), p);
    pairWeights(inverse, 0, p, -0.5, w, k * m);
    c[k] = logWeight[k] - (p / 2) * LOG_2PI - 0.5 * logDet;
  }
  return { w, c };
}

/** A job's data loaded on one core, ready to run any of its restarts; `close` frees it. */
export interface OpenRestarts {
  run(index: number): RestartResult;
  close(): void;
}

/** Loads a job's data on a core for running its restarts one by one (e.g. in a worker). */
export function openRestarts(core: Core, job: RestartJob): OpenRestarts {
  const xx = core.f64(pairCount(job.p) * job.n);
  xx.set(outerProducts(job.x, job.n, job.p));
  const data: KernelData = { xx, n: job.n, p: job.p };
  return {
    run: (index) => core.scoped((s) => oneRestart(s, data, job, index)),
    close: () => core.free(xx),
  };
}

/** Runs restarts `indices` of a job on one core, in order; `onResult` hears each as it ends. */
export function runRestartsWith(core: Core, job: RestartJob, indices: number[], onResult?: (r: RestartResult) => void): RestartResult[] {
  const open = openRestarts(core, job);
  try {
    return indices.map((i) => {
      const r = open.run(i);
      onResult?.(r);
      return r;
    });
  } finally {
    open.close();
  }
}

function oneRestart(s: Scope, data: KernelData, job: RestartJob, index: number): RestartResult {
  const { n, p, K } = job;
  const pp = p * p;
  const start = job.starts[index];
  const init: MixtureParameters = { a: start.a.slice(), b: start.b.slice(), nu: start.nu.slice(), L: start.L.slice() };
  const fit = fitVariational(s, data, init, job);
  // Σ_k and π_k, components by π descending.
  const v = Array.from({ length: K }, (_, k) => (k === K - 1 ? 1 : fit.a[k] / (fit.a[k] + fit.b[k])));
  const pi: number[] = [];
  let rest = 1;
  for (let k = 0; k < K; k++) {
    pi.push(v[k] * rest);
    rest *= 1 - v[k];
  }
  const byPi = Array.from({ length: K }, (_, k) => k).sort((x, y) => pi[y] - pi[x] || y - x);
  let kHat = 0;
  for (let cum = 0; kHat < K; ) {
    cum += pi[byPi[kHat++]];
    if (cum > 1 - 1e-2) break;
  }
  const sigmaOf = (k: number) => {
    const prec = fit.L.slice(k * pp, (k + 1) * pp).map((x) => x * fit.nu[k]);
    return spdInverse(s, prec, p).inverse;
  };
  // below the variance floor a component is the prior's alone (the first, largest by π, always stays)
  const floor = job.varianceFloor ?? 0;
  const candidates = byPi.slice(0, kHat).map((k) => ({ k, sigma: sigmaOf(k) }));
  const alive = candidates.filter((c, i) => i === 0 || trace(c.sigma, p) >= floor);
  kHat = alive.length;
  const kept = alive.map((c) => c.k);
  const sigmas = alive.map((c) => c.sigma);
  const total = kept.reduce((t, k) => t + pi[k], 0);
  const order = kept.map((_, i) => i).sort((x, y) => trace(sigmas[y], p) - trace(sigmas[x], p) || y - x);
  const sigma = order.flatMap((i) => Array.from(sigmas[i]));
  const piOut = order.map((i) => pi[kept[i]] / total);
  const { total: ll } = assignLabels(s, data, sigma, new Float64Array(kHat));
  const params = 1 + (p * (p + 1)) / 2;
  return {
    index,
    K: kHat,
    pi: piOut,
    sigma,
    bic: dmath.log(n) * params * kHat - 2 * ll,
    elbo: fit.elbo,
    iterations: fit.iterations,
    elboTrace: fit.elboTrace,
    fitted: { a: fit.a, b: fit.b, nu: fit.nu, L: fit.L },
  };
}
