// Per trait: observed (BETA) and shrunk (BETA_SHRINK) effects along the
// chromosome. With up to ~100k variants, drawing every point would make a
// figure of several megabytes in which almost all points sit in a band around
// zero, hidden under each other. So each series draws only its
// EFFECT_POINTS largest |effects| as points (deduplicated per pixel); the
// rest, all smaller than those, are drawn as one vertical line per pixel
// column from their minimum to their maximum: the band they fill. The figure
// looks the same as with every point, at a bounded size.
import { cx, fmtInt, linear, niceTicks, type Scale } from "./format.js";
import { OBSERVED, SHRUNK } from "./palette.js";
import { axes, Dots, fitTicks, hLine, legendRow, svgDoc, text, type Area } from "./svg.js";
import type { ReportTrait } from "./types.js";

/** Points drawn individually per series; smaller effects are drawn as a band. */
export const EFFECT_POINTS = 2000;

/** The x coordinate of each variant and the axis title. */
export interface VariantAxis {
  x: Float64Array;
  label: string;
  /** True when x is the position in Mb, false when it is the variant index. */
  byPosition: boolean;
  /** With several chromosomes side by side: each one's name and x range (its variants' Mb, shifted past the ones before). */
  chromosomes?: { name: string; start: number; end: number }[];
}

/** Whether `pos` is finite and non-decreasing over [from, to). */
function sortedPositions(pos: ArrayLike<number>, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!Number.isFinite(pos[i]) || (i > from && pos[i] < pos[i - 1])) return false;
  return true;
}

/**
 * Several chromosomes, each a contiguous run of variants sorted by position: side by side,
 * each from 0 to its last variant's position (in Mb) and shifted past the ones before it.
 */
function genomeAxis(chroms: ArrayLike<string>, pos: ArrayLike<number>): VariantAxis | null {
  const n = chroms.length;
  const runs: { name: string; from: number; to: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (i === 0 || chroms[i] !== chroms[i - 1]) runs.push({ name: chroms[i], from: i, to: i + 1 });
    else runs[runs.length - 1].to = i + 1;
  }
  if (runs.length < 2 || new Set(runs.map((r) => r.name)).size !== runs.length) return null;
  if (!runs.every((r) => sortedPositions(pos, r.from, r.to))) return null;
  const x = new Float64Array(n);
  const chromosomes: NonNullable<VariantAxis["chromosomes"]> = [];
  let offset = 0;
  for (const r of runs) {
    for (let i = r.from; i < r.to; i++) x[i] = offset + pos[i] / 1e6;
    const end = offset + pos[r.to - 1] / 1e6;
    chromosomes.push({ name: r.name, start: offset, end });
    offset = end;
  }
  return { x, label: "Chromosome (side by side, each by position in Mb)", byPosition: true, chromosomes };
}

/** Positions in Mb when every variant has a finite, non-decreasing position (per chromosome, side by side, when there are several); else the 1-based index. */
export function variantAxis(trait: ReportTrait): VariantAxis {
  const n = trait.beta.length;
  const pos = trait.pos;
  const chroms = trait.chroms && trait.chroms.length === n ? trait.chroms : null;
  const several = chroms !== null && Array.prototype.some.call(chroms, (c: string) => c !== chroms[0]);
  const genome = several && pos !== null && pos.length === n ? genomeAxis(chroms!, pos) : null;
  if (genome) return genome;
  // positions of several chromosomes that are not each a sorted run are not one axis
  const ok = !several && pos !== null && pos.length === n && n > 0 && sortedPositions(pos, 0, n);
  const x = new Float64Array(n);
  if (ok) {
    for (let i = 0; i < n; i++) x[i] = pos![i] / 1e6;
    const where = trait.chr ? `Position on chromosome ${trait.chr} (Mb)` : "Position (Mb)";
    return { x, label: where, byPosition: true };
  }
  for (let i = 0; i < n; i++) x[i] = i + 1;
  return { x, label: "Variant (index in file order)", byPosition: false };
}

/** The k-th smallest value of `a` (0-based), by Hoare's selection with a median-of-three pivot; reorders `a`. */
export function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const [x, y, z] = [a[lo], a[mid], a[hi]];
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Which values are drawn as points: the `count` largest |v| (with ties at the threshold, if non-zero). */
export function largestMask(values: ArrayLike<number>, count: number): Uint8Array {
  const n = values.length;
  const mask = new Uint8Array(n);
  if (n <= count) return mask.fill(1);
  const abs = new Float64Array(n);
  for (let i = 0; i < n; i++) abs[i] = Math.abs(values[i]);
  const t = select(abs, n - count);
  for (let i = 0; i < n; i++) {
    const a = Math.abs(values[i]);
    if (a > t || (a === t && t > 0)) mask[i] = 1;
  }
  return mask;
}

function series(a: Area, xpx: Float64Array, values: ArrayLike<number>, ys: Scale, colour: string, opacity: number): string {
  const keep = largestMask(values, EFFECT_POINTS);
  const cols = Math.ceil(a.w) + 1;
  const lo = new Float64Array(cols).fill(Infinity);
  const hi = new Float64Array(cols).fill(-Infinity);
  const dots = new Dots();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const y = ys(v);
    if (keep[i]) {
      dots.add(xpx[i], y);
      continue;
    }
    const c = Math.min(cols - 1, Math.max(0, Math.floor(xpx[i] - a.x)));
    if (y < lo[c]) lo[c] = y;
    if (y > hi[c]) hi[c] = y;
  }
  let band = "";
  for (let c = 0; c < cols; c++) if (lo[c] <= hi[c]) band += `M${cx(a.x + c + 0.5)} ${cx(lo[c])}V${cx(hi[c])}`;
  const bandPath = band ? `<path d="${band}" stroke="${colour}" stroke-opacity="${opacity}" stroke-linecap="square" fill="none"/>` : "";
  return bandPath + dots.svg(colour, 1.8, opacity);
}

/** A light band behind every other chromosome, so that neighbours are told apart. */
function chromosomeBands(a: Area, xs: Scale, chromosomes: VariantAxis["chromosomes"]): string {
  if (!chromosomes) return "";
  let d = "";
  chromosomes.forEach((c, k) => {
    if (k % 2) d += `M${cx(xs(c.start))} ${cx(a.y)}H${cx(xs(c.end))}V${cx(a.y + a.h)}H${cx(xs(c.start))}Z`;
  });
  return d ? `<path d="${d}" fill="#000" fill-opacity="0.04"/>` : "";
}

function extent(arrays: ArrayLike<number>[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const arr of arrays) {
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return [lo, hi];
}

/** The SVG of one trait's observed and shrunk effects along the chromosome. */
export function effectsFigure(trait: ReportTrait): string {
  const W = 960;
  const H = 330;
  const a: Area = { x: 76, y: 36, w: 864, h: 244 };
  const ax = variantAxis(trait);
  const n = ax.x.length;
  const x0 = n ? ax.x[0] : 0;
  const x1 = n ? ax.x[n - 1] : 1;
  // several chromosomes: one tick at each one's middle, named
  const xt = ax.chromosomes
    ? { lo: x0, hi: x1, values: ax.chromosomes.map((c) => (c.start + c.end) / 2), labels: ax.chromosomes.map((c) => c.name) }
    : fitTicks(x0, x1, a.w, 10);
  const xs = linear(xt.lo, xt.hi, a.x, a.x + a.w);
  const [lo, hi] = extent([trait.beta, trait.shrunk]);
  const pad = (hi - lo) * 0.05 || 1;
  const yt = niceTicks(lo - pad, hi + pad, 6);
  const ys = linear(yt.lo, yt.hi, a.y + a.h, a.y);
  const xpx = new Float64Array(n);
  for (let i = 0; i < n; i++) xpx[i] = xs(ax.x[i]);
  const body =
    axes(a, xs, ys, xt, yt, ax.label, "Effect size") +
    chromosomeBands(a, xs, ax.chromosomes) +
    hLine(a, ys, 0) +
    series(a, xpx, trait.beta, ys, OBSERVED, 0.7) +
    series(a, xpx, trait.shrunk, ys, SHRUNK, 0.9) +
    text(a.x, 20, `${trait.name} · ${fmtInt(n)} variants`, 'font-weight="600" font-size="13"') +
    legendRow(
      [
        { label: "observed (BETA)", colour: OBSERVED },
        { label: "shrunk (BETA_SHRINK)", colour: SHRUNK },
      ],
      a.x + a.w - 330,
      16,
    );
  return svgDoc(W, H, `${trait.name}: observed and shrunk effects`, body);
}
