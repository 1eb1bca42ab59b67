// Numeric tables of any simple kind: one number a line, or columns with a
// header line (tab, comma or white-space separated), e.g. shrink output,
// truth tables, published one-column result files.
import { InputError } from "../errors.js";
import { stripBom } from "./lines.js";

export interface NumericTable {
  /** Column names, or null for headerless files (columns then named "1", "2", ...). */
  header: string[] | null;
  columns: Map<string, Float64Array>;
  rows: number;
}

function splitLine(line: string): string[] {
  if (line.includes("\t")) return line.split("\t").map((s) => s.trim());
  if (line.includes(",")) return line.split(",").map((s) => s.trim());
  return line.trim().split(/\s+/);
}

/** Parses a table; non-numeric cells are allowed only in columns that are never asked for (left NaN). */
export function readNumericTable(text: string, source: string): NumericTable {
  const lines = stripBom(text).split(/\r?\n/).filter((l) => l.trim() !== "");
  if (!lines.length) throw new InputError({ file: source }, "the file is empty");
  const first = splitLine(lines[0]);
  const hasHeader = first.some((c) => c !== "" && Number.isNaN(Number(c)));
  const header = hasHeader ? first : null;
  const names = header ?? first.map((_, i) => String(i + 1));
  const body = hasHeader ? lines.slice(1) : lines;
  const cols = names.map(() => new Float64Array(body.length));
  body.forEach((l, r) => {
    const f = splitLine(l);
    if (f.length !== names.length) throw new InputError({ file: source, line: r + (hasHeader ? 2 : 1) }, `${f.length} fields but ${hasHeader ? "the header has" : "the first line has"} ${names.length}`);
    f.forEach((v, c) => (cols[c][r] = v === "" ? NaN : Number(v)));
  });
  return { header, columns: new Map(names.map((n, i) => [n, cols[i]])), rows: body.length };
}

/** A column that must be all finite numbers. */
export function numericColumn(t: NumericTable, name: string, source: string): Float64Array {
  const c = t.columns.get(name);
  if (!c) throw new InputError({ file: source }, `no column ${name}; the columns are ${[...t.columns.keys()].join(", ")}`);
  const bad = c.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new InputError({ file: source, line: bad + (t.header ? 2 : 1) }, `column ${name} is not a finite number here`);
  return c;
}
