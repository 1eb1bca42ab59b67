// Fuzz tests of the GWAS reader (text and gzip): hostile variants of a valid
// file never throw anything but InputError, never hang (2 s a run), and ask
// for no typed array past 1 MiB + 256 bytes per input byte.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readGwas } from "../src/core/io/gwas.js";
import { AllocationWatch, allocationBound, fuzzParams, hostile, onlyInputError } from "./helpers/fuzz.js";

const enc = (s: string) => new TextEncoder().encode(s);
const valid = enc("#CHROM\tPOS\tID\tREF\tALT\tBETA\tSE\tP\n22\t100\trs1\tA\tG\t0.5\t0.1\t0.01\n22\t200\trs2\tC\tT\t-0.25\t0.2\t0.2\n22\t300\trs3\tG\tA\t1e-3\t0.05\t0.9\n");
const ALPHABET = "#CHROMPSIDBETA\t ,\n\r0123456789.-+eEnaNINFrs";

const watch = new AllocationWatch();
beforeAll(() => watch.install());
afterAll(() => watch.uninstall());

describe("GWAS reader under hostile input", () => {
  it("readGwas: text and gzip", async () => {
    expect((await readGwas(valid, "g.tsv")).n).toBe(3);
    await fc.assert(
      fc.asyncProperty(hostile(valid, ALPHABET), fc.boolean(), async (bytes, chrom) => {
        watch.reset();
        await onlyInputError("g.tsv", () => readGwas(bytes, "g.tsv", chrom ? { chrom: ["22"] } : {}));
        expect(watch.largest).toBeLessThanOrEqual(allocationBound(bytes.length));
      }),
      fuzzParams(250),
    );
  });
});
