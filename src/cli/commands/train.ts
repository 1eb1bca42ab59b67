// mlmages train: trains an ensemble of shrinkage networks on simulated traits
// (as `mlmages simulate --out DIR` writes them) and saves it as an .mlm file.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../../core/errors.js";
import { writeNativeModel } from "../../core/models/native.js";
import { simulatedSamples, type SimulatedTrait } from "../../core/train/samples.js";
import { train, type EpochProgress } from "../../core/train/train.js";
import { parseTruthTable } from "../../core/train/truth.js";
import { getCore } from "../../core/wasm/instance.js";
import { writeFileAtomic } from "../../node/files.js";
import { expandLdArgs, readGwasFile, readLdFiles, readTextFile } from "../../node/ld-files.js";
import { parseOptions, range, requireOptions, UsageError } from "../args.js";
import type { Command } from "../command.js";
import { outputFile } from "../output-paths.js";
import { note } from "../console.js";

const spec = {
  sim: { type: "string", multiple: true },
  "top-r": { type: "number", default: 15, integer: true, min: 1, max: 100 },
  layers: { type: "number", default: 2, integer: true, min: 0, max: 10 },
  members: { type: "number", default: 10, integer: true, min: 1, max: 100 },
  seed: { type: "number", default: 0, integer: true, min: 0, max: 2 ** 32 - 1 },
  epochs: { type: "number", default: 500, integer: true, min: 1, max: 100000 },
  batch: { type: "number", default: 100, integer: true, min: 2, max: 1000000 },
  lr: { type: "number", default: 1e-4, min: 0, max: 1, aboveMin: true },
  l2: { type: "number", default: 1e-5, min: 0, max: 1 },
  "nz-weight": { type: "number", default: 2, min: 0, max: 1e6, aboveMin: true },
  patience: { type: "number", default: 10, integer: true, min: 1, max: 100000 },
  "val-fraction": { type: "number", default: 0.2, min: 0, max: 1, aboveMin: true, belowMax: true },
  units: { type: "string", default: "median-se" },
  out: { type: "string" },
  quiet: { type: "boolean" },
} as const;

const GWAS_FILE = /^gwas_(T\d+)\.tsv$/;

/** The traits of one simulation folder: ld_blocks.txt, gwas_T<k>.tsv and truth.tsv. */
async function readSimulation(dir: string): Promise<SimulatedTrait[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new InputError({ file: dir }, "cannot read this simulation folder (expected the output of mlmages simulate --out DIR)");
  }
  const traits = names
    .map((n) => GWAS_FILE.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: m[0], name: m[1] }))
    .sort((a, b) => Number(a.name.slice(1)) - Number(b.name.slice(1)));
  if (!traits.length) throw new InputError({ file: dir }, "no gwas_T<k>.tsv files in this simulation folder");
  for (const need of ["ld_blocks.txt", "truth.tsv"]) {
    if (!names.includes(need)) throw new InputError({ file: dir }, `${need} is missing from this simulation folder`);
  }
  const ldBlocks = await readLdFiles(await expandLdArgs([join(dir, "ld_blocks.txt")]));
  const truthPath = join(dir, "truth.tsv");
  const truth = parseTruthTable(await readTextFile(truthPath), truthPath);
  return Promise.all(
    traits.map(async (t) => {
      const column = truth.get(t.name);
      if (!column) throw new InputError({ file: truthPath, line: 1 }, `no column ${t.name} for ${t.file}; the header has ${[...truth.keys()].join(", ")}`);
      return { gwas: await readGwasFile(join(dir, t.file)), ldBlocks, truth: column, truthSource: `${truthPath} (column ${t.name})` };
    }),
  );
}

/** Progress on stderr: a redrawn bar on a terminal, otherwise a line every 25 epochs. */
function progress(quiet: boolean): (p: EpochProgress) => void {
  if (quiet) return () => {};
  const tty = process.stderr.isTTY === true;
  return (p) => {
    const losses = `train ${p.trainLoss.toExponential(3)}, val ${p.valLoss.toExponential(3)} (best epoch ${p.bestEpoch + 1})`;
    if (tty) {
      const width = 20;
      const filled = Math.round((width * (p.epoch + 1)) / p.epochs);
      const bar = "#".repeat(filled) + ".".repeat(width - filled);
      process.stderr.write(`\r\x1b[2Kmlmages: member ${p.member + 1}/${p.members} [${bar}] epoch ${p.epoch + 1}/${p.epochs}: ${losses}`);
      return;
    }
    if ((p.epoch + 1) % 25 === 0) note(`member ${p.member + 1}/${p.members} epoch ${p.epoch + 1}/${p.epochs}: ${losses}`);
  };
}

export const command: Command = {
  name: "train",
  summary: "train an ensemble of shrinkage networks on simulated traits",
  options: spec,
  help: `Usage: mlmages train --sim DIR... [options] --out FILE.mlm

Trains the ML-MAGES effect-size shrinkage networks on simulated traits and
writes the ensemble as an mlmages model file (.mlm) for mlmages shrink --model.
Each variant of each simulated trait is one sample: its LD features (BETA, SE,
LD score, the BETAs and LD of its top-r LD neighbours in its block) and, as
target, its true effect.

Options:
  --sim DIR...          simulation folders written by mlmages simulate --out DIR:
                        ld_blocks.txt, gwas_T<k>.tsv and truth.tsv (columns T1..Tk).
  --top-r R             LD neighbours per variant, ${range(spec["top-r"])} (default 15; input width 2R + 3).
  --layers L            hidden layers of the published network, ${range(spec.layers)} (default 2:
                        64 -> 8; 3: 64 -> 32 -> 8; 1: 8; 0: one linear layer).
  --members N           ensemble members, each with its own seed, ${range(spec.members)} (default 10).
  --seed S              seed of everything random, ${range(spec.seed)} (default 0); a seed
                        gives the same weights bit for bit.
  --epochs E            maximum epochs, ${range(spec.epochs)} (default 500).
  --batch B             mini-batch size, ${range(spec.batch)} (default 100).
  --lr X                Adam learning rate, ${range(spec.lr)} (default 1e-4).
  --l2 X                weight of the L2 term, X * sum ||W|| / n_param, ${range(spec.l2)} (default 1e-5).
  --nz-weight X         loss weight of variants with a non-zero true effect, ${range(spec["nz-weight"])}
                        (default 2).
  --patience P          stop after P epochs without a better validation loss, ${range(spec.patience)}
                        (default 10).
  --val-fraction F      share of the variants held out for validation, ${range(spec["val-fraction"])}
                        (default 0.2).
  --units U             median-se (default): the networks see each trait's BETA
                        and SE divided by its median SE, and shrink multiplies
                        their output by it, so the model is unit-free (BETA and
                        SE times c give BETA_SHRINK times c); as-given: BETA and
                        SE as they are (the published models' way); z: the
                        networks see each variant's z = BETA/SE (its own and
                        its neighbours') and SE over the median SE, and learn
                        the true effect over the variant's SE (unit-free too).
  --out FILE            the model file to write (.mlm); the recipe is kept in it.
  --quiet               no progress messages.
  -h, --help            this help.

Each member keeps the weights of its epoch with the lowest validation loss.
The validation loss is computed in eval mode (BatchNorm running statistics,
no dropout); see docs/training.md.`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["sim", "out"]);
    const out = outputFile(o.out, o.sim);
    if (o.units !== "median-se" && o.units !== "z" && o.units !== "as-given") throw new UsageError(`--units must be median-se, z or as-given, not ${o.units}`);
    const units = o.units === "as-given" ? undefined : o.units;
    const topR = o["top-r"];
    const traits = (await Promise.all(o.sim.map(readSimulation))).flat();
    const core = await getCore();
    const samples = simulatedSamples(core, traits, topR, units);
    if (!o.quiet) note(`training ${o.members} networks (top ${topR}, ${o.layers} hidden layers) on ${samples.n} variants of ${traits.length} simulated trait${traits.length === 1 ? "" : "s"}`);
    const report = progress(o.quiet);
    const res = await train({
      samples,
      topR,
      units,
      layers: o.layers,
      members: o.members,
      seed: o.seed,
      epochs: o.epochs,
      batch: o.batch,
      lr: o.lr,
      l2: o.l2,
      nzWeight: o["nz-weight"],
      patience: o.patience,
      valFraction: o["val-fraction"],
      onEpoch: report,
    });
    if (!o.quiet && process.stderr.isTTY) process.stderr.write("\n");
    if (!o.quiet) {
      res.members.forEach((m, i) => note(`member ${i + 1}: best epoch ${m.bestEpoch + 1} of ${m.epochsRun}, validation loss ${m.bestValLoss.toExponential(3)}`));
    }
    const meta = { recipe: { ...res.recipe, simulations: o.sim } };
    await writeFileAtomic(out, writeNativeModel(res.ensemble, meta));
    if (!o.quiet) note(`wrote ${out}`);
    return 0;
  },
};
