// WebAssembly SIMD detection, done once. mlmages' kernels are compiled with
// 128-bit SIMD; an engine without it cannot run them at all.

// The smallest module that uses a v128 instruction:
// (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03,
  0x02, 0x01, 0x00, 0x0a, 0x0a, 0x01, 0x08, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0xfd, 0x62, 0x0b,
]);

let simd: boolean | undefined;

/** True when this engine validates WebAssembly 128-bit SIMD. */
export function hasWasmSimd(): boolean {
  if (simd === undefined) {
    simd = typeof WebAssembly === "object" && WebAssembly.validate(SIMD_PROBE);
  }
  return simd;
}

/** Throws SIMD_MISSING when this engine lacks WebAssembly SIMD (checked before any module is fetched or compiled). */
export function requireWasmSimd(): void {
  if (!hasWasmSimd()) throw new Error(SIMD_MISSING);
}

export const SIMD_MISSING =
  "This JavaScript engine does not support WebAssembly SIMD, which mlmages needs. " +
  "Use Node.js 16.4 or later, Deno 1.9 or later, Chrome/Edge 91+, Firefox 89+ or Safari 16.4+.";
