// The release module really uses 128-bit SIMD in its hot kernels, and loading
// fails with a clear message where SIMD is missing.
import binaryen from "binaryen";
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { packagePath } from "../src/node/package-root.js";

/** The text of an exported function's body in the release module. */
function exportedBody(text: string, name: string): string {
  const exp = new RegExp(`\\(export "${name}" \\(func (\\$[^)\\s]+)\\)\\)`).exec(text);
  if (!exp) throw new Error(`no export ${name}`);
  const start = text.indexOf(`(func ${exp[1]} `);
  const next = text.indexOf("\n (func ", start + 1);
  return text.slice(start, next < 0 ? undefined : next);
}

describe("release module", () => {
  const mod = binaryen.readBinary(readFileSync(packagePath("build", "mlmages.wasm")));
  const text = mod.emitText();
  mod.dispose();

  it.each(["ldNeighbours", "dense", "batchNormRelu", "addF32", "divideF32"])("%s uses v128 instructions", (name) => {
    expect(exportedBody(text, name)).toMatch(/\b(v128|f64x2|f32x4)\./);
  });
});

describe("SIMD detection", () => {
  it("refuses to load without WebAssembly SIMD, saying what to do", async () => {
    vi.resetModules();
    const validate = vi.spyOn(WebAssembly, "validate").mockReturnValue(false);
    try {
      const { createCore } = await import("../src/core/wasm/core.js");
      await expect(createCore(new Uint8Array(8))).rejects.toThrow(/does not support WebAssembly SIMD, which mlmages needs\. Use Node\.js 16\.4/);
    } finally {
      validate.mockRestore();
      vi.resetModules();
    }
  });

  it("checks once, in getCore, before any platform loader fetches or compiles the module", async () => {
    vi.resetModules();
    const validate = vi.spyOn(WebAssembly, "validate").mockReturnValue(false);
    try {
      const { getCore, setWasmLoader } = await import("../src/core/wasm/instance.js");
      const loader = vi.fn(async () => new Uint8Array(8));
      setWasmLoader(loader);
      expect(() => getCore()).toThrow(/does not support WebAssembly SIMD/);
      expect(loader).not.toHaveBeenCalled();
    } finally {
      validate.mockRestore();
      vi.resetModules();
    }
  });
});
