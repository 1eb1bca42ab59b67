// LD block splitting of a whole chromosome's matrix read from a stream: the
// band is kept (never the full matrix), the split chosen by the optimal
// dynamic programme (default) or the published heuristic, and the band cut
// into LdBlocks at the bounds.
import { InputError } from "../errors.js";
import type { ByteSource } from "../io/bytes.js";
import { cutBand, readLdBand, type LdBand } from "../io/ld-band.js";
import type { LdBlock } from "../types.js";
import type { Core } from "../wasm/core.js";
import { getCore } from "../wasm/instance.js";
import { crossMass, totalMass } from "./cross-mass.js";
import { dpSplitWith } from "./dp-split.js";
import { PublishedSplitSums, publishedSplit } from "./published-split.js";

export type SplitMethod = "dp" | "published";

/** The default method: the optimal split (exact on block-diagonal LD; the published one misses edges by up to ~90 variants). */
export const DEFAULT_SPLIT_METHOD: SplitMethod = "dp";

export interface SplitOptions {
  /** Target average block size (as published, e.g. 1000). */
  avgBlockSize: number;
  method?: SplitMethod;
  /** Smallest block of the DP split; default avgBlockSize / 5. */
  minSize?: number;
  /** Largest block (and the band kept while reading); default 2 · avgBlockSize. */
  maxSize?: number;
  /** Byte length of the source (needed for binary matrices read from a stream). */
  byteLength?: number;
}

export interface LdSplit {
  method: SplitMethod;
  /** Number of variants. */
  n: number;
  /** Block bounds 0 = b_0 < ... < b_K = n: block k holds variants [b_k, b_{k+1}). */
  bounds: number[];
  /** The blocks' LD matrices, values as read. */
  blocks: LdBlock[];
  /** The band the blocks were cut from (for LD across block edges, e.g. genes that straddle them). */
  band: LdBand;
  /** Σ r² over pairs of variants in different blocks. */
  crossMass: number;
  /** Σ r² over all pairs. */
  totalMass: number;
  minSize: number;
  maxSize: number;
  /** DP only: least cross-block Σ r² per number of blocks K (NaN where infeasible), and the target K0 = round(n / avg). */
  costs?: Float64Array;
  targetBlocks?: number;
}

/**
 * Block size limits: as given, else minSize = avgBlockSize / 5 and maxSize =
 * 2 · avgBlockSize (a default never crosses the other limit when that is given).
 */
export function resolveSizes(avgBlockSize: number, minSize?: number, maxSize?: number): { minSize: number; maxSize: number } {
  const min = minSize ?? Math.min(Math.max(1, Math.round(avgBlockSize / 5)), maxSize ?? Infinity);
  return { minSize: min, maxSize: maxSize ?? Math.max(Math.round(2 * avgBlockSize), min) };
}

/** Reads the matrix from `src` (keeping the band of width maxSize), splits it and cuts the blocks. */
export async function splitLdWith(core: Core, src: ByteSource, source: string, opts: SplitOptions): Promise<LdSplit> {
  if (!(opts.avgBlockSize >= 1)) throw new Error("the average block size must be at least 1");
  const method = opts.method ?? DEFAULT_SPLIT_METHOD;
  const { minSize, maxSize } = resolveSizes(opts.avgBlockSize, opts.minSize, opts.maxSize);
  if (maxSize < minSize) throw new Error(`the largest block size (${maxSize}) is below the smallest (${minSize})`);
  let sums: PublishedSplitSums | undefined;
  const onRow =
    method === "published"
      ? (i: number, row: Float64Array) => {
          sums ??= new PublishedSplitSums(row.length);
          sums.addRow(i, row);
        }
      : undefined;
  const band = await readLdBand(src, source, { width: maxSize, byteLength: opts.byteLength, onRow });
  return method === "published" ? finish(band, publishedSplit(sums!, opts.avgBlockSize), method, minSize, maxSize) : splitBand(core, band, opts.avgBlockSize, minSize, maxSize);
}

function splitBand(core: Core, band: LdBand, avgBlockSize: number, minSize: number, maxSize: number): LdSplit {
  const dp = dpSplitWith(core, band, { avgBlockSize, minSize, maxSize });
  return { ...finish(band, dp.bounds, "dp", minSize, maxSize, dp.totalMass), costs: dp.costs, targetBlocks: dp.targetBlocks };
}

/** The split's record; `total` is the band's Σr² when already known. */
function finish(band: LdBand, bounds: number[], method: SplitMethod, minSize: number, maxSize: number, total = totalMass(band)): LdSplit {
  for (let k = 0; k + 1 < bounds.length; k++) {
    const size = bounds[k + 1] - bounds[k];
    if (size > band.width) {
      throw new InputError({ file: band.source }, `the ${method} split made block ${k} of ${size} variants (${bounds[k] + 1}-${bounds[k + 1]}), more than the largest block size ${band.width} kept while reading: raise it`);
    }
  }
  return { method, n: band.n, bounds, blocks: cutBand(band, bounds), band, crossMass: crossMass(band, bounds), totalMass: total, minSize, maxSize };
}

/** Splits a whole chromosome's LD matrix (text or binary, gzipped or not) into blocks; see splitLdWith. */
export async function splitBlocks(src: ByteSource, source: string, opts: SplitOptions): Promise<LdSplit> {
  return splitLdWith(await getCore(), src, source, opts);
}
