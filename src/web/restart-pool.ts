// Restarts of the clustering mixture on a pool of Web Workers, handed out one
// index at a time (fast and slow restarts balance). A restart depends only on
// its start, drawn before any restart runs, so the result equals the serial one.
import type { RestartJob, RestartResult, RestartRunner } from "../core/cluster/restart.js";
import type { RestartReply, RestartRequest } from "../core/cluster/restart-service.js";

/** A restart strategy on `threads` Web Workers started from `scriptUrl`. */
export function workerRestarts(threads: number, scriptUrl: string): RestartRunner {
  return (job: RestartJob, indices: number[], onResult?: (r: RestartResult) => void) =>
    new Promise((resolve, reject) => {
      const count = Math.max(1, Math.min(threads, indices.length));
      const workers: Worker[] = [];
      const results: RestartResult[] = [];
      let next = 0;
      const stop = () => workers.forEach((w) => w.terminate());
      const feed = (w: Worker) => {
        if (next < indices.length) w.postMessage({ index: indices[next++] } satisfies RestartRequest);
      };
      for (let t = 0; t < count; t++) {
        const w = new Worker(scriptUrl, { type: "module" });
        workers.push(w);
        w.onmessage = (e: MessageEvent<RestartReply>) => {
          if (!e.data.ok) {
            stop();
            reject(new Error(e.data.message));
            return;
          }
          results.push(e.data.result);
          onResult?.(e.data.result);
          if (results.length === indices.length) {
            stop();
            resolve(results.sort((a, b) => a.index - b.index));
          } else feed(w);
        };
        w.onerror = (e) => {
          stop();
          reject(new Error(`mlmages: a clustering worker failed: ${e.message}`));
        };
        w.postMessage({ job } satisfies RestartRequest);
        feed(w);
      }
    });
}
