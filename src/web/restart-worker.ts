// A Web Worker serving clustering restarts (src/core/cluster/restart-service.ts):
// loads its own WASM core and each job's data once, then runs the restart
// indices it is sent.
import { fetchWasm } from "../core/wasm/fetch-wasm.js";
import { restartService, type RestartRequest } from "../core/cluster/restart-service.js";
import { getCore, setWasmLoader } from "../core/wasm/instance.js";
import { scope } from "./worker-scope.js";

setWasmLoader(() => fetchWasm(new URL("mlmages.wasm", scope.location.href)));

const handle = restartService(getCore());

scope.onmessage = async (e: MessageEvent<RestartRequest>) => {
  const reply = await handle(e.data);
  if (reply) scope.postMessage(reply);
};
