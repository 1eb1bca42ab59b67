
// The paper's transform of simulated summary statistics to a real GWAS's
// scale: observed effects mapped through their empirical CDF onto a Laplace
// distribution fitted to the real effects (location 0), SEs rescaled linearly
// between their 1% and 99% quantiles onto the real SEs', and true effects
// scaled by the ratio of the ranges of the mapped and the simulated effects.
// see: published ML-MAGES _util_funcs.scale_laplace, scale_by_quantile,
//      scale_true_beta; simulate_gene_level.py.

import * as dmath from "../math.js";

/** numpy.quantile with linear interpolation (the default method). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

const sortedCopy = (x: ArrayLike<number>) => Float64Array.from(x).sort();

/** Maximum-likelihood Laplace scale with location fixed at 0: mean |x|. */
export function laplaceScale(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i]);
  return s / x.length;
}

/** Laplace(0, b) quantile function. */
export function laplaceQuantile(p: number, b: number): number {
  return p < 0.5 ? b * dmath.log(2 * p) : -b * dmath.log(2 - 2 * p);
}

/** Effects mapped through their pooled empirical CDF onto Laplace(0, b); the top (p = 1) gets the largest finite value. */
export function laplaceMap(columns: Float64Array[], b: number): Float64Array[] {
  const pooled = sortedCopy(columns.flatMap((c) => Array.from(c)));
  const n = pooled.length;
  const ecdf = (v: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pooled[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo / n;
  };
  const mapped = columns.map((c) => c.map((v) => laplaceQuantile(ecdf(v), b)));
  let maxFinite = -Infinity;
  for (const c of mapped) for (const v of c) if (Number.isFinite(v) && v > maxFinite) maxFinite = v;
  return mapped.map((c) => c.map((v) => (Number.isFinite(v) ? v : maxFinite)));
}

/** x rescaled linearly so its q and 1 − q quantiles land on the reference's. */
export function scaleByQuantile(x: Float64Array, ref: ArrayLike<number>, q = 0.01): Float64Array {
  const sx = sortedCopy(x);
  const sr = sortedCopy(ref);
  const [x0, x1, r0, r1] = [quantile(sx, q), quantile(sx, 1 - q), quantile(sr, q), quantile(sr, 1 - q)];
  return x.map((v) => ((v - x0) / (x1 - x0)) * (r1 - r0) + r0);
}

/** True effects scaled by range(mapped effects) / range(true effects). */
export function scaleTruth(truth: Float64Array, mapped: Float64Array): Float64Array {
  const range = (x: Float64Array) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return hi - lo;
  };
  const r = range(truth);
  const k = r > 0 ? range(mapped) / r : 0;
  return truth.map((v) => v * k);
}

/** The whole transform of simulated traits onto a real GWAS's betas and SEs. */
export function toRealScale(
  sim: { beta: Float64Array[]; se: Float64Array[]; truth: Float64Array[] },
  real: { beta: ArrayLike<number>; se: ArrayLike<number> },
): { beta: Float64Array[]; se: Float64Array[]; truth: Float64Array[] } {
  const beta = laplaceMap(sim.beta, laplaceScale(real.beta));
  const pooledSe = Float64Array.from(sim.se.flatMap((c) => Array.from(c)));
  const scaledSe = scaleByQuantile(pooledSe, real.se);
  const n = sim.se[0].length;
  const se = sim.se.map((_, t) => scaledSe.slice(t * n, (t + 1) * n));
  return { beta, se, truth: sim.truth.map((t, k) => scaleTruth(t, beta[k])) };
}
