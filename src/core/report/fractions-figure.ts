// Per gene: stacked bars of the shares of the gene's variants in each joint
// cluster, and (grey, last) thresholded to zero, for the genes with the most
// variants in non-zero clusters.
import { cx, fmtInt, linear } from "./format.js";
import { clusterColour, GRID, INK, ZERO } from "./palette.js";
import { esc } from "./escape.js";
import { clip, legendColumn, svgDoc, text, type LegendItem } from "./svg.js";
import type { ReportGeneLevel } from "./types.js";

/** Genes shown in the stacked-bar figure. */
export const TOP_GENES = 30;

/** Per gene: the share of its variants thresholded to zero (given, or 1 − Σ of its cluster shares). */
export function zeroShares(gl: ReportGeneLevel): Float64Array {
  return Float64Array.from(gl.genes, (_, g) => {
    if (gl.zeroFractions) return gl.zeroFractions[g];
    let s = 0;
    for (let k = 0; k < gl.K; k++) s += gl.fractions[g * gl.K + k];
    return Math.max(0, 1 - s);
  });
}

/**
 * The genes with the most variants in non-zero clusters (at least one), most
 * first; ties by the larger non-zero share, then by the genes' order.
 */
export function topGenes(gl: ReportGeneLevel, count = TOP_GENES): number[] {
  const zero = zeroShares(gl);
  const nonzero = gl.genes.map((g, i) => Math.round(g.count * (1 - zero[i])));
  return gl.genes
    .map((_, i) => i)
    .filter((i) => nonzero[i] > 0)
    .sort((a, b) => nonzero[b] - nonzero[a] || zero[a] - zero[b] || a - b)
    .slice(0, count);
}

/** The name of a trait set as in the gene-level tables: "T1+T3". */
export function traitSetLabel(traits: string[]): string {
  return traits.join("+");
}

/** The SVG of the top genes' stacked cluster shares. */
export function geneFractionsFigure(gl: ReportGeneLevel, count = TOP_GENES): string {
  const top = topGenes(gl, count);
  const zero = zeroShares(gl);
  const left = 190;
  const barW = 560;
  const row = 18;
  const y0 = 48;
  const W = left + barW + 250;
  const H = Math.max(y0 + Math.max(1, top.length) * row + 50, 80 + (gl.K + 1) * 18);
  const xs = linear(0, 1, left, left + barW);
  let grid = "";
  let ticks = "";
  const bottom = y0 + top.length * row + 4;
  for (let q = 0; q <= 4; q++) {
    const x = cx(xs(q / 4));
    grid += `M${x} ${y0 - 4}V${cx(bottom)}`;
    ticks += text(xs(q / 4), bottom + 16, `${q * 25}%`, 'text-anchor="middle" font-size="11"');
  }
  let bars = "";
  top.forEach((g, r) => {
    const gene = gl.genes[g];
    const y = y0 + r * row;
    bars += text(left - 8, y + 12, `${clip(gene.name, 20)} (${fmtInt(gene.count)})`, 'text-anchor="end" font-size="11"');
    let x = 0;
    const segment = (share: number, colour: string, what: string) => {
      if (!(share > 0)) return;
      const n = Math.round(share * gene.count);
      bars +=
        `<rect x="${cx(xs(x))}" y="${y + 2}" width="${cx(xs(x + share) - xs(x))}" height="14" fill="${colour}">` +
        `<title>${esc(`${gene.name}: ${what} ${(share * 100).toFixed(1)}% (${n} of ${gene.count} variants)`)}</title></rect>`;
      x += share;
    };
    for (let k = 0; k < gl.K; k++) segment(gl.fractions[g * gl.K + k], clusterColour(k), `c${k + 1}`);
    segment(zero[g], ZERO, "zero");
  });
  const typeOf = new Map(gl.types.map((t) => [t.cluster, t]));
  const items: LegendItem[] = Array.from({ length: gl.K }, (_, k) => {
    const t = typeOf.get(k);
    return { label: t ? `c${k + 1} (${clip(traitSetLabel(t.traits), 24)})` : `c${k + 1}`, colour: clusterColour(k), mark: "box" };
  });
  items.push({ label: "zero (−1)", colour: ZERO, mark: "box" });
  const body =
    text(20, 22, `Cluster shares per gene · ${gl.set} · top ${top.length} genes by variants in non-zero clusters`, 'font-weight="600" font-size="13"') +
    `<path d="${grid}" stroke="${GRID}" fill="none"/>` +
    bars +
    `<path d="M${left} ${y0 - 4}V${cx(bottom)}H${left + barW}" stroke="${INK}" fill="none"/>` +
    ticks +
    text(xs(0.5), bottom + 34, "Share of the gene's variants (gene's variant count in brackets)", 'text-anchor="middle" font-size="13"') +
    text(left + barW + 30, y0 + 4, "Cluster (traits)", 'font-weight="600"') +
    legendColumn(items, left + barW + 30, y0 + 22);
  return svgDoc(W, H, `Cluster shares per gene (${gl.set})`, body);
}
