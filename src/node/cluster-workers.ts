// Work on several threads (Node): this thread and threads − 1 worker threads.
// Restarts of the effect-clustering mixture: all take restart indices from one
// queue, so fast and slow restarts balance; a restart depends only on (seed,
// index), so the result is the same as running them serially. The LD blocks of
// a reference panel: each thread takes the next block (block-ld.ts), the same
// kernel on the same bytes, so the same results whatever the threads.
// The workers are started once per WorkerThreads and serve every job given to
// it (a run's panel blocks, then its traits and trait sets), each instantiating
// the module this thread compiled rather than compiling its own.
// This module is also the workers' entry point: started as a worker, it
// serves restarts and blocks, always from the compiled build/js (also when the
// caller runs the TypeScript sources or the bundled command line).
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import type { OpenRestarts, RestartJob, RestartResult, RestartRunner } from "../core/cluster/restart.js";
import type { RestartReply, RestartRequest } from "../core/cluster/restart-service.js";
import type { BlockLdResult, BlockLdRunner, BlockLdSetup, BlockLdTask } from "../core/panel/block-ld.js";
import type { BlockLdReply, BlockLdRequest } from "../core/panel/ld-service.js";
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
 * `threads` threads for a command's parallel work: this one and threads − 1
 * workers, started on first use and kept (idle, not holding the process open)
 * for the later jobs, restarts and panel blocks alike.
 */
export class WorkerThreads {
  private readonly helpers: Helper[] = [];

  constructor(readonly threads: number) {}

  /** `n` live workers (broken ones replaced), started from this thread's compiled module. */
  private async workers(n: number): Promise<Helper[]> {
    for (let i = this.helpers.length - 1; i >= 0; i--) if (this.helpers[i].broken) this.helpers.splice(i, 1);
    const { compiledModule } = await import("./wasm.js");
    const module = await compiledModule();
    while (this.helpers.length < n) this.helpers.push(new Helper({ role: ROLE, module }));
    return this.helpers.slice(0, n);
  }

  /** Clustering restarts on these threads. */
  readonly restarts: RestartRunner = async (job, indices, onResult) => {
    const n = Math.max(1, Math.min(Math.floor(this.threads), indices.length));
    const helpers = await this.workers(n - 1);
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
    const loops = [stopOnError(runHere(job, queue, heard)), ...helpers.map((h) => stopOnError(h.serve(job, queue, heard)))];
    const settled = await Promise.allSettled(loops);
    const failure = settled.find((r) => r.status === "rejected");
    if (failure) throw (failure as PromiseRejectedResult).reason;
    return results.sort((a, b) => a.index - b.index);
  };

  /**
   * A panel's blocks on these threads: this one and the workers each take the
   * next block; results are handed on in block order, at most 2 · threads
   * blocks ahead of the one being handed on.
   */
  readonly blockLd: BlockLdRunner = async (setup, count, task, use) => {
    const n = Math.max(1, Math.min(Math.floor(this.threads), count));
    const { parallelBlockLd, computeBlockLdCopy } = await import("../core/panel/block-ld.js");
    const core = await threadCore();
    const here = async (s: BlockLdSetup, t: BlockLdTask) => computeBlockLdCopy(core, s, t);
    const helpers = await this.workers(n - 1);
    await parallelBlockLd([here, ...helpers.map((h) => (s: BlockLdSetup, t: BlockLdTask) => h.blockLd(s, t))], 2 * n, setup, count, task, use);
  };
}

/** A restart strategy on `threads` threads (WorkerThreads' restarts). */
export function threadedRestarts(threads: number): RestartRunner {
  return new WorkerThreads(threads).restarts;
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
  private current?: { reply: (m: RestartReply & BlockLdReply) => void; fail: (e: Error) => void };
  broken = false;

  constructor(data: WorkerData) {
    this.worker = new Worker(workerScript(), { workerData: data });
    this.worker.unref();
    this.worker.on("message", (m: RestartReply & BlockLdReply) => this.current?.reply(m));
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

  /** One panel block computed on the worker. */
  blockLd(setup: BlockLdSetup, task: BlockLdTask): Promise<BlockLdResult> {
    return new Promise((resolve, reject) => {
      const end = (e?: Error, block?: BlockLdResult) => {
        this.current = undefined;
        this.worker.unref();
        if (e) reject(e);
        else resolve(block!);
      };
      if (this.broken) return end(new Error("mlmages: a worker thread stopped"));
      this.current = { reply: (m) => (m.ok ? end(undefined, m.block) : end(new Error(m.message))), fail: end };
      this.worker.ref();
      this.worker.postMessage({ ld: { setup, task } } satisfies BlockLdRequest);
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

/** A block computed on this (worker) thread, its arrays' memory handed over to the caller. */
async function serveBlock(core: Promise<Core>, r: BlockLdRequest): Promise<void> {
  const { serveBlockLd, replyTransfers } = await import("../core/panel/ld-service.js");
  const reply = await serveBlockLd(core, r);
  parentPort!.postMessage(reply, replyTransfers(reply));
}

// The listener is attached before the core loads: Deno drops messages that
// arrive at a worker before it listens (Node queues them).
function serve(data: WorkerData): void {
  const core = threadCore(data.module);
  const handle = import("../core/cluster/restart-service.js").then(({ restartService }) => restartService(core));
  parentPort!.on("message", async (r: RestartRequest | BlockLdRequest) => {
    if ("ld" in r) return serveBlock(core, r);
    const reply = await (await handle)(r);
    if (reply) parentPort!.postMessage(reply);
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  serve(workerData as WorkerData);
}
