// Fuzz tests of the gene readers: the published gene table, MAGMA gene.loc,
// BED and GENE/CHR/START/END tables, detected and mapped onto variants.
// Hostile variants of valid files never throw anything but InputError and
// never hang (2 s a run).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { annotateGenes, detectGeneFormat, readBed, readGeneLoc, readLocationTable, type VariantPositions } from "../src/core/genetest/gene-loc.js";
import { readGeneTable } from "../src/core/genetest/gene-table.js";
import { fuzzParams, hostile, onlyInputError } from "./helpers/fuzz.js";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** Ten variants on chromosome 22 at 100, 200, ..., 1000. */
const gwas: VariantPositions = { source: "g.tsv", n: 10, chr: Array(10).fill("22"), pos: Float64Array.from({ length: 10 }, (_, i) => 100 * (i + 1)) };

const files: [string, string, (text: string, source: string) => unknown][] = [
  ["genes.csv", "GENE,CHR,N_SNPS,start_idx_chr,START,END\nA,22,3,0,100,300\nB,22,2,5,600,700\n", (t, s) => readGeneTable(t, s, gwas.n)],
  ["genes.loc", "1 22 150 350 + A\n2 22 600 800 - B\n3 21 1 100 + C\n", readGeneLoc],
  ["genes.bed", "track name=x\nchr22\t99\t300\tA\nchr22\t599\t700\tB\n", readBed],
  ["genes.tsv", "GENE\tCHR\tSTART\tEND\nA\t22\t100\t300\nB\t22\t600\t700\n", readLocationTable],
];
const ALPHABET = "GENECHRSTAREND_idxchr0123456789 \t,\n-+#.AB\uFFFD";

describe("gene readers under hostile input", () => {
  it.each(files)("%s: its own reader, format detection and mapping onto the variants", async (source, valid, read) => {
    expect(annotateGenes(valid, source, gwas).genes.length).toBe(2);
    await fc.assert(
      fc.asyncProperty(hostile(enc(valid), ALPHABET), fc.integer({ min: 0, max: 3 }), async (bytes, kb) => {
        const text = dec(bytes);
        await onlyInputError(source, () => read(text, source));
        await onlyInputError(source, () => detectGeneFormat(text, source));
        await onlyInputError(source, () => annotateGenes(text, source, gwas, detectGeneFormat(text, source) === "gene-table" ? 0 : kb));
      }),
      fuzzParams(150),
    );
  });
});
