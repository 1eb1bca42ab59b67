// The shrinkage table: the input's CHR, POS, ID, EA and OA when present (after
// harmonisation: the reference's, with BETA for its A1), then BETA, SE, BETA_SHRINK.
import type { Gwas } from "../types.js";
import { formatTsv, tsvChunks, type Column } from "./tsv.js";
import { variantColumns } from "./variant-columns.js";

export function shrinkTable(gwas: Gwas, betaShrink: Float64Array): string {
  const { header, cols } = shrinkColumns(gwas, betaShrink);
  return formatTsv(header, cols);
}

/** The shrinkage table in pieces of lines (tsvChunks). */
export function shrinkTableChunks(gwas: Gwas, betaShrink: Float64Array): Generator<string> {
  const { header, cols } = shrinkColumns(gwas, betaShrink);
  return tsvChunks(header, cols);
}

function shrinkColumns(gwas: Gwas, betaShrink: Float64Array): { header: string[]; cols: Column[] } {
  const { header, cols } = variantColumns(gwas);
  header.push("BETA", "SE", "BETA_SHRINK");
  cols.push(gwas.beta, gwas.se, betaShrink);
  return { header, cols };
}
