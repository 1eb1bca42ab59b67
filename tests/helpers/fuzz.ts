// Property-based fuzzing of the readers (fast-check): hostile variants of a
// valid file (random bytes, truncations, byte mutations, text of the format's
// own characters), the rule that a reader throws nothing but InputError, and a
// watch on the memory it asks for.
import fc from "fast-check";
import { gzipSync } from "node:zlib";
import { expect } from "vitest";
import { InputError } from "../../src/core/errors.js";

/** Every fuzz property runs with this seed, so a failure is reproducible. */
export const FUZZ_SEED = 20261203;

/** Per-run time limit: a reader that takes longer on a few kB is hanging. */
export const FUZZ_TIMEOUT_MS = 2000;

export function fuzzParams(numRuns: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns, timeout: FUZZ_TIMEOUT_MS, endOnFailure: true };
}

/** `valid` cut at a random length. */
export function truncations(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.nat({ max: valid.length }).map((k) => valid.slice(0, k));
}

/** `valid` with one to eight bytes overwritten. */
export function mutations(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((muts) => {
    const b = valid.slice();
    for (const [i, v] of muts) b[i % b.length] = v;
    return b;
  });
}

/** `valid` with a slice removed or repeated (rows lost or doubled). */
export function splices(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.tuple(fc.nat({ max: valid.length }), fc.nat({ max: valid.length }), fc.boolean()).map(([a, b, repeat]) => {
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const parts = repeat ? [valid.subarray(0, hi), valid.subarray(lo)] : [valid.subarray(0, lo), valid.subarray(hi)];
    const out = new Uint8Array(parts[0].length + parts[1].length);
    out.set(parts[0]);
    out.set(parts[1], parts[0].length);
    return out;
  });
}

/** Text made of `alphabet`'s characters (a format's own separators, digits, signs...). */
export function textOf(alphabet: string, maxLength = 400): fc.Arbitrary<Uint8Array> {
  return fc.array(fc.constantFrom(...alphabet.split("")), { maxLength }).map((cs) => new TextEncoder().encode(cs.join("")));
}

/** Random bytes, truncations, mutations and splices of `valid`, and of its gzip. */
export function hostile(valid: Uint8Array, alphabet?: string): fc.Arbitrary<Uint8Array> {
  const gz = new Uint8Array(gzipSync(valid));
  const arbs = [fc.uint8Array({ maxLength: 2048 }), truncations(valid), mutations(valid), splices(valid), truncations(gz), mutations(gz)];
  if (alphabet) arbs.push(textOf(alphabet));
  return fc.oneof(...arbs);
}

/** Runs a reader; it may succeed or throw an InputError naming `source`, nothing else. */
export async function onlyInputError(source: string, read: () => unknown): Promise<void> {
  try {
    await read();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.file).toContain(source);
  }
}

const TYPED = ["ArrayBuffer", "Uint8Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array"] as const;

/**
 * Watches the typed arrays and buffers created by length (as a header's claim
 * would be): `largest` is the most bytes one request asked for since `reset`.
 * Installed on globalThis, so the readers' own `new Float64Array(n)` are seen.
 */
export class AllocationWatch {
  largest = 0;
  private saved = new Map<string, unknown>();

  install(): void {
    const g = globalThis as unknown as Record<string, unknown>;
    for (const name of TYPED) {
      const C = g[name] as { BYTES_PER_ELEMENT?: number };
      this.saved.set(name, C);
      const per = C.BYTES_PER_ELEMENT ?? 1;
      g[name] = new Proxy(C as object, {
        construct: (target, args, newTarget) => {
          if (typeof args[0] === "number") this.largest = Math.max(this.largest, args[0] * per);
          return Reflect.construct(target as new (...a: unknown[]) => object, args, newTarget === g[name] ? target : newTarget);
        },
      });
    }
  }

  uninstall(): void {
    const g = globalThis as unknown as Record<string, unknown>;
    for (const [name, C] of this.saved) g[name] = C;
    this.saved.clear();
  }

  reset(): void {
    this.largest = 0;
  }
}

/** The stated bound: no single allocation over 1 MiB plus 256 bytes per input byte. */
export function allocationBound(inputBytes: number): number {
  return 1024 * 1024 + 256 * inputBytes;
}
