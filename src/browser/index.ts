// mlmages for browsers (and any engine with fetch and ES modules): the library,
// with the WASM core streamed from build/mlmages.wasm beside this module
// (build/js/browser/index.js → build/mlmages.wasm).
import { setWasmLoader } from "../core/wasm/instance.js";
import { fetchWasm } from "../core/wasm/fetch-wasm.js";

setWasmLoader(() => fetchWasm(new URL("../../mlmages.wasm", import.meta.url)));

export * from "../index.js";
