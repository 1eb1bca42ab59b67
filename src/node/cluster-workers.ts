// Restarts of the effect-clustering mixture on several threads (Node): this
// thread and threads − 1 worker threads take restart indices from one queue,
// so fast and slow restarts balance. The workers are started once per runner
// and serve every job given to it (a run's traits and trait sets), each
// instantiating the module this thread compiled rather than compiling its own.
// A restart depends only on (seed, index), so the result is the same as
// running them serially.
// This module is also the workers' entry point: started as a worker, it
// serves restarts, always from the compiled build/js (also when the caller
// runs the TypeScript sources or the bundled command line).
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import type { OpenRestarts, RestartJob, RestartResult, RestartRunner } from "../core/cluster/restart.js";
import type { RestartReply, RestartRequest } from "../core/cluster/restart-service.js";
import type { Core } from "../core/wasm/core.js";
import { packagePath } from "./package-root.js";

const ROLE = "mlmages-cluster-restarts";


interface WorkerData {
  role: typeof ROLE;
  module: WebAssembly.Module;
}

function workerScript(): string {
  return packagePath("build", "js", "node", "cluster-workers.js");
}

/**
 * A restart strategy on `threads` threads: this one and threads − 1 workers,
 * started on first use and kept (idle, not holding the process open) for the
 * runner's later jobs.
 */
export function threadedRestarts(threads: number): RestartRunner {
  const helpers: Helper[] = [];
  return async (job, indices, onResult) => {
    const n = Math.max(1, Math.min(Math.floor(threads), indices.length));
    const { compiledModule } = await import("./wasm.js");
    const module = await compiledModule();
    while (helpers.length < n - 1) helpers.push(new Helper({ role: ROLE, module }));
    const queue = new Queue(indices);
    const results: RestartResult[] = [];
    const heard = (r: RestartResult) => {
      results.push(r);
      onResult?.(r);
    };
    const stopOnError = (p: Promise<void>) =>
      p.catch((e: unknown) => {
        queue.stop();
        throw e;
      });
    const loops = [stopOnError(runHere(job, queue, heard)), ...helpers.slice(0, n - 1).map((h) => stopOnError(h.serve(job, queue, heard)))];
    const settled = await Promise.allSettled(loops);
    const failed = helpers.filter((h) => h.broken);
    for (const h of failed) helpers.splice(helpers.indexOf(h), 1);
    const failure = settled.find((r) => r.status === "rejected");
    if (failure) throw (failure as PromiseRejectedResult).reason;
    return results.sort((a, b) => a.index - b.index);
  };
}

/** The shared queue of restart indices; empty for good once `stop` is called. */
class Queue {
  private next = 0;
  private stopped = false;
  constructor(private readonly indices: number[]) {}
  take(): number | undefined {
    return !this.stopped && this.next < this.indices.length ? this.indices[this.next++] : undefined;
  }
  stop(): void {
    this.stopped = true;
  }
}

/** Runs restarts from the queue on this thread, yielding between them so the workers' replies are heard. */
async function runHere(job: RestartJob, queue: Queue, heard: (r: RestartResult) => void): Promise<void> {
  const open = await openJob(job, threadCore());
  try {
    for (let i = queue.take(); i !== undefined; i = queue.take()) {
      heard(open.run(i));
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    open.close();
  }
}

/** One worker thread, serving the jobs it is given one after another. */
class Helper {
  private readonly worker: Worker;
  private current?: { reply: (m: RestartReply) => void; fail: (e: Error) => void };
  broken = false;

  constructor(data: WorkerData) {
    this.worker = new Worker(workerScript(), { workerData: data });
    this.worker.unref();
    this.worker.on("message", (m: RestartReply) => this.current?.reply(m));
    this.worker.on("error", (e) => this.breakDown(e));
    this.worker.on("exit", (code) => this.breakDown(new Error(`mlmages: a clustering worker stopped (exit code ${code})`)));
  }

  /** Loads `job` on the worker and runs restarts from the queue there until it is empty. */
  serve(job: RestartJob, queue: Queue, heard: (r: RestartResult) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const end = (e?: Error) => {
        this.current = undefined;
        this.worker.unref();
        if (e) reject(e);
        else resolve();
      };
      const feed = () => {
        const index = queue.take();
        if (index === undefined) end();
        else this.post({ index });
      };
      this.current = {
        reply: (m) => {
          if (!m.ok) return end(new Error(m.message));
          heard(m.result);
          feed();
        },
        fail: end,
      };
      if (this.broken) return end(new Error("mlmages: a clustering worker stopped"));
      this.worker.ref();
      this.post({ job });
      feed();
    });
  }

  private post(r: RestartRequest): void {
    this.worker.postMessage(r);
  }

  private breakDown(e: Error): void {
    this.broken = true;
    void this.worker.terminate();
    this.current?.fail(e);
  }
}

/** This thread's core: from the given module (a worker's), else the usual one. */
async function threadCore(module?: WebAssembly.Module): Promise<Core> {
  await import("./wasm.js");
  const { getCore, initCore } = await import("../core/wasm/instance.js");
  return module ? initCore(module) : getCore();
}

async function openJob(job: RestartJob, core: Promise<Core>): Promise<OpenRestarts> {
  const { openRestarts } = await import("../core/cluster/restart.js");
  return openRestarts(await core, job);
}

// The listener is attached before the core loads: Deno drops messages that
// arrive at a worker before it listens (Node queues them).
function serve(data: WorkerData): void {
  const handle = import("../core/cluster/restart-service.js").then(({ restartService }) => restartService(threadCore(data.module)));
  parentPort!.on("message", async (r: RestartRequest) => {
    const reply = await (await handle)(r);
    if (reply) parentPort!.postMessage(reply);
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  serve(workerData as WorkerData);
}
