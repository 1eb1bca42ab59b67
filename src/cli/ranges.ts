// Ranges of the numeric options that several commands share. Generous for real
// data, but each refuses what would allocate gigabytes or run for hours; a
// command's --help states them (args.ts range()) and docs/reliability.md lists
// why each bound is where it is.
import { MAX_SEED } from "../core/cluster/numpy-random.js";
import type { NumberRange } from "./args.js";

/** Clustering restarts: each is a full variational fit, run one after another (25 by default). */
export const RESTARTS: NumberRange = { min: 1, max: 1000, integer: true };
/** Truncation level of the mixture: K x n responsibilities and K p x p matrices per restart. */
export const TRUNCATION: NumberRange = { min: 1, max: 100, integer: true };
/** Seeds of the clustering (np.random.seed accepts 0..2^32 - 1). */
export const CLUSTER_SEED: NumberRange = { min: 0, max: MAX_SEED, integer: true };
/** Threads for clustering restarts: this one and N - 1 workers, each with its own WASM memory. */
export const THREADS: NumberRange = { min: 1, max: 64, integer: true };
/** Widening of located genes, in kilobases (10,000 kb = 10 Mb on each side). */
export const GENE_WINDOW_KB: NumberRange = { min: 0, max: 10000 };
/** The LD split's target block size, in variants (a block's LD is size² values). */
export const AVG_BLOCK_SIZE: NumberRange = { min: 2, max: 10000, integer: true };
