// The one compute core of this thread. Platform entry points (Node, browser,
// Deno) register how to load the module; everything else asks `getCore()`.
import { createCore, type Core, type WasmSource } from "./core.js";
import { requireWasmSimd } from "./simd.js";

let loader: (() => Promise<WasmSource>) | undefined;
let core: Promise<Core> | undefined;

/** Sets where the WASM module comes from (called by each platform's entry point). */
export function setWasmLoader(load: () => Promise<WasmSource>): void {
  loader = load;
  core = undefined;
}

/** Instantiates the core from an explicit source, replacing any earlier one. */
export function initCore(source: WasmSource): Promise<Core> {
  core = createCore(source);
  return core;
}

/** The core of this thread, instantiated on first use. */
export function getCore(): Promise<Core> {
  if (!core) {
    if (!loader) throw new Error("mlmages: the WebAssembly core is not set up; import mlmages from its package entry or call initCore()");
    requireWasmSimd();
    core = loader().then(createCore);
  }
  return core;
}
