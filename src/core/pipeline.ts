// The whole ML-MAGES analysis of one chromosome's traits: (the LD split into
// blocks, done while the inputs are read), shrink each trait,
// then per trait its clustering and gene test, then the joint clustering of
// all traits (and of each pair when there are three or more), the multi-trait
// gene level, and the report (report.html with its figures/*.svg). Each step hands its output files to `onOutput`
// as soon as it completes, so a caller can write them (or offer them) while
// the rest runs; the same bytes on every platform.
import { splitJson } from "./blocks/split-json.js";
import type { LdSplit } from "./blocks/split.js";
import { blockTable } from "./blocks/table.js";
import { cluster, type ClusterResult } from "./cluster/cluster.js";
import type { RestartRunner } from "./cluster/restart.js";
import type { Schedule } from "./cluster/schedule.js";
import { clustersJson, labelsColumns } from "./cluster/output.js";
import { geneLevel, type GeneLevelResult } from "./genelevel/gene-level.js";
import { geneLevelTables } from "./genelevel/tables.js";
import type { GeneRange } from "./genetest/gene-table.js";
import { epsilonFromClusters, geneSpectra, geneTestWith, smallEffectCluster, type GeneSpectrum, type GeneTestRow } from "./genetest/gene-test.js";
import { geneTestTable } from "./genetest/table.js";
import { harmonisationTsv } from "./harmonise/counts.js";
import type { Harmonisation } from "./harmonise/harmonise.js";
import { harmonisedChunks } from "./harmonise/tables.js";
import { keptBandRange } from "./harmonise/align.js";
import { bandRange } from "./io/ld-band.js";
import { shrinkTableChunks } from "./output/shrink-table.js";
import { tsvChunks } from "./output/tsv.js";
import { variantColumns } from "./output/variant-columns.js";
import { reportClusterSet, reportGeneLevel, reportGeneTests } from "./report/from-pipeline.js";
import { renderReport } from "./report/report.js";
import type { LdDigest } from "./ld-digest.js";
import { ldNeighbours, shrinkByNeighbours } from "./shrink.js";
import { susieShrinkWith } from "./susie/susie-rss.js";
import { credibleSetsTable, susieShrinkTable } from "./susie/tables.js";
import type { BlockNeighbours } from "./features.js";
import type { Ensemble, Gwas, LdBlock } from "./types.js";
import { getCore } from "./wasm/instance.js";

export interface PipelineInput {
  traits: { name: string; gwas: Gwas }[];
  /** LD blocks covering the variants in order (none when ldDigest stands for them). */
  ldBlocks: LdBlock[];
  /** What the run needs of its LD blocks once they are released (loadRunInputs' releaseLd): neighbours and gene spectra. */
  ldDigest?: LdDigest;
  /** What harmonisation did (the traits are then aligned to the reference, the blocks cut down): written to harmonised/ and harmonisation.tsv. */
  harmonisation?: Harmonisation;
  /** Warnings about the inputs (loadRunInputs'), listed first among the output's. */
  warnings?: string[];
  /** When the blocks were split from a whole-chromosome matrix: the split and its seconds (step "blocks"). */
  ldSplit?: { split: LdSplit; avgBlockSize: number; seconds: number };
  models: Ensemble;
  /** Genes as variant ranges, or none to skip the gene-level steps. */
  genes?: GeneRange[];
  /** Shrink by SuSiE-RSS (with this GWAS sample size) instead of the networks. */
  susie?: { n: number };
  /** Look up neighbours' betas as the published code does (see README). */
  publishedIndexing?: boolean;
  seed?: number;
  restarts?: number;
  /** Clustering restart schedule (default scalable). */
  schedule?: Schedule;
  K?: number;
  runRestarts?: RestartRunner;
  /** Settings listed in the report, in order (the same on every platform: no thread counts, no paths). */
  reportSettings?: { label: string; value: string }[];
  /** The report's footer, e.g. the mlmages version (no dates: same inputs, same bytes). */
  reportNote?: string;
  /** Called when a step starts: e.g. "shrink T1", "cluster T1-T2". */
  onStep?: (step: string) => void;
  /** Hears a step's progress, e.g. ("cluster T1", 12, 25) as clustering restarts end. */
  onProgress?: (step: string, done: number, total: number) => void;
  /** Called with each output file (path relative to the output folder) when its step completes; without it the files are kept in the output's `files`. */
  onOutput?: (path: string, content: string) => void | Promise<void>;
  /**
   * Called instead of `onOutput` with each table of one row per variant
   * (harmonised/, shrinkage/shrink_*, clustering/*.labels.tsv) as pieces of
   * whole lines made as they are iterated, so that no such table is ever one
   * string: write them in order (the file's bytes are their concatenation).
   */
  onTable?: (path: string, chunks: Iterable<string>) => void | Promise<void>;
  /** Stops the run between steps (e.g. a Cancel button). */
  signal?: AbortSignal;
}

export interface PipelineOutput {
  /** Output files by path relative to the output folder, in the order they were made (empty when `onOutput` took them). */
  files: Map<string, string>;
  /** Seconds per step, in order. */
  steps: { step: string; seconds: number }[];
  shrunk: Map<string, Float64Array>;
  clusters: Map<string, ClusterResult>;
  geneTests: Map<string, GeneTestRow[]>;
  /** Multi-trait gene level per joint trait set. */
  geneLevel: Map<string, GeneLevelResult>;
  warnings: string[];
}

/**
 * The name of a set of traits clustered together, in output file names
 * (clustering/T1-T2.clusters.json, genes/T1-T2/): the trait names joined by
 * '-', which a trait name cannot contain (src/core/trait-name.ts), so that no
 * two sets share a name.
 */
export function jointSetName(names: string[]): string {
  return names.join("-");
}

/** Trait sets to cluster jointly: every pair when there are three or more traits, then all traits. */
export function jointSets(names: string[]): string[][] {
  if (names.length < 2) return [];
  const sets: string[][] = [];
  if (names.length >= 3) for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) sets.push([names[i], names[j]]);
  sets.push(names);
  return sets;
}

/** The chromosome of all variants when they share one, else null (for axis labels). */
function singleChromosome(gwas: Gwas): string | null {
  if (!gwas.chr?.length) return null;
  const first = gwas.chr[0];
  return gwas.chr.every((c) => c === first) ? first : null;
}

/** Why a trait's gene test cannot run, or undefined when it can. */
function geneTestBlocker(name: string, c: ClusterResult): string | undefined {
  if (smallEffectCluster(c.pi) < c.K) return undefined;
  return `gene test of ${name} skipped: its clustering found ${c.K} cluster(s), too few to pick a small-effect variance`;
}

export async function runPipeline(input: PipelineInput): Promise<PipelineOutput> {
  const core = await getCore();
  const out: PipelineOutput = { files: new Map(), steps: [], shrunk: new Map(), clusters: new Map(), geneTests: new Map(), geneLevel: new Map(), warnings: [...(input.warnings ?? [])] };
  const emit = async (path: string, content: string) => {
    if (input.onOutput) await input.onOutput(path, content);
    else out.files.set(path, content);
  };
  const emitTable = async (path: string, chunks: Iterable<string>) => {
    if (input.onTable) await input.onTable(path, chunks);
    else await emit(path, [...chunks].join(""));
  };
  const timed = async <T>(step: string, body: () => T | Promise<T>): Promise<T> => {
    input.signal?.throwIfAborted();
    input.onStep?.(step);
    const t0 = performance.now();
    const res = await body();
    out.steps.push({ step, seconds: (performance.now() - t0) / 1000 });
    return res;
  };
  if (input.ldSplit) {
    const { split, avgBlockSize, seconds } = input.ldSplit;
    out.steps.push({ step: "blocks", seconds });
    await emit("blocks/blocks.tsv", blockTable(split.bounds));
    await emit("blocks/split.json", splitJson(split, avgBlockSize));
  }
  const h = input.harmonisation;
  if (h) {
    await emit("harmonisation.tsv", harmonisationTsv(h.traits));
    for (const [i, { name, gwas }] of input.traits.entries()) await emitTable(`harmonised/${name}.tsv`, harmonisedChunks(gwas, h.traits[i].relation));
  }
  const clusterOpts = { seed: input.seed, restarts: input.restarts, K: input.K, runRestarts: input.runRestarts, schedule: input.schedule };
  const clusterSet = async (names: string[]) => {
    const label = jointSetName(names);
    const step = `cluster ${label}`;
    const onRestart = input.onProgress && ((done: number, total: number) => input.onProgress!(step, done, total));
    const res = await timed(step, () => cluster(names.map((n) => out.shrunk.get(n)!), { ...clusterOpts, names, onRestart }));
    out.clusters.set(label, res);
    await emit(`clustering/${label}.clusters.json`, clustersJson(res));
    // after harmonisation every trait has the reference's variants: their identity leads the labels table
    const id = h ? variantColumns(input.traits[0].gwas) : { header: [], cols: [] };
    const labels = labelsColumns(res);
    await emitTable(`clustering/${label}.labels.tsv`, tsvChunks([...id.header, ...labels.header], [...id.cols, ...labels.cols]));
    return res;
  };

  // the blocks' LD scores and neighbours, once for all traits (made in the first shrink step)
  let neighbours: BlockNeighbours[] | undefined;
  for (const { name, gwas } of input.traits) {
    if (input.susie) {
      if (input.ldDigest) throw new Error("SuSiE-RSS needs the LD blocks, not their digest");
      const n = input.susie.n;
      const res = await timed(`shrink ${name}`, () => susieShrinkWith(core, gwas, input.ldBlocks, n));
      if (res.notConverged.length) out.warnings.push(`SuSiE-RSS of ${name} did not converge in LD block(s) ${res.notConverged.map((b) => b + 1).join(", ")}`);
      out.shrunk.set(name, res.betaShrink);
      await emit(`shrinkage/shrink_${name}.tsv`, susieShrinkTable(gwas, res));
      await emit(`shrinkage/credible_sets_${name}.tsv`, credibleSetsTable(gwas, res));
      continue;
    }
    const res = await timed(`shrink ${name}`, () => {
      neighbours ??= input.ldDigest?.neighbours ?? ldNeighbours(core, input.ldBlocks, input.models.topR);
      const blocks = input.ldDigest?.blocks ?? input.ldBlocks;
      return shrinkByNeighbours(core, { gwas, blocks, models: input.models, publishedIndexing: input.publishedIndexing, neighbours });
    });
    if (res.warning) out.warnings.push(res.warning);
    out.shrunk.set(name, res.betaShrink);
    await emitTable(`shrinkage/shrink_${name}.tsv`, shrinkTableChunks(gwas, res.betaShrink));
  }
  // genes that straddle a block edge keep their LD across it when the whole chromosome's LD was given
  const band = input.ldSplit?.split.band;
  const geneLdOf = band ? (first: number, count: number) => (h ? keptBandRange(band, h.kept, first, count) : bandRange(band, first, count)) : undefined;
  // each gene's LD spectrum, once for all traits (made in the first gene test step)
  let spectra: GeneSpectrum[] | undefined = input.ldDigest?.spectra;
  for (const { name } of input.traits) {
    const c = await clusterSet([name]);
    if (!input.genes) continue;
    const blocker = geneTestBlocker(name, c);
    if (blocker) {
      out.warnings.push(blocker);
      continue;
    }
    const eps = epsilonFromClusters(c.pi, c.sigma.map((s) => s[0][0]));
    const genes = input.genes;
    const rows = await timed(`gene test ${name}`, () => {
      spectra ??= geneSpectra(core, input.ldBlocks, genes, geneLdOf);
      return geneTestWith(core, out.shrunk.get(name)!, genes, spectra, eps);
    });
    out.geneTests.set(name, rows);
    await emit(`genes/enrich_${name}.tsv`, geneTestTable(rows));
  }
  for (const set of jointSets(input.traits.map((t) => t.name))) {
    const c = await clusterSet(set);
    if (!input.genes) continue;
    const genes = input.genes;
    const label = jointSetName(set);
    const res = await timed(`gene level ${label}`, () =>
      geneLevel({ traits: set, effects: set.map((n) => out.shrunk.get(n)!), labels: c.labels, sigma: c.sigma, genes }),
    );
    out.geneLevel.set(label, res);
    for (const [name, text] of geneLevelTables(res)) await emit(`genes/${label}/${name}`, text);
  }
  const report = await timed("report", () =>
    renderReport({
      traits: input.traits.map(({ name, gwas }) => ({ name, chr: singleChromosome(gwas), chroms: gwas.chr, pos: gwas.pos, beta: gwas.beta, shrunk: out.shrunk.get(name)! })),
      clusters: [...out.clusters].map(([name, res]) => reportClusterSet(name, res)),
      geneTests: [...out.geneTests].map(([trait, rows]) => reportGeneTests(trait, rows)),
      geneLevel: [...out.geneLevel].map(([set, res]) => reportGeneLevel(set, res)),
      settings: input.reportSettings,
      warnings: out.warnings,
      harmonisation: h?.traits,
      note: input.reportNote,
    }),
  );
  for (const [name, svg] of report.figures) await emit(`figures/${name}`, svg);
  await emit("report.html", report.html);
  return out;
}
