// Reading one trait's effects for clustering: either a shrinkage table (tab-
// separated, header line first, effects in its BETA_SHRINK column, as written
// by `mlmages shrink`) or plain text with one number a line (as the published
// tool writes its shrinkage).
import { InputError } from "../errors.js";

const COLUMN = "BETA_SHRINK";

/** The effects in a file's text; `source` names the file in error messages. */
export function parseEffects(text: string, source: string): Float64Array {
  const lines = text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
  if (!lines.length) throw new InputError({ file: source }, "no effects (the file is empty)");
  const first = lines[0].split("\t");
  const isTable = first.length > 1 || (!Number.isFinite(Number(first[0].trim())) && !/^\s*[+-]?(nan|inf)/i.test(first[0]));
  let col = 0;
  let start = 0;
  if (isTable) {
    col = first.findIndex((h) => h.trim() === COLUMN);
    if (col < 0) throw new InputError({ file: source, line: 1 }, `no ${COLUMN} column in the header (${first.join(", ")})`);
    start = 1;
  }
  const out = new Float64Array(lines.length - start);
  for (let i = start; i < lines.length; i++) {
    const cells = isTable ? lines[i].split("\t") : [lines[i]];
    const cell = cells[col];
    if (cell === undefined) throw new InputError({ file: source, line: i + 1 }, `${cells.length} fields, but ${COLUMN} is field ${col + 1}`);
    const t = cell.trim();
    const v = t === "" ? NaN : Number(t);
    if (!Number.isFinite(v)) throw new InputError({ file: source, line: i + 1, column: col + 1 }, `'${t}' is not a finite number`);
    out[i - start] = v;
  }
  return out;
}
