// mlmages run: the whole analysis of one chromosome's traits, from GWAS files
// and LD to shrunk effects, clusters and gene tests, with a record of the run.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { readGeneTable, type GeneRange } from "../../core/genetest/gene-table.js";
import { runPipeline } from "../../core/pipeline.js";
import { fileBytes } from "../../node/files.js";
import { threadedRestarts } from "../../node/cluster-workers.js";
import { ensureReadable, expandLdArgs, readGwasFile, readLdFiles } from "../../node/ld-files.js";
import { loadModelFiles } from "../../node/models.js";
import { packageVersion } from "../../node/package-root.js";
import { writeFileAtomic } from "../../node/files.js";
import { UsageError, parseOptions, requireOptions } from "../args.js";
import type { Command } from "../command.js";
import { note } from "../console.js";

const spec = {
  gwas: { type: "string", multiple: true },
  ld: { type: "string", multiple: true },
  genes: { type: "string" },
  out: { type: "string" },
  model: { type: "string", multiple: true },
  seed: { type: "number", default: 1, integer: true },
  restarts: { type: "number", default: 25, integer: true, min: 1 },
  k: { type: "number", default: 20, integer: true, min: 2 },
  threads: { type: "number", default: 1, integer: true, min: 1 },
  "published-indexing": { type: "boolean" },
  quiet: { type: "boolean" },
} as const;

async function sha256(path: string): Promise<{ path: string; sha256: string; bytes: number }> {
  const b = await fileBytes(path);
  return { path, sha256: createHash("sha256").update(b).digest("hex"), bytes: b.length };
}

export const command: Command = {
  name: "run",
  summary: "the whole analysis: shrink, cluster per trait and jointly, gene tests",
  help: `Usage: mlmages run --gwas NAME=FILE... --ld FILE... [--genes FILE] --out DIR [options]

Runs ML-MAGES on one chromosome: shrinks each trait's effects, clusters each
trait and all traits jointly (and each pair when there are three or more), and
tests genes per trait. Every output appears only when its step is complete.

Output (DIR):
  shrinkage/shrink_<trait>.tsv          CHR, POS, ID, BETA, SE, BETA_SHRINK
  clustering/<traits>.clusters.json     mixture: K, pi, sigma, zero cutoff, ...
  clustering/<traits>.labels.tsv        per variant: CLUSTER (-1 = zero), P1..PK
  genes/enrich_<trait>.tsv              gene tests (with --genes)
  run.json                              inputs with SHA-256, version, settings, seconds per step

Options:
  --gwas NAME=FILE...  one GWAS file per trait, named (a bare FILE is named T1, T2, ...).
  --ld FILE...         LD blocks covering the variants in order (or *.txt lists).
  --genes FILE         gene table (GENE, CHR, N_SNPS, start_idx_chr, ...).
  --out DIR            output folder.
  --model FILE...      ensemble (default: the shipped one).
  --seed S             clustering seed (default 1).
  --restarts N         clustering restarts (default 25).
  --k K                truncation of the mixture (default 20).
  --threads N          worker threads for clustering restarts (default 1).
  --published-indexing look up neighbours' betas as the published code does
                       (block-local indices into the whole chromosome; see README).
  --quiet              no progress lines.`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["gwas", "ld", "out"]);
    const t0 = performance.now();
    const named = o.gwas.map((g, i) => {
      const eq = g.indexOf("=");
      return eq > 0 ? { name: g.slice(0, eq), file: g.slice(eq + 1) } : { name: `T${i + 1}`, file: g };
    });
    const names = new Set(named.map((n) => n.name));
    if (names.size !== named.length) throw new UsageError("trait names given to --gwas must differ");
    const say = (m: string) => (o.quiet ? undefined : note(m));
    const traits = [];
    for (const n of named) traits.push({ name: n.name, gwas: await readGwasFile(n.file) });
    const ldFiles = await expandLdArgs(o.ld);
    const ldBlocks = await readLdFiles(ldFiles);
    const { ensemble, files: modelFiles } = await loadModelFiles(o.model);
    let genes: GeneRange[] | undefined;
    if (o.genes) {
      await ensureReadable(o.genes);
      genes = readGeneTable(await readFile(o.genes, "utf8"), o.genes, traits[0].gwas.n);
    }
    say(`${traits.length} trait(s), ${traits[0].gwas.n} variants, ${ldBlocks.length} LD blocks`);
    const res = await runPipeline({
      traits,
      ldBlocks,
      models: ensemble,
      genes,
      publishedIndexing: o["published-indexing"],
      seed: o.seed,
      restarts: o.restarts,
      K: o.k,
      runRestarts: o.threads > 1 ? threadedRestarts(o.threads) : undefined,
      onStep: (step) => say(step),
      onOutput: (path, content) => writeFileAtomic(join(o.out!, path), content),
    });
    for (const w of res.warnings) say(`warning: ${w}`);
    const inputs = await Promise.all([...named.map((n) => n.file), ...ldFiles, ...(o.genes ? [o.genes] : []), ...modelFiles].map(sha256));
    const record = {
      mlmages: packageVersion(),
      command: ["mlmages", "run", ...argv],
      settings: { seed: o.seed, restarts: o.restarts, K: o.k, threads: o.threads, publishedIndexing: Boolean(o["published-indexing"]) },
      traits: named,
      inputs,
      steps: res.steps,
      seconds: (performance.now() - t0) / 1000,
      warnings: res.warnings,
    };
    await writeFileAtomic(join(o.out!, "run.json"), JSON.stringify(record, null, 1) + "\n");
    say(`done in ${record.seconds.toFixed(1)} s; results in ${o.out}`);
    return 0;
  },
};
