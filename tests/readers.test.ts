// GWAS and LD readers: column aliases, delimiters, gzip, plink binary LD, list
// files, the real dev files, the byte-level number parser, and malformed inputs.
import { gzipSync } from "node:zlib";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readGwas } from "../src/core/io/gwas.js";
import { readLdList, readLdMatrix, resolveRelative } from "../src/core/io/ld.js";
import { parseNumber } from "../src/core/io/numbers.js";
import { expandLdArgs, readGwasFile, readLdFiles } from "../src/node/ld-files.js";
import { fileStream } from "../src/node/files.js";
import "../src/node/wasm.js";
import { itWith, SHARED } from "./helpers/requirements.js";
import { sharedPath } from "./helpers/shared.js";
import { testDir } from "./helpers/tmp.js";

const enc = (s: string) => new TextEncoder().encode(s);
const identityText = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? "1" : "0")).join(" ")).join("\n") + "\n";
const dir = testDir("readers");

describe("GWAS column aliases", () => {
  it.each([
    ["published ML-MAGES", "CHR,OBS_CT,BETA,SE\n22,100,0.5,0.1\n22,100,-0.25,0.2\n", null, null],
    ["plink2 --glm", "#CHROM\tPOS\tID\tREF\tALT\tA1\tOBS_CT\tBETA\tSE\tT_STAT\tP\n22\t100\trs1\tA\tG\tG\t100\t0.5\t0.1\t5\t0.1\n22\t200\trs2\tA\tG\tG\t100\t-0.25\t0.2\t1\t0.3\n", [100, 200], ["rs1", "rs2"]],
    ["regenie", "CHROM GENPOS ID ALLELE0 ALLELE1 A1FREQ N TEST BETA SE CHISQ LOG10P\n22 100 rs1 A G 0.1 100 ADD 0.5 0.1 1 1\n22 200 rs2 A G 0.1 100 ADD -0.25 0.2 1 1\n", [100, 200], ["rs1", "rs2"]],
    ["GWAS Catalog", "chromosome\tbase_pair_location\tvariant_id\tbeta\tstandard_error\tp_value\n22\t100\trs1\t0.5\t0.1\t0.1\n22\t200\trs2\t-0.25\t0.2\t0.2\n", [100, 200], ["rs1", "rs2"]],
    ["lower-case effect/stderr", "chromosome,effect,stderr\n22,0.5,0.1\n22,-0.25,0.2\n", null, null],
    ["B and STD_ERR", "chr b std_err\n22 0.5 0.1\n22 -0.25 0.2\n", null, null],
    ["LOG_ODDS and STANDARD_ERROR", "CHR\tLOG_ODDS\tSTANDARD_ERROR\n22\t0.5\t0.1\n22\t-0.25\t0.2\n", null, null],
  ])("reads %s headers", async (_, text, pos, id) => {
    const g = await readGwas(enc(text), "g.txt");
    expect(Array.from(g.beta)).toEqual([0.5, -0.25]);
    expect(Array.from(g.se)).toEqual([0.1, 0.2]);
    expect(g.chr).toEqual(["22", "22"]);
    expect(g.pos ? Array.from(g.pos) : null).toEqual(pos);
    expect(g.id).toEqual(id);
  });

  it("turns odds ratios into log odds (plink2 OR and LOG(OR)_SE; GWAS Catalog odds_ratio)", async () => {
    const p = await readGwas(enc("#CHROM\tPOS\tID\tOR\tLOG(OR)_SE\n1\t5\tx\t2\t0.1\n"), "p.txt");
    expect(p.beta[0]).toBe(Math.log(2));
    expect(p.se[0]).toBe(0.1);
    const c = await readGwas(enc("chromosome,base_pair_location,odds_ratio,standard_error\n1,5,0.5,0.3\n"), "c.csv");
    expect(c.beta[0]).toBe(Math.log(0.5));
  });

  it("filters chromosomes, treating chr22 and 22 alike", async () => {
    const g = await readGwas(enc("CHR\tBETA\tSE\nchr21\t1\t1\nchr22\t2\t1\n22\t3\t1\n"), "g.tsv", { chrom: ["22"] });
    expect(Array.from(g.beta)).toEqual([2, 3]);
  });

  it("reads gzipped input, detected from the bytes", async () => {
    const g = await readGwas(gzipSync(enc("CHR,BETA,SE\n1,0.5,0.1\n")), "g.csv.whatever");
    expect(g.beta[0]).toBe(0.5);
  });

  itWith(SHARED)("reads the dev GWAS file", async () => {
    const g = await readGwasFile(sharedPath("oracle/dev/input/gwas_T1.csv"));
    expect(g.n).toBe(1191);
    expect([g.beta[0], g.se[0], g.pos![0], g.id![0]]).toEqual([0.00326137, 0.00707404, 17164305, "22:17164305"]);
    expect(g.chr![1190]).toBe("22");
  });
});

describe("LD matrices", () => {
  const m = [1, 0.5, -0.25, 0.5, 1, 0.125, -0.25, 0.125, 1];

  it.each([
    ["space", "1 0.5 -0.25\n0.5 1 0.125\n-0.25 0.125 1\n"],
    ["tab, CRLF", "1\t0.5\t-0.25\r\n0.5\t1\t0.125\r\n-0.25\t0.125\t1\r\n"],
    ["comma, no final newline", "1,0.5,-0.25\n0.5,1,0.125\n-0.25,0.125,1"],
  ])("reads %s separated text", async (_, text) => {
    const b = await readLdMatrix(enc(text), "x.ld");
    expect(b.n).toBe(3);
    expect(Array.from(b.data)).toEqual(m);
  });

  it("reads plink binary float64 (bin) and float32 (bin4)", async () => {
    const b8 = await readLdMatrix(new Uint8Array(Float64Array.from(m).buffer), "x.ld.bin");
    expect(Array.from(b8.data)).toEqual(m);
    const b4 = await readLdMatrix(new Uint8Array(Float32Array.from(m).buffer), "x.ld.bin");
    expect(b4.n).toBe(3);
    expect(Array.from(b4.data)).toEqual(m.map(Math.fround));
  });

  it("reads gzipped text from a stream split into odd chunks", async () => {
    const gz = gzipSync(enc("1 0.5 -0.25\n0.5 1 0.125\n-0.25 0.125 1\n"));
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < gz.length; i += 7) c.enqueue(gz.subarray(i, i + 7));
        c.close();
      },
    });
    expect(Array.from((await readLdMatrix(stream, "x.ld.gz")).data)).toEqual(m);
  });

  itWith(SHARED)("reads the real UK Biobank block and the gzipped full dev LD", async () => {
    const [b] = await readLdFiles([sharedPath("data/ukb-chr22/chr22_block0.ld")]);
    expect(b.n).toBe(603);
    expect(b.data[0]).toBe(1);
    expect(b.data[1]).toBe(0.828703);
    expect(b.data[603 + 0]).toBe(0.828703);
    const full = await readLdMatrix(fileStream(sharedPath("oracle/dev/input/chr22_full.ld.gz")), "chr22_full.ld.gz");
    expect(full.n).toBe(1191);
    expect(full.data[1]).toBe(0.828703);
    expect(full.data[602 * 1191 + 603]).toBe(0);
  });

  itWith(SHARED)("parses text rows in WASM to the very doubles parseFloat gives", async () => {
    const text = readFileSync(sharedPath("data/ukb-chr22/chr22_block5.ld"), "latin1");
    const [b] = await readLdFiles([sharedPath("data/ukb-chr22/chr22_block5.ld")]);
    const want = Float64Array.from(text.trim().split(/\s+/), Number);
    expect(b.data.length).toBe(want.length);
    let same = 0;
    for (let i = 0; i < want.length; i++) same += Object.is(b.data[i], want[i]) ? 1 : 0;
    expect(same).toBe(want.length);
  });

  itWith(SHARED)("expands the dev list file relative to its folder", async () => {
    const list = sharedPath("oracle/dev/input/ld_blocks.txt");
    const files = await expandLdArgs([list]);
    expect(files).toEqual([resolveRelative(list, "../../../data/ukb-chr22/chr22_block0.ld"), resolveRelative(list, "../../../data/ukb-chr22/chr22_block5.ld")]);
  });

  it("reads list files: comments and blank lines skipped, paths relative to the list's folder unless absolute", () => {
    expect(readLdList("# blocks\na.ld\n\n  b.ld  \n")).toEqual(["a.ld", "b.ld"]);
    expect(resolveRelative("dir/sub/list.txt", "x.ld")).toBe("dir/sub/x.ld");
    expect(resolveRelative("dir/list.txt", "/abs/x.ld")).toBe("/abs/x.ld");
  });
});

describe("parseNumber", () => {
  it("is bit-identical to parseFloat on varied decimal strings", () => {
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const cases = ["0", "-0", "1", "0.828703", "-0.000461776", "1e-300", "2.5E+10", "1.7976931348623157e308", "123456789012345678", "0.1", ".5", "5.", "+3.25", "4.9e-324"];
    for (let i = 0; i < 4000; i++) {
      const digits = Math.floor(rnd() * 20) + 1;
      let d = "";
      for (let k = 0; k < digits; k++) d += Math.floor(rnd() * 10);
      const dot = Math.floor(rnd() * (digits + 1));
      let t = `${rnd() < 0.5 ? "-" : ""}${d.slice(0, dot)}.${d.slice(dot)}`;
      if (rnd() < 0.3) t += `e${Math.floor(rnd() * 60) - 30}`;
      cases.push(t);
    }
    for (const c of cases) {
      const b = enc(c);
      expect(Object.is(parseNumber(b, 0, b.length), parseFloat(c)), c).toBe(true);
    }
  });

  it("rejects what is not a number", () => {
    for (const c of ["", "abc", "1.2.3", "1e", "--1", "0x10"]) {
      const b = enc(c);
      expect(Number.isNaN(parseNumber(b, 0, b.length)), c).toBe(true);
    }
  });
});

describe("malformed inputs", () => {
  it.each<[string, string | Uint8Array, string]>([
    ["an empty GWAS file", "", "g.csv: the file is empty"],
    ["a GWAS without an effect column", "CHR,SE\n1,0.1\n", "g.csv, line 1: no effect column: expected one of BETA, EFFECT, B, LOG_ODDS, OR, ODDS_RATIO, or Z-scores (Z, ZSCORE, Z-SCORE, Z_SCORE) with N (any case)"],
    ["a GWAS without SE", "CHR,BETA\n1,0.1\n", "g.csv, line 1: an effect column but no standard error: expected one of SE, STDERR"],
    ["a short row", "CHR,BETA,SE\n1,0.1,0.2\n1,0.1\n", "g.csv, line 3: 2 fields but the header has 3"],
    ["a non-numeric BETA", "CHR,BETA,SE\n1,0.1,0.2\n1,abc,0.2\n", "g.csv, line 3, column 2: BETA 'abc' is not a number"],
    ["only NaN SEs (missing values are dropped)", "CHR,BETA,SE\n1,0.1,NaN\n", "g.csv: no usable variants: every row was dropped (1 missing value)"],
    ["an infinite BETA", "CHR\tBETA\tSE\n1\tinf\t0.1\n", "g.csv, line 2, column 2: BETA is inf: not a finite number"],
    ["SE of zero", "CHR,BETA,SE\n1,0.1,0.2\n1,0.1,0\n", "g.csv, line 3, column 3: SE 0 is not positive"],
    ["a negative odds ratio", "CHR,OR,SE\n1,-2,0.2\n", "g.csv, line 2, column 2: odds ratio -2 is not positive"],
    ["a header and no variants", "CHR,BETA,SE\n", "g.csv: the file has a header but no variants"],
    ["a truncated gzip", gzipSync(enc("CHR,BETA,SE\n" + "1,0.1,0.2\n".repeat(500))).subarray(0, 40), "g.csv: truncated or corrupt gzip data"],
  ])("GWAS: %s", async (_, input, message) => {
    await expect(readGwas(typeof input === "string" ? enc(input) : input, "g.csv")).rejects.toThrow(message);
  });

  it("GWAS: a chromosome filter that keeps nothing", async () => {
    await expect(readGwas(enc("CHR,BETA,SE\n1,0.1,0.2\n"), "g.csv", { chrom: ["2"] })).rejects.toThrow("g.csv: no variants on chromosome 2");
  });

  it.each<[string, string | Uint8Array, string]>([
    ["an empty LD file", "", "x.ld: the file is empty"],
    ["a row too short", "1 0.5\n0.5\n", "x.ld, line 2: row has 1 values but the first row has 2: the matrix is not square"],
    ["a row too long", "1 0.5\n0.5 1 0.2\n", "x.ld, line 2: row has more than 2 values: the matrix is not square"],
    ["too few rows", "1 0.5 0\n0.5 1 0\n", "x.ld: 2 rows of 3 values: the matrix is not square"],
    ["an asymmetric matrix", "1 0.5\n0.4 1\n", "x.ld: the matrix is not symmetric: row 1, column 2 is 0.5 but row 2, column 1 is 0.4"],
    ["plink's nan", "1 nan\nnan 1\n", "x.ld, line 1, column 2: 'nan' is not a finite number (plink writes nan for monomorphic variants: remove them from the GWAS and the LD)"],
    ["a value outside [-1, 1]", "1 1.5\n1.5 1\n", "x.ld, line 1, column 2: 1.5 is not a correlation (outside [-1, 1])"],
    ["a binary value outside [-1, 1]", new Uint8Array(Float64Array.from([1, 0.5, 0, 0.5, 1, -1.2, 0, -1.2, 1]).buffer), "x.ld: row 2, column 3: -1.2 is not a correlation (outside [-1, 1])"],
    ["a binary file of the wrong length", new Uint8Array([1, 2, 3, 200, 5, 6, 7]), "x.ld: binary LD file of 7 bytes is neither n x n float64 (plink --r square bin) nor n x n float32 (bin4)"],
    ["a truncated gzip", gzipSync(enc(identityText(60))).subarray(0, 40), "x.ld: truncated or corrupt gzip data"],
  ])("LD: %s", async (_, input, message) => {
    await expect(readLdMatrix(typeof input === "string" ? enc(input) : input, "x.ld")).rejects.toThrow(message);
  });

  it("LD: a list naming a missing file", async () => {
    const list = join(dir, "blocks.txt");
    writeFileSync(list, "missing.ld\n");
    const [path] = await expandLdArgs([list]);
    await expect(readLdFiles([path])).rejects.toThrow(`${join(dir, "missing.ld")}: no such file or folder (ENOENT)`);
  });
});
