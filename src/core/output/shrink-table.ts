// The shrinkage table: the input's CHR, POS, ID, EA and OA when present (after
// harmonisation: the reference's, with BETA for its A1), then BETA, SE, BETA_SHRINK.
import type { Gwas } from "../types.js";
import { formatTsv } from "./tsv.js";
import { variantColumns } from "./variant-columns.js";

export function shrinkTable(gwas: Gwas, betaShrink: Float64Array): string {
  const { header, cols } = variantColumns(gwas);
  header.push("BETA", "SE", "BETA_SHRINK");
  cols.push(gwas.beta, gwas.se, betaShrink);
  return formatTsv(header, cols);
}
