// Hostile and damaged inputs at the readers (issue 15's list, items 3, 4, 11,
// 17, 20 and 21, and pickles that would run code): one test per case, each
// asserting the message the user gets.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, deflateRawSync, gzipSync } from "node:zlib";
import { zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { badInputDir } from "./helpers/tmp.js";
import { InputError } from "../src/core/errors.js";
import { annotateGenes, type VariantPositions } from "../src/core/genetest/gene-loc.js";
import { readTextTable } from "../src/core/io/delimited.js";
import { readGwas } from "../src/core/io/gwas.js";
import { readLdBand } from "../src/core/io/ld-band.js";
import { choleskyShifted, indefiniteBlockWarnings } from "../src/core/io/ld-definite.js";
import { readLdList, readLdMatrix } from "../src/core/io/ld.js";
import { readNumericTable } from "../src/core/io/table.js";
import { readTorchModel, MAX_MODEL_ENTRY_BYTES } from "../src/core/models/torch.js";
import { loadRunInputs } from "../src/core/run-inputs.js";
import { getCore } from "../src/core/wasm/instance.js";
import { nodeFiles } from "../src/node/file-provider.js";
import "../src/node/wasm.js";

const enc = (s: string) => new TextEncoder().encode(s);
const BOM = [0xef, 0xbb, 0xbf];
const withBom = (s: string) => Uint8Array.from([...BOM, ...enc(s)]);
const dir = badInputDir("bad-readers");

/** A 3 x 3 matrix with r12 = r13 = 0.9, r23 = -0.9: eigenvalues 1.9, 1.9 and -0.8 (1 + 0.9 x the eigenvalues 1, 1, -2 of its sign pattern). */
const INDEFINITE = "1 0.9 0.9\n0.9 1 -0.9\n0.9 -0.9 1\n";

/**
 * A gzip stream of `total` bytes: `head` (Latin-1: one byte a character), then `unit` repeated (zeros when
 * empty), made from one deflated MiB sent again and again (never held whole,
 * never written to disk). `pulled` counts the MiB the reader took.
 */
function gzipBomb(unit: string, total: number, head = ""): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  const mib = Buffer.alloc(1 << 20);
  const u = Buffer.from(unit);
  if (u.length) for (let i = 0; i < mib.length; i++) mib[i] = u[i % u.length];
  const seg = new Uint8Array(deflateRawSync(mib, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }));
  const headSeg = new Uint8Array(deflateRawSync(Buffer.from(head, "latin1"), { finishFlush: constants.Z_SYNC_FLUSH }));
  const count = Math.ceil(total / mib.length);
  let i = -2;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (i === -2) c.enqueue(Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]));
      else if (i === -1) c.enqueue(headSeg);
      else if (i < count) c.enqueue(seg);
      else {
        c.enqueue(Uint8Array.from([3, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        c.close();
      }
      i++;
    },
  });
  return { stream, pulled: () => Math.max(0, i) };
}

describe("item 3: genes for another chromosome than the GWAS", () => {
  const gwas: VariantPositions = { source: "gwas_22.tsv", n: 4, chr: ["22", "22", "22", "22"], pos: Float64Array.from([100, 200, 300, 400]) };

  it("a gene table for chromosome 21 is refused, naming both chromosome sets", () => {
    const table = "GENE,CHR,N_SNPS,start_idx_chr\nA,21,2,0\nB,21,2,2\n";
    expect(() => annotateGenes(table, "genes_21.csv", gwas)).toThrow(
      "genes_21.csv has genes on chromosome(s) 21 but gwas_22.tsv has variants on chromosome(s) 22: give the genes of the GWAS's chromosome(s)",
    );
  });

  it("a gene.loc with no gene on the GWAS's chromosome is refused; one with genes on several is mapped", () => {
    expect(() => annotateGenes("1 chr1 100 300 + A\n2 2 100 300 + B\n", "g.loc", gwas)).toThrow("g.loc has genes on chromosome(s) 1, 2 but gwas_22.tsv has variants on chromosome(s) 22");
    const ok = annotateGenes("1 1 100 300 + A\n2 22 100 300 + B\n", "g.loc", gwas);
    expect(ok.genes.map((g) => [g.gene, g.first, g.count])).toEqual([["B", 0, 3]]);
    expect(ok.dropped).toBe(1);
  });
});

describe("item 4: LD that is not a correlation matrix", () => {
  it.each([
    ["0.5 on the diagonal (text)", enc("0.5 0.1\n0.1 0.5\n"), "x.ld, line 1, column 1: the diagonal value is 0.5, but a correlation matrix has 1 on its diagonal (within 0.001)"],
    ["0.5 on a later diagonal (binary)", new Uint8Array(Float64Array.from([1, 0.1, 0.1, 0.5]).buffer), "x.ld: row 2, column 2: the diagonal value is 0.5"],
    ["all zero (text)", enc("0 0 0\n0 0 0\n0 0 0\n"), "x.ld, line 1, column 1: the diagonal value is 0, but a correlation matrix has 1 on its diagonal (within 0.001) (is the matrix all zero?)"],
    ["all zero (binary)", new Uint8Array(72), "x.ld: row 1, column 1 is 0 as float64 and 0 as float32, but a correlation matrix has 1 on its diagonal: not a plink binary LD matrix (is the matrix all zero?)"],
    ["all zero (gzipped)", new Uint8Array(gzipSync(new Uint8Array(72))), "(is the matrix all zero?)"],
    ["|r| > 1", enc("1 1.2\n1.2 1\n"), "x.ld, line 1, column 2: 1.2 is not a correlation (outside [-1, 1])"],
    ["not symmetric", enc("1 0.5\n0.4 1\n"), "x.ld: the matrix is not symmetric: row 1, column 2 is 0.5 but row 2, column 1 is 0.4"],
  ])("%s is refused", async (_, bytes, message) => {
    await expect(readLdMatrix(bytes, "x.ld")).rejects.toThrow(message);
  });

  it("the whole-chromosome reader refuses a diagonal that is not 1 too", async () => {
    await expect(readLdBand(enc("1 0 0\n0 0.9 0\n0 0 1\n"), "c.ld", { width: 2 })).rejects.toThrow("c.ld, line 2, column 2: the diagonal value is 0.9");
  });

  it("a block with a clearly negative eigenvalue gets a warning naming it and its smallest eigenvalue; a definite one none", async () => {
    const core = await getCore();
    const bad = await readLdMatrix(enc(INDEFINITE), "block7.ld");
    const ar1 = await readLdMatrix(enc("1 0.6 0.36\n0.6 1 0.6\n0.36 0.6 1\n"), "block8.ld");
    expect(choleskyShifted(core, ar1.data, 3, 0)).toBe(true);
    expect(choleskyShifted(core, bad.data, 3, 0.01)).toBe(false);
    const w = indefiniteBlockWarnings(core, [ar1, bad]);
    expect(w).toEqual([
      "LD block block7.ld (3 variants) is not positive semi-definite: its smallest eigenvalue is -0.8000; gene tests on it may be wrong (use LD from the GWAS sample or a larger reference panel)",
    ]);
    // rounding: a PSD block rounded to 2 decimals is not reported
    expect(indefiniteBlockWarnings(core, [await readLdMatrix(enc("1 0.99 0.98\n0.99 1 0.99\n0.98 0.99 1\n"), "r.ld")])).toEqual([]);
  });

  it("the warning reaches a run's warnings (loadRunInputs, which the pipeline lists first in run.json and the report)", async () => {
    writeFileSync(join(dir, "g.tsv"), "CHR\tPOS\tBETA\tSE\n22\t100\t0.1\t0.05\n22\t200\t0.2\t0.05\n22\t300\t-0.1\t0.05\n");
    writeFileSync(join(dir, "b.ld"), INDEFINITE);
    const inputs = await loadRunInputs(nodeFiles, { gwas: [{ name: "T1", file: join(dir, "g.tsv") }], ld: [join(dir, "b.ld")] });
    expect(inputs.warnings).toContainEqual(expect.stringContaining(`LD block ${join(dir, "b.ld")} (3 variants) is not positive semi-definite: its smallest eigenvalue is -0.8000`));
  });
});

describe("item 11: a 2 GiB gzip bomb fails early, without filling memory", () => {
  const GiB2 = 2 ** 31;
  it.each([
    // (the bomb's repeated unit straddles its deflate blocks: the reader may stop first at a row cut there, which names the file too)
    ["a GWAS of repeated rows", "22\t0.1\t0.1\n", "CHR\tBETA\tSE\n", (s: ReadableStream<Uint8Array>) => readGwas(s, "bomb.tsv.gz"), "bomb.tsv.gz"],
    ["a GWAS of zeros", "", "CHR\tBETA\tSE\n", (s: ReadableStream<Uint8Array>) => readGwas(s, "bomb.tsv.gz"), "bomb.tsv.gz: the gzip data inflates to more than 200 times its compressed size"],
    ["a binary LD of zeros", "", "", (s: ReadableStream<Uint8Array>) => readLdMatrix(s, "bomb.ld.gz"), "bomb.ld.gz: row 1, column 1 is 0 as float64 and 0 as float32"],
    ["a binary LD of 1 then zeros", "", "\u0000\u0000\u0000\u0000\u0000\u0000\u00f0?", (s: ReadableStream<Uint8Array>) => readLdMatrix(s, "bomb.ld.gz"), "bomb.ld.gz: the gzip data inflates to more than 200 times its compressed size"],
    ["a text LD line without end", "0 ", "1 0 ", (s: ReadableStream<Uint8Array>) => readLdMatrix(s, "bomb.ld.gz"), "bomb.ld.gz: the gzip data inflates to more than 200 times its compressed size"],
    ["a text LD of blank lines", "\n", "", (s: ReadableStream<Uint8Array>) => readLdMatrix(s, "bomb.ld.gz"), "bomb.ld.gz: the gzip data inflates to more than 200 times its compressed size"],
    ["a whole-chromosome text LD of rows", "1 0 0 0\n", "", (s: ReadableStream<Uint8Array>) => readLdBand(s, "bomb.ld.gz", { width: 2 }), "bomb.ld.gz, line 2, column 2: the diagonal value is 0"],
  ])("%s", async (_, unit, head, read, message) => {
    const bomb = gzipBomb(unit, GiB2, head);
    const rss0 = process.memoryUsage().rss;
    const err = await Promise.resolve(read(bomb.stream)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain(message);
    // at most 200 of its 2048 MiB were inflated, and memory grew by less than 1 GB
    expect(bomb.pulled()).toBeLessThan(200);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(1e9);
  });
});

describe("item 17: bytes that are not UTF-8 in an ID", () => {
  const gwas: VariantPositions = { source: "g.tsv", n: 4, chr: ["22", "22", "22", "22"], pos: Float64Array.from([100, 200, 300, 400]) };
  const latin1 = (s: string) => new TextDecoder().decode(Uint8Array.from([...s].map((c) => c.charCodeAt(0))));

  it.each([
    ["a gene table", "genes.csv", "GENE,CHR,N_SNPS,start_idx_chr\nA,22,2,0\nG\u00e9ne,22,2,2\n", "line 3: bytes that are not UTF-8 (shown as U+FFFD) at character 2"],
    ["a gene.loc", "genes.loc", "1 22 100 200 + A\n2 22 300 400 + G\u00e9ne\n", "line 2: bytes that are not UTF-8 (shown as U+FFFD) at character 17"],
    ["a BED", "genes.bed", "chr22\t99\t200\tA\nchr22\t299\t400\tG\u00e9ne\n", "line 2: bytes that are not UTF-8 (shown as U+FFFD) at character 16"],
  ])("in %s (Latin-1 é) is refused with file, line and column", (_, source, text, where) => {
    expect(() => annotateGenes(latin1(text), source, gwas)).toThrow(`${source}, ${where}: names would not be kept as written; save the file as UTF-8 (or plain ASCII)`);
    // the same names written in UTF-8 are kept as written
    expect(annotateGenes(text, source, gwas).genes.map((g) => g.gene)).toContain("Géne");
  });
});

describe("item 20 and pickles that run code: .model archives", () => {
  it("a zip entry claiming 1 GiB is refused by name before it is inflated", () => {
    const zip = zipSync({ "m/data.pkl": new Uint8Array(1000) }, { level: 9 });
    const dv = new DataView(zip.buffer, zip.byteOffset);
    // uncompressed size: local header (offset 22) and central directory entry (offset 24)
    dv.setUint32(22, 2 ** 30, true);
    const central = zip.findIndex((_, i) => dv.getUint32(i, true) === 0x02014b50);
    dv.setUint32(central + 24, 2 ** 30, true);
    const ab0 = process.memoryUsage().arrayBuffers;
    expect(() => readTorchModel(zip, "huge.model")).toThrow(
      `huge.model: archive entry 'm/data.pkl' claims 1073741824 bytes (1073741824 in all so far), more than the ${MAX_MODEL_ENTRY_BYTES} (268435456 in all) a model file can need: refused before reading it`,
    );
    expect(process.memoryUsage().arrayBuffers - ab0).toBeLessThan(64 * 1024 * 1024);
  });

  /** A protocol-2 pickle calling `module.name(arg)` by GLOBAL, or by STACK_GLOBAL (protocol 4). */
  function callPickle(module: string, name: string, arg: string, stack: boolean): Uint8Array {
    const s = (t: string) => [0x8c, enc(t).length, ...enc(t)];
    const fn = stack ? [...s(module), ...s(name), 0x93] : [0x63, ...enc(`${module}\n${name}\n`)];
    return Uint8Array.from([0x80, stack ? 4 : 2, ...fn, ...s(arg), 0x85, 0x52, 0x2e]);
  }

  const cases = [
    ["os.system by GLOBAL", "os", "system", false],
    ["posix.system by STACK_GLOBAL", "posix", "system", true],
    ["builtins.eval by STACK_GLOBAL", "builtins", "eval", true],
    ["builtins.eval by GLOBAL", "builtins", "eval", false],
  ] as const;
  /** Each case's pickle: its call would create the file `marker`. */
  const evil = cases.map(([what, module, name, stack]) => {
    const marker = join(dir, `ran-${module}-${name}-${stack}`);
    const payload = name === "eval" ? `open(${JSON.stringify(marker)}, "w").close()` : `touch ${marker}`;
    return { what, module, name, marker, pkl: callPickle(module, name, payload, stack) };
  });

  it.each(evil)("$what is refused by name, and nothing runs", ({ module, name, marker, pkl }) => {
    const zip = zipSync({ "m/data.pkl": pkl });
    expect(() => readTorchModel(zip, "evil.model")).toThrow(`evil.model: unsupported pickle global '${module}.${name}' (only PyTorch state dicts of tensors can be read)`);
    expect(existsSync(marker)).toBe(false);
  });

  it("those pickles are working ones: Python's own pickle runs each (when python3 is here)", () => {
    const files = evil.map((e, i) => {
      const f = join(dir, `evil${i}.pkl`);
      writeFileSync(f, e.pkl);
      return f;
    });
    try {
      execFileSync("python3", ["-c", "import pickle,sys\nfor f in sys.argv[1:]: pickle.loads(open(f,'rb').read())", ...files], { stdio: "ignore" });
    } catch {
      return; // no python3: the refusal above is still tested
    }
    for (const e of evil) expect(existsSync(e.marker)).toBe(true);
  });
});

describe("item 21: a UTF-8 byte-order mark", () => {
  it("a text LD file starting with one is read as text, like the same file without", async () => {
    const text = "1 0.5\n0.5 1\n";
    const plain = await readLdMatrix(enc(text), "x.ld");
    const bom = await readLdMatrix(withBom(text), "x.ld");
    expect(Array.from(bom.data)).toEqual(Array.from(plain.data));
    expect(Array.from((await readLdMatrix(new Uint8Array(gzipSync(withBom(text))), "x.ld.gz")).data)).toEqual([1, 0.5, 0.5, 1]);
    expect((await readLdBand(withBom(text), "x.ld", { width: 2 })).n).toBe(2);
  });

  it("every other text reader skips it: GWAS, gene tables, gene.loc, numeric tables, LD lists", async () => {
    const g = await readGwas(withBom("CHR\tBETA\tSE\n22\t0.5\t0.1\n"), "g.tsv");
    expect(g.chr).toEqual(["22"]);
    const dec = (b: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(b);
    const gwas: VariantPositions = { source: "g.tsv", n: 2, chr: ["22", "22"], pos: Float64Array.from([100, 200]) };
    expect(annotateGenes(dec(withBom("GENE,CHR,N_SNPS,start_idx_chr\nA,22,2,0\n")), "g.csv", gwas).genes[0].gene).toBe("A");
    expect(annotateGenes(dec(withBom("1 22 100 200 + A\n")), "g.loc", gwas).genes[0].count).toBe(2);
    expect(readTextTable(dec(withBom("GENE\tX\nA\t1\n")), "t.tsv").header).toEqual(["GENE", "X"]);
    expect(readNumericTable(dec(withBom("BETA\n0.5\n")), "t.tsv").header).toEqual(["BETA"]);
    expect(readLdList(dec(withBom("a.ld\nb.ld\n")))).toEqual(["a.ld", "b.ld"]);
  });
});
