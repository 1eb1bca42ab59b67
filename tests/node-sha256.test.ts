// The Node hasher: portable SHA-256 for small inputs, node:crypto past 1 MiB,
// the same digest as node:crypto either way (a hasher split across the switch included).
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nodeSha256 } from "../src/node/sha256.js";

function bytes(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) b[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return b;
}

describe("nodeSha256", () => {
  it("equals node:crypto's SHA-256 below, at and past the switch, in pieces", () => {
    for (const [n, piece] of [[0, 1], [3, 1], [1000, 7], [(1 << 20) - 5, 1 << 18], [1 << 20, 1 << 20], [(1 << 20) + 1, 300000], [3 << 20, 1 << 20]]) {
      const data = bytes(n, n + 1);
      const h = nodeSha256();
      for (let at = 0; at < n; at += piece) h.update(data.subarray(at, Math.min(n, at + piece)));
      expect(h.hex(), `${n} bytes`).toBe(createHash("sha256").update(data).digest("hex"));
    }
  });

  it("keeps its own copy of a small input whose buffer the caller reuses", () => {
    const buf = bytes(100, 9);
    const want = createHash("sha256").update(buf).digest("hex");
    const h = nodeSha256();
    h.update(buf);
    buf.fill(0);
    expect(h.hex()).toBe(want);
  });
});
