// Node's way to the WASM core: read build/mlmages.wasm from the package.
import { readFile } from "node:fs/promises";
import { setFlagsFromString } from "node:v8";
import { setWasmLoader } from "../core/wasm/instance.js";
import { packagePath } from "./package-root.js";

/** The compiled module, compiled synchronously on this thread (no background compile jobs). */
async function readWasm(): Promise<WebAssembly.Module> {
  const path = packagePath("build", "mlmages.wasm");
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    throw new Error(`mlmages: ${path} not found; run \`npm run build\` first`);
  }
  return new WebAssembly.Module(bytes as BufferSource);
}

// Compile the module with the optimising compiler up front, synchronously: no
// Liftoff code, no background compile or tier-up jobs. Node 20's platform can
// deadlock draining such jobs (seen here: the main thread waiting in
// NodePlatform::DrainTasks forever, about one run in ten under load).
setFlagsFromString("--no-liftoff");
setFlagsFromString("--no-wasm-dynamic-tiering");

let compiled: Promise<WebAssembly.Module> | undefined;

/** This thread's compiled module, compiled once (worker threads are handed it rather than compiling their own). */
export function compiledModule(): Promise<WebAssembly.Module> {
  compiled ??= readWasm();
  return compiled;
}

setWasmLoader(compiledModule);
