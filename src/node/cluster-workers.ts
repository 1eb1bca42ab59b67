// Restarts of the effect-clustering mixture on worker threads (Node). Each
// worker loads its own WASM core and the job's data once, then runs restarts
// as the main thread hands them out, one index at a time, so fast and slow
// restarts balance across threads. A restart depends only on (seed, index),
// so the result is the same as running them serially.
// This module is also the workers' entry point: started as a worker, it
// serves restarts (from the compiled build/js, also when the caller runs the
// TypeScript sources).
import { fileURLToPath } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import type { OpenRestarts, RestartJob, RestartResult, RestartRunner } from "../core/cluster/restart.js";
import { packagePath } from "./package-root.js";

const ROLE = "mlmages-cluster-restarts";

type Reply = { ok: true; result: RestartResult } | { ok: false; message: string };

function workerScript(): string {
  const self = fileURLToPath(import.meta.url);
  return self.endsWith(".js") ? self : packagePath("build", "js", "node", "cluster-workers.js");
}

/** A restart strategy that runs on `threads` worker threads (at most one per restart). */
export function threadedRestarts(threads: number): RestartRunner {
  return (job, indices) => runPool(job, indices, Math.max(1, Math.min(Math.floor(threads), indices.length)));
}

function runPool(job: RestartJob, indices: number[], threads: number): Promise<RestartResult[]> {
  return new Promise((resolve, reject) => {
    const results: RestartResult[] = [];
    const workers: Worker[] = [];
    let next = 0;
    let failed = false;
    const retired = new Set<Worker>();
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(e);
    };
    const feed = (w: Worker) => {
      if (next < indices.length) w.postMessage(indices[next++]);
      else {
        retired.add(w);
        void w.terminate();
      }
    };
    for (let t = 0; t < threads; t++) {
      const w = new Worker(workerScript(), { workerData: { role: ROLE, job } });
      workers.push(w);
      w.on("message", (m: Reply) => {
        if (!m.ok) return fail(new Error(m.message));
        results.push(m.result);
        if (results.length === indices.length) {
          for (const x of workers) void x.terminate();
          resolve(results.sort((a, b) => a.index - b.index));
        } else feed(w);
      });
      w.on("error", fail);
      w.on("exit", (code) => {
        if (code !== 0 && !retired.has(w) && results.length < indices.length) fail(new Error(`mlmages: a clustering worker stopped (exit code ${code})`));
      });
      feed(w);
    }
  });
}

async function openJob(job: RestartJob): Promise<OpenRestarts> {
  await import("./wasm.js");
  const { getCore } = await import("../core/wasm/instance.js");
  const { openRestarts } = await import("../core/cluster/restart.js");
  return openRestarts(await getCore(), job);
}

// The listener is attached before the core loads: Deno drops messages that
// arrive at a worker before it listens (Node queues them).
function serve(job: RestartJob): void {
  const open = openJob(job);
  parentPort!.on("message", async (index: number) => {
    let reply: Reply;
    try {
      reply = { ok: true, result: (await open).run(index) };
    } catch (e) {
      reply = { ok: false, message: (e as Error).message };
    }
    parentPort!.postMessage(reply);
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  serve((workerData as { job: RestartJob }).job);
}
