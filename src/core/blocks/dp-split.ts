// The optimal LD block split: blocks of minSize..maxSize consecutive variants
// whose cross-block Σ r² is the least possible, for every number of blocks K,
// by dynamic programming on the band (as bigsnpr's snp_ldsplit, without its r²
// threshold). The cost of a split is the total Σ_{i<j} r² minus the blocks'
// inner masses M([i, j)) = Σ_{i<=a<b<j} r²_ab, which lie inside the band since
// no block is wider than it.
//
// The number of blocks: K0 = round(n / avg) (moved into the feasible range
// ceil(n / maxSize)..floor(n / minSize)) is the target; the split taken is the
// one with the largest K >= K0 whose optimal cost is no more than K0's (within
// 1e-9 of the total mass). Blocks are thus as small as they can be at no cost
// above the target's: on a block-diagonal matrix every true edge is found.
// see: F. Privé (2022), "Optimal linkage disequilibrium splitting",
//      Bioinformatics 38(1):255-256; bigsnpr snp_ldsplit.
import { InputError } from "../errors.js";
import type { LdBand } from "../io/ld-band.js";
import type { Core } from "../wasm/core.js";
import { totalMass } from "./cross-mass.js";

/** Costs equal within this fraction of the total r² mass count as equal when choosing K. */
export const COST_TOL = 1e-9;

export interface DpSplitOptions {
  /** Target average block size: K0 = round(n / avgBlockSize). */
  avgBlockSize: number;
  /** Smallest block (a matrix of fewer variants is one block). */
  minSize: number;
  /** Largest block; at most the band's width. */
  maxSize: number;
}

export interface DpSplit {
  /** Block bounds 0 = b_0 < ... < b_K = n. */
  bounds: number[];
  /** Least cross-block Σ r² for each number of blocks K (index K; NaN where no split into K blocks fits the sizes). */
  costs: Float64Array;
  /** The target number of blocks K0. */
  targetBlocks: number;
  /** Σ r² over all pairs. */
  totalMass: number;
}

interface SplitKernels {
  addSuffixSquares(x: number, y: number, len: number): void;
  splitDpColumn(best: number, arg: number, w: number, stride: number, j: number, minSize: number, maxSize: number, kLo: number, kHi: number): void;
}

/** The optimal split of the band's matrix (see the top of this file for the choice of K). */
export function dpSplitWith(core: Core, band: LdBand, opts: DpSplitOptions): DpSplit {
  const { n, width, data } = band;
  const minSize = Math.max(1, Math.floor(opts.minSize));
  const maxSize = Math.min(Math.floor(opts.maxSize), n);
  const total = totalMass(band);
  if (opts.maxSize < minSize) throw new Error(`the largest block size (${opts.maxSize}) is below the smallest (${minSize})`);
  if (maxSize > width) throw new Error(`blocks of up to ${maxSize} variants need a band of that width; the band kept ${width}`);
  if (n <= minSize) {
    const costs = new Float64Array(2).fill(NaN);
    costs[1] = 0;
    return { bounds: [0, n], costs, targetBlocks: 1, totalMass: total };
  }
  const kMin = Math.ceil(n / maxSize);
  const kMax = Math.floor(n / minSize);
  if (kMin > kMax) throw new InputError({ file: band.source }, `${n} variants cannot be split into blocks of ${minSize} to ${maxSize} variants: lower the minimum or raise the maximum block size`);
  const k0 = Math.min(kMax, Math.max(kMin, Math.round(n / opts.avgBlockSize)));
  const stride = n + 1;
  const k = core.kernels<SplitKernels>();
  return core.scoped((s) => {
    const best = s.f64((kMax + 1) * stride);
    const arg = s.i32((kMax + 1) * stride);
    const w = s.f64(stride);
    const col = s.f64(maxSize);
    const bestView = best.view();
    bestView.fill(-Infinity);
    bestView[0] = 0;
    w.view().fill(0);
    const colView = col.view();
    for (let j = 1; j <= n; j++) {
      // w[i] = M([i, j-1)) -> M([i, j)): add the suffix sums of column j-1's r².
      const lo = Math.max(0, j - maxSize);
      const len = j - 1 - lo;
      for (let t = 0, at = lo * width + (j - 1 - lo); t < len; t++, at += width - 1) colView[t] = data[at];
      if (len > 0) k.addSuffixSquares(col.ptr, w.ptr + lo * 8, len);
      const kLo = Math.max(1, Math.ceil(j / maxSize));
      const kHi = Math.min(kMax, Math.floor(j / minSize));
      if (kLo <= kHi) k.splitDpColumn(best.ptr, arg.ptr, w.ptr, stride, j, minSize, maxSize, kLo, kHi);
    }
    const bv = best.view();
    const costs = new Float64Array(kMax + 1).fill(NaN);
    for (let K = kMin; K <= kMax; K++) if (bv[K * stride + n] > -Infinity) costs[K] = Math.max(0, total - bv[K * stride + n]);
    let chosen = k0;
    for (let K = k0 + 1; K <= kMax; K++) if (costs[K] <= costs[k0] + COST_TOL * total) chosen = K;
    const av = arg.view();
    const bounds = [n];
    for (let K = chosen, j = n; K > 0; K--) {
      j = av[K * stride + j];
      bounds.unshift(j);
    }
    return { bounds, costs, targetBlocks: k0, totalMass: total };
  });
}
