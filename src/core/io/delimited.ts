// Small delimited text tables with a header (comma, tab or white space), as
// string columns: gene tables and the like. A UTF-8 byte-order mark is
// skipped; bytes that were not UTF-8 (decoded as U+FFFD) are refused by line.
import { InputError } from "../errors.js";
import { stripBom } from "./lines.js";

/** Refuses a line holding U+FFFD, the mark a UTF-8 decoder leaves for bytes that are not UTF-8. */
export function checkUtf8Line(line: string, source: string, lineNumber: number): void {
  const at = line.indexOf("\uFFFD");
  if (at >= 0) {
    throw new InputError(
      { file: source, line: lineNumber },
      `bytes that are not UTF-8 (shown as U+FFFD) at character ${at + 1}: names would not be kept as written; save the file as UTF-8 (or plain ASCII)`,
    );
  }
}

export interface TextTable {
  source: string;
  header: string[];
  rows: string[][];
}

export function readTextTable(text: string, source: string): TextTable {
  const all = stripBom(text).split(/\r?\n/);
  all.forEach((l, i) => checkUtf8Line(l, source, i + 1));
  const lines = all.filter((l) => l.trim() !== "");
  if (!lines.length) throw new InputError({ file: source }, "the file is empty");
  const split = lines[0].includes("\t") ? (l: string) => l.split("\t").map((s) => s.trim()) : lines[0].includes(",") ? (l: string) => l.split(",").map((s) => s.trim()) : (l: string) => l.trim().split(/\s+/);
  const header = split(lines[0]);
  const rows = lines.slice(1).map((l, i) => {
    const f = split(l);
    if (f.length !== header.length) throw new InputError({ file: source, line: i + 2 }, `${f.length} fields but the header has ${header.length}`);
    return f;
  });
  return { source, header, rows };
}

/** Index of a column by any of its names (case-insensitive), or -1. */
export function columnIndex(t: TextTable, names: string[]): number {
  const upper = t.header.map((h) => h.toUpperCase());
  for (const n of names) {
    const i = upper.indexOf(n.toUpperCase());
    if (i >= 0) return i;
  }
  return -1;
}

/** A whole-number cell, or an InputError naming its place. */
export function intCell(t: TextTable, row: number, col: number): number {
  const v = Number(t.rows[row][col]);
  if (!Number.isInteger(v)) throw new InputError({ file: t.source, line: row + 2, column: col + 1 }, `'${t.rows[row][col]}' is not a whole number`);
  return v;
}
