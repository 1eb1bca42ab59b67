// mlmages for Deno: the library, with the WASM core found through
// import.meta.url (build/js/deno/index.js → build/mlmages.wasm): read from
// disk when the package is local (needs --allow-read), fetched when it was
// imported from a web address.
import { setWasmLoader } from "../core/wasm/instance.js";
import { fetchWasm } from "../core/wasm/fetch-wasm.js";

/** The part of Deno's global namespace used here (not in this project's type libraries). */
declare const Deno: { readFile(path: URL): Promise<Uint8Array<ArrayBuffer>> };

async function loadWasm(): Promise<WebAssembly.Module> {
  const url = new URL("../../mlmages.wasm", import.meta.url);
  if (url.protocol !== "file:") return fetchWasm(url);
  return WebAssembly.compile(await Deno.readFile(url));
}

setWasmLoader(loadWasm);

export * from "../index.js";
