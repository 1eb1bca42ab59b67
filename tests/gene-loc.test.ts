// Gene annotation from location files (MAGMA gene.loc, BED, GENE/CHR/START/END
// tables) mapped onto GWAS positions: small synthetic files, and the dev gene
// table's START/END mapped onto gwas_T1.csv against its start_idx_chr/N_SNPS.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import "../src/node/wasm.js";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../src/core/errors.js";
import { annotateGenes, detectGeneFormat, readGeneAnnotation, type VariantPositions } from "../src/core/genetest/gene-loc.js";
import { readGeneTable } from "../src/core/genetest/gene-table.js";
import { readGwas } from "../src/core/io/gwas.js";
import { loadRunInputs } from "../src/core/run-inputs.js";
import { exampleFiles } from "../src/core/sim/example.js";
import { nodeFiles } from "../src/node/file-provider.js";
import { describeWith, SHARED } from "./helpers/requirements.js";
import { testDir } from "./helpers/tmp.js";
import { sharedPath } from "./helpers/shared.js";

/** Variants: chromosome 1 at 100, 200, ..., 1000; chromosome 2 at 150, 250, 350. */
const gwas: VariantPositions = {
  source: "g.tsv",
  n: 13,
  chr: [...Array(10).fill("1"), "2", "2", "2"],
  pos: Float64Array.from([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 150, 250, 350]),
};
const ranges = (text: string, source: string, kb = 0) => readGeneAnnotation(text, source, gwas, kb).map((g) => [g.gene, g.first, g.count]);

describe("location files on synthetic variants", () => {
  it("gene.loc: 1-based inclusive, SYMBOL names the gene, window in kb on both sides", () => {
    const loc = "101 1 200 400 + A\n102 1 401 499 - B\n103 2 150 350 + C\n104 3 1 1000 + D\n105\tchr1\t950\t2000\n";
    expect(detectGeneFormat(loc, "genes.txt")).toBe("gene.loc");
    expect(ranges(loc, "genes.txt")).toEqual([["A", 1, 3], ["C", 10, 3], ["105", 9, 1]]);
    const a = annotateGenes(loc, "genes.txt", gwas, 0);
    expect(a.dropped).toBe(2);
    // 0.1 kb = 100 bp each side: A reaches 100..500, B 301..599.
    expect(ranges(loc, "genes.txt", 0.1)).toEqual([["A", 0, 5], ["B", 3, 2], ["C", 10, 3], ["105", 8, 2]]);
  });

  it("BED: 0-based start, exclusive end, track/comment/header lines skipped", () => {
    const bed = "track name=genes\n#comment\nchrom\tchromStart\tchromEnd\tname\nchr1\t199\t400\tA\nchr1\t200\t400\tA2\nchr2\t0\t149\tE\n";
    expect(detectGeneFormat(bed, "x.txt")).toBe("bed");
    // [199, 400) is 1-based 200..400; [200, 400) is 201..400.
    expect(ranges(bed, "x.txt")).toEqual([["A", 1, 3], ["A2", 2, 2]]);
    expect(annotateGenes(bed, "x.txt", gwas).dropped).toBe(1);
    expect(ranges(bed, "x.txt", 0.001)).toEqual([["A", 1, 3], ["A2", 1, 3], ["E", 10, 1]]);
  });

  it("a table with GENE, CHR, START, END; the published table read as it is", () => {
    const t = "GENE,CHR,START,END\nA,1,250,650\nB,2,250,250\n";
    expect(detectGeneFormat(t, "t.csv")).toBe("location-table");
    expect(ranges(t, "t.csv")).toEqual([["A", 2, 4], ["B", 11, 1]]);
    const pub = "GENE,CHR,N_SNPS,start_idx_chr\nA,1,2,3\n";
    expect(detectGeneFormat(pub, "p.csv")).toBe("gene-table");
    expect(ranges(pub, "p.csv")).toEqual([["A", 3, 2]]);
    expect(() => readGeneAnnotation(pub, "p.csv", gwas, 5)).toThrow(/window does not apply/);
  });

  it("the file name decides between BED and gene.loc when the content cannot", () => {
    const ambiguous = "1\t100\t300\t7\n";
    expect(detectGeneFormat(ambiguous, "a.bed")).toBe("bed");
    expect(detectGeneFormat(ambiguous, "a.gene.loc")).toBe("gene.loc");
    expect(ranges(ambiguous, "a.bed")).toEqual([["7", 1, 2]]);
  });

  it("clear errors: no CHR/POS, unsorted or interleaved positions, bad lines", () => {
    const loc = "1 1 200 400 + A\n";
    const expectError = (f: () => unknown, re: RegExp) => {
      expect(f).toThrow(InputError);
      expect(f).toThrow(re);
    };
    expectError(() => readGeneAnnotation(loc, "l.loc", { ...gwas, pos: null }, 0), /g\.tsv: no position \(POS\) column/);
    expectError(() => readGeneAnnotation(loc, "l.loc", { ...gwas, chr: null }, 0), /no chromosome \(CHR\) column/);
    const unsorted = { ...gwas, pos: Float64Array.from(gwas.pos!, (p, i) => (i === 4 ? 50 : p)) };
    expectError(() => readGeneAnnotation(loc, "l.loc", unsorted, 0), /not sorted: variant 5 \(chromosome 1, POS 50\) comes after POS 400/);
    const interleaved = { ...gwas, chr: gwas.chr!.map((c, i) => (i === 12 ? "1" : c)) };
    expectError(() => readGeneAnnotation(loc, "l.loc", interleaved, 0), /chromosome 1 is not contiguous: variant 13/);
    expectError(() => readGeneAnnotation("1 1 x 400\n", "l.loc", gwas, 0), /l\.loc, line 1, column 3: START 'x'/);
    expectError(() => readGeneAnnotation("1 1 500 400\n", "l.loc", gwas, 0), /STOP 400 is before START 500/);
    expectError(() => readGeneAnnotation("chr1\t1\t5\n", "l.bed", gwas, 0), /name \(4th\) column/);
    expectError(() => readGeneAnnotation("hello world\n", "l.txt", gwas, 0), /not a gene annotation/);
    expect(() => readGeneAnnotation(loc, "l.loc", gwas, -1)).toThrow(RangeError);
  });
});

describeWith(SHARED)("the dev gene table's START/END mapped onto gwas_T1.csv", () => {
  let rows: string[][];
  let published: ReturnType<typeof readGeneTable>;
  beforeAll(() => {
    const csv = readFileSync(sharedPath("oracle/dev/input/genes.csv"), "utf8");
    rows = csv.trim().split("\n").slice(1).map((l) => l.split(","));
    published = readGeneTable(csv, "genes.csv", 1191);
  });

  it("gives start_idx_chr and N_SNPS for every gene (window 0, closed intervals)", async () => {
    const g = await readGwas(readFileSync(sharedPath("oracle/dev/input/gwas_T1.csv")), "gwas_T1.csv");
    const loc = rows.map((r, i) => `${i + 1} ${r[1]} ${r[3]} ${r[4]} + ${r[2]}`).join("\n");
    const bed = rows.map((r) => `chr${r[1]}\t${Number(r[3]) - 1}\t${r[4]}\t${r[2]}`).join("\n");
    const table = ["GENE,CHR,START,END", ...rows.map((r) => `${r[2]},${r[1]},${r[3]},${r[4]}`)].join("\n");
    for (const [text, name] of [[loc, "genes.loc"], [bed, "genes.bed"], [table, "genes_loc.csv"]]) {
      const a = annotateGenes(text, name, g, 0);
      expect(a.dropped).toBe(0);
      expect(a.genes.map((x) => [x.gene, x.first, x.count]), name).toEqual(published.map((x) => [x.gene, x.first, x.count]));
    }
    // Every gene's START and END are variant positions, so the rule's closed ends matter:
    // open ends would lose two variants a gene.
    const pos = new Set(Array.from(g.pos!));
    expect(rows.every((r) => pos.has(Number(r[3])) && pos.has(Number(r[4])))).toBe(true);
    // With a 5 kb window genes only grow.
    const wide = readGeneAnnotation(loc, "genes.loc", g, 5);
    wide.forEach((x, i) => {
      expect(x.first).toBeLessThanOrEqual(published[i].first);
      expect(x.first + x.count).toBeGreaterThanOrEqual(published[i].first + published[i].count);
    });
  });
});

describe("genes a run drops for their location (issue 15, item 18)", () => {
  it("are counted among the run's warnings", async () => {
    const dir = testDir("genes-dropped");
    for (const f of exampleFiles("test")) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const first = readFileSync(join(dir, "gwas_T1.tsv"), "utf8").split("\n")[1].split("\t");
    const pos = Number(first[1]);
    // gene.loc: one gene over the first variant, one far past the last
    writeFileSync(join(dir, "genes.loc"), `1\t1\t${pos - 10}\t${pos + 10}\t+\tNEAR\n2\t1\t900000000\t900001000\t+\tFAR\n`);
    const inputs = await loadRunInputs(nodeFiles, { gwas: [{ name: "T1", file: join(dir, "gwas_T1.tsv") }], ld: [join(dir, "ld_blocks.txt")], genes: join(dir, "genes.loc") });
    expect(inputs.genes!.map((g) => [g.gene, g.first, g.count])).toEqual([["NEAR", 0, 1]]);
    expect(inputs.warnings).toContainEqual(`1 gene(s) of ${join(dir, "genes.loc")} have no analysed variant within their location (or lie on a chromosome the GWAS does not cover): they are not tested`);
  });
});
