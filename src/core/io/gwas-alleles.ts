// A stop-gap until the GWAS reader reads alleles itself: the effect allele,
// the other allele and the effect-allele frequency of a GWAS file's rows
// (EA/OA, A1/A2 or ALLELE1/ALLELE0; EAF, A1_FREQ, A1FREQ or FRQ), read from
// the same bytes as readGwas, row for row. Used only when the Gwas has no
// alleles yet.
import { InputError } from "../errors.js";
import type { Gwas } from "../types.js";

const PAIRS: [string, string][] = [
  ["EA", "OA"],
  ["EFFECT_ALLELE", "OTHER_ALLELE"],
  ["ALLELE1", "ALLELE0"],
  ["A1", "A2"],
];
const FREQ = ["EAF", "A1_FREQ", "A1FREQ", "FRQ", "EFFECT_ALLELE_FREQUENCY"];

/** Fills gwas.ea/oa/eaf from the file's text when it has allele columns and the reader gave none. */
export function addGwasAlleles(gwas: Gwas, text: string): Gwas {
  if (gwas.ea) return gwas;
  const lines = text.split("\n");
  let at = 0;
  while (at < lines.length && lines[at].trim() === "") at++;
  if (at === lines.length) return gwas;
  const headerLine = lines[at];
  const delim = headerLine.includes("\t") ? "\t" : headerLine.includes(",") ? "," : null;
  const split = delim ? (l: string) => l.split(delim) : (l: string) => l.trim().split(/\s+/);
  const header = split(headerLine.trim()).map((h) => h.trim().toUpperCase());
  const pair = PAIRS.map(([e, o]) => [header.indexOf(e), header.indexOf(o)]).find(([e, o]) => e >= 0 && o >= 0);
  if (!pair) return gwas;
  const [ce, co] = pair;
  const cf = FREQ.map((f) => header.indexOf(f)).find((i) => i >= 0) ?? -1;
  const ea = new Array<string>(gwas.n);
  const oa = new Array<string>(gwas.n);
  const eaf = cf >= 0 ? new Float64Array(gwas.n) : null;
  let row = 0;
  for (let i = at + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === "") continue;
    if (row >= gwas.n) throw new InputError({ file: gwas.source, line: i + 1 }, "more rows than the variants read");
    const f = split(l.endsWith("\r") ? l.slice(0, -1) : l);
    ea[row] = f[ce].trim().toUpperCase();
    oa[row] = f[co].trim().toUpperCase();
    if (eaf) {
      const x = Number(f[cf]);
      if (!(x >= 0 && x <= 1)) throw new InputError({ file: gwas.source, line: i + 1, column: cf + 1 }, `effect-allele frequency '${f[cf].trim()}' is not in [0, 1]`);
      eaf[row] = x;
    }
    row++;
  }
  if (row !== gwas.n) throw new InputError({ file: gwas.source }, `${row} rows with alleles but ${gwas.n} variants read`);
  return { ...gwas, ea, oa, eaf };
}
