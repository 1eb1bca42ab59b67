// A Web Worker serving clustering restarts: loads its own WASM core and the
// job's data once, then runs the restart indices it is sent.
import { openRestarts, type OpenRestarts } from "../core/cluster/restart.js";
import { getCore, setWasmLoader } from "../core/wasm/instance.js";
import type { RestartReply } from "./restart-pool.js";
import { scope } from "./worker-scope.js";

setWasmLoader(async () => fetch(new URL("mlmages.wasm", scope.location.href)));

let open: Promise<OpenRestarts> | undefined;

scope.onmessage = async (e: MessageEvent<{ job?: Parameters<typeof openRestarts>[1]; index?: number }>) => {
  if (e.data.job) {
    const job = e.data.job;
    open = getCore().then((core) => openRestarts(core, job));
    return;
  }
  let reply: RestartReply;
  try {
    reply = { ok: true, result: (await open!).run(e.data.index!) };
  } catch (err) {
    reply = { ok: false, message: (err as Error).message };
  }
  scope.postMessage(reply);
};
