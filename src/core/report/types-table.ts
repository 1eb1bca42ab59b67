// The association types of a joint clustering: per cluster, the traits it is
// associated with (trait-specific or shared), and per type the genes with the
// highest scores when the scores are given.
import { clusterCounts } from "./cluster-figure.js";
import { esc } from "./escape.js";
import { traitSetLabel } from "./fractions-figure.js";
import { fmtInt, fmtSig } from "./format.js";
import { htmlTable, swatch } from "./html.js";
import { clusterColour } from "./palette.js";
import type { ReportClusterSet, ReportGeneLevel } from "./types.js";

/** Genes listed per association type. */
export const TOP_TYPE_GENES = 5;

/** "T1-specific", "shared by T1 and T3", "shared by all traits" (of `all`), "no trait". */
export function describeTraits(traits: string[], all: string[]): string {
  if (traits.length === 0) return "no trait";
  if (traits.length === 1) return `${traits[0]}-specific`;
  if (all.length > 0 && traits.length === all.length && all.every((t) => traits.includes(t))) return "shared by all traits";
  return `shared by ${traits.slice(0, -1).join(", ")} and ${traits[traits.length - 1]}`;
}

/** The association types' table HTML; `set` is the clustering the gene level comes from, when known. */
export function typesTableHtml(gl: ReportGeneLevel, set?: ReportClusterSet): string {
  const all = set?.traits ?? [];
  const counts = set ? clusterCounts(set) : undefined;
  const anyShares = gl.types.some((t) => t.shares);
  const head = ["Cluster", "Pattern", "Traits", "Association", ...(set ? ["π", "Variants"] : []), ...(anyShares ? ["Variance shares"] : [])];
  const rows = [...gl.types]
    .sort((a, b) => a.cluster - b.cluster)
    .map((t) => {
      const shares = t.shares
        ? Array.from(t.shares, (s, i) => `${esc(all[i] ?? `trait ${i + 1}`)} ${fmtSig(s, 2)}`).join(", ")
        : "";
      return [
        `${swatch(clusterColour(t.cluster))}c${t.cluster + 1}`,
        esc(t.pattern),
        esc(traitSetLabel(t.traits)),
        esc(describeTraits(t.traits, all)),
        ...(set && counts ? [fmtSig(set.pi[t.cluster], 3), fmtInt(counts[t.cluster])] : []),
        ...(anyShares ? [shares] : []),
      ];
    });
  let html = htmlTable("types", head, rows);
  if (gl.typeScores && gl.typeScores.length) {
    const scoreRows = gl.typeScores.map((ts) => {
      const order = gl.genes
        .map((_, g) => g)
        .filter((g) => ts.scores[g] > 0)
        .sort((a, b) => ts.scores[b] - ts.scores[a] || a - b)
        .slice(0, TOP_TYPE_GENES);
      const genes = order.map((g) => `${esc(gl.genes[g].name)} <span class="muted">${fmtSig(ts.scores[g], 3)}</span>`).join(", ");
      return [esc(traitSetLabel(ts.traits)), esc(describeTraits(ts.traits, all)), genes || '<span class="muted">none</span>'];
    });
    html += `\n<h4>Top genes per association type</h4>\n` + htmlTable("types", ["Traits", "Association", `Top ${TOP_TYPE_GENES} genes (score Σ |β̃|)`], scoreRows);
  }
  return html;
}
