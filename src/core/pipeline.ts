// The whole ML-MAGES analysis of one chromosome's traits: shrink each trait,
// cluster each trait and the traits jointly (and each pair when there are three
// or more), test genes per trait. Returns the output files as text, by path.
import { cluster, type ClusterResult } from "./cluster/cluster.js";
import type { RestartRunner } from "./cluster/restart.js";
import { clustersJson, labelsTsv } from "./cluster/output.js";
import { epsilonFromClusters, geneTestWith } from "./genetest/gene-test.js";
import { readGeneTable } from "./genetest/gene-table.js";
import { geneTestTable } from "./genetest/table.js";
import { shrinkTable } from "./output/shrink-table.js";
import { shrinkWith } from "./shrink.js";
import type { Ensemble, Gwas, LdBlock } from "./types.js";
import { getCore } from "./wasm/instance.js";

export interface PipelineInput {
  traits: { name: string; gwas: Gwas }[];
  ldBlocks: LdBlock[];
  models: Ensemble;
  /** The gene table's text and name, or none to skip the gene tests. */
  genes?: { text: string; source: string };
  seed?: number;
  restarts?: number;
  K?: number;
  runRestarts?: RestartRunner;
  /** Called when a step starts: e.g. "shrink T1". */
  onStep?: (step: string) => void;
}

export interface PipelineOutput {
  /** Output files by path relative to the output folder. */
  files: Map<string, string>;
  /** Seconds per step, in order. */
  steps: { step: string; seconds: number }[];
  shrunk: Map<string, Float64Array>;
  clusters: Map<string, ClusterResult>;
  warnings: string[];
}

/** Trait sets to cluster jointly: all traits, and every pair when there are three or more. */
export function jointSets(names: string[]): string[][] {
  if (names.length < 2) return [];
  const sets: string[][] = [];
  if (names.length >= 3) for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) sets.push([names[i], names[j]]);
  sets.push(names);
  return sets;
}

export async function runPipeline(input: PipelineInput): Promise<PipelineOutput> {
  const core = await getCore();
  const files = new Map<string, string>();
  const steps: { step: string; seconds: number }[] = [];
  const shrunk = new Map<string, Float64Array>();
  const clusters = new Map<string, ClusterResult>();
  const warnings: string[] = [];
  const timed = async <T>(step: string, body: () => T | Promise<T>): Promise<T> => {
    input.onStep?.(step);
    const t0 = performance.now();
    const out = await body();
    steps.push({ step, seconds: (performance.now() - t0) / 1000 });
    return out;
  };
  const clusterOpts = { seed: input.seed, restarts: input.restarts, K: input.K, runRestarts: input.runRestarts };
  const clusterSet = async (names: string[]) => {
    const label = names.join("-");
    const res = await timed(`cluster ${label}`, () => cluster(names.map((n) => shrunk.get(n)!), { ...clusterOpts, names }));
    clusters.set(label, res);
    files.set(`clustering/${label}.clusters.json`, clustersJson(res, steps[steps.length - 1].seconds));
    files.set(`clustering/${label}.labels.tsv`, labelsTsv(res));
  };

  for (const { name, gwas } of input.traits) {
    const res = await timed(`shrink ${name}`, () => shrinkWith(core, { gwas, ldBlocks: input.ldBlocks, models: input.models }));
    shrunk.set(name, res.betaShrink);
    files.set(`shrinkage/shrink_${name}.tsv`, shrinkTable(gwas, res.betaShrink));
  }
  for (const { name } of input.traits) await clusterSet([name]);
  for (const set of jointSets(input.traits.map((t) => t.name))) await clusterSet(set);
  if (input.genes) {
    const n = input.traits[0].gwas.n;
    const genes = readGeneTable(input.genes.text, input.genes.source, n);
    for (const { name } of input.traits) {
      const c = clusters.get(name)!;
      if (c.K < 3 && !(c.pi[0] > 0.01 && c.K >= 2)) {
        warnings.push(`gene test of ${name} skipped: its clustering found ${c.K} cluster(s), too few to pick a small-effect variance`);
        continue;
      }
      const eps = epsilonFromClusters(c.pi, c.sigma.map((s) => s[0][0]));
      const rows = await timed(`gene test ${name}`, () => geneTestWith(core, shrunk.get(name)!, input.ldBlocks, genes, eps));
      files.set(`genes/enrich_${name}.tsv`, geneTestTable(rows));
    }
  }
  return { files, steps, shrunk, clusters, warnings };
}
