// A variant table's identity columns: CHR, POS, ID, EA and OA, those the
// variants have (after harmonisation: the LD reference's, EA = its A1).
import { InputError } from "../errors.js";
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

/**
 * A table with one row per variant with a shrink table's identity columns
 * (those before its BETA column, as shrinkTable wrote them) put in front: the
 * same identity columns as the run's per-variant tables of those variants.
 */
export function withIdentityColumnsOf(shrinkTable: string, source: string, tsv: string): string {
  const rows = shrinkTable.split("\n");
  const width = rows[0].split("\t").indexOf("BETA");
  if (width < 0) throw new InputError({ file: source, line: 1 }, "no BETA column: the variants' identity columns are those before it in a shrink table");
  if (width === 0) return tsv;
  const lines = tsv.split("\n");
  if (rows.length !== lines.length) throw InputError.mismatch(source, `${source} has ${rows.length - 2} variants but the table to label has ${lines.length - 2} rows`);
  for (let i = 0; i < lines.length - 1; i++) {
    const cells = rows[i].split("\t", width);
    lines[i] = `${cells.join("\t")}\t${lines[i]}`;
  }
  return lines.join("\n");
}
