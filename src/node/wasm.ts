// Node's way to the WASM core: read build/mlmages.wasm from the package.
import { readFile } from "node:fs/promises";
import { setWasmLoader } from "../core/wasm/instance.js";
import { packagePath } from "./package-root.js";

async function readWasm(): Promise<Uint8Array> {
  const path = packagePath("build", "mlmages.wasm");
  try {
    return await readFile(path);
  } catch {
    throw new Error(`mlmages: ${path} not found; run \`npm run build\` first`);
  }
}

setWasmLoader(readWasm);
