// mlmages example: writes the small bundled example in seconds.
import { exampleFiles } from "../../core/sim/example.js";
import { packageVersion } from "../../node/package-root.js";
import { writeFilesUnder } from "../../node/write-files.js";
import { parseOptions, requireOptions } from "../args.js";
import type { Command } from "../command.js";
import { outputFolder } from "../output-paths.js";
import { note } from "../console.js";

const spec = { out: { type: "string" }, quiet: { type: "boolean" } } as const;

export const command: Command = {
  name: "example",
  summary: "write a small simulated example (3 traits, LD blocks, genes, true effects)",
  options: spec,
  help: `Usage: mlmages example --out DIR

Writes a small, complete example made by mlmages' own simulator: 1500 variants of
one chromosome in 3 simulated LD blocks, GWAS summary statistics of 3 traits with
gene-level effects, a gene table and the true effects. The files are the same
every time. DIR/README.txt lists them.

Options:
  --out DIR    output folder.
  --quiet      no messages.`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["out"]);
    const out = outputFolder(o.out);
    await writeFilesUnder(out, exampleFiles(packageVersion()));
    if (!o.quiet) note(`wrote the example to ${out} (see ${out}/README.txt)`);
    return 0;
  },
};
