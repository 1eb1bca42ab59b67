// The true effects of simulated traits: a tab- or space-separated table with
// a header naming the traits (T1 T2 ...) and one row per variant, in the
// order of the traits' GWAS files (as `mlmages simulate` writes truth.tsv).
// Columns not named T<k> (e.g. an ID column) are ignored.
import { InputError } from "../errors.js";

/** Trait name -> true effects. */
export type TruthTable = Map<string, Float64Array>;

const TRAIT = /^T\d+$/;

/** Parses a truth table; every cell of a T<k> column must be a finite number. */
export function parseTruthTable(text: string, source: string): TruthTable {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
  if (!lines.length) throw new InputError({ file: source }, "the file is empty; expected a header of trait names (T1 T2 ...)");
  const names = lines[0].trim().split(/[\t ]+/);
  const columns = names.map(() => new Float64Array(lines.length - 1));
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].trim().split(/[\t ]+/);
    if (cells.length !== names.length) {
      throw new InputError({ file: source, line: i + 1 }, `expected ${names.length} values (${names.join(", ")}), found ${cells.length}`);
    }
    cells.forEach((c, j) => {
      if (!TRAIT.test(names[j])) return;
      const v = Number(c);
      if (c === "" || !Number.isFinite(v)) throw new InputError({ file: source, line: i + 1, column: j + 1 }, `'${c}' is not a number`);
      columns[j][i - 1] = v;
    });
  }
  return new Map(names.flatMap((n, j) => (TRAIT.test(n) ? [[n, columns[j]] as const] : [])));
}
