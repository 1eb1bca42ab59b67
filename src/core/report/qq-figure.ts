// Gene tests: a QQ plot of the exact p-values, −log10 p observed against
// expected under the null (uniform p), one series per trait, with the y = x
// line and the Bonferroni threshold 0.05 / genes.
import { cx, fmtSig, linear, niceTicks } from "./format.js";
import { traitColour } from "./palette.js";
import { axes, clip, dotPath, fitTicks, legendColumn, svgDoc, text, type Area } from "./svg.js";
import type { ReportGeneTestRow, ReportGeneTests } from "./types.js";
import * as dmath from "../math.js";

/** −log10 of a row's exact p, or of Liu's where the exact one is missing; NaN when neither is finite. */
export function rowMlog10(r: ReportGeneTestRow): number {
  return Number.isFinite(r.mlog10pExact) ? r.mlog10pExact : r.mlog10pLiu;
}

/** −log10 of the Bonferroni threshold 0.05 / genes. */
export function bonferroniMlog10(genes: number): number {
  return -dmath.log10(0.05 / Math.max(1, genes));
}

/**
 * The top of the y axis: the largest −log10 p, unless a few genes lie far
 * above all others (the largest more than 3 times, and 20 more than, the
 * value at rank max(3, 1% of the points)), which would flatten every other
 * point against the x axis; then 1.5 times that value (at least 1.5 times the
 * Bonferroni line), and the genes beyond are drawn at the top as triangles.
 */
export function qqTop(values: number[], bonf: number): number {
  const all = [...values].sort((x, y) => y - x);
  if (all.length === 0) return 1;
  const ref = all[Math.min(all.length, Math.max(3, Math.ceil(all.length * 0.01))) - 1];
  if (all.length >= 10 && all[0] > 3 * ref && all[0] > ref + 20) return Math.max(ref * 1.5, bonf * 1.5, 1);
  return all[0];
}

/** The SVG of the gene tests' QQ plot. */
export function geneQqFigure(tests: ReportGeneTests[]): string {
  const a: Area = { x: 76, y: 40, w: 440, h: 400 };
  const series = tests.map((t) => {
    const obs = t.rows.map(rowMlog10).filter(Number.isFinite).sort((x, y) => y - x);
    const G = obs.length;
    return { trait: t.trait, obs, exp: obs.map((_, i) => -dmath.log10((i + 0.5) / G)) };
  });
  const genes = Math.max(1, ...tests.map((t) => t.rows.length));
  const bonf = bonferroniMlog10(genes);
  const top = qqTop(series.flatMap((s) => s.obs), bonf);
  const xmax = Math.max(1, ...series.map((s) => s.exp[0] ?? 0));
  const ymax = Math.max(xmax, bonf * 1.1, top);
  const xt = fitTicks(0, xmax, a.w, 6, true);
  const yt = niceTicks(0, ymax * 1.03, 6, true);
  const xs = linear(xt.lo, xt.hi, a.x, a.x + a.w);
  const ys = linear(yt.lo, yt.hi, a.y + a.h, a.y);
  const diag = Math.min(xt.hi, yt.hi);
  let body =
    text(20, 22, "Gene tests: QQ plot of exact p-values", 'font-weight="600" font-size="13"') +
    axes(a, xs, ys, xt, yt, "Expected −log10 p", "Observed −log10 p (exact)") +
    `<path d="M${cx(xs(0))} ${cx(ys(0))}L${cx(xs(diag))} ${cx(ys(diag))}" stroke="#888" fill="none"/>` +
    `<path d="M${cx(a.x)} ${cx(ys(bonf))}H${cx(a.x + a.w)}" stroke="#888" stroke-dasharray="4 3" fill="none"/>` +
    text(a.x + a.w - 4, ys(bonf) - 5, `Bonferroni 0.05/${genes} (p ${fmtSig(0.05 / genes, 2)})`, 'text-anchor="end" font-size="11" fill="#555"');
  let beyond = 0;
  let most = 0;
  series.forEach((s, t) => {
    const inside = s.obs.map((v) => v <= yt.hi);
    const px = s.exp.filter((_, i) => inside[i]).map(xs);
    const py = s.obs.filter((_, i) => inside[i]).map(ys);
    body += dotPath(px, py, traitColour(t), 2.4, 0.85);
    let tri = "";
    s.obs.forEach((v, i) => {
      if (inside[i]) return;
      beyond++;
      most = Math.max(most, v);
      tri += `M${cx(xs(s.exp[i]))} ${cx(a.y + 1)}l-4.5 8h9z`;
    });
    if (tri) body += `<path d="${tri}" fill="${traitColour(t)}"/>`;
  });
  if (beyond) {
    const what = `▲ ${beyond} gene${beyond > 1 ? "s" : ""} above the axis (up to −log10 p = ${fmtSig(most, 4)})`;
    body += text(a.x + 8, a.y + 24, what, 'font-size="11" fill="#555"');
  }
  body += legendColumn(
    series.map((s, t) => ({ label: `${clip(s.trait, 20)} (${s.obs.length} genes)`, colour: traitColour(t) })),
    a.x + a.w + 24,
    a.y + 10,
  );
  return svgDoc(a.x + a.w + 200, a.y + a.h + 60, "Gene tests: QQ plot", body);
}
