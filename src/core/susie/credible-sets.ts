// PIPs and credible sets of an IBSS fit, as susieR's susie_get_pip and
// susie_get_cs: effects with prior variance ≤ priorTol are left out; each
// remaining effect's credible set is its fewest most probable variants whose
// alpha sums to the coverage; repeated sets are dropped, then sets whose
// smallest |r| between members is below minAbsCorr; the rest ordered by that
// purity, purest first.
// One difference: susieR measures the purity of a set of more than 100
// variants on 100 of them drawn at random; here every pair counts (same
// answer for sets up to 100 variants, and always the same answer).
// see: susieR 0.12.35 R/susie_utils.R (susie_get_pip, susie_get_cs, in_CS_x, get_purity).
import type { IbssFit } from "./ibss.js";
import type { SusieOptions } from "./options.js";

export interface CredibleSet {
  /** The single effect it comes from (1-based, as susieR's "L1", "L2", ...). */
  effect: number;
  /** Variant indices within the block, ascending. */
  variants: number[];
  /** Σ alpha over the set. */
  coverage: number;
  /** Smallest, mean and median |r| over the set's pairs (1 for a single variant). */
  minAbsCorr: number;
  meanAbsCorr: number;
  medianAbsCorr: number;
}

/** PIP_j = 1 − Π_l (1 − alpha_lj) over effects with V > priorTol (0 when there are none). */
export function pips(fit: IbssFit, priorTol: number): Float64Array {
  const { L, p } = fit;
  const keep = new Float64Array(p).fill(1);
  let any = false;
  for (let l = 0; l < L; l++) {
    if (!(fit.V[l] > priorTol)) continue;
    any = true;
    for (let j = 0; j < p; j++) keep[j] *= 1 - fit.alpha[l * p + j];
  }
  const out = new Float64Array(p);
  if (any) for (let j = 0; j < p; j++) out[j] = 1 - keep[j];
  return out;
}

/**
 * The fewest variants, most probable first, whose alpha sums to `coverage`
 * (ascending indices); among equal alphas the lower index comes first, as R's
 * order(decreasing = TRUE) takes them.
 */
export function credibleSetOf(alpha: Float64Array, coverage: number): number[] {
  const sorted = alpha.slice().sort().reverse();
  let count = 1;
  let sum = 0;
  for (const a of sorted) {
    sum += a;
    if (sum < coverage) count++;
  }
  count = Math.min(count, alpha.length);
  const last = sorted[count - 1]; // the smallest alpha in the set
  let ties = count - sorted.indexOf(last); // how many variants at `last` the set takes
  const out: number[] = [];
  for (let j = 0; j < alpha.length; j++) {
    if (alpha[j] > last) out.push(j);
    else if (alpha[j] === last && ties > 0) {
      out.push(j);
      ties--;
    }
  }
  return out;
}

function median(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/**
 * Purity of a set: min, mean and median |corr| over its pairs (corr(i, j) from
 * the block's LD), or null as soon as a pair falls below minAbsCorr.
 */
function purity(variants: number[], corr: (i: number, j: number) => number, minAbsCorr: number): [number, number, number] | null {
  if (variants.length === 1) return [1, 1, 1];
  const v: number[] = [];
  for (let b = 1; b < variants.length; b++)
    for (let a = 0; a < b; a++) {
      const r = Math.abs(corr(variants[a], variants[b]));
      if (!(r >= minAbsCorr)) return null;
      v.push(r);
    }
  let sum = 0;
  for (const x of v) sum += x;
  v.sort((x, y) => x - y);
  return [v[0], sum / v.length, median(v)];
}

/** The credible sets of a fit that pass the purity filter, purest first. */
export function credibleSets(fit: IbssFit, corr: (i: number, j: number) => number, o: SusieOptions): CredibleSet[] {
  const { L, p } = fit;
  const seen = new Set<string>();
  const sets: CredibleSet[] = [];
  for (let l = 0; l < L; l++) {
    const alpha = fit.alpha.subarray(l * p, (l + 1) * p);
    const variants = credibleSetOf(alpha, o.coverage);
    const key = variants.join(",");
    const duplicate = seen.has(key);
    seen.add(key);
    if (duplicate || !(fit.V[l] > o.priorTol)) continue;
    const pure = purity(variants, corr, o.minAbsCorr);
    if (!pure) continue;
    const [minAbsCorr, meanAbsCorr, medianAbsCorr] = pure;
    let coverage = 0;
    for (const j of variants) coverage += alpha[j];
    sets.push({ effect: l + 1, variants, coverage, minAbsCorr, meanAbsCorr, medianAbsCorr });
  }
  return sets.sort((a, b) => b.minAbsCorr - a.minAbsCorr);
}
