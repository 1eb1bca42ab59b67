// A panel's block LD computed on other threads (Web Workers): the messages both
// ends exchange, the handler that answers them, and the strategy type a run
// uses. The reading thread sends each block's raw `.bed` bytes (read by byte
// range) and the helper returns its r matrix, computed by the same kernels as
// blockLd (panel.ts), so the bytes equal those of a serial run.
import type { Core } from "../wasm/core.js";
import { GenotypeLd } from "./genotype-ld.js";

/** What every block of a run shares: the panel indices of the kept samples and the .bed's bytes per variant. */
export interface BlockLdJob {
  keep: Int32Array;
  stride: number;
}

/** One block: the `.bed` bytes of its span of variants and its variants' rows in them. */
export interface BlockLdTask {
  bytes: Uint8Array;
  rows: Int32Array;
}

/**
 * A strategy computing `count` blocks' LD: `task(k)` reads block k's bytes
 * (called when a thread is free, so at most one block per thread is held),
 * `onDone` hears each block finished; resolves with the matrices in block order.
 */
export type BlockLdRunner = (job: BlockLdJob, count: number, task: (k: number) => Promise<BlockLdTask>, onDone?: (k: number) => void) => Promise<Float64Array[]>;

/** To an LD thread: the job (replacing the one before), or one block to compute. */
export type BlockLdRequest = { ldJob: BlockLdJob } | { ldBlock: number; task: BlockLdTask };

/** From an LD thread: one block's r (row-major, m x m), or why it failed. */
export type BlockLdReply = { ok: true; block: number; r: Float64Array } | { ok: false; message: string };

/** Whether a message to a helper thread is an LD request (rather than a clustering restart's). */
export function isBlockLdRequest(m: object): m is BlockLdRequest {
  return "ldJob" in m || "ldBlock" in m;
}

/** The r matrix of one task, signed for the .bim's A1 (as blockLd). */
export function taskLd(core: Core, g: GenotypeLd, task: BlockLdTask): Float64Array {
  if (!task.rows.length) return new Float64Array(0);
  return core.scoped((scope) => g.square(scope, g.unpack(scope, task.bytes, task.rows)));
}

/** A thread's handler of LD requests, in the order they arrive: a job is answered with nothing, a block with its r. */
export function blockLdService(core: Promise<Core>): (r: BlockLdRequest) => Promise<BlockLdReply | undefined> {
  let job: BlockLdJob | undefined;
  return async (r) => {
    if ("ldJob" in r) {
      job = r.ldJob;
      return undefined;
    }
    try {
      if (!job) throw new Error("mlmages: an LD block was asked for before its job");
      const c = await core;
      return { ok: true, block: r.ldBlock, r: taskLd(c, new GenotypeLd(c, job.keep, job.stride), r.task) };
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
  };
}
