// mlmages evaluate: accuracy of estimated effects against known true effects.
import { InputError } from "../../core/errors.js";
import { numericColumn, readNumericTable, type NumericTable } from "../../core/io/table.js";
import { accuracy } from "../../core/metrics/evaluate.js";
import { readTextFile } from "../../node/ld-files.js";
import { UsageError, parseOptions, requireOptions } from "../args.js";
import type { Command } from "../command.js";

const spec = {
  truth: { type: "string" },
  pred: { type: "string", multiple: true },
  trait: { type: "string", multiple: true },
} as const;

async function table(path: string): Promise<NumericTable> {
  return readNumericTable(await readTextFile(path), path);
}

/** The estimates of `trait` in a prediction file: its trait column, else BETA_SHRINK, else BETA, else its only column. */
function estimates(t: NumericTable, trait: string, path: string): Float64Array {
  for (const name of [trait, "BETA_SHRINK", "BETA"]) if (t.columns.has(name)) return numericColumn(t, name, path);
  if (t.columns.size === 1) return numericColumn(t, [...t.columns.keys()][0], path);
  throw new InputError({ file: path }, `cannot tell which column holds ${trait}'s estimates: name one T-column, BETA_SHRINK or BETA`);
}

export const command: Command = {
  name: "evaluate",
  summary: "accuracy of estimated effects against true effects (RMSE, r, AUROC, ...)",
  options: spec,
  help: `Usage: mlmages evaluate --truth FILE --pred NAME[@TRAIT]=FILE... [--trait T...]

Prints, per method and trait: RMSE, the paper's weighted RMSE (errors on
non-zero and on zero true effects weighted to count alike), Pearson r, R², and
AUROC and average precision for finding the non-zero true effects by |estimate|.

Options:
  --truth FILE             true effects: columns T1..Tk with a header (truth.tsv of
                           mlmages simulate), or one number a line.
  --pred NAME[@TRAIT]=FILE estimates of a method: a shrink table (BETA_SHRINK, or BETA
                           for unshrunk effects), a table with trait columns, or one
                           number a line. @TRAIT says which trait a one-trait file is for.
  --trait T...             traits to evaluate (default: every truth column).`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["truth", "pred"]);
    const truth = await table(o.truth!);
    const traits = o.trait.length ? o.trait : [...truth.columns.keys()];
    const rows: string[][] = [];
    for (const p of o.pred) {
      const m = /^([^=@]+)(?:@([^=]+))?=(.+)$/.exec(p);
      if (!m) throw new UsageError(`--pred takes NAME=FILE or NAME@TRAIT=FILE, not '${p}'`);
      const [, name, only, path] = m;
      const t = await table(path);
      for (const trait of only ? [only] : traits) {
        const y = numericColumn(truth, trait, o.truth!);
        const est = estimates(t, trait, path);
        if (est.length !== y.length) throw InputError.mismatch(path, `${path} has ${est.length} estimates but ${o.truth} has ${y.length} true effects`);
        const a = accuracy(y, est);
        rows.push([name, trait, a.rmse.toPrecision(4), a.wrmse.toPrecision(4), a.pearson.toFixed(3), a.r2.toFixed(3), a.auroc.toFixed(3), a.ap.toFixed(3)]);
      }
    }
    const header = ["method", "trait", "RMSE", "wRMSE", "r", "R2", "AUROC", "AP"];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const fmt = (r: string[]) => r.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join("  ");
    process.stdout.write([fmt(header), ...rows.map(fmt)].join("\n") + "\n");
    return 0;
  },
};
