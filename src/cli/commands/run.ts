// mlmages run: the whole analysis of one chromosome's traits, from GWAS files
// and LD to shrunk effects, clusters and gene tests, with a record of the run.
import { join } from "node:path";
import { runPipeline } from "../../core/pipeline.js";
import { DEFAULT_SEED } from "../../core/cluster/cluster.js";
import { MAX_SEED } from "../../core/cluster/numpy-random.js";
import { DEFAULT_AVG_BLOCK_SIZE, loadRunInputs } from "../../core/run-inputs.js";
import { recordedSettings, reportSettings, runRecordJson, type RunSettings } from "../../core/run-record.js";
import { threadedRestarts } from "../../node/cluster-workers.js";
import { nodeFiles } from "../../node/file-provider.js";
import { blockBedSpec } from "../../node/ld-blocks.js";
import { writeFileAtomic } from "../../node/files.js";
import { packageVersion } from "../../node/package-root.js";
import { UsageError, parseOptions, requireOptions } from "../args.js";
import type { Command } from "../command.js";
import { endSteps, note, step, stepCount } from "../console.js";

const spec = {
  gwas: { type: "string", multiple: true },
  ld: { type: "string", multiple: true },
  "ld-full": { type: "string" },
  "avg-block-size": { type: "number", default: DEFAULT_AVG_BLOCK_SIZE, integer: true, min: 2 },
  genes: { type: "string" },
  "gene-window": { type: "number", default: 0, min: 0 },
  out: { type: "string" },
  model: { type: "string", multiple: true },
  seed: { type: "number", default: DEFAULT_SEED, integer: true, min: 0, max: MAX_SEED },
  restarts: { type: "number", default: 25, integer: true, min: 1 },
  k: { type: "number", default: 20, integer: true, min: 2 },
  threads: { type: "number", default: 1, integer: true, min: 1 },
  "published-indexing": { type: "boolean" },
  panel: { type: "string" },
  blocks: { type: "string", default: "split" },
  build: { type: "number", integer: true, default: 37 },
  keep: { type: "string" },
  maf: { type: "number", min: 0, max: 0.5, default: 0 },
  quiet: { type: "boolean" },
} as const;

export const command: Command = {
  name: "run",
  summary: "the whole analysis: shrink, cluster, gene tests, multi-trait gene level, report",
  help: `Usage: mlmages run --gwas NAME=FILE... (--ld FILE... | --ld-full FILE) [--genes FILE] --out DIR [options]

Runs ML-MAGES on one chromosome: (splits a whole-chromosome LD matrix into
blocks,) shrinks each trait's effects, clusters each trait and tests its genes,
clusters all traits jointly (and each pair when there are three or more) with
the multi-trait gene level of each joint clustering, and writes the report.
Every output appears only when its step is complete.

Output (DIR):
  blocks/blocks.tsv, split.json         the LD split (with --ld-full)
  shrinkage/shrink_<trait>.tsv          CHR, POS, ID, BETA, SE, BETA_SHRINK
  clustering/<traits>.clusters.json     mixture: K, pi, sigma, zero cutoff, ...
  clustering/<traits>.labels.tsv        per variant: CLUSTER (-1 = zero), P1..PK
  genes/enrich_<trait>.tsv              gene tests (with --genes)
  genes/<traits>/*.tsv                  multi-trait gene level per joint clustering:
                                        cluster fractions, effect products,
                                        association types, type scores
  figures/*.svg                         the report's figures, each on its own
  report.html                           one self-contained page: figures, gene
                                        table (sortable), association types
  run.json                              inputs with SHA-256, version, settings, seconds per step

Options:
  --gwas NAME=FILE...  one GWAS file per trait, named (a bare FILE is named T1, T2, ...).
  --ld FILE...         LD blocks covering the variants in order (or *.txt lists).
  --ld-full FILE       or one whole chromosome's LD matrix (text, gz, bin, bin4),
                       read as a stream and split into blocks first (optimal
                       split minimising the cross-block r², see docs/blocks.md).
  --panel PREFIX       or compute the LD from a plink reference panel
                       (PREFIX.bed/.bim/.fam, see mlmages ld --help); the GWAS
                       rows must be the panel's block variants in order, with
                       effects for the .bim's A1 (harmonise the GWAS first).
  --blocks B           the panel's blocks: EUR, AFR, ASN (Berisa & Pickrell 2016,
                       --build 37|38), a BED file, or split (default).
  --keep FILE, --maf X the panel's samples (FID IID) and MAF filter.
  --avg-block-size N   average block size of that split (default ${DEFAULT_AVG_BLOCK_SIZE}).
  --genes FILE         genes: the published gene table (GENE, CHR, N_SNPS,
                       start_idx_chr, ...), MAGMA gene.loc, BED, or a table with
                       GENE, CHR, START, END (mapped onto the GWAS CHR/POS).
  --gene-window KB     widen each located gene by KB on both sides (default 0).
  --out DIR            output folder.
  --model FILE...      ensemble (default: the shipped one).
  --seed S             clustering seed (default ${DEFAULT_SEED}), as np.random.seed(S) before the published
                       clustering (the dev reference used 1234).
  --restarts N         clustering restarts (default 25).
  --k K                truncation of the mixture (default 20).
  --threads N          threads for clustering restarts: this one and N - 1 workers (default 1; same result).
  --published-indexing look up neighbours' betas as the published code does
                       (block-local indices into the whole chromosome; see README).
  --quiet              no progress lines.`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["gwas", "out"]);
    if (!o.ld?.length && !o["ld-full"] && !o.panel) throw new UsageError("give the LD: --ld FILE... (blocks or lists), --ld-full FILE (one whole-chromosome matrix) or --panel PREFIX (a plink reference panel)");
    const t0 = performance.now();
    const named = o.gwas.map((g, i) => {
      const eq = g.indexOf("=");
      return eq > 0 ? { name: g.slice(0, eq), file: g.slice(eq + 1) } : { name: `T${i + 1}`, file: g };
    });
    if (new Set(named.map((n) => n.name)).size !== named.length) throw new UsageError("trait names given to --gwas must differ");
    const say = (m: string) => (o.quiet ? undefined : note(m));
    const inputs = await loadRunInputs(nodeFiles, { gwas: named, ld: o.ld ?? [], ldFull: o["ld-full"], avgBlockSize: o["avg-block-size"], genes: o.genes, geneWindowKb: o["gene-window"], models: o.model, panel: o.panel ? { prefix: o.panel, blocks: blockBedSpec(o.blocks!, o.build!), avgBlockSize: o["avg-block-size"], keep: o.keep, maf: o.maf } : undefined },
      (name) => say(name));
    say(`${inputs.traits.length} trait(s), ${inputs.traits[0].gwas.n} variants, ${inputs.ldBlocks.length} LD blocks`);
    const settings: RunSettings = { seed: o.seed, restarts: o.restarts, K: o.k, threads: o.threads, publishedIndexing: Boolean(o["published-indexing"]) };
    const res = await runPipeline({
      ...inputs,
      publishedIndexing: settings.publishedIndexing,
      seed: o.seed,
      restarts: o.restarts,
      K: o.k,
      runRestarts: o.threads > 1 ? threadedRestarts(o.threads) : undefined,
      reportSettings: reportSettings(inputs, settings),
      reportNote: `mlmages ${packageVersion()}`,
      onStep: (name) => o.quiet || step(name),
      onProgress: (name, done, total) => o.quiet || stepCount(name, done, total, "restarts"),
      onOutput: (path, content) => writeFileAtomic(join(o.out!, path), content),
    });
    endSteps();
    for (const w of res.warnings) say(`warning: ${w}`);
    const seconds = (performance.now() - t0) / 1000;
    const record = runRecordJson({
      mlmages: packageVersion(),
      command: ["mlmages", "run", ...argv],
      settings: { ...recordedSettings(settings, o["ld-full"] ? o["avg-block-size"] : undefined), ...(inputs.panel ? { panel: inputs.panel } : {}) },
      traits: named,
      inputs: inputs.inputs,
      steps: res.steps,
      seconds,
      warnings: res.warnings,
    });
    await writeFileAtomic(join(o.out!, "run.json"), record);
    say(`done in ${seconds.toFixed(1)} s; results in ${o.out}; open ${join(o.out!, "report.html")} in a browser`);
    return 0;
  },
};
