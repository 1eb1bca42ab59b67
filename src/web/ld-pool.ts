// A panel's block LD on a pool of Web Workers (the clustering restarts'
// workers, which serve LD requests too), handed out one block at a time: a
// block's .bed bytes are read (File.slice) when a worker is free, sent to it
// (transferred), and its r matrix comes back (transferred), so at most one
// block per worker is held besides the results.
import type { BlockLdReply, BlockLdRequest, BlockLdRunner } from "../core/panel/ld-service.js";

/** An LD strategy on `threads` Web Workers started from `scriptUrl`. */
export function workerBlockLd(threads: number, scriptUrl: string): BlockLdRunner {
  return (job, count, task, onDone) =>
    new Promise((resolve, reject) => {
      const n = Math.max(1, Math.min(threads, count));
      const workers: Worker[] = [];
      const results: Float64Array[] = new Array(count);
      let next = 0;
      let finished = 0;
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        workers.forEach((w) => w.terminate());
        reject(e);
      };
      const feed = async (w: Worker) => {
        if (next >= count || failed) return;
        const k = next++;
        try {
          const t = await task(k);
          w.postMessage({ ldBlock: k, task: t } satisfies BlockLdRequest, [t.bytes.buffer, t.rows.buffer]);
        } catch (e) {
          fail(e as Error);
        }
      };
      if (!count) return resolve([]);
      for (let t = 0; t < n; t++) {
        const w = new Worker(scriptUrl, { type: "module" });
        workers.push(w);
        w.onmessage = (e: MessageEvent<BlockLdReply>) => {
          if (!e.data.ok) return fail(new Error(e.data.message));
          results[e.data.block] = e.data.r;
          onDone?.(e.data.block);
          if (++finished === count) {
            workers.forEach((x) => x.terminate());
            resolve(results);
          } else void feed(w);
        };
        w.onerror = (e) => fail(new Error(`mlmages: an LD worker failed: ${e.message}`));
        w.postMessage({ ldJob: job } satisfies BlockLdRequest);
        void feed(w);
      }
    });
}
