// What the report of `mlmages run` is drawn from: plain arrays and names, so
// the pipeline (or the browser app) fills it from its results without the
// report knowing how they were computed. from-pipeline.ts converts the
// pipeline's ClusterResult, GeneTestRow and GeneLevelResult.
import type { TraitCounts } from "../harmonise/counts.js";

/** One trait's observed and shrunk effects, in the variants' order. */
export interface ReportTrait {
  name: string;
  /** Chromosome of all variants (e.g. "22") for the axis label, when known and single. */
  chr?: string | null;
  /** Each variant's chromosome, when the variants span several (the figures then put chromosomes side by side). */
  chroms?: ArrayLike<string> | null;
  /** Base-pair position per variant, or null (the figures then use the variant index). */
  pos: ArrayLike<number> | null;
  /** Observed effects (the GWAS BETA). */
  beta: ArrayLike<number>;
  /** Shrunk effects (BETA_SHRINK). */
  shrunk: ArrayLike<number>;
}

/** One clustering of a trait set (a ClusterResult plus its name fits). */
export interface ReportClusterSet {
  /** The set's name as in the output files, e.g. "T1" or "T1-T2". */
  name: string;
  /** Trait names, one per row/column of each Σ; each must be one of ReportInput.traits. */
  traits: string[];
  K: number;
  /** Cluster weights. */
  pi: ArrayLike<number>;
  /** Cluster covariances, K x p x p, in the effects' units. */
  sigma: number[][][];
  /** Per variant: its cluster (0-based), −1 when thresholded to zero. */
  labels: ArrayLike<number>;
  /** The |effect| below which a variant was thresholded to zero, when known. */
  zeroCutoff?: number;
}

/** One gene's test for one trait. */
export interface ReportGeneTestRow {
  gene: string;
  nVariants: number;
  /** T = Σ β̃² over the gene's variants. */
  stat: number;
  pLiu: number;
  /** −log10 of Liu's p (finite where p underflows to 0). */
  mlog10pLiu: number;
  pExact: number;
  /** −log10 of the exact p (finite where p underflows to 0). */
  mlog10pExact: number;
}

/** The gene test of one trait: one row per gene, in the gene table's order. */
export interface ReportGeneTests {
  trait: string;
  rows: ReportGeneTestRow[];
}

/** Which traits one joint cluster is associated with. */
export interface ReportClusterType {
  /** The cluster (0-based). */
  cluster: number;
  /** The pattern's name, e.g. "(1,0,1)". */
  pattern: string;
  /** The traits in the pattern. */
  traits: string[];
  /** Each trait's share of the cluster's variance relative to the largest (optional). */
  shares?: ArrayLike<number>;
}

/** One association type's score per gene. */
export interface ReportTypeScores {
  /** The type's traits. */
  traits: string[];
  /** Per gene, in ReportGeneLevel.genes order. */
  scores: ArrayLike<number>;
}

/** The multi-trait gene level of one joint clustering. */
export interface ReportGeneLevel {
  /** Name of the clustering it comes from (one of ReportInput.clusters), e.g. "T1-T2-T3". */
  set: string;
  genes: { name: string; count: number }[];
  K: number;
  /** genes x K row-major: the share of each gene's variants in each cluster. */
  fractions: ArrayLike<number>;
  /** Per gene: the share of its variants thresholded to zero (default 1 − Σ fractions). */
  zeroFractions?: ArrayLike<number>;
  /** Per cluster, its association pattern. */
  types: ReportClusterType[];
  /** Per association type, the genes' scores (optional). */
  typeScores?: ReportTypeScores[];
}

/** Everything the report shows. */
export interface ReportInput {
  /** Heading (default "ML-MAGES report"). */
  title?: string;
  traits: ReportTrait[];
  /** Clusterings: each trait alone, then joint sets. */
  clusters: ReportClusterSet[];
  /** Gene tests per trait (traits whose test was skipped are left out). */
  geneTests: ReportGeneTests[];
  geneLevel?: ReportGeneLevel[];
  /** Settings to list under the inputs, in order (e.g. seed, models, LD files). */
  settings?: { label: string; value: string }[];
  warnings?: string[];
  /** Harmonisation against the LD's variants: counts per trait and reason. */
  harmonisation?: TraitCounts[];
  /** A line for the footer, e.g. the program version; no dates, so the bytes stay the same. */
  note?: string;
}

/** The report and its figures. */
export interface ReportOutput {
  html: string;
  /** Each figure's SVG by file name (e.g. "effects_T1.svg"), to write under figures/. */
  figures: Map<string, string>;
}
