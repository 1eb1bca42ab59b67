// The shrinkage table: the input's CHR, POS, ID, EA and OA when present (after
// harmonisation: the reference's, with BETA for its A1), then BETA, SE, BETA_SHRINK.
import type { Gwas } from "../types.js";
import { formatTsv, type Column } from "./tsv.js";

export function shrinkTable(gwas: Gwas, betaShrink: Float64Array): string {
  const header: string[] = [];
  const cols: Column[] = [];
  if (gwas.chr) header.push("CHR"), cols.push(gwas.chr);
  if (gwas.pos) header.push("POS"), cols.push(gwas.pos);
  if (gwas.id) header.push("ID"), cols.push(gwas.id);
  if (gwas.ea && gwas.oa) header.push("EA", "OA"), cols.push(gwas.ea, gwas.oa);
  header.push("BETA", "SE", "BETA_SHRINK");
  cols.push(gwas.beta, gwas.se, betaShrink);
  return formatTsv(header, cols);
}
