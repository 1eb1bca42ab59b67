// The incremental SHA-256 against Node's crypto, at the padding edges and in
// arbitrary chunks, and through a hashing stream.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Rng } from "../src/core/random.js";
import { Sha256, hashingStream } from "../src/core/sha256.js";

const rng = new Rng(7);
const bytes = (n: number) => Uint8Array.from({ length: n }, () => rng.int(256));
const reference = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("Sha256", () => {
  it("gives the FIPS 180-4 digest of 'abc'", () => {
    expect(new Sha256().update(new TextEncoder().encode("abc")).hex()).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it.each([0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 100003])("equals node:crypto for %i bytes, whole and in random chunks", (n) => {
    const b = bytes(n);
    expect(new Sha256().update(b).hex()).toBe(reference(b));
    const h = new Sha256();
    for (let i = 0; i < n; ) {
      const step = 1 + rng.int(150);
      h.update(b.subarray(i, i + step));
      i += step;
    }
    expect(h.hex()).toBe(reference(b));
  });

  it("hashes a stream as it passes through unchanged", async () => {
    const b = bytes(5000);
    let got: [string, number] | undefined;
    const src = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < b.length; i += 777) c.enqueue(b.slice(i, i + 777));
        c.close();
      },
    });
    const out = new Uint8Array(await new Response(hashingStream(src, (hex, n) => (got = [hex, n]))).arrayBuffer());
    expect(out).toEqual(b);
    expect(got).toEqual([reference(b), 5000]);
  });
});
