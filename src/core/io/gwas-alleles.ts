// A stop-gap until the GWAS reader reads alleles itself: the effect allele,
// the other allele and the effect-allele frequency of a GWAS file's rows
// (EA/OA, A1/A2, ALLELE1/ALLELE0 or plink2's A1/OMITTED; EAF, A1_FREQ, A1FREQ or FRQ), read from
// the same bytes as readGwas, row for row. Used only when the Gwas has no
// alleles yet.
import { InputError } from "../errors.js";
import type { Gwas } from "../types.js";
import { forEachTextLine, pickFields, upperAllele } from "./text-fields.js";

const PAIRS: [string, string][] = [
  ["EA", "OA"],
  ["EFFECT_ALLELE", "OTHER_ALLELE"],
  ["ALLELE1", "ALLELE0"],
  ["A1", "A2"],
  ["A1", "OMITTED"], // plink2 --glm
  ["A1", "AX"],
];
const FREQ = ["EAF", "A1_FREQ", "A1FREQ", "FRQ", "EFFECT_ALLELE_FREQUENCY"];

/** Fills gwas.ea/oa/eaf from the file's text when it has allele columns and the reader gave none. */
export function addGwasAlleles(gwas: Gwas, text: string): Gwas {
  if (gwas.ea) return gwas;
  let header: { start: number; end: number; line: number } | undefined;
  forEachTextLine(text, 0, (start, end, line) => {
    header = { start, end, line };
    return false;
  });
  if (!header) return gwas;
  const headerLine = text.slice(header.start, header.end);
  const delim = headerLine.includes("\t") ? "\t" : headerLine.includes(",") ? "," : null;
  const names = (delim ? headerLine.split(delim) : headerLine.trim().split(/\s+/)).map((h) => h.trim().toUpperCase());
  const pair = PAIRS.map(([e, o]) => [names.indexOf(e), names.indexOf(o)]).find(([e, o]) => e >= 0 && o >= 0);
  if (!pair) return gwas;
  const cf = FREQ.map((f) => names.indexOf(f)).find((i) => i >= 0) ?? -1;
  const wanted = [...new Set([...pair, ...(cf >= 0 ? [cf] : [])])].sort((a, b) => a - b);
  const [ie, io, iff] = [pair[0], pair[1], cf].map((c) => wanted.indexOf(c));
  const ea = new Array<string>(gwas.n);
  const oa = new Array<string>(gwas.n);
  const eaf = cf >= 0 ? new Float64Array(gwas.n) : null;
  const f: string[] = [];
  let row = 0;
  let lineAt = 0;
  forEachTextLine(text, 0, (start, end, line) => {
    if (lineAt++ === 0) return;
    if (row >= gwas.n) throw new InputError({ file: gwas.source, line }, "more rows than the variants read");
    pickFields(text, start, end, delim, wanted, f);
    ea[row] = upperAllele(f[ie]);
    oa[row] = upperAllele(f[io]);
    if (eaf) {
      const x = Number(f[iff]);
      if (!(x >= 0 && x <= 1)) throw new InputError({ file: gwas.source, line, column: cf + 1 }, `effect-allele frequency '${f[iff]}' is not in [0, 1]`);
      eaf[row] = x;
    }
    row++;
  });
  if (row !== gwas.n) throw new InputError({ file: gwas.source }, `${row} rows with alleles but ${gwas.n} variants read`);
  return { ...gwas, ea, oa, eaf };
}
