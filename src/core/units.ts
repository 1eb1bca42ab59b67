// The units a model's networks work in. A model with `units: "median-se"` sees
// each trait's BETA and SE divided by s = the median of the trait's SEs on the
// variant's chromosome (so a chromosome's shrinkage is the same whether it is
// run alone or with others) and its prediction is multiplied by s, so that BETA
// and SE both times c give BETA_SHRINK times c (the median of c·SE is c times
// the median of SE: it picks or averages elements). A model with `units: "z"`
// sees each variant's z = BETA/SE in place of BETA (its own and its
// neighbours', so the networks need not divide), SE over s as above, and its
// prediction is multiplied by the variant's SE: BETA and SE times c leave z and
// SE/s as they are and multiply the output by c. Models without the field (the
// published ones) see the values as given.
// see: docs/model-format.md (units, trainingRange)
import type { Ensemble, ModelUnits } from "./types.js";

/** The median of the values (the mean of the two middle ones when their count is even). */
export function median(values: ArrayLike<number>): number {
  const v = Float64Array.from(values).sort();
  const n = v.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
}

/** The scale s the values are divided by before the networks (1 when the units are as given). */
export function unitScale(units: ModelUnits | undefined, se: ArrayLike<number>): number {
  return units ? median(se) : 1;
}

/** The values divided by s (the same array when s = 1). */
export function inUnits(values: Float64Array, s: number): Float64Array {
  return s === 1 ? values : values.map((x) => x / s);
}

/**
 * What each variant's BETA is divided by before the networks and their output
 * multiplied by: its SE in "z" units, else the scale s (`scale`, from chromosomeScales).
 */
export function betaDivisors(units: ModelUnits | undefined, se: Float64Array, scale: Float64Array): Float64Array {
  return units === "z" ? se : scale;
}

/** Each variant's scale: unitScale of the SEs of the variants on its chromosome (of all, when chromosomes are unknown). */
export function chromosomeScales(units: ModelUnits | undefined, se: Float64Array, chr: string[] | null | undefined): Float64Array {
  if (!units || !chr) return new Float64Array(se.length).fill(unitScale(units, se));
  const byChrom = new Map<string, number[]>();
  chr.forEach((c, i) => {
    const list = byChrom.get(c);
    if (list) list.push(se[i]);
    else byChrom.set(c, [se[i]]);
  });
  const scaleOf = new Map([...byChrom].map(([c, v]) => [c, unitScale(units, v)]));
  return Float64Array.from(chr, (c) => scaleOf.get(c)!);
}

const fmt = (x: number): string => x.toPrecision(3);

/**
 * One warning line when a trait's median SE (or its N, when known) lies outside
 * the range the model was trained on, else null.
 */
export function rangeWarning(models: Ensemble, source: string, se: ArrayLike<number>, n?: number): string | null {
  const r = models.trainingRange;
  if (!r) return null;
  const m = median(se);
  const out: string[] = [];
  if (r.medianSe && (m < r.medianSe[0] || m > r.medianSe[1])) out.push(`median SE ${fmt(m)} is outside the ${fmt(r.medianSe[0])}–${fmt(r.medianSe[1])} the model was trained on`);
  if (r.n && n !== undefined && (n < r.n[0] || n > r.n[1])) out.push(`N ${n} is outside the ${r.n[0]}–${r.n[1]} the model was trained on`);
  return out.length ? `${source}: ${out.join("; ")}; its shrinkage there is an extrapolation` : null;
}

/** Whether a training range is well formed: [lo, hi] pairs of positive finite numbers. */
export function isRange(x: unknown): x is [number, number] {
  return Array.isArray(x) && x.length === 2 && x.every((v) => typeof v === "number" && Number.isFinite(v) && v > 0) && x[0] <= x[1];
}

