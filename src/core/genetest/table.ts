// The gene-test table: one row per gene in the gene table's order.
import { formatTsv } from "../output/tsv.js";
import type { GeneTestRow } from "./gene-test.js";

export const GENE_TEST_COLUMNS = ["GENE", "CHR", "START", "END", "N_SNPS", "STAT", "VAR", "P_LIU", "MLOG10P_LIU", "P_EXACT", "MLOG10P_EXACT", "EXACT_METHOD"];

export function geneTestTable(rows: GeneTestRow[]): string {
  return formatTsv(GENE_TEST_COLUMNS, [
    rows.map((r) => r.gene.gene),
    rows.map((r) => r.gene.chr),
    rows.map((r) => r.gene.start),
    rows.map((r) => r.gene.end),
    rows.map((r) => r.gene.count),
    rows.map((r) => r.stat),
    rows.map((r) => r.variance),
    rows.map((r) => r.pLiu),
    rows.map((r) => r.mlog10pLiu),
    rows.map((r) => r.pExact),
    rows.map((r) => r.mlog10pExact),
    rows.map((r) => r.exactMethod),
  ]);
}
