// Effect files for the CLI: a shrink table (its BETA_SHRINK column) or one number a line.
import { InputError } from "../core/errors.js";
import { numericColumn, readNumericTable } from "../core/io/table.js";
import { readTextFile } from "./ld-files.js";

export async function readEffectsFile(path: string): Promise<Float64Array> {
  const t = readNumericTable(await readTextFile(path), path);
  if (t.columns.has("BETA_SHRINK")) return numericColumn(t, "BETA_SHRINK", path);
  if (t.columns.size === 1) return numericColumn(t, [...t.columns.keys()][0], path);
  throw new InputError({ file: path }, "expected a shrink table with a BETA_SHRINK column, or one number a line");
}
