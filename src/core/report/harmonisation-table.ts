// The report's harmonisation table: per trait, harmonisation.tsv's counts.
import { COUNT_COLUMNS, type TraitCounts } from "../harmonise/counts.js";
import { esc } from "./escape.js";
import { fmtInt } from "./format.js";
import { htmlTable } from "./html.js";

const LABEL: Record<string, string> = {
  rows: "Rows",
  matched: "Matched",
  swapped: "Swapped",
  strandFlipped: "Strand-flipped",
  palindromic: "Palindromic",
  otherChromosome: "Other chromosome",
  notInReference: "Not in reference",
  duplicate: "Duplicate",
  missingValue: "Missing value",
  nonAcgt: "Non-ACGT",
  alleleMismatch: "Allele mismatch",
};

export function harmonisationTableHtml(traits: TraitCounts[]): string {
  const other = [...new Set(traits.flatMap((t) => Object.keys(t.counts.otherDropped)))].sort();
  const head = ["Trait", ...COUNT_COLUMNS.map(([k]) => LABEL[k]), ...other.map(esc), "Not in every trait", "Used"];
  const rows = traits.map((t) => [
    esc(t.name),
    ...COUNT_COLUMNS.map(([k]) => fmtInt(t.counts[k])),
    ...other.map((r) => fmtInt(t.counts.otherDropped[r] ?? 0)),
    fmtInt(t.counts.matched - t.used),
    fmtInt(t.used),
  ]);
  return htmlTable("num", head, rows);
}
