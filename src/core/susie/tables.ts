// SuSiE-RSS outputs: the shrinkage table with PIP and CS columns, and the
// credible-sets table.
import { shrinkTable } from "../output/shrink-table.js";
import { formatTsv } from "../output/tsv.js";
import type { Gwas } from "../types.js";
import type { SusieShrinkResult } from "./susie-rss.js";

/** A credible set's name: its block (1-based) and single effect, e.g. "B2_L1". */
export function credibleSetName(s: { block: number; effect: number }): string {
  return `B${s.block + 1}_L${s.effect}`;
}

/** The shrinkage table (CHR, POS, ID, BETA, SE, BETA_SHRINK) plus PIP and CS (the variant's credible sets, comma separated; "." for none). */
export function susieShrinkTable(gwas: Gwas, res: SusieShrinkResult): string {
  const cs: string[][] = Array.from({ length: gwas.n }, () => []);
  for (const s of res.sets) for (const j of s.variants) cs[j].push(credibleSetName(s));
  const base = shrinkTable(gwas, res.betaShrink).split("\n");
  const extra = formatTsv(["PIP", "CS"], [res.pip, cs.map((c) => (c.length ? c.join(",") : "."))]).split("\n");
  return base.map((line, i) => (line ? `${line}\t${extra[i]}` : line)).join("\n");
}

/** One row per credible set: name, block, effect, size, coverage, purity (min, mean, median |r|), the lead variant (highest PIP) and the members (IDs when the GWAS has them, else 1-based rows). */
export function credibleSetsTable(gwas: Gwas, res: SusieShrinkResult): string {
  const label = (j: number) => (gwas.id ? gwas.id[j] : String(j + 1));
  const rows = res.sets;
  const lead = rows.map((s) => s.variants.reduce((a, b) => (res.pip[b] > res.pip[a] ? b : a)));
  return formatTsv(
    ["CS", "BLOCK", "EFFECT", "SIZE", "COVERAGE", "MIN_ABS_CORR", "MEAN_ABS_CORR", "MEDIAN_ABS_CORR", "LEAD", "LEAD_PIP", "VARIANTS"],
    [
      rows.map(credibleSetName),
      rows.map((s) => s.block + 1),
      rows.map((s) => s.effect),
      rows.map((s) => s.variants.length),
      rows.map((s) => s.coverage),
      rows.map((s) => s.minAbsCorr),
      rows.map((s) => s.meanAbsCorr),
      rows.map((s) => s.medianAbsCorr),
      lead.map(label),
      lead.map((j) => res.pip[j]),
      rows.map((s) => s.variants.map(label).join(",")),
    ],
  );
}
