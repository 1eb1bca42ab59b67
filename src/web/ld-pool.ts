// A panel's block LD on a pool of Web Workers (the clustering restarts'
// workers, which serve LD requests too): each worker is a lane of
// parallelBlockLd, taking the next block when free; a block's .bed bytes are
// read (File.slice) just before they are sent (transferred) and its result comes
// back (transferred), so at most a bounded window of blocks is held.
import { parallelBlockLd, type BlockLdLane, type BlockLdRunner } from "../core/panel/block-ld.js";
import type { BlockLdReply, BlockLdRequest } from "../core/panel/ld-service.js";

/** One worker as a lane: a block in, its result out. */
function workerLane(w: Worker): BlockLdLane {
  return (setup, task) =>
    new Promise((resolve, reject) => {
      w.onmessage = (e: MessageEvent<BlockLdReply>) => (e.data.ok ? resolve(e.data.block) : reject(new Error(e.data.message)));
      w.onerror = (e) => reject(new Error(`mlmages: an LD worker failed: ${e.message}`));
      w.postMessage({ ld: { setup, task } } satisfies BlockLdRequest, [task.bytes.buffer, task.rows.buffer]);
    });
}

/** An LD runner on `threads` Web Workers started from `scriptUrl`. */
export function workerBlockLd(threads: number, scriptUrl: string): BlockLdRunner {
  return async (setup, count, task, use) => {
    const workers = Array.from({ length: Math.max(1, Math.min(threads, count)) }, () => new Worker(scriptUrl, { type: "module" }));
    try {
      await parallelBlockLd(workers.map(workerLane), 2 * workers.length, setup, count, task, use);
    } finally {
      workers.forEach((w) => w.terminate());
    }
  };
}
