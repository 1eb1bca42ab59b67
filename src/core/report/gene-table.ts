// The gene-test table: one row per gene, ranked by its smallest exact p over
// the traits, with each trait's STAT, Liu p and exact p. p-values are shown as
// numbers while a double holds them and as 10^−x beyond; every numeric cell
// carries its sort key in data-v (−log10 p for p-values), read by the table's
// script (script.ts).
import { esc } from "./escape.js";
import { fmtInt, fmtSig } from "./format.js";
import { bonferroniMlog10, rowMlog10 } from "./qq-figure.js";
import type { ReportGeneTestRow, ReportGeneTests } from "./types.js";

/** Rows of the HTML table at most; the full tables are the genes/enrich_*.tsv files. */
export const MAX_TABLE_GENES = 5000;

/** One gene's tests across traits. */
export interface MergedGene {
  gene: string;
  nVariants: number;
  /** Per trait (ReportGeneTests order), its row or undefined when that trait did not test the gene. */
  rows: (ReportGeneTestRow | undefined)[];
  /** Largest −log10 p (exact, else Liu) over the traits; NaN when none is finite. */
  best: number;
}

/**
 * The traits' rows joined by gene (a name's second occurrence joins the other
 * traits' second occurrence), ranked by `best` descending, then by first appearance.
 */
export function mergeGeneTests(tests: ReportGeneTests[]): MergedGene[] {
  const byKey = new Map<string, MergedGene>();
  tests.forEach((t, ti) => {
    const seen = new Map<string, number>();
    for (const r of t.rows) {
      const occ = seen.get(r.gene) ?? 0;
      seen.set(r.gene, occ + 1);
      const key = `${r.gene}\u0000${occ}`;
      let m = byKey.get(key);
      if (!m) {
        m = { gene: r.gene, nVariants: r.nVariants, rows: tests.map(() => undefined), best: NaN };
        byKey.set(key, m);
      }
      m.rows[ti] = r;
    }
  });
  const merged = [...byKey.values()];
  for (const m of merged) {
    for (const r of m.rows) {
      const v = r ? rowMlog10(r) : NaN;
      if (Number.isFinite(v) && !(v <= m.best)) m.best = v;
    }
  }
  const order = new Map(merged.map((m, i) => [m, i]));
  const rank = (m: MergedGene) => (Number.isNaN(m.best) ? -Infinity : m.best);
  return merged.sort((a, b) => rank(b) - rank(a) || order.get(a)! - order.get(b)!);
}

/** A p-value for display: the number while p ≥ 1e-300, else 10^−x from −log10 p. */
export function pHtml(p: number, mlog10: number): string {
  if (!Number.isFinite(mlog10) && !Number.isFinite(p)) return "NA";
  if (p >= 1e-300 || !Number.isFinite(mlog10)) return fmtSig(p, 3);
  return `10<sup>−${mlog10.toFixed(1)}</sup>`;
}

function key(v: number): string {
  return Number.isFinite(v) ? String(v) : "";
}

function pCell(p: number, mlog10: number, sig: number): string {
  const cls = mlog10 >= sig ? ' class="sig"' : "";
  return `<td data-v="${key(mlog10)}"${cls}>${pHtml(p, mlog10)}</td>`;
}

/** The gene table's HTML (filter box, count, table with id "gene-table"). */
export function geneTableHtml(tests: ReportGeneTests[]): string {
  const merged = mergeGeneTests(tests);
  const shown = merged.slice(0, MAX_TABLE_GENES);
  const sig = bonferroniMlog10(merged.length);
  const th = (col: number, label: string, first: "ascending" | "descending", extra = "") =>
    `<th data-col="${col}" data-first="${first}" tabindex="0"${extra}>${label}</th>`;
  let head1 = th(0, "Rank", "ascending", ' rowspan="2" aria-sort="ascending"') + th(1, "Gene", "ascending", ' rowspan="2"') + th(2, "SNPs", "descending", ' rowspan="2"');
  let head2 = "";
  tests.forEach((t, i) => {
    head1 += `<th colspan="3" class="trait">${esc(t.trait)}</th>`;
    const c = 3 + i * 3;
    head2 += th(c, "STAT", "descending", ' class="first"') + th(c + 1, "p Liu", "descending") + th(c + 2, "p exact", "descending");
  });
  const body = shown
    .map((m, i) => {
      let cells = `<td data-v="${i + 1}">${i + 1}</td><td class="gene">${esc(m.gene)}</td><td data-v="${m.nVariants}">${fmtInt(m.nVariants)}</td>`;
      for (const r of m.rows) {
        cells += r
          ? `<td data-v="${key(r.stat)}" class="first">${fmtSig(r.stat, 3)}</td>${pCell(r.pLiu, r.mlog10pLiu, sig)}${pCell(r.pExact, r.mlog10pExact, sig)}`
          : `<td data-v="" class="first">–</td><td data-v="">–</td><td data-v="">–</td>`;
      }
      return `<tr>${cells}</tr>`;
    })
    .join("\n");
  const more = merged.length > shown.length ? ` The ${fmtInt(shown.length)} best-ranked of ${fmtInt(merged.length)} genes are listed; all are in genes/enrich_&lt;trait&gt;.tsv.` : "";
  return (
    `<div class="tools"><label>Filter genes <input id="gene-filter" type="search" placeholder="gene name" autocomplete="off"></label> ` +
    `<span id="gene-count">${fmtInt(shown.length)} genes</span></div>\n` +
    `<div class="table-wrap"><table id="gene-table" class="genes">\n<thead><tr>${head1}</tr>\n<tr>${head2}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>\n` +
    `<p class="caption">Genes ranked by their smallest exact p-value over the traits. STAT is T = Σ β̃² over the gene's variants; ` +
    `p Liu by Liu's approximation, p exact by the exact distribution of Σ λ χ²₁; p-values below 10<sup>−300</sup> are shown as 10<sup>−x</sup> from −log10 p. ` +
    `Bold: below the Bonferroni threshold 0.05 / ${fmtInt(merged.length)} genes. Click a column header to sort (again to reverse).${more}</p>`
  );
}
