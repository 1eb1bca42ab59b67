// Plain-text tables: tab-separated, one header line, one row a line.

export type Column = ArrayLike<number> | string[];

/** Formats a number the shortest way that reads back to the same double. */
export function formatNumber(x: number): string {
  return Number.isNaN(x) ? "NA" : String(x);
}

/** A TSV table from named columns of equal length. */
export function formatTsv(header: string[], columns: Column[]): string {
  return [...tsvChunks(header, columns)].join("");
}

/** Rows per piece of tsvChunks. */
const CHUNK_ROWS = 4096;

/**
 * The same table as formatTsv, in pieces of whole lines (the header, then
 * CHUNK_ROWS rows at a time), made as they are asked for: a table of a million
 * rows is written without ever being one string.
 */
export function* tsvChunks(header: string[], columns: Column[]): Generator<string> {
  if (header.length !== columns.length) throw new Error("formatTsv: header and columns differ in number");
  const n = columns.length ? columns[0].length : 0;
  yield header.join("\t") + "\n";
  const cells = new Array<string>(columns.length);
  for (let from = 0; from < n; from += CHUNK_ROWS) {
    const lines: string[] = [];
    for (let i = from; i < Math.min(from + CHUNK_ROWS, n); i++) {
      for (let c = 0; c < columns.length; c++) {
        const v = columns[c][i];
        cells[c] = typeof v === "number" ? formatNumber(v) : v;
      }
      lines.push(cells.join("\t"));
    }
    yield lines.join("\n") + "\n";
  }
}
