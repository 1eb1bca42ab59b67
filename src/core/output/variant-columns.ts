// A variant table's identity columns: CHR, POS, ID, EA and OA, those the
// variants have (after harmonisation: the LD reference's, EA = its A1).
import type { Gwas } from "../types.js";
import type { Column } from "./tsv.js";

export function variantColumns(gwas: Gwas): { header: string[]; cols: Column[] } {
  const header: string[] = [];
  const cols: Column[] = [];
  if (gwas.chr) header.push("CHR"), cols.push(gwas.chr);
  if (gwas.pos) header.push("POS"), cols.push(gwas.pos);
  if (gwas.id) header.push("ID"), cols.push(gwas.id);
  if (gwas.ea && gwas.oa) header.push("EA", "OA"), cols.push(gwas.ea, gwas.oa);
  return { header, cols };
}
