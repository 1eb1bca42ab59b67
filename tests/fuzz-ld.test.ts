// Fuzz tests of the LD readers and the byte, line, number and table readers
// under them: hostile variants of valid files (random bytes, truncations,
// mutations, splices, gzip of each) never throw anything but InputError, never
// hang (2 s a run), and never ask for more than 1 MiB + 256 bytes per input
// byte in one allocation (so a first row or a byte length claiming 2^31
// values is refused before anything is allocated).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBytes, readAllBytes } from "../src/core/io/bytes.js";
import { readTextTable } from "../src/core/io/delimited.js";
import { readLdBand } from "../src/core/io/ld-band.js";
import { AHEAD_BYTES, expandLdLists, readLdMatrix } from "../src/core/io/ld.js";
import { forEachLine } from "../src/core/io/lines.js";
import { parseNumber } from "../src/core/io/numbers.js";
import { readNumericTable } from "../src/core/io/table.js";
import { getCore } from "../src/core/wasm/instance.js";
import "../src/node/wasm.js";
import { AllocationWatch, allocationBound, fuzzParams, hostile, onlyInputError } from "./helpers/fuzz.js";

const enc = (s: string) => new TextEncoder().encode(s);

/** A 5 x 5 correlation matrix (AR(1), ρ = 0.6): positive definite, 1 on the diagonal. */
const R = Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => 0.6 ** Math.abs(i - j)));
const ldText = enc(R.map((r) => r.map((v) => v.toFixed(4)).join(" ")).join("\n") + "\n");
const ldBin = new Uint8Array(Float64Array.from(R.flat()).buffer);
const ldBin4 = new Uint8Array(Float32Array.from(R.flat()).buffer);
const LD_CHARS = "0123456789.-+eE \t,\n\r1";

const watch = new AllocationWatch();
let wasmBytes = 0;
beforeAll(async () => {
  wasmBytes = (await getCore()).memory.buffer.byteLength;
  watch.install();
});
afterAll(() => watch.uninstall());

/** Runs `read` on `input`: only InputError, and no allocation past the bound (typed arrays and WASM memory). */
async function check(input: Uint8Array, source: string, read: () => unknown): Promise<void> {
  watch.reset();
  await onlyInputError(source, read);
  expect(watch.largest).toBeLessThanOrEqual(allocationBound(input.length));
  const grown = (await getCore()).memory.buffer.byteLength - wasmBytes;
  expect(grown).toBeLessThanOrEqual(allocationBound(input.length) + 16 * 1024 * 1024);
}

describe("LD readers under hostile input", () => {
  it.each([
    ["text", ldText],
    ["bin (float64)", ldBin],
    ["bin4 (float32)", ldBin4],
  ])("readLdMatrix: %s", async (_, valid) => {
    expect((await readLdMatrix(valid, "x.ld")).n).toBe(5);
    await fc.assert(fc.asyncProperty(hostile(valid, LD_CHARS), (bytes) => check(bytes, "x.ld", () => readLdMatrix(bytes, "x.ld"))), fuzzParams(120));
  });

  it.each([
    ["text", ldText],
    ["bin (float64)", ldBin],
  ])("readLdBand (width 3): %s", async (_, valid) => {
    expect((await readLdBand(valid, "x.ld", { width: 3 })).n).toBe(5);
    await fc.assert(
      fc.asyncProperty(hostile(valid, LD_CHARS), (bytes) => check(bytes, "x.ld", () => readLdBand(bytes, "x.ld", { width: 3 }))),
      fuzzParams(100),
    );
  });

  it("refuses a first text row claiming 2^31 values before allocating, and grows rows as they come", async () => {
    // a short row claims n = 30 000 (more than a block read whole); a row of 4000 values allocates at most
    // AHEAD_BYTES (16 MiB) ahead of the rows read, not the 128 MB of 4000 rows
    await expect(readLdMatrix(enc("0 ".repeat(30000) + "\n"), "big.ld")).rejects.toThrow("big.ld, line 1: an LD block of 30000 variants is more than the 8192 read whole");
    watch.reset();
    await expect(readLdMatrix(enc("1" + " 0".repeat(3999) + "\n"), "wide.ld")).rejects.toThrow("1 rows of 4000 values");
    expect(watch.largest).toBeLessThanOrEqual(AHEAD_BYTES);
    expect(AHEAD_BYTES).toBeLessThan(4000 * 4000 * 8 / 7);
    await expect(readLdBand(enc("0 ".repeat(2 ** 16) + "\n"), "band.ld", { width: 2 ** 14 })).rejects.toThrow("would hold 1073741824 values, more than the 268435456 allowed");
  });

  it("list files (expandLdLists) take any text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        await onlyInputError("l.txt", () => expandLdLists(["l.txt"], async () => text));
      }),
      fuzzParams(100),
    );
  });
});

describe("byte, line, number and table readers under hostile input", () => {
  it("openBytes / readAllBytes / forEachLine: only InputError, every byte of plain input kept", async () => {
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...ldText]);
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostile(ldText), hostile(withBom)), fc.integer({ min: 1, max: 64 }), async (bytes, chunk) => {
        await check(bytes, "b.gz", () => readAllBytes(bytes, "b.gz"));
        // any chunking: lines and their count do not depend on it
        const stream = new ReadableStream<Uint8Array>({
          start(c) {
            for (let i = 0; i < bytes.length; i += chunk) c.enqueue(bytes.slice(i, i + chunk));
            c.close();
          },
        });
        const lines: string[] = [];
        await onlyInputError("b.gz", async () => forEachLine(await openBytes(stream, "b.gz"), (buf, s, e) => lines.push(Buffer.from(buf.subarray(s, e)).toString("latin1")), { source: "b.gz" }));
        if (bytes[0] !== 0x1f) {
          const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
          const text = Buffer.from(bom ? bytes.subarray(3) : bytes).toString("latin1");
          const expected = text === "" ? [] : text.replace(/\n$/, "").split("\n").map((l) => l.replace(/\r$/, ""));
          expect(lines).toEqual(expected);
        }
      }),
      fuzzParams(150),
    );
  });

  it("parseNumber never throws and agrees with Number() on decimals", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.double({ noNaN: true }), (s, x) => {
        const b = enc(s);
        const v = parseNumber(b, 0, b.length);
        expect(typeof v).toBe("number");
        const t = enc(String(x));
        expect(parseNumber(t, 0, t.length)).toBe(x);
      }),
      fuzzParams(300),
    );
  });

  it("readNumericTable and readTextTable: only InputError", async () => {
    const valid = enc("BETA\tSE\tP\n0.1\t0.2\t0.3\n-1e-3\t4\t0.5\n");
    await fc.assert(
      fc.asyncProperty(hostile(valid, "BETASP0123456789.-e\t, \n"), async (bytes) => {
        const text = new TextDecoder().decode(bytes);
        await onlyInputError("t.tsv", () => readNumericTable(text, "t.tsv"));
        await onlyInputError("t.tsv", () => readTextTable(text, "t.tsv"));
      }),
      fuzzParams(150),
    );
  });
});
