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
//
// Memory: column j of the programme reads only columns j - maxSize..j - minSize,
// so the forward pass keeps a window of 2·(maxSize + 1) columns for every K
// (not the whole (n/minSize) x n table), saving the window's last maxSize
// columns every C = ⌈√(2·n·maxSize)⌉ columns. The split is then traced back
// segment by segment from the end: each segment is recomputed from its saved
// window (the same operations on the same values, so the same maxima and ties)
// with its arg-max kept, for K up to the one being traced only. In all
// (K_max + 1)·(2·W + 2·√(2·n·W)) values for a band of width W >= maxSize:
// O(n·W), against K_max·n for the whole table; time about 1.3 forward passes.

import { InputError } from "../errors.js";
import type { LdBand } from "../io/ld-band.js";
import type { Core, Scope, WasmBuffer } from "../wasm/core.js";
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
  /** Bytes the programme held (its window, saved windows and a segment's arg-max; see the top of this file). */
  workBytes: number;
}

interface SplitKernels {
  addSuffixSquares(x: number, y: number, len: number): void;
  splitDpColumn(best: number, arg: number, w: number, stride: number, base: number, j: number, minSize: number, maxSize: number, kLo: number, kHi: number): void;
}

/** The window's columns from..j (best for every K, then w) saved after column j. */
interface Checkpoint {
  j: number;
  from: number;
  best: Float64Array;
  w: Float64Array;
}

/**
 * The programme's columns in a window (see the top of this file): best[k][c]
 * and w[c] = M([c, j)) for columns c = base .. j, in WASM memory.
 */
class Programme {
  /** The last column computed, and the window's first. */
  j = 0;
  base = 0;
  private readonly kernels: SplitKernels;
  private readonly best: WasmBuffer<Float64Array>;
  private readonly w: WasmBuffer<Float64Array>;
  private readonly col: WasmBuffer<Float64Array>;

  constructor(
    core: Core,
    s: Scope,
    private readonly band: LdBand,
    private readonly rows: number,
    private readonly stride: number,
    private readonly minSize: number,
    private readonly maxSize: number,
  ) {
    this.kernels = core.kernels<SplitKernels>();
    this.best = s.f64(rows * stride);
    this.w = s.f64(stride);
    this.col = s.f64(maxSize);
  }

  /** Column 0: no variant, no block. */
  reset(): void {
    this.j = 0;
    this.base = 0;
    this.best.view().fill(-Infinity);
    this.best.view()[0] = 0;
    this.w.view().fill(0);
  }

  /** Computes column j + 1 for K up to kCap, its arg-max into `arg` (indexed by K) when given. */
  step(kCap: number, arg = 0): void {
    const { band, maxSize, minSize, stride } = this;
    const j = ++this.j;
    if (j - this.base >= stride) this.shift(j - maxSize);
    // w[i] = M([i, j-1)) -> M([i, j)): add the suffix sums of column j-1's r².
    const lo = Math.max(0, j - maxSize);
    const len = j - 1 - lo;
    const colView = this.col.view();
    for (let t = 0, at = lo * band.width + (j - 1 - lo); t < len; t++, at += band.width - 1) colView[t] = band.data[at];
    if (len > 0) this.kernels.addSuffixSquares(this.col.ptr, this.w.ptr + (lo - this.base) * 8, len);
    const kLo = Math.max(1, Math.ceil(j / maxSize));
    const kHi = Math.min(kCap, Math.floor(j / minSize));
    if (kLo <= kHi) this.kernels.splitDpColumn(this.best.ptr, arg, this.w.ptr, stride, this.base, j, minSize, maxSize, kLo, kHi);
  }

  /** best[k][column] */
  value(k: number, column: number): number {
    return this.best.view()[k * this.stride + column - this.base];
  }

  /** The window's last maxSize columns (all that later columns read). */
  save(): Checkpoint {
    const from = Math.max(this.base, this.j + 1 - this.maxSize);
    const len = this.j + 1 - from;
    const at = from - this.base;
    const bv = this.best.view();
    const best = new Float64Array(this.rows * len);
    for (let k = 0; k < this.rows; k++) best.set(bv.subarray(k * this.stride + at, k * this.stride + at + len), k * len);
    return { j: this.j, from, best, w: this.w.view().slice(at, at + len) };
  }

  restore(c: Checkpoint): void {
    const len = c.j + 1 - c.from;
    const bv = this.best.view();
    for (let k = 0; k < this.rows; k++) bv.set(c.best.subarray(k * len, (k + 1) * len), k * this.stride);
    // columns past the saved ones start from M = 0
    this.w.view().fill(0).set(c.w);
    this.base = c.from;
    this.j = c.j;
  }

  /** Moves the window to start at column `from` (columns before it are no longer read). */
  private shift(from: number): void {
    const by = from - this.base;
    const keep = this.j - from;
    const bv = this.best.view();
    for (let k = 0; k < this.rows; k++) bv.copyWithin(k * this.stride, k * this.stride + by, k * this.stride + by + keep);
    this.w.view().copyWithin(0, by, by + keep);
    this.w.view().fill(0, keep);
    this.base = from;
  }
}

/** Columns between saved windows: ⌈√(2·n·maxSize)⌉ balances the saved windows (n/C of maxSize columns) against a segment's arg-max (C columns, half the bytes). */
export function checkpointEvery(n: number, maxSize: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(2 * n * maxSize)));
}

/** The optimal split of the band's matrix (see the top of this file for the choice of K and the memory). */
export function dpSplitWith(core: Core, band: LdBand, opts: DpSplitOptions): DpSplit {
  const { n, width } = band;
  const minSize = Math.max(1, Math.floor(opts.minSize));
  const maxSize = Math.min(Math.floor(opts.maxSize), n);
  const total = totalMass(band);
  if (opts.maxSize < minSize) throw new Error(`the largest block size (${opts.maxSize}) is below the smallest (${minSize})`);
  if (maxSize > width) throw new Error(`blocks of up to ${maxSize} variants need a band of that width; the band kept ${width}`);
  if (n <= minSize) {
    const costs = new Float64Array(2).fill(NaN);
    costs[1] = 0;
    return { bounds: [0, n], costs, targetBlocks: 1, totalMass: total, workBytes: 0 };
  }
  const kMin = Math.ceil(n / maxSize);
  const kMax = Math.floor(n / minSize);
  if (kMin > kMax) throw new InputError({ file: band.source }, `${n} variants cannot be split into blocks of ${minSize} to ${maxSize} variants: lower the minimum or raise the maximum block size`);
  const k0 = Math.min(kMax, Math.max(kMin, Math.round(n / opts.avgBlockSize)));
  const rows = kMax + 1;
  const every = checkpointEvery(n, maxSize);
  return core.scoped((s) => {
    const p = new Programme(core, s, band, rows, 2 * (maxSize + 1), minSize, maxSize);
    p.reset();
    const saved: Checkpoint[] = [];
    for (let j = 1; j <= n; j++) {
      p.step(kMax);
      if (j % every === 0 && j < n) saved.push(p.save());
    }
    const costs = new Float64Array(kMax + 1).fill(NaN);
    for (let K = kMin; K <= kMax; K++) if (p.value(K, n) > -Infinity) costs[K] = Math.max(0, total - p.value(K, n));
    let chosen = k0;
    for (let K = k0 + 1; K <= kMax; K++) if (costs[K] <= costs[k0] + COST_TOL * total) chosen = K;
    // trace back segment by segment: recompute each from its saved window, keeping the arg-max of its columns
    const args = s.i32(every * rows);
    const bounds = [n];
    for (let K = chosen, j = n, t = saved.length - 1; K > 0; ) {
      while (t >= 0 && saved[t].j >= j) t--;
      if (t >= 0) p.restore(saved[t]);
      else p.reset();
      const from = p.j;
      for (let c = from + 1; c <= j; c++) p.step(K, args.ptr + (c - from - 1) * rows * 4);
      const av = args.view();
      while (K > 0 && j > from) {
        j = av[(j - from - 1) * rows + K];
        K--;
        bounds.unshift(j);
      }
    }
    const workBytes = 8 * rows * (2 * (maxSize + 1)) + saved.reduce((a, c) => a + 8 * (c.best.length + c.w.length), 0) + 4 * every * rows;
    return { bounds, costs, targetBlocks: k0, totalMass: total, workBytes };
  });
}
