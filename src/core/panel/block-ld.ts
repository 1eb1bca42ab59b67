// The LD of a panel's blocks, one after another on this thread or on several
// threads: a block is a task (the .bed bytes of its run of variants and the rows
// of its variants in them), its result r (float64) and/or plink bin4 bytes. Every
// thread runs the same kernel on the same bytes, so the results are the same
// whatever the number of threads; they are handed on in block order.
import { Scope, type Core } from "../wasm/core.js";
import { readVariants } from "./bed.js";
import { GenotypeLd } from "./genotype-ld.js";
import type { Panel } from "./panel.js";

/** What a block's result holds: r (float64), its bin4 bytes, or both. */
export type BlockLdWant = "r" | "bin4" | "both";

/** What every block of a panel shares. */
export interface BlockLdSetup {
  /** Panel indices of the kept samples. */
  keep: Int32Array;
  /** Bytes per variant in the .bed. */
  stride: number;
  want: BlockLdWant;
}

/** One block: the .bed bytes of its variants' run, and its variants' rows in them (ascending). */
export interface BlockLdTask {
  bytes: Uint8Array;
  rows: Int32Array;
}

export interface BlockLdResult {
  /** The m x m r, row-major. */
  r?: Float64Array;
  /** r as float32 bytes (plink --r square bin4). */
  bin4?: Uint8Array;
}

/**
 * Computes blocks 0..count-1 (`task(k)` reads block k) and hands each result to
 * `use` in block order; a result's arrays may be views of WASM memory, valid only
 * until its `use` settles (copy what must outlive it).
 */
export type BlockLdRunner = (setup: BlockLdSetup, count: number, task: (k: number) => Promise<BlockLdTask>, use: (k: number, result: BlockLdResult) => Promise<void>) => Promise<void>;

/** The task of panel variants `idx` (ascending): the bytes of idx[0]..idx[m-1], read by byte range. */
export async function blockTask(panel: Panel, idx: ArrayLike<number>): Promise<BlockLdTask> {
  const first = idx[0];
  const bytes = await readVariants(panel.read, panel.layout, first, idx[idx.length - 1] - first + 1);
  return { bytes, rows: Int32Array.from(idx, (v) => v - first) };
}

/** A block's result in `scope` (views of WASM memory, valid until the scope is released or memory grows). */
export function computeBlockLd(g: GenotypeLd, scope: Scope, task: BlockLdTask, want: BlockLdWant): BlockLdResult {
  const p = g.unpack(scope, task.bytes, task.rows);
  if (want === "bin4") return { bin4: g.squareBin4(scope, p) };
  if (want === "r") return { r: g.squareView(scope, p) };
  return g.squareWithBin4(scope, p);
}

/** A block's result copied out of WASM memory (for another thread, or to keep). */
export function computeBlockLdCopy(core: Core, setup: BlockLdSetup, task: BlockLdTask): BlockLdResult {
  return core.scoped((scope) => {
    const { r, bin4 } = computeBlockLd(new GenotypeLd(core, setup.keep, setup.stride), scope, task, setup.want);
    return { r: r?.slice(), bin4: bin4?.slice() };
  });
}

/** The runner on this thread alone: each result handed on straight from WASM memory. */
export function serialBlockLd(core: Core): BlockLdRunner {
  return async (setup, count, task, use) => {
    const g = new GenotypeLd(core, setup.keep, setup.stride);
    for (let k = 0; k < count; k++) {
      const t = await task(k);
      const scope = new Scope(core);
      try {
        await use(k, computeBlockLd(g, scope, t, setup.want));
      } finally {
        scope.release();
      }
    }
  };
}

/** One way of computing a block (a thread): resolves with its result, copied. */
export type BlockLdLane = (setup: BlockLdSetup, task: BlockLdTask) => Promise<BlockLdResult>;

/**
 * Blocks 0..count-1 computed by `lanes` in parallel, each lane taking the next
 * block when free, and handed to `use` in block order. At most `window` blocks
 * are read ahead of the last one handed on, so memory stays bounded whatever
 * the blocks' sizes. The first failure stops the lanes and is thrown.
 */
export async function parallelBlockLd(lanes: BlockLdLane[], window: number, setup: BlockLdSetup, count: number, task: (k: number) => Promise<BlockLdTask>, use: (k: number, result: BlockLdResult) => Promise<void>): Promise<void> {
  const done = new Map<number, BlockLdResult>();
  let next = 0;
  let handed = 0;
  let failed = false;
  let waiting: (() => void)[] = [];
  let chain: Promise<void> = Promise.resolve();
  const wakeAll = () => {
    const w = waiting;
    waiting = [];
    for (const f of w) f();
  };
  const claim = async (): Promise<number | undefined> => {
    while (!failed && next < count && next >= handed + window) await new Promise<void>((resolve) => waiting.push(resolve));
    return failed || next >= count ? undefined : next++;
  };
  const flush = () =>
    (chain = chain.then(async () => {
      while (!failed && done.has(handed)) {
        const r = done.get(handed)!;
        done.delete(handed);
        await use(handed, r);
        handed++;
        wakeAll();
      }
    }));
  const run = async (lane: BlockLdLane) => {
    try {
      for (let k = await claim(); k !== undefined; k = await claim()) {
        done.set(k, await lane(setup, await task(k)));
        await flush();
      }
    } catch (e) {
      failed = true;
      wakeAll();
      throw e;
    }
  };
  const settled = await Promise.allSettled(lanes.map(run));
  const failure = settled.find((s) => s.status === "rejected");
  if (failure) throw (failure as PromiseRejectedResult).reason;
}
