// harmonised/<trait>.tsv: the variants a trait contributed to the analysis,
// aligned to the reference (EA = the reference's A1), and what was done to each.
import { formatTsv, type Column } from "../output/tsv.js";
import type { Gwas } from "../types.js";
import { Relation } from "./alleles.js";

const ACTION: Record<number, string> = {
  [Relation.Same]: "as-is",
  [Relation.Swapped]: "swapped",
  [Relation.Flipped]: "strand-flipped",
  [Relation.FlippedSwapped]: "strand-flipped,swapped",
};

/** CHR, POS, ID, EA, OA, BETA, SE[, EAF], ACTION for an aligned trait. */
export function harmonisedTsv(gwas: Gwas, relation: Uint8Array): string {
  const header: string[] = [];
  const cols: Column[] = [];
  if (gwas.chr) header.push("CHR"), cols.push(gwas.chr);
  if (gwas.pos) header.push("POS"), cols.push(gwas.pos);
  if (gwas.id) header.push("ID"), cols.push(gwas.id);
  if (gwas.ea && gwas.oa) header.push("EA", "OA"), cols.push(gwas.ea, gwas.oa);
  header.push("BETA", "SE"), cols.push(gwas.beta, gwas.se);
  if (gwas.eaf) header.push("EAF"), cols.push(gwas.eaf);
  header.push("ACTION"), cols.push(Array.from(relation, (r) => ACTION[r]));
  return formatTsv(header, cols);
}
