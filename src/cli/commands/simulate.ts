// mlmages simulate: LD from haplotype mosaics (or given LD), true effects and
// GWAS summary statistics, reproducible from a seed.
import { Rng } from "../../core/random.js";
import { simulatePositions, simulationFiles } from "../../core/sim/files.js";
import { toRealScale } from "../../core/sim/real-scale.js";
import { simulateGwas, simulateLd } from "../../core/sim/simulate.js";
import type { LdBlock } from "../../core/types.js";
import { expandLdArgs, readGwasFile, readLdFiles } from "../../node/ld-files.js";
import { packageVersion } from "../../node/package-root.js";
import { writeFilesUnder } from "../../node/write-files.js";
import { UsageError, parseOptions, range, requireOptions } from "../args.js";
import type { Command } from "../command.js";
import { outputFolder } from "../output-paths.js";
import { note } from "../console.js";

/** Most LD values (Σ block size²) a simulation may hold: 400 MB of float64. */
const MAX_LD_VALUES = 5e7;

const spec = {
  out: { type: "string" },
  seed: { type: "number", default: 1, integer: true, min: 0, max: 2 ** 32 - 1 },
  traits: { type: "number", default: 1, integer: true, min: 1, max: 100 },
  blocks: { type: "number", default: 3, integer: true, min: 1, max: 1000 },
  "block-size": { type: "number", default: 500, integer: true, min: 2, max: 5000 },
  ld: { type: "string", multiple: true },
  individuals: { type: "number", default: 500, integer: true, min: 10, max: 10000 },
  founders: { type: "number", default: 12, integer: true, min: 2, max: 1000 },
  n: { type: "number", default: 290000, min: 1, max: 1e9 },
  h2: { type: "number", default: 0.003, min: 0, max: 1 },
  p: { type: "number", default: 0.01, min: 0, max: 1, aboveMin: true },
  s: { type: "number", default: -0.25, min: -5, max: 5 },
  w: { type: "number", default: 0, min: -5, max: 5 },
  "gene-level": { type: "boolean" },
  "scale-to": { type: "string" },
  chrom: { type: "string", default: "1" },
  quiet: { type: "boolean" },
} as const;

export const command: Command = {
  name: "simulate",
  summary: "simulate LD, true effects and GWAS summary statistics from a seed",
  options: spec,
  help: `Usage: mlmages simulate --out DIR [options]

Simulates block-structured LD from haplotypes (mosaics of founder haplotypes with
recombination hot spots; LD = correlation of the genotypes), or takes given LD,
then true effects and summary statistics under z = sqrt(N)·R·b + e, e ~ N(0, R).
The same seed gives the same files.

Output (DIR): ld/block_<i>.ld and ld_blocks.txt (unless --ld), gwas_T<k>.tsv
(CHR, POS, ID, BETA, SE), truth.tsv (true effects T1..Tk on the BETA scale),
genes.tsv (with --gene-level), meta.json (settings).

Options:
  --out DIR            output folder.
  --seed S             seed, ${range(spec.seed)} (default 1).
  --traits K           traits, ${range(spec.traits)} (default 1).
  --blocks B           LD blocks to simulate, ${range(spec.blocks)} (default 3) ...
  --block-size M       ... of M variants each, ${range(spec["block-size"])} (default 500); at most
                       ${MAX_LD_VALUES.toExponential()} LD values in all (B · M², ${(MAX_LD_VALUES * 8) / 1e9} GB).
  --ld FILE...         use these LD blocks instead (text/bin/gz; *.txt lists).
  --individuals N      simulated individuals for the LD, ${range(spec.individuals)} (default 500).
  --founders F         founder haplotypes, ${range(spec.founders)} (default 12).
  --n N                GWAS sample size, ${range(spec.n)} (default 290000).
  --h2 H               heritability of the region per trait, ${range(spec.h2)} (default 0.003).
  --p P                causal fraction, single-trait mode, ${range(spec.p)} (default 0.01).
  --s S                allele-frequency dependence of effect variance, ${range(spec.s)}
                       (default -0.25).
  --w W                LD-score dependence of effect variance, ${range(spec.w)} (default 0).
  --gene-level         causal genes (trait-specific and shared, correlated effects)
                       instead of independent causal variants.
  --scale-to FILE      transform to this real GWAS's scale as the paper does: BETA
                       through its empirical CDF onto a Laplace fit of the real
                       betas, SE linearly between 1% and 99% quantiles onto the real
                       SEs', true effects by the ratio of ranges.
  --chrom C            chromosome label (default 1).
  --quiet              no progress messages.`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["out"]);
    const out = outputFolder(o.out);
    const ldValues = o.blocks * o["block-size"] ** 2;
    if (!o.ld.length && ldValues > MAX_LD_VALUES) {
      throw new UsageError(`--blocks ${o.blocks} of --block-size ${o["block-size"]} make ${ldValues.toExponential(2)} LD values; at most ${MAX_LD_VALUES.toExponential()} (fewer or smaller blocks)`);
    }
    const rng = new Rng(o.seed);
    let blocks: LdBlock[];
    let freq: Float64Array | undefined;
    if (o.ld.length) blocks = await readLdFiles(await expandLdArgs(o.ld));
    else ({ blocks, freq } = simulateLd({ blockSizes: new Array<number>(o.blocks).fill(o["block-size"]), haplotypes: { individuals: o.individuals, founders: o.founders } }, rng));
    let sim = simulateGwas(blocks, { traits: o.traits, n: o.n, h2: o.h2, s: o.s, w: o.w, p: o.p, genes: o["gene-level"] ? {} : undefined, freq }, rng);
    if (o["scale-to"]) sim = { ...sim, ...toRealScale(sim, await readGwasFile(o["scale-to"])) };
    const pos = simulatePositions(sim.beta[0].length, rng);
    const meta = { mlmages: packageVersion(), command: "simulate", settings: o, variants: pos.length, blocks: blocks.map((b) => b.n) };
    await writeFilesUnder(out, simulationFiles(blocks, sim, pos, o.chrom, meta, o.ld.length === 0));
    if (!o.quiet) note(`simulated ${o.traits} trait${o.traits > 1 ? "s" : ""} on ${pos.length} variants in ${blocks.length} LD blocks; wrote ${out}`);
    return 0;
  },
};
