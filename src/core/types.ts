/** GWAS summary statistics of one trait, in file order. */
export interface Gwas {
  /** Name of the source (file name) for messages. */
  source: string;
  /** Number of variants. */
  n: number;
  /** Chromosome of each variant as written (e.g. "22", "X"), or null when the file has no CHR column. */
  chr: string[] | null;
  /** Base-pair position, or null when absent. */
  pos: Float64Array | null;
  /** Variant identifier, or null when absent. */
  id: string[] | null;
  /** Effect sizes (log odds when the file gave odds ratios). */
  beta: Float64Array;
  /** Standard errors (> 0). */
  se: Float64Array;
  /** The allele each BETA belongs to (upper case), or null when the file names no alleles. */
  ea?: string[] | null;
  /** The other allele of each variant, or null when absent. */
  oa?: string[] | null;
  /** Frequency of the effect allele, or null when absent. */
  eaf?: Float64Array | null;
  /** Rows left out while reading, by reason (e.g. "missing value"), for the run's record. */
  dropped?: Record<string, number>;
  /** Sample size of each variant (N, OBS_CT, NMISS, ...), or null when absent. */
  nSamples?: Float64Array | null;
  /** Imputation INFO of each variant, or null when absent. */
  info?: Float64Array | null;
  /** −log10 of each variant's P-value (from P, LOG10P or LP), or null when absent. */
  mlog10p?: Float64Array | null;
  /** The format told from the header, and the column the effects belong to ("regenie", "ALLELE1"). */
  format?: { name: string; effectAllele: string };
  /** "per-allele" effects, or "standardised" ones (β = Z/√N, SE = 1/√N from a Z-and-N file). */
  scale?: "per-allele" | "standardised";
  /** Things the user should know about the file that are not errors (unsorted positions, duplicates, skipped rows). */
  warnings?: string[];
}

/**
 * The variants of a reference (an LD file's or a panel's), in the reference's order.
 * LD between two variants is signed for their a1 alleles (plink's A1).
 */
export interface RefVariants {
  source: string;
  chr: string[];
  pos: Float64Array;
  id: string[];
  a1: string[];
  a2: string[];
}

/** One LD block: a symmetric n x n correlation matrix, row-major float64. */
export interface LdBlock {
  source: string;
  n: number;
  data: Float64Array;
}

/** Linear layer, PyTorch layout: weight is out x in, row-major. */
export interface Linear {
  inDim: number;
  outDim: number;
  weight: Float32Array;
  bias: Float32Array;
}

/** BatchNorm1d in eval mode. */
export interface BatchNorm {
  dim: number;
  weight: Float32Array;
  bias: Float32Array;
  runningMean: Float32Array;
  runningVar: Float32Array;
  eps: number;
}

/** One fully connected network: (Linear -> BatchNorm -> ReLU) per hidden layer, then Linear -> 1. */
export interface Network {
  /** r: number of top-LD neighbours; input width is 2r + 3. */
  topR: number;
  hidden: { linear: Linear; norm: BatchNorm }[];
  output: Linear;
}

/**
 * The units a model's networks see BETA and SE in: "median-se" divides both by
 * the trait's median SE; "z" gives them each variant's z = BETA/SE (its own and
 * its neighbours') with SE over the median SE, and their output is in units of
 * the variant's SE (see units.ts).
 */
export type ModelUnits = "median-se" | "z";

/** What a model was trained on: the range of the traits' median SE and of N (per-allele simulations). */
export interface TrainingRange {
  medianSe?: [number, number];
  n?: [number, number];
}

/** An ensemble of networks of one architecture; its prediction is the members' mean. */
export interface Ensemble {
  topR: number;
  hiddenLayers: number;
  members: Network[];
  /** Units of the networks' inputs and output; absent: BETA and SE as given (the published models). */
  units?: ModelUnits;
  /** The training data's range, for a warning when an input lies outside it. */
  trainingRange?: TrainingRange;
  /** Where each member came from, for messages and run records. */
  sources: string[];
}
