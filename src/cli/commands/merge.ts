// mlmages merge: joins the tables of consecutive parts (a genome-wide workflow's
// chromosomes) into one, as one run over all of them writes it.
import { mergeTables } from "../../core/workflow/merge-tables.js";
import { fileText, writeFileAtomic } from "../../node/files.js";
import { parseOptions, requireOptions } from "../args.js";
import type { Command } from "../command.js";
import { note } from "../console.js";
import { outputFile } from "../output-paths.js";

const spec = {
  tables: { type: "string", multiple: true },
  out: { type: "string" },
  quiet: { type: "boolean" },
} as const;

export const command: Command = {
  name: "merge",
  summary: "join per-chromosome tables (shrinkage, harmonised variants) into one",
  options: spec,
  help: `Usage: mlmages merge --tables FILE... --out FILE

Joins tables with the same header (e.g. each chromosome's
shrinkage/shrink_<trait>.tsv of mlmages prepare) into one: the header once,
then each table's rows in the order the files are given. With the chromosomes
in the LD's order, the result is the table one \`mlmages run\` over all of them
writes.

Options:
  --tables FILE...   the tables, in order.
  --out FILE         the joined table.
  --quiet            no message.
  -h, --help         this help.`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["tables", "out"]);
    const out = outputFile(o.out, o.tables);
    const parts = await Promise.all(o.tables.map(async (f) => ({ text: await fileText(f), source: f })));
    await writeFileAtomic(out, mergeTables(parts));
    if (!o.quiet) note(`joined ${parts.length} tables into ${out}`);
    return 0;
  },
};
