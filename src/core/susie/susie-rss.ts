// SuSiE-RSS per LD block, as susieR 0.12.35's susie_rss(bhat, shat, R, n):
// z = bhat/shat, PVE-adjusted to z̃ = z·√((n−1)/(z² + n − 2)); then
// susie_suff_stat with XᵀX = (n−1)R, Xᵀy = √(n−1)·z̃, yᵀy = n − 1, columns
// standardised, residual variance fixed at var(y) = 1. Effects come out on the
// standardised scale (susieR's coef); BETA_SHRINK puts them on the BETA scale
// as b·√n·SE (the per-allele effect whose z-score is √n·b).
// see: Zou, Carbonetto, Wang & Stephens (2022) PLoS Genet 18:e1010299;
//      susieR 0.12.35 R/susie_rss.R, R/susie_ss.R.
import { InputError } from "../errors.js";
import { checkCoverage } from "../shrink.js";
import type { Gwas, LdBlock } from "../types.js";
import type { Core, Scope } from "../wasm/core.js";
import { getCore } from "../wasm/instance.js";
import { credibleSets, pips, type CredibleSet } from "./credible-sets.js";
import { ibss, PriorCheckError, type IbssFit, type SuffStat } from "./ibss.js";
import type { SusieKernels } from "./kernels.js";
import { SUSIE_DEFAULTS, type SusieOptions } from "./options.js";

/** One block's fit in susieR's terms. */
export interface SusieBlockFit {
  fit: IbssFit;
  /** Posterior mean of each standardised effect: colSums(alpha·mu)/csd (susieR's coef without the intercept). */
  posteriorMean: Float64Array;
  pip: Float64Array;
  sets: CredibleSet[];
}

/** The sufficient statistics susie_rss hands to susie_suff_stat (XᵀX in the scope's memory), and the columns' scales. */
export function rssSuffStat(scope: Scope, bhat: Float64Array, shat: Float64Array, R: Float64Array, n: number): { ss: SuffStat; csd: Float64Array } {
  const p = bhat.length;
  const xty = new Float64Array(p);
  const csd = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const z = bhat[j] / shat[j];
    const adj = (n - 1) / (z * z + n - 2);
    xty[j] = Math.sqrt(n - 1) * (Math.sqrt(adj) * z);
    const s = Math.sqrt(((n - 1) * R[j * p + j]) / (n - 1));
    csd[j] = s === 0 ? 1 : s;
    xty[j] /= csd[j];
  }
  const xtx = scope.f64From(R);
  scope.core.kernels<SusieKernels>().susieStandardiseLd(xtx.ptr, p, n - 1, scope.f64From(csd).ptr, scope.f64From(csd.map((c) => 1 / c)).ptr);
  return { ss: { p, xtx, xty, yty: n - 1, n, sigma2: 1 }, csd };
}

/** SuSiE-RSS on one block from bhat, shat, its LD and the sample size. */
export function susieRssBlock(core: Core, bhat: Float64Array, shat: Float64Array, R: Float64Array, n: number, o: SusieOptions = SUSIE_DEFAULTS): SusieBlockFit {
  const p = bhat.length;
  const { fit, csd } = core.scoped((s) => {
    const { ss, csd } = rssSuffStat(s, bhat, shat, R, n);
    return { fit: ibss(core, ss, o), csd };
  });
  const posteriorMean = new Float64Array(p);
  for (let l = 0; l < fit.L; l++) for (let j = 0; j < p; j++) posteriorMean[j] += fit.alpha[l * p + j] * fit.mu[l * p + j];
  for (let j = 0; j < p; j++) posteriorMean[j] /= csd[j];
  const corr = (i: number, j: number) => R[i * p + j] / Math.sqrt(R[i * p + i] * R[j * p + j]);
  return { fit, posteriorMean, pip: pips(fit, o.priorTol), sets: credibleSets(fit, corr, o) };
}

export interface SusieShrinkResult {
  /** Posterior means on the BETA scale. */
  betaShrink: Float64Array;
  pip: Float64Array;
  /** Credible sets with their block (0-based) and variant indices into the GWAS. */
  sets: (CredibleSet & { block: number })[];
  /** 0-based blocks whose IBSS did not converge within maxIter. */
  notConverged: number[];
}

/**
 * Refuses LD that SuSiE cannot use: non-finite entries or a diagonal that is
 * not positive. The p² scan is the engine's native includes() (fast before
 * any JIT warm-up); only a block that fails it is searched entry by entry.
 */
function checkBlock(b: LdBlock, index: number): void {
  for (let i = 0; i < b.n; i++) {
    if (!(b.data[i * b.n + i] > 0)) throw InputError.mismatch(b.source, `LD block ${index + 1} (${b.source}): variant ${i + 1} has LD ${b.data[i * b.n + i]} with itself; a monomorphic variant? remove it from the GWAS and the LD`);
  }
  if (!b.data.includes(NaN) && !b.data.includes(Infinity) && !b.data.includes(-Infinity)) return;
  const k = b.data.findIndex((x) => !Number.isFinite(x));
  throw InputError.mismatch(b.source, `LD block ${index + 1} (${b.source}): entry (${Math.floor(k / b.n) + 1}, ${(k % b.n) + 1}) is ${b.data[k]}`);
}

/** SuSiE-RSS of one trait over its LD blocks, with sample size n. */
export function susieShrinkWith(core: Core, gwas: Gwas, blocks: LdBlock[], n: number, o: SusieOptions = SUSIE_DEFAULTS): SusieShrinkResult {
  checkCoverage(gwas, blocks);
  if (!(n > 1)) throw new InputError({ file: gwas.source }, `SuSiE-RSS needs the sample size n > 1, not ${n}`);
  const out: SusieShrinkResult = { betaShrink: new Float64Array(gwas.n), pip: new Float64Array(gwas.n), sets: [], notConverged: [] };
  let lb = 0;
  blocks.forEach((b, index) => {
    checkBlock(b, index);
    const se = gwas.se.subarray(lb, lb + b.n);
    let res: SusieBlockFit;
    try {
      res = susieRssBlock(core, gwas.beta.subarray(lb, lb + b.n), se, b.data, n, o);
    } catch (e) {
      if (e instanceof PriorCheckError) throw InputError.mismatch(gwas.source, `${gwas.source} and LD block ${index + 1} (${b.source}) disagree: ${e.message} (susieR's check_prior). Check that BETA is for the LD's A1 allele, that the LD comes from the same population, and the sample size`);
      throw e;
    }
    const sqrtN = Math.sqrt(n);
    for (let j = 0; j < b.n; j++) out.betaShrink[lb + j] = res.posteriorMean[j] * sqrtN * se[j];
    out.pip.set(res.pip, lb);
    for (const s of res.sets) out.sets.push({ ...s, block: index, variants: s.variants.map((j) => lb + j) });
    if (!res.fit.converged) out.notConverged.push(index);
    lb += b.n;
  });
  return out;
}

export async function susieShrink(gwas: Gwas, blocks: LdBlock[], n: number, o: SusieOptions = SUSIE_DEFAULTS): Promise<SusieShrinkResult> {
  return susieShrinkWith(await getCore(), gwas, blocks, n, o);
}
