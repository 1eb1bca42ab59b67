// One clustering as a table: per cluster its weight π, its variants, each
// trait's standard deviation √Σ_tt and each trait pair's correlation.
import { clusterCounts } from "./cluster-figure.js";
import { esc } from "./escape.js";
import { fmtInt, fmtSig } from "./format.js";
import { htmlTable, swatch } from "./html.js";
import { clusterColour, ZERO } from "./palette.js";
import type { ReportClusterSet } from "./types.js";

/** The clustering's table HTML. */
export function clustersTableHtml(set: ReportClusterSet): string {
  const p = set.traits.length;
  const counts = clusterCounts(set);
  const pairs: [number, number][] = [];
  for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) pairs.push([i, j]);
  const head = ["Cluster", "π", "Variants", ...set.traits.map((t) => `sd ${esc(t)}`), ...pairs.map(([i, j]) => `ρ ${esc(set.traits[i])}, ${esc(set.traits[j])}`)];
  const rows = Array.from({ length: set.K }, (_, k) => {
    const s = set.sigma[k];
    return [
      `${swatch(clusterColour(k))}c${k + 1}`,
      fmtSig(set.pi[k], 3),
      fmtInt(counts[k]),
      ...set.traits.map((_, t) => fmtSig(Math.sqrt(s[t][t]), 3)),
      ...pairs.map(([i, j]) => fmtSig(s[i][j] / Math.sqrt(s[i][i] * s[j][j]), 2)),
    ];
  });
  const cutoff = set.zeroCutoff !== undefined ? `|β̃| ≤ ${fmtSig(set.zeroCutoff, 3)}` : "";
  rows.push([`${swatch(ZERO)}zero (−1)`, "", fmtInt(counts[set.K]), cutoff, ...Array<string>(p - 1 + pairs.length).fill("")]);
  return htmlTable("num", head, rows);
}
