// A Web Worker serving clustering restarts (src/core/cluster/restart-service.ts)
// and a reference panel's block LD (src/core/panel/ld-service.ts): loads its
// own WASM core and each job's data once, then answers the restart indices or
// LD blocks it is sent.
import { fetchWasm } from "../core/wasm/fetch-wasm.js";
import { restartService, type RestartRequest } from "../core/cluster/restart-service.js";
import { isBlockLdRequest, replyTransfers, serveBlockLd, type BlockLdRequest } from "../core/panel/ld-service.js";
import { getCore, setWasmLoader } from "../core/wasm/instance.js";
import { scope } from "./worker-scope.js";

setWasmLoader(() => fetchWasm(new URL("mlmages.wasm", scope.location.href)));

const restarts = restartService(getCore());

scope.onmessage = async (e: MessageEvent<RestartRequest | BlockLdRequest>) => {
  if (isBlockLdRequest(e.data)) {
    const reply = await serveBlockLd(getCore(), e.data);
    scope.postMessage(reply, replyTransfers(reply));
    return;
  }
  const reply = await restarts(e.data);
  if (reply) scope.postMessage(reply);
};
