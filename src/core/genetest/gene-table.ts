// Genes as ranges of variant indices: the published gene table (GENE, CHR,
// N_SNPS, start_idx_chr, ...), 0-based and inclusive.
import { InputError } from "../errors.js";
import { columnIndex, intCell, readTextTable } from "../io/delimited.js";

export interface GeneRange {
  gene: string;
  chr: string;
  /** Base-pair start and end when the table has them, else NaN. */
  start: number;
  end: number;
  /** First variant (0-based index into the chromosome's variants) and count. */
  first: number;
  count: number;
}

/** Reads the published gene table; variants must lie within `nVariants`. */
export function readGeneTable(text: string, source: string, nVariants: number): GeneRange[] {
  const t = readTextTable(text, source);
  const need = (names: string[]) => {
    const i = columnIndex(t, names);
    if (i < 0) throw new InputError({ file: source, line: 1 }, `no ${names[0]} column (the gene table needs GENE, CHR, N_SNPS and start_idx_chr)`);
    return i;
  };
  const gene = need(["GENE"]);
  const chr = need(["CHR"]);
  const nSnps = need(["N_SNPS"]);
  const first = need(["start_idx_chr"]);
  const start = columnIndex(t, ["START"]);
  const end = columnIndex(t, ["END"]);
  return t.rows.map((r, i) => {
    const g: GeneRange = {
      gene: r[gene],
      chr: r[chr],
      start: start >= 0 ? Number(r[start]) : NaN,
      end: end >= 0 ? Number(r[end]) : NaN,
      first: intCell(t, i, first),
      count: intCell(t, i, nSnps),
    };
    if (g.count < 1 || g.first < 0 || g.first + g.count > nVariants) {
      throw new InputError({ file: source, line: i + 2 }, `gene ${g.gene} covers variants ${g.first + 1}..${g.first + g.count}, outside the ${nVariants} variants of the effects`);
    }
    return g;
  });
}
