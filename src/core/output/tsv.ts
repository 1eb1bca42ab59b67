// Plain-text tables: tab-separated, one header line, one row a line.

export type Column = ArrayLike<number> | string[];

/** Formats a number the shortest way that reads back to the same double. */
export function formatNumber(x: number): string {
  return Number.isNaN(x) ? "NA" : String(x);
}

/** A TSV table from named columns of equal length. */
export function formatTsv(header: string[], columns: Column[]): string {
  if (header.length !== columns.length) throw new Error("formatTsv: header and columns differ in number");
  const n = columns.length ? columns[0].length : 0;
  const lines: string[] = [header.join("\t")];
  for (let i = 0; i < n; i++) {
    const cells = new Array<string>(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const v = columns[c][i];
      cells[c] = typeof v === "number" ? formatNumber(v) : v;
    }
    lines.push(cells.join("\t"));
  }
  return lines.join("\n") + "\n";
}
