// The report's inputs from the pipeline's results.
import type { ClusterResult } from "../cluster/cluster.js";
import type { GeneLevelResult } from "../genelevel/gene-level.js";
import { patternKey } from "../genelevel/patterns.js";
import type { GeneTestRow } from "../genetest/gene-test.js";
import type { ReportClusterSet, ReportGeneLevel, ReportGeneTests } from "./types.js";

/** A clustering named as in the output files (e.g. "T1-T2"). */
export function reportClusterSet(name: string, res: ClusterResult): ReportClusterSet {
  return { name, traits: res.traits, K: res.K, pi: res.pi, sigma: res.sigma, labels: res.labels, zeroCutoff: res.zeroCutoff };
}

/** One trait's gene tests. */
export function reportGeneTests(trait: string, rows: GeneTestRow[]): ReportGeneTests {
  return {
    trait,
    rows: rows.map((r) => ({
      gene: r.gene.gene,
      nVariants: r.gene.count,
      stat: r.stat,
      pLiu: r.pLiu,
      mlog10pLiu: r.mlog10pLiu,
      pExact: r.pExact,
      mlog10pExact: r.mlog10pExact,
    })),
  };
}

/** The gene level of the clustering named `set`. */
export function reportGeneLevel(set: string, res: GeneLevelResult): ReportGeneLevel {
  const p = res.traits.length;
  const names = (ts: number[]) => ts.map((t) => res.traits[t]);
  return {
    set,
    genes: res.genes.map((g) => ({ name: g.gene, count: g.count })),
    K: res.K,
    fractions: res.fractions,
    zeroFractions: res.zeroFractions,
    types: res.patterns.map((pat) => ({ cluster: pat.cluster, pattern: patternKey(pat.traits, p), traits: names(pat.traits), shares: pat.shares })),
    typeScores: res.types.map((t) => ({ traits: names(t.traits), scores: t.scores })),
  };
}
