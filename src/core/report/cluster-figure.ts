// A joint clustering: the shrunk effects of two traits against each other,
// each variant coloured by its cluster (grey: thresholded to zero), with each
// cluster's 2σ covariance ellipse from its Σ. Three or more traits: one panel
// per trait pair (lower triangle of a grid), each with the pair's 2×2 block
// of Σ (the marginal covariance of the projection). Points are drawn once per
// occupied pixel per cluster (see dotPath), zero first and the clusters with
// the largest variance last, so the rare large effects stay on top.
import { cx, fmtInt, fmtSig, linear, niceTicks } from "./format.js";
import { ellipseGeometry } from "./ellipse.js";
import { clusterColour, ZERO } from "./palette.js";
import { axes, Dots, fitTicks, legendColumn, svgDoc, text, type Area, type LegendItem } from "./svg.js";
import type { ReportClusterSet, ReportTrait } from "./types.js";

/** The set's traits' shrunk effects, in the set's trait order. */
export function setEffects(set: ReportClusterSet, traits: ReportTrait[]): ArrayLike<number>[] {
  return set.traits.map((name) => {
    const t = traits.find((tr) => tr.name === name);
    if (!t) throw new Error(`report: clustering ${set.name} names trait ${name}, which is not among the traits`);
    if (t.shrunk.length !== set.labels.length) {
      throw new Error(`report: clustering ${set.name} has ${set.labels.length} labels but trait ${name} has ${t.shrunk.length} effects`);
    }
    return t.shrunk;
  });
}

/** Variants per cluster (index K holds the zero label's count). */
export function clusterCounts(set: ReportClusterSet): number[] {
  const counts = new Array<number>(set.K + 1).fill(0);
  for (let v = 0; v < set.labels.length; v++) {
    const k = set.labels[v];
    counts[k >= 0 && k < set.K ? k : set.K]++;
  }
  return counts;
}

function range(v: ArrayLike<number>): [number, number] {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i] < lo) lo = v[i];
    if (v[i] > hi) hi = v[i];
  }
  const pad = (hi - lo) * 0.05 || 1e-3;
  return [lo - pad, hi + pad];
}

function panel(a: Area, set: ReportClusterSet, x: ArrayLike<number>, y: ArrayLike<number>, i: number, j: number): string {
  const [xlo, xhi] = range(x);
  const [ylo, yhi] = range(y);
  const xt = fitTicks(xlo, xhi, a.w, 6);
  const yt = niceTicks(ylo, yhi, 5);
  const xs = linear(xlo, xhi, a.x, a.x + a.w);
  const ys = linear(ylo, yhi, a.y + a.h, a.y);
  const layers = Array.from({ length: set.K + 1 }, () => new Dots());
  const kx = xs.k;
  const ky = ys.k;
  const y0 = a.y + a.h;
  for (let v = 0; v < set.labels.length; v++) {
    const k = set.labels[v];
    layers[k >= 0 && k < set.K ? k : set.K].add(a.x + (x[v] - xlo) * kx, y0 + (y[v] - ylo) * ky);
  }
  let dots = layers[set.K].svg(ZERO, 1.4);
  for (let k = set.K - 1; k >= 0; k--) dots += layers[k].svg(clusterColour(k), 1.7, 0.85);
  // Ellipses inside a nested <svg>, which clips them to the plot area; coordinates relative to it.
  const ox = xs(0) - a.x;
  const oy = ys(0) - a.y;
  let rings = "";
  for (let k = set.K - 1; k >= 0; k--) {
    const s = set.sigma[k];
    const e = ellipseGeometry([[s[i][i], s[i][j]], [s[j][i], s[j][j]]], xs.k, -ys.k);
    const shape = `rx="${cx(e.rx)}" ry="${cx(e.ry)}" transform="matrix(${e.cos.toFixed(4)} ${e.sin.toFixed(4)} ${(-e.sin).toFixed(4)} ${e.cos.toFixed(4)} ${cx(ox)} ${cx(oy)})" fill="none"`;
    rings += `<ellipse ${shape} stroke="#fff" stroke-width="3.5"/><ellipse ${shape} stroke="${clusterColour(k)}" stroke-width="1.6"/>`;
  }
  const clipped = `<svg x="${cx(a.x)}" y="${cx(a.y)}" width="${cx(a.w)}" height="${cx(a.h)}" overflow="hidden">${rings}</svg>`;
  const frame = `<rect x="${cx(a.x)}" y="${cx(a.y)}" width="${cx(a.w)}" height="${cx(a.h)}" fill="none" stroke="#999"/>`;
  return axes(a, xs, ys, xt, yt, `shrunk effect, ${set.traits[i]}`, `shrunk effect, ${set.traits[j]}`) + dots + clipped + frame;
}

function legend(set: ReportClusterSet, x: number, y: number): string {
  const counts = clusterCounts(set);
  const items: LegendItem[] = Array.from({ length: set.K }, (_, k) => ({
    label: `c${k + 1}: π = ${fmtSig(set.pi[k], 2)}, n = ${fmtInt(counts[k])}`,
    colour: clusterColour(k),
  }));
  items.push({ label: `zero (−1): n = ${fmtInt(counts[set.K])}`, colour: ZERO });
  items.push({ label: "2σ ellipse of Σ", colour: "#555", mark: "ring" });
  return text(x, y - 14, "Cluster", 'font-weight="600"') + legendColumn(items, x, y);
}

/** The SVG of one joint clustering (two or more traits); `traits` supplies the shrunk effects. */
export function clusterFigure(set: ReportClusterSet, traits: ReportTrait[]): string {
  const p = set.traits.length;
  if (p < 2) throw new Error(`report: clustering ${set.name} has one trait; its scatter needs two or more`);
  const eff = setEffects(set, traits);
  const title = `Joint clusters ${set.name}`;
  const head = text(20, 22, `${title} · K = ${set.K}`, 'font-weight="600" font-size="13"');
  if (p === 2) {
    const a: Area = { x: 80, y: 40, w: 420, h: 420 };
    return svgDoc(760, 520, title, head + panel(a, set, eff[0], eff[1], 0, 1) + legend(set, 530, 60));
  }
  const size = 230;
  const cellW = size + 84;
  const cellH = size + 64;
  const n = p - 1;
  let body = head;
  for (let j = 1; j < p; j++) {
    for (let i = 0; i < j; i++) {
      body += panel({ x: 80 + i * cellW, y: 40 + (j - 1) * cellH, w: size, h: size }, set, eff[i], eff[j], i, j);
    }
  }
  // The legend goes in the empty upper-right cell when it fits there, else right of the grid.
  const inCell = n >= 2 && (set.K + 2) * 18 + 30 <= cellH;
  const lx = inCell ? 80 + (n - 1) * cellW : 60 + n * cellW;
  const W = inCell ? 80 + n * cellW : 60 + n * cellW + 240;
  const H = Math.max(40 + n * cellH, 90 + (set.K + 2) * 18);
  return svgDoc(W, H, title, body + legend(set, lx, 60));
}
