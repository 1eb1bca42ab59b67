// The multi-trait gene level (ML-MAGES step 4): per gene, how its variants fall
// into the joint clusters and how large their effect products are; per
// cluster, which traits it is associated with; per association type, a gene score.
import { InputError } from "../errors.js";
import type { GeneRange } from "../genetest/gene-table.js";
import { geneSums, type GeneSums } from "./gene-sums.js";
import { clusterPattern, DEFAULT_SHARE_RATIO, patternKey, type ClusterPattern } from "./patterns.js";
import { typeScores } from "./type-scores.js";

export interface GeneLevelInput {
  /** Trait names, one per effects array and per row/column of each Σ. */
  traits: string[];
  /** Shrunk effects, one array per trait, the same variants in the same order. */
  effects: Float64Array[];
  /** Per variant: its joint cluster (0-based), −1 when thresholded to zero. */
  labels: ArrayLike<number>;
  /** Cluster covariances, K x p x p. */
  sigma: number[][][];
  /** Genes as variant ranges (indices into the effects). */
  genes: GeneRange[];
  /** Share ratio of the pattern rule (default 5). */
  shareRatio?: number;
  /** File names for messages. */
  sources?: { effects?: string[]; labels?: string; clusters?: string; genes?: string };
}

/** One association type: the clusters whose pattern is this trait set, and each gene's score. */
export interface AssociationType {
  /** Published notation, e.g. "(1,0,1)". */
  key: string;
  /** Traits (0-based). */
  traits: number[];
  /** Clusters (0-based). */
  clusters: number[];
  /** Per gene: Σ over the type's traits and clusters of Σ |β_t| over the gene's variants in the cluster. */
  scores: Float64Array;
}

export interface GeneLevelResult extends GeneSums {
  traits: string[];
  K: number;
  genes: GeneRange[];
  /** Variants in each cluster (all variants, not only genes'). */
  clusterSizes: number[];
  /** Per cluster, its pattern. */
  patterns: ClusterPattern[];
  /** Association types present, by number of traits, then trait order. */
  types: AssociationType[];
}

function check(input: GeneLevelInput): { n: number; p: number; K: number } {
  const { traits, effects, labels, sigma, genes, sources = {} } = input;
  const p = traits.length;
  const K = sigma.length;
  const effectsName = sources.effects?.join(", ") ?? "the effects";
  const clustersName = sources.clusters ?? "the clusters";
  const labelsName = sources.labels ?? "the labels";
  if (effects.length !== p) throw InputError.mismatch(effectsName, `${effectsName}: ${effects.length} effects arrays for ${p} traits`);
  if (K === 0) throw InputError.mismatch(clustersName, `${clustersName}: no clusters`);
  sigma.forEach((s, k) => {
    if (s.length !== p || s.some((row) => row.length !== p)) {
      throw InputError.mismatch(clustersName, `${clustersName}: cluster ${k + 1}'s covariance is not ${p} x ${p} (the effects have ${p} traits)`);
    }
  });
  const n = labels.length;
  effects.forEach((e, t) => {
    const effectName = sources.effects?.[t] ?? `the effects of ${traits[t]}`;
    if (e.length !== n) throw InputError.mismatch(`${effectName}, ${labelsName}`, `${effectName} has ${e.length} effects but ${labelsName} has ${n} cluster labels`);
  });
  for (let v = 0; v < n; v++) {
    const k = labels[v];
    if (!Number.isInteger(k) || k < -1 || k >= K) {
      throw new InputError({ file: labelsName, line: v + 2 }, `cluster label ${k} is not −1 or a cluster 0..${K - 1} (the clustering has ${K} clusters)`);
    }
  }
  genes.forEach((g) => {
    if (g.first < 0 || g.count < 1 || g.first + g.count > n) {
      throw InputError.mismatch(sources.genes ?? "the genes", `${sources.genes ?? "the genes"}: gene ${g.gene} covers variants ${g.first + 1}..${g.first + g.count}, outside the ${n} variants of the effects`);
    }
  });
  return { n, p, K };
}

/** Orders trait sets by size, then by their traits. */
function compareTraitSets(a: number[], b: number[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The multi-trait gene level of joint clusters. */
export function geneLevel(input: GeneLevelInput): GeneLevelResult {
  const { n, p, K } = check(input);
  const { traits, effects, labels, sigma, genes } = input;
  const sums = geneSums(effects, labels, K, genes);
  const clusterSizes = new Array<number>(K).fill(0);
  for (let v = 0; v < n; v++) if (labels[v] >= 0) clusterSizes[labels[v]]++;
  const patterns = sigma.map((s, k) => clusterPattern(k, s, input.shareRatio ?? DEFAULT_SHARE_RATIO));
  const byKey = new Map<string, number[]>();
  for (const pat of patterns) {
    const key = patternKey(pat.traits, p);
    byKey.set(key, [...(byKey.get(key) ?? []), pat.cluster]);
  }
  const types = [...byKey.values()]
    .map((clusters) => ({ traits: patterns[clusters[0]].traits, clusters }))
    .sort((a, b) => compareTraitSets(a.traits, b.traits))
    .map(({ traits: ts, clusters }) => ({
      key: patternKey(ts, p),
      traits: ts,
      clusters,
      scores: typeScores(sums.absSums, K, p, clusters, ts),
    }));
  return { traits: [...traits], K, genes, clusterSizes, patterns, types, ...sums };
}
