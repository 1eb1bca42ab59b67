// Node's way to the WASM core: read build/mlmages.wasm from the package.
import { readFile } from "node:fs/promises";
import { setWasmLoader } from "../core/wasm/instance.js";

// From src/node (tests, ts sources) or build/js/node (compiled), the module is build/mlmages.wasm.
const CANDIDATES = ["../../build/mlmages.wasm", "../../mlmages.wasm"];

async function readWasm(): Promise<Uint8Array> {
  for (const rel of CANDIDATES) {
    try {
      return await readFile(new URL(rel, import.meta.url));
    } catch {
      // try the next place
    }
  }
  throw new Error("mlmages: build/mlmages.wasm not found; run `npm run build` first");
}

setWasmLoader(readWasm);
