// A panel's block LD computed on another thread (a Node worker thread or a Web
// Worker): the messages both ends exchange and the handler that answers them.
// The reading thread sends each block's raw `.bed` bytes (read by byte range)
// with the setup, and the helper returns the block's result, computed by the
// same kernels as on this thread (block-ld.ts), so the bytes equal a serial run's.
import type { Core } from "../wasm/core.js";
import { computeBlockLdCopy, type BlockLdResult, type BlockLdSetup, type BlockLdTask } from "./block-ld.js";

/** To an LD thread: one block to compute. */
export interface BlockLdRequest {
  ld: { setup: BlockLdSetup; task: BlockLdTask };
}

/** From an LD thread: one block's result (arrays to transfer), or why it failed. */
export type BlockLdReply = { ok: true; block: BlockLdResult } | { ok: false; message: string };

/** Whether a message to a helper thread is an LD request (rather than a clustering restart's). */
export function isBlockLdRequest(m: object): m is BlockLdRequest {
  return "ld" in m;
}

/** The buffers of a reply to transfer rather than copy. */
export function replyTransfers(reply: BlockLdReply): ArrayBuffer[] {
  if (!reply.ok) return [];
  return [reply.block.r?.buffer, reply.block.bin4?.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

/** A thread's answer to an LD request. */
export async function serveBlockLd(core: Promise<Core>, { ld: { setup, task } }: BlockLdRequest): Promise<BlockLdReply> {
  try {
    return { ok: true, block: computeBlockLdCopy(await core, setup, task) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}
