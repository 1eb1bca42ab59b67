// The serving side of restarts run on another thread (Node worker threads, Web
// Workers): the messages both ends exchange, and the handler that answers them.
import type { Core } from "../wasm/core.js";
import { openRestarts, type OpenRestarts, type RestartJob, type RestartResult } from "./restart.js";

/** To a restart thread: a job to load (replacing the one before), or the index of a restart to run. */
export type RestartRequest = { job: RestartJob } | { index: number };

/** From a restart thread: one restart's result, or why it failed. */
export type RestartReply = { ok: true; result: RestartResult } | { ok: false; message: string };

/**
 * A thread's handler of requests, in the order they arrive: a job is loaded on
 * `core` (the previous job's data freed) and answered with nothing; an index is
 * answered with its restart.
 */
export function restartService(core: Promise<Core>): (r: RestartRequest) => Promise<RestartReply | undefined> {
  let open: Promise<OpenRestarts> | undefined;
  return async (r) => {
    if ("job" in r) {
      const before = open;
      open = (async () => {
        (await before?.catch(() => undefined))?.close();
        return openRestarts(await core, r.job);
      })();
      return undefined;
    }
    try {
      if (!open) throw new Error("mlmages: a restart was asked for before its job");
      return { ok: true, result: (await open).run(r.index) };
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
  };
}
