// The elastic-net baseline of the paper, per LD block: the GWAS betas
// regressed on the block's LD rows (each row L2-normalised), no intercept,
// l1_ratio 0.5, 10 penalties log-spaced down to 1e-2 of the largest useful one,
// chosen by 5-fold cross-validation over contiguous, unshuffled folds — as
// scikit-learn's ElasticNetCV in the published shrink_by_enet.py.
// Edges (where scikit-learn would fail or does something special): a block
// whose Xᵀy is all zero (e.g. all its betas 0) gets every penalty at 1e-15,
// as scikit-learn's _alpha_grid does, where w = 0 is the exact solution, so
// its coefficients are 0 (without iterating); a block of
// fewer variants than folds is cross-validated leave-one-out (one fold per
// variant; KFold would refuse it); a block of one variant cannot be
// cross-validated and takes the smallest penalty of its grid.
// see: scikit-learn ElasticNetCV, _alpha_grid and KFold.
import { checkCoverage, checkEffectScale } from "./shrink.js";
import type { Gwas, LdBlock } from "./types.js";
import type { Core, Scope, WasmBuffer } from "./wasm/core.js";
import { getCore } from "./wasm/instance.js";
import * as dmath from "./math.js";

interface EnetKernels {
  enetFit(xt: number, n: number, p: number, y: number, lo: number, hi: number, alpha: number, l1: number, tol: number, maxIter: number, w: number, r: number, norms: number): number;
}

export interface EnetOptions {
  l1Ratio: number;
  alphas: number;
  eps: number;
  folds: number;
  tol: number;
  maxIter: number;
}

export const ENET_DEFAULTS: EnetOptions = { l1Ratio: 0.5, alphas: 10, eps: 1e-2, folds: 5, tol: 1e-4, maxIter: 1000 };

/** np.finfo(float).resolution: scikit-learn's penalty when alpha_max is no larger. */
export const ALPHA_RESOLUTION = 1e-15;

/**
 * Penalties from alpha_max = max|Xᵀy| / (n·l1) down to eps·alpha_max, log-spaced,
 * largest first; all ALPHA_RESOLUTION when alpha_max is no larger (scikit-learn's rule).
 */
export function alphaGrid(xt: Float64Array, y: Float64Array, n: number, o: EnetOptions): number[] {
  let max = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += xt[j * n + i] * y[i];
    max = Math.max(max, Math.abs(s));
  }
  const alphaMax = max / (n * o.l1Ratio);
  if (!(alphaMax > ALPHA_RESOLUTION)) return new Array<number>(o.alphas).fill(ALPHA_RESOLUTION);
  const hi = dmath.log10(alphaMax);
  const lo = dmath.log10(alphaMax * o.eps);
  return Array.from({ length: o.alphas }, (_, k) => dmath.powPositive(10, lo + ((hi - lo) * (o.alphas - 1 - k)) / (o.alphas - 1)));
}

/** Contiguous folds as KFold without shuffling: the first n mod k folds one larger. */
export function kFolds(n: number, k: number): [number, number][] {
  const out: [number, number][] = [];
  let at = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    out.push([at, at + size]);
    at += size;
  }
  return out;
}

/** Fits along the penalties on rows outside [lo, hi), warm-started; calls `each` after every penalty. */
function path(s: Scope, xt: WasmBuffer<Float64Array>, y: WasmBuffer<Float64Array>, n: number, lo: number, hi: number, alphas: number[], o: EnetOptions, each: (w: Float64Array, k: number) => void): void {
  const k = s.core.kernels<EnetKernels>();
  const w = s.f64(n);
  const r = s.f64(n);
  const norms = s.f64(n);
  w.view().fill(0);
  r.set(y.view());
  const x = xt.view();
  const nv = norms.view();
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) if (i < lo || i >= hi) sum += x[j * n + i] ** 2;
    nv[j] = sum;
  }
  alphas.forEach((a, idx) => {
    k.enetFit(xt.ptr, n, n, y.ptr, lo, hi, a, o.l1Ratio, o.tol, o.maxIter, w.ptr, r.ptr, norms.ptr);
    each(w.view(), idx);
  });
}

/** Mean squared validation error of each penalty over contiguous folds (leave-one-out when n < o.folds). */
function crossValidationError(s: Scope, xt: WasmBuffer<Float64Array>, y: WasmBuffer<Float64Array>, beta: Float64Array, n: number, alphas: number[], o: EnetOptions): Float64Array {
  const mse = new Float64Array(alphas.length);
  const folds = Math.min(o.folds, n);
  for (const [lo, hi] of kFolds(n, folds)) {
    path(s, xt, y, n, lo, hi, alphas, o, (w, idx) => {
      const xv = xt.view();
      let e = 0;
      for (let i = lo; i < hi; i++) {
        let pred = 0;
        for (let j = 0; j < n; j++) pred += xv[j * n + i] * w[j];
        e += (beta[i] - pred) ** 2;
      }
      mse[idx] += e / (hi - lo) / folds;
    });
  }
  return mse;
}

/** Elastic-net effects of one block. */
export function enetBlock(core: Core, block: LdBlock, beta: Float64Array, o: EnetOptions = ENET_DEFAULTS): Float64Array {
  const n = block.n;
  return core.scoped((s) => {
    const xt = s.f64(n * n);
    const x = xt.view();
    for (let i = 0; i < n; i++) {
      let norm = 0;
      for (let j = 0; j < n; j++) norm += block.data[i * n + j] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < n; j++) x[j * n + i] = block.data[i * n + j] / norm;
    }
    const y = s.f64From(beta);
    const alphas = alphaGrid(x, beta, n, o);
    // Xᵀy ≈ 0: w = 0 is the exact solution at every penalty of the grid (KKT: |x_jᵀy| / n ≤ α·l1)
    if (alphas[0] <= ALPHA_RESOLUTION) return new Float64Array(n);
    // one variant cannot be cross-validated: the smallest penalty
    let best = alphas.length - 1;
    if (n > 1) {
      const mse = crossValidationError(s, xt, y, beta, n, alphas, o);
      best = 0;
      for (let k = 1; k < mse.length; k++) if (mse[k] < mse[best]) best = k;
    }
    let coef = new Float64Array(n);
    path(s, xt, y, n, 0, 0, [alphas[best]], o, (w) => (coef = w.slice()));
    return coef;
  });
}

/** The elastic-net baseline for one trait over its LD blocks. */
export function enetShrinkWith(core: Core, gwas: Gwas, blocks: LdBlock[], o: EnetOptions = ENET_DEFAULTS): Float64Array {
  checkCoverage(gwas, blocks);
  checkEffectScale(gwas);
  const out = new Float64Array(gwas.n);
  let lb = 0;
  for (const b of blocks) {
    out.set(enetBlock(core, b, gwas.beta.subarray(lb, lb + b.n), o), lb);
    lb += b.n;
  }
  return out;
}

export async function enetShrink(gwas: Gwas, blocks: LdBlock[], o: EnetOptions = ENET_DEFAULTS): Promise<Float64Array> {
  return enetShrinkWith(await getCore(), gwas, blocks, o);
}
