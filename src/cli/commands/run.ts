// mlmages run: the whole analysis of one chromosome's traits, from GWAS files
// and LD to shrunk effects, clusters and gene tests, with a record of the run.
import { join } from "node:path";
import { runPipeline } from "../../core/pipeline.js";
import { DEFAULT_SEED } from "../../core/cluster/cluster.js";
import { DEFAULT_AVG_BLOCK_SIZE, ldBlockCount, loadRunInputs } from "../../core/run-inputs.js";
import { countsLine } from "../../core/harmonise/counts.js";
import { describeGwas } from "../../core/io/gwas.js";
import { DEFAULT_MIN_MATCH } from "../../core/harmonise/harmonise.js";
import { harmonisationRecord, harmonisationSettings, recordedSettings, reportSettings, runRecordJson, type RunSettings } from "../../core/run-record.js";
import { WorkerThreads } from "../../node/cluster-workers.js";
import { nodeFiles } from "../../node/file-provider.js";
import { blockBedSpec } from "../../node/ld-blocks.js";
import { packageVersion } from "../../node/package-root.js";
import { RunFolder } from "../../node/run-folder.js";
import { UsageError, parseOptions, range, requireOptions } from "../args.js";
import { nonEmptyOut } from "../output-paths.js";
import type { Command } from "../command.js";
import { scheduleOption } from "../schedule-option.js";
import { endSteps, note, step, stepCount } from "../console.js";
import { AVG_BLOCK_SIZE, CLUSTER_SEED, GENE_WINDOW_KB, RESTARTS, THREADS, TRUNCATION } from "../ranges.js";

const spec = {
  gwas: { type: "string", multiple: true },
  ld: { type: "string", multiple: true },
  "ld-full": { type: "string" },
  "ld-variants": { type: "string", multiple: true },
  "match-by": { type: "string", default: "pos" },
  palindromic: { type: "string", default: "drop" },
  "min-match": { type: "number", default: DEFAULT_MIN_MATCH, min: 0, max: 1 },
  "avg-block-size": { type: "number", ...AVG_BLOCK_SIZE, default: DEFAULT_AVG_BLOCK_SIZE },
  genes: { type: "string" },
  "gene-window": { type: "number", ...GENE_WINDOW_KB, default: 0 },
  out: { type: "string" },
  model: { type: "string", multiple: true },
  seed: { type: "number", ...CLUSTER_SEED, default: DEFAULT_SEED },
  restarts: { type: "number", ...RESTARTS, default: 25 },
  k: { type: "number", ...TRUNCATION, min: 2, default: 20 },
  threads: { type: "number", ...THREADS, default: 1 },
  schedule: { type: "string", default: "scalable" },
  "published-indexing": { type: "boolean" },
  panel: { type: "string" },
  blocks: { type: "string", default: "split" },
  build: { type: "number", integer: true, min: 37, max: 38, default: 37 },
  keep: { type: "string" },
  maf: { type: "number", min: 0, max: 0.5, default: 0 },
  quiet: { type: "boolean" },
  method: { type: "string", default: "nn" },
  n: { type: "number", integer: true, min: 2, max: 1e8 },
} as const;

export const command: Command = {
  name: "run",
  summary: "the whole analysis: shrink, cluster, gene tests, multi-trait gene level, report",
  options: spec,
  help: `Usage: mlmages run --gwas NAME=FILE... (--ld FILE... | --ld-full FILE) [--genes FILE] --out DIR [options]

Runs ML-MAGES on one chromosome: (splits a whole-chromosome LD matrix into
blocks,) shrinks each trait's effects, clusters each trait and tests its genes,
clusters all traits jointly (and each pair when there are three or more) with
the multi-trait gene level of each joint clustering, and writes the report.
The run is written into a temporary folder beside DIR and renamed to DIR when
complete, replacing a previous run's folder there as a whole; a failed or
interrupted run leaves DIR as it was.

Output (DIR):
  blocks/blocks.tsv, split.json         the LD split (with --ld-full)
  harmonisation.tsv                     per trait: variants matched, swapped, strand-flipped,
                                        dropped by reason, used (with the LD's variants)
  harmonised/<trait>.tsv                the variants used, aligned to the LD's A1:
                                        CHR, POS, ID, EA, OA, BETA, SE[, EAF], ACTION
  shrinkage/shrink_<trait>.tsv          CHR, POS, ID, EA, OA, BETA, SE, BETA_SHRINK
  clustering/<traits>.clusters.json     mixture: K, pi, sigma, zero cutoff, ...
  clustering/<traits>.labels.tsv        per variant: [CHR, POS, ID, EA, OA,] CLUSTER (-1 = zero), P1..PK
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
  --ld-variants FILE...
                       the LD's variants, one file per LD file (or one for all, in
                       the LD's order): plink .bim, --write-snplist, plink2 .pvar/.vars,
                       or a table CHR POS ID A1 A2. Default: the file beside each LD
                       file with its stem (chr1.ld.bin -> chr1.bim, .pvar, .vars,
                       .snplist, .variants.tsv of mlmages ld). r must be signed for A1 (plink 1.9: --keep-allele-order).
                       Without one, variants are matched by row, alleles unchecked.
  --panel PREFIX       or compute the LD from a plink reference panel
                       (PREFIX.bed/.bim/.fam, see mlmages ld --help); the GWAS are
                       harmonised against the panel's .bim (LD signed for its A1).
  --blocks B           the panel's blocks: EUR, AFR, ASN (Berisa & Pickrell 2016,
                       on the build --build names), a BED file, or split (default).
  --build 37|38        genome build of the shipped blocks, ${range(spec.build)} (default 37).
  --keep FILE          the panel's samples (FID IID a line).
  --maf X              the panel's MAF filter, ${range(spec.maf)} (default 0).
  --match-by pos|id    match GWAS variants to the LD's on CHR:POS plus alleles
                       (pos, default) or on ID plus alleles (id).
  --palindromic drop|freq
                       A/T and C/G variants: drop (default), or keep those whose
                       effect-allele frequency (EAF) is outside [0.42, 0.58],
                       taken to be on the forward strand.
  --min-match F        stop when less than this fraction of a trait's variants
                       matches the LD's, ${range(spec["min-match"])} (default ${DEFAULT_MIN_MATCH}).
  --avg-block-size N   average block size of that split, ${range(spec["avg-block-size"])} (default ${DEFAULT_AVG_BLOCK_SIZE}).
  --genes FILE         genes: the published gene table (GENE, CHR, N_SNPS,
                       start_idx_chr, ...), MAGMA gene.loc, BED, or a table with
                       GENE, CHR, START, END (mapped onto the GWAS CHR/POS).
  --gene-window KB     widen each located gene by KB on both sides, ${range(spec["gene-window"])} (default 0).
  --out DIR            output folder.
  --model FILE...      ensemble (default: the shipped one).
  --seed S             clustering seed, ${range(spec.seed)} (default ${DEFAULT_SEED}), as np.random.seed(S)
                       before the published clustering (the dev reference used 1234).
  --restarts N         clustering restarts, ${range(spec.restarts)} (default 25).
  --k K                truncation of the mixture, ${range(spec.k)} (default 20).
  --schedule S         clustering restart schedule: scalable (default) or published
                       (every restart on every variant; see mlmages cluster --help).
  --threads N          threads for clustering restarts and --panel's LD blocks: this
                       one and N - 1 workers, ${range(spec.threads)} (default 1; same result).
  --method M           shrinkage: nn (default, the networks) or susie (SuSiE-RSS
                       per LD block as susieR's susie_rss; needs --n; adds PIP and
                       CS columns and shrinkage/credible_sets_<trait>.tsv).
  --n N                GWAS sample size, ${range(spec.n)}, for --method susie.
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
    const matchBy = o["match-by"];
    if (matchBy !== "pos" && matchBy !== "id") throw new UsageError(`--match-by must be pos or id, not ${matchBy}`);
    const palindromic = o.palindromic;
    if (palindromic !== "drop" && palindromic !== "freq") throw new UsageError(`--palindromic must be drop or freq, not ${palindromic}`);
    const say = (m: string) => (o.quiet ? undefined : note(m));
    // written whole or not at all: a failure or an interrupt removes the temporary folder (main.ts)
    const threads = o.threads > 1 ? new WorkerThreads(o.threads) : undefined;
    const panelFiles = o.panel ? ["bed", "bim", "fam"].map((e) => `${o.panel}.${e}`) : [];
    const folder = await RunFolder.open(nonEmptyOut(o.out), [...named.map((n) => n.file), ...(o.ld ?? []), ...(o["ld-full"] ? [o["ld-full"]] : []), ...(o["ld-variants"] ?? []), ...panelFiles, ...(o.genes ? [o.genes] : []), ...o.model]);
    const inputs = await loadRunInputs(
      nodeFiles,
      {
        gwas: named,
        ld: o.ld ?? [],
        ldFull: o["ld-full"],
        ldVariants: o["ld-variants"],
        harmonise: { matchBy, palindromic, minMatch: o["min-match"] },
        avgBlockSize: o["avg-block-size"],
        genes: o.genes,
        geneWindowKb: o["gene-window"],
        models: o.model,
        releaseLd: o.method !== "susie",
        panel: o.panel ? { prefix: o.panel, blocks: blockBedSpec(o.blocks!, o.build!), avgBlockSize: o["avg-block-size"], keep: o.keep, maf: o.maf } : undefined,
      },
      (name) => o.quiet || step(name),
      { onProgress: (name, done, total) => o.quiet || stepCount(name, done, total, name === "panel scan" ? "variants" : "blocks"), runBlocks: threads?.blockLd },
    );
    for (const t of inputs.traits) say(describeGwas(t.gwas));
    for (const t of inputs.harmonisation?.traits ?? []) say(countsLine(t));
    say(`${inputs.traits.length} trait(s), ${inputs.traits[0].gwas.n} variants, ${ldBlockCount(inputs)} LD blocks`);
    const settings: RunSettings = { seed: o.seed, restarts: o.restarts, K: o.k, threads: o.threads, publishedIndexing: Boolean(o["published-indexing"]), schedule: scheduleOption(o.schedule) };
    if (o.method !== "nn" && o.method !== "susie") throw new UsageError(`--method is nn or susie, not '${o.method}'`);
    if (o.method === "susie" && o.n === undefined) throw new UsageError("--method susie needs the GWAS sample size: --n N");
    const res = await runPipeline({
      ...inputs,
      susie: o.method === "susie" ? { n: o.n! } : undefined,
      publishedIndexing: settings.publishedIndexing,
      seed: o.seed,
      restarts: o.restarts,
      K: o.k,
      schedule: settings.schedule,
      runRestarts: threads?.restarts,
      reportSettings: reportSettings(inputs, settings),
      reportNote: `mlmages ${packageVersion()}`,
      onStep: (name) => o.quiet || step(name),
      onProgress: (name, done, total) => o.quiet || stepCount(name, done, total, "restarts"),
      onOutput: (path, content) => folder.write(path, content),
      onTable: (path, chunks) => folder.write(path, chunks),
    });
    endSteps();
    for (const w of res.warnings) say(`warning: ${w}`);
    const seconds = (performance.now() - t0) / 1000;
    const record = runRecordJson({
      mlmages: packageVersion(),
      command: ["mlmages", "run", ...argv],
      settings: { ...recordedSettings(settings, o["ld-full"] ? o["avg-block-size"] : undefined), ...harmonisationSettings(inputs.harmonisation), ...(inputs.panel ? { panel: inputs.panel } : {}) },
      traits: named,
      inputs: inputs.inputs,
      steps: res.steps,
      seconds,
      warnings: res.warnings,
      harmonisation: harmonisationRecord(inputs.harmonisation),
    });
    await folder.write("run.json", record);
    await folder.commit();
    say(`done in ${seconds.toFixed(1)} s; results in ${o.out}; open ${join(o.out!, "report.html")} in a browser`);
    return 0;
  },
};
