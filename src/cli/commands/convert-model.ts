// mlmages convert-model: published PyTorch .model files to one native .mlm file.
import { describeArchitecture } from "../../core/models/architecture.js";
import { writeNativeModel } from "../../core/models/native.js";
import { writeFileAtomic } from "../../node/files.js";
import { loadModelFiles } from "../../node/models.js";
import { UsageError, parseOptions, requireOptions } from "../args.js";
import type { Command } from "../command.js";
import { outputFile } from "../output-paths.js";
import { note } from "../console.js";

const spec = { out: { type: "string" } } as const;

export const command: Command = {
  name: "convert-model",
  summary: "convert PyTorch .model files (or .mlm files) into one native .mlm ensemble",
  options: spec,
  help: `Usage: mlmages convert-model IN... --out FILE

Reads ensemble members (the published ML-MAGES PyTorch .model files, or mlmages
.mlm files) and writes them as one mlmages model file (docs/model-format.md).
All members must share the architecture (r and the number of hidden layers).

Options:
  --out FILE   the .mlm file to write.
  -h, --help   this help.`,
  async run(argv) {
    const { values: o, positionals } = parseOptions(argv, spec, { positionals: true });
    requireOptions(o, ["out"]);
    if (!positionals.length) throw new UsageError("give at least one model file to convert");
    const out = outputFile(o.out, positionals);
    const { ensemble, files } = await loadModelFiles(positionals);
    await writeFileAtomic(out, writeNativeModel(ensemble, { convertedFrom: files.map((f) => f.split(/[\\/]/).pop()) }));
    note(`wrote ${ensemble.members.length} networks (${describeArchitecture(ensemble.topR, ensemble.hiddenLayers)}) to ${out}`);
    return 0;
  },
};
