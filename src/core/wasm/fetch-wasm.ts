// Compiles the WASM core from a URL the way engines with fetch do best:
// streaming (compiled while it downloads) when the server says
// application/wasm, else from the downloaded bytes.
/** The module at `url` (getCore has checked for WebAssembly SIMD before asking). */
export async function fetchWasm(url: URL): Promise<WebAssembly.Module> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`mlmages: cannot load the WebAssembly core from ${url} (HTTP ${res.status})`);
  const type = res.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type === "application/wasm") return WebAssembly.compileStreaming(res);
  return WebAssembly.compile(await res.arrayBuffer());
}
