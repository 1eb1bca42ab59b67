// mlmages evaluate: the shrinkage methods' accuracy against known true effects,
// one table (RMSE, r, AUROC, AP, seconds) with the all-zero estimate's RMSE and
// the accuracy and speed targets as met / not met lines.
import { InputError } from "../../core/errors.js";
import { numericColumn, readNumericTable, type NumericTable } from "../../core/io/table.js";
import { accuracyRows, formatAccuracyTable, type AccuracyRow } from "../../core/metrics/accuracy-table.js";
import { formatCheck, rmseCheck, speedCheck, topCheck, type Check } from "../../core/metrics/checks.js";
import { compareMethods, METHOD, type MethodEstimate } from "../../core/metrics/compare.js";
import { getCore } from "../../core/wasm/instance.js";
import { expandLdArgs, readGwasFile, readLdFiles, readTextFile } from "../../node/ld-files.js";
import { loadModelFiles } from "../../node/models.js";
import { UsageError, parseOptions, range, requireOptions } from "../args.js";
import type { Command } from "../command.js";
import { note } from "../console.js";

const spec = {
  truth: { type: "string" },
  gwas: { type: "string", multiple: true },
  ld: { type: "string", multiple: true },
  n: { type: "number", integer: true, min: 2, max: 1e8 },
  model: { type: "string", multiple: true },
  methods: { type: "string", default: "beta,enet,nn,susie" },
  pred: { type: "string", multiple: true },
  trait: { type: "string", multiple: true },
  markdown: { type: "boolean" },
  quiet: { type: "boolean" },
} as const;

const METHOD_NAMES = ["beta", "enet", "nn", "susie"];

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
  summary: "accuracy of the shrinkage methods against true effects (RMSE, r, AUROC, AP, seconds)",
  options: spec,
  help: `Usage: mlmages evaluate --truth FILE --gwas FILE... --ld FILE... [--n N] [options]
       mlmages evaluate --truth FILE --pred NAME[@TRAIT]=FILE...

For GWAS whose true effects you know (a simulation, e.g. mlmages simulate):
runs the shrinkage methods on each GWAS and prints one table, per trait and
method, of RMSE, Pearson r, AUROC and average precision (AP) for finding the
non-zero true effects by |estimate|, and seconds. Each trait's first row is the
all-zero estimate (its RMSE is the floor a useful method must beat). Then one
line per target, met or not met (issue 19's acceptance): the networks' RMSE at
most 0.8x the unshrunk BETA's, below ENet's and within 1.5x SuSiE-RSS's; the
networks at least 100x as fast as SuSiE-RSS; the networks' top 10 by
|BETA_SHRINK| holding every causal variant with |z| > 8.

Options:
  --truth FILE             true effects, on the scale of BETA: columns named by
                           trait with a header (truth.tsv of mlmages simulate: T1..Tk),
                           or one number a line.
  --gwas FILE...           GWAS summary statistics, one file per trait, in the order
                           of --trait (or of the truth file's columns); as for shrink.
  --ld FILE...             LD blocks covering the GWAS variants in order, as for shrink.
  --n N                    GWAS sample size, ${range(spec.n)}: SuSiE-RSS runs only with it.
  --model FILE...          the networks' ensemble (default: the shipped default ensemble).
  --methods LIST           which to run, comma-separated from beta (unshrunk BETA),
                           enet, nn (the networks), susie (default: all four).
  --pred NAME[@TRAIT]=FILE estimates made elsewhere, added as method NAME: a shrink
                           table (BETA_SHRINK, or BETA for unshrunk effects), a table
                           with trait columns, or one number a line. @TRAIT says which
                           trait a one-trait file is for.
  --trait T...             traits to evaluate (default: every truth column).
  --markdown               print the table as markdown.
  --quiet                  no progress messages.
  -h, --help               this help.

Seconds are in-process, inputs in memory: the best of 3 runs for a method whose
run takes under a second, else one run.`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["truth"]);
    if (!o.gwas.length && !o.pred.length) throw new UsageError("evaluate needs --gwas FILE... with --ld FILE..., or --pred NAME=FILE...");
    if (o.gwas.length && !o.ld.length) throw new UsageError("--gwas needs the LD: --ld FILE...");
    const methods = o.methods.split(",").map((m) => m.trim());
    const unknown = methods.filter((m) => !METHOD_NAMES.includes(m));
    if (unknown.length) throw new UsageError(`--methods takes ${METHOD_NAMES.join(", ")}, not '${unknown.join(",")}'`);
    const truth = await table(o.truth!);
    const traits = o.trait.length ? o.trait : [...truth.columns.keys()];
    if (o.gwas.length && o.gwas.length !== traits.length) {
      throw new UsageError(`${o.gwas.length} --gwas files for ${traits.length} traits (${traits.join(", ")}): give one GWAS per trait, or name the traits with --trait`);
    }
    if (o.gwas.length && methods.includes("susie") && o.n === undefined && !o.quiet) note("SuSiE-RSS left out: it needs the GWAS sample size, --n N");
    const nets = o.model.length ? "networks (--model)" : "default ensemble";
    const perTrait = new Map<string, MethodEstimate[]>(traits.map((t) => [t, []]));
    const z = new Map<string, Float64Array>();

    if (o.gwas.length) {
      const core = await getCore();
      const blocks = await readLdFiles(await expandLdArgs(o.ld));
      const ensembles = methods.includes("nn") ? [{ name: nets, ensemble: (await loadModelFiles(o.model)).ensemble }] : [];
      for (const [k, trait] of traits.entries()) {
        const gwas = await readGwasFile(o.gwas[k]);
        if (!o.quiet) note(`${trait}: ${o.gwas[k]}, ${gwas.n} variants`);
        const est = compareMethods(core, { gwas, blocks, ensembles, enet: methods.includes("enet"), n: methods.includes("susie") ? o.n : undefined });
        perTrait.get(trait)!.push(...est.filter((e) => e.method !== METHOD.beta || methods.includes("beta")));
        z.set(trait, gwas.beta.map((b, i) => b / gwas.se[i]));
      }
    }
    for (const p of o.pred) {
      const m = /^([^=@]+)(?:@([^=]+))?=(.+)$/.exec(p);
      if (!m) throw new UsageError(`--pred takes NAME=FILE or NAME@TRAIT=FILE, not '${p}'`);
      const [, name, only, path] = m;
      const t = await table(path);
      for (const trait of only ? [only] : traits) {
        if (!perTrait.has(trait)) throw new UsageError(`--pred ${p}: trait ${trait} is not among the evaluated traits (${traits.join(", ")})`);
        perTrait.get(trait)!.push({ method: name, estimates: estimates(t, trait, path), seconds: null });
      }
    }

    const rows: AccuracyRow[] = [];
    const checks: (Check | null)[] = [];
    for (const [trait, est] of perTrait) {
      const y = numericColumn(truth, trait, o.truth!);
      for (const e of est) {
        if (e.estimates.length !== y.length) throw InputError.mismatch(o.truth!, `${e.method} has ${e.estimates.length} estimates of ${trait} but ${o.truth} has ${y.length} true effects`);
      }
      rows.push(...accuracyRows(trait, y, est));
      checks.push(rmseCheck(rows, trait, nets, METHOD.beta, 0.8), rmseCheck(rows, trait, nets, METHOD.enet, 1, true), rmseCheck(rows, trait, nets, METHOD.susie, 1.5));
      const netEst = est.find((e) => e.method === nets);
      if (netEst && z.has(trait)) checks.push(topCheck(trait, nets, netEst.estimates, y, z.get(trait)!, 10, 8));
    }
    checks.push(speedCheck(rows, traits, nets, METHOD.susie, 100));
    const lines = checks.filter((c): c is Check => c !== null).map(formatCheck);
    process.stdout.write(formatAccuracyTable(rows, o.markdown) + (lines.length ? `\nTargets:\n${lines.join("\n")}\n` : ""));
    return 0;
  },
};
