// LD block splitting: the published split reproduces blocks_perf_avg1000.csv and
// the DP split finds every true edge of the 8337-variant chromosome made of the
// two dev blocks repeated 7 times (streamed, never held whole); the DP optimum
// against brute force; the banded reader against the full reader and on
// malformed input; `mlmages blocks` end to end.
import "../src/node/wasm.js";
import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { crossMass } from "../src/core/blocks/cross-mass.js";
import { checkpointEvery, dpSplitWith } from "../src/core/blocks/dp-split.js";
import { formatLdText } from "../src/core/blocks/ld-text.js";
import { PublishedSplitSums, publishedSplit } from "../src/core/blocks/published-split.js";
import { splitBlocks } from "../src/core/blocks/split.js";
import { InputError } from "../src/core/errors.js";
import { cutBand, readLdBand, type LdBand } from "../src/core/io/ld-band.js";
import { readLdList, readLdMatrix, resolveRelative } from "../src/core/io/ld.js";
import { getCore } from "../src/core/wasm/instance.js";
import { fileStream } from "../src/node/files.js";
import { expandLdArgs, readLdFiles } from "../src/node/ld-files.js";
import { packagePath } from "../src/node/package-root.js";
import { describeWith, itWith, SHARED } from "./helpers/requirements.js";
import { readCsvColumns, sharedPath } from "./helpers/shared.js";
import { testDir } from "./helpers/tmp.js";

const run = promisify(execFile);
const cli = packagePath("bin", "mlmages.js");
const dir = testDir("blocks");
const enc = (s: string) => new TextEncoder().encode(s);

/** The dev LD blocks as text rows (tokens as written) and as numbers. */
function devBlockRows(): string[][][] {
  const list = sharedPath("oracle/dev/input/ld_blocks.txt");
  return readLdList(readFileSync(list, "utf8")).map((e) =>
    readFileSync(resolveRelative(list, e), "utf8")
      .trim()
      .split("\n")
      .map((l) => l.trim().split(/\s+/)),
  );
}

const REPEATS = 7;
/** The dev blocks' rows, true block sizes along the chromosome (603, 588, 603, 588, ...), their sum and edges; read in beforeAll. */
let BLOCKS: string[][][];
let SIZES: number[];
let N: number;
let TRUE_EDGES: number[];
function readDevBlocks(): void {
  BLOCKS = devBlockRows();
  SIZES = Array.from({ length: 2 * REPEATS }, (_, k) => BLOCKS[k % 2].length);
  N = SIZES.reduce((a, b) => a + b, 0);
  TRUE_EDGES = SIZES.reduce((acc, s) => [...acc, acc[acc.length - 1] + s], [0]);
}

/**
 * The block-diagonal chromosome as plink square text, generated row by row
 * (zeros written as np.savetxt writes them); about 600 MB, never in memory whole.
 */
function chromosomeStream(): ReadableStream<Uint8Array> {
  const zero = enc("0.000000 ");
  const zeros = new Uint8Array(zero.length * N);
  for (let k = 0; k < N; k++) zeros.set(zero, k * zero.length);
  const rows = BLOCKS.map((b) => b.map((r) => enc(r.join(" ") + " ")));
  let k = 0;
  let a = 0;
  let off = 0;
  return new ReadableStream({
    pull(c) {
      if (k === SIZES.length) {
        c.close();
        return;
      }
      const row = rows[k % 2][a];
      const after = N - off - SIZES[k];
      const out = new Uint8Array(off * zero.length + row.length + after * zero.length);
      out.set(zeros.subarray(0, off * zero.length));
      out.set(row, off * zero.length);
      out.set(zeros.subarray(0, after * zero.length), off * zero.length + row.length);
      out[out.length - 1] = 0x0a;
      c.enqueue(out);
      if (++a === SIZES[k]) {
        off += SIZES[k++];
        a = 0;
      }
    },
  });
}

/** Σ r² over pairs of the chromosome split apart by `bounds`, from the dev blocks directly. */
function expectedCross(bounds: number[]): number {
  const nums = BLOCKS.map((b) => b.map((r) => r.map(Number)));
  const label = new Int32Array(N);
  bounds.forEach((b, k) => label.fill(k, b, bounds[k + 1]));
  const blockOf = (i: number) => label[i];
  let s = 0;
  SIZES.forEach((size, k) => {
    const lb = TRUE_EDGES[k];
    const m = nums[k % 2];
    for (let a = 0; a < size; a++) for (let b = a + 1; b < size; b++) if (blockOf(lb + a) !== blockOf(lb + b)) s += m[a][b] ** 2;
  });
  return s;
}

describeWith(SHARED)("the 8337-variant chromosome (dev blocks 7 times, streamed)", () => {
  beforeAll(readDevBlocks);

  it("published split reproduces blocks_perf_avg1000.csv and misses the true edges by up to 86 variants", async () => {
    const s = await splitBlocks(chromosomeStream(), "chromosome.ld", { avgBlockSize: 1000, method: "published" });
    const ref = readCsvColumns("oracle/dev/reference/blocks_perf_avg1000.csv");
    expect(s.n).toBe(8337);
    expect(s.bounds).toEqual([...ref.block_lb.map(Number), 8337]);
    expect(s.bounds.slice(1)).toEqual(ref.block_ub.map(Number));
    expect(s.blocks.map((b) => b.n)).toEqual(ref.block_size.map(Number));
    const miss = Math.max(...s.bounds.map((b) => Math.min(...TRUE_EDGES.map((e) => Math.abs(b - e)))));
    expect(miss).toBe(86);
    expect(s.crossMass).toBeGreaterThan(100);
    expect(Math.abs(s.crossMass - expectedCross(s.bounds))).toBeLessThan(1e-9 * s.totalMass);
  });

  it("DP split finds exactly the true edges, cross-block r² mass 0", async () => {
    const s = await splitBlocks(chromosomeStream(), "chromosome.ld", { avgBlockSize: 1000 });
    expect(s.method).toBe("dp");
    expect(s.bounds).toEqual(TRUE_EDGES);
    expect(s.crossMass).toBe(0);
    expect(s.targetBlocks).toBe(8);
    // every K from 7 (pairs merged) to 14 costs nothing; the 15th block does
    const tol = 1e-9 * s.totalMass;
    for (let k = 7; k <= 14; k++) expect(s.costs![k]).toBeLessThan(tol);
    expect(s.costs![15]).toBeGreaterThan(1);
    expect(Number.isNaN(s.costs![4])).toBe(true);
    // the blocks are the dev blocks, values as written
    s.blocks.forEach((b, k) => {
      const src = BLOCKS[k % 2];
      expect(b.n).toBe(src.length);
      expect(b.data[5 * b.n + 17]).toBe(Number(src[5][17]));
    });
  });
});

/** A random symmetric matrix with ones on the diagonal, as text with 6 decimals. */
function randomLdText(n: number, seed: number): { text: string; r: number[][] } {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const r = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    r[i][i] = 1;
    for (let j = i + 1; j < n; j++) r[i][j] = r[j][i] = Number((rnd() * Math.exp(-Math.abs(i - j) / 3)).toFixed(6));
  }
  return { text: r.map((row) => row.map((v) => v.toFixed(6)).join(" ")).join("\n") + "\n", r };
}

/** A random band of width w (r decaying with distance, with a few larger values), as an LdBand. */
function randomBand(n: number, w: number, seed: number): LdBand {
  let x = seed;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const data = new Float64Array(n * w);
  for (let i = 0; i < n; i++) {
    data[i * w] = 1;
    for (let d = 1; d < w && i + d < n; d++) data[i * w + d] = rnd() < 0.03 ? 0.25 : (rnd() * 2 - 1) * Math.exp(-d / 8);
  }
  return { source: "r.ld", n, width: w, data, outsideR2: 0.5 };
}

/**
 * The programme with its whole (n/minSize) x n table, in plain loops (the
 * split before the window, as a reference): best[k][j] = max_i best[k-1][i] +
 * M([i, j)), the first maximising i, M grown by suffix sums in the kernel's order.
 */
function wholeTableSplit(band: LdBand, avg: number, minSize: number, maxSize: number): { costs: number[]; bounds: number[] } {
  const { n, width, data } = band;
  let total = 0;
  for (let i = 0; i < n; i++) for (let d = 1; d < Math.min(width, n - i); d++) total += data[i * width + d] * data[i * width + d];
  total += band.outsideR2;
  const kMin = Math.ceil(n / maxSize);
  const kMax = Math.floor(n / minSize);
  const best = Array.from({ length: kMax + 1 }, () => new Array<number>(n + 1).fill(-Infinity));
  const arg = Array.from({ length: kMax + 1 }, () => new Array<number>(n + 1).fill(-1));
  best[0][0] = 0;
  const w = new Array<number>(n + 1).fill(0);
  for (let j = 1; j <= n; j++) {
    const lo = Math.max(0, j - maxSize);
    let acc = 0;
    for (let i = j - 2; i >= lo; i--) {
      acc += data[i * width + (j - 1 - i)] * data[i * width + (j - 1 - i)];
      w[i] += acc;
    }
    for (let k = Math.max(1, Math.ceil(j / maxSize)); k <= Math.min(kMax, Math.floor(j / minSize)); k++) {
      for (let i = Math.max(j - maxSize, (k - 1) * minSize); i <= Math.min(j - minSize, (k - 1) * maxSize); i++) {
        if (best[k - 1][i] + w[i] > best[k][j]) {
          best[k][j] = best[k - 1][i] + w[i];
          arg[k][j] = i;
        }
      }
    }
  }
  const costs = Array.from({ length: kMax + 1 }, (_, k) => (k >= kMin && best[k][n] > -Infinity ? Math.max(0, total - best[k][n]) : NaN));
  const k0 = Math.min(kMax, Math.max(kMin, Math.round(n / avg)));
  let chosen = k0;
  for (let k = k0 + 1; k <= kMax; k++) if (costs[k] <= costs[k0] + 1e-9 * total) chosen = k;
  const bounds = [n];
  for (let k = chosen, j = n; k > 0; k--) bounds.unshift((j = arg[k][j]));
  return { costs, bounds };
}

describe("DP split", () => {
  it("gives the least cross-block Σr² for every number of blocks (brute force over all splits)", async () => {
    const n = 13;
    const minSize = 2;
    const maxSize = 5;
    const { text, r } = randomLdText(n, 7);
    const band = await readLdBand(enc(text), "r.ld", { width: maxSize });
    const dp = dpSplitWith(await getCore(), band, { avgBlockSize: 4, minSize, maxSize });
    const best = new Map<number, number>();
    const walk = (at: number, bounds: number[]) => {
      if (at === n) {
        let s = 0;
        const blk = (i: number) => bounds.findIndex((b, k) => i >= b && i < bounds[k + 1]);
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (blk(i) !== blk(j)) s += r[i][j] ** 2;
        const k = bounds.length - 1;
        best.set(k, Math.min(best.get(k) ?? Infinity, s));
        return;
      }
      for (let m = minSize; m <= maxSize && at + m <= n; m++) walk(at + m, [...bounds, at + m]);
    };
    walk(0, [0]);
    for (let k = 0; k < dp.costs.length; k++) {
      if (best.has(k)) expect(Math.abs(dp.costs[k] - best.get(k)!)).toBeLessThan(1e-9);
      else expect(Number.isNaN(dp.costs[k])).toBe(true);
    }
    // target round(13 / 4) = 3; its own optimum is taken unless more blocks cost no more
    expect(dp.targetBlocks).toBe(3);
    expect(dp.bounds.length - 1).toBe(3);
    expect(Math.abs(crossMass(band, dp.bounds) - best.get(3)!)).toBeLessThan(1e-9);
  });

  it("equals the whole-table programme (every K's cost, the traced split) across several saved windows", async () => {
    const core = await getCore();
    for (const [n, minSize, maxSize, avg, seed] of [
      [400, 5, 40, 20, 3],
      [457, 30, 40, 35, 5],
      [300, 1, 25, 10, 9],
    ]) {
      const band = randomBand(n, maxSize, seed);
      expect(n / checkpointEvery(n, maxSize)).toBeGreaterThan(2);
      const dp = dpSplitWith(core, band, { avgBlockSize: avg, minSize, maxSize });
      const ref = wholeTableSplit(band, avg, minSize, maxSize);
      expect(Array.from(dp.costs)).toEqual(ref.costs);
      expect(dp.bounds).toEqual(ref.bounds);
    }
  });

  it("splits ~60 000 variants into blocks of 90-100 in a few MB, where the whole table would take 480 MB", async () => {
    const core = await getCore();
    // block-diagonal LD: r = 0.5^(d/10) within blocks of 90..100 variants, 0 across
    let x = 17;
    const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const edges = [0];
    while (edges[edges.length - 1] < 60000) edges.push(edges[edges.length - 1] + 90 + Math.floor(rnd() * 11));
    const n = edges[edges.length - 1];
    const width = 100;
    const data = new Float64Array(n * width);
    for (let b = 0; b + 1 < edges.length; b++) {
      for (let i = edges[b]; i < edges[b + 1]; i++) for (let j = i; j < edges[b + 1]; j++) data[i * width + (j - i)] = 0.5 ** ((j - i) / 10);
    }
    const band: LdBand = { source: "big.ld", n, width, data, outsideR2: 0 };
    const blocks = edges.length - 1;
    const memory0 = core.memory.buffer.byteLength;
    const dp = dpSplitWith(core, band, { avgBlockSize: n / blocks, minSize: 90, maxSize: 100 });
    expect(dp.bounds).toEqual(edges);
    expect(dp.costs[blocks]).toBe(0);
    const wholeTable = (Math.floor(n / 90) + 1) * (n + 1) * 12;
    expect(wholeTable).toBeGreaterThan(480e6);
    // O(n·W): the window, the saved windows and one segment's arg-max, well within the band's own n·W doubles
    expect(dp.workBytes).toBeLessThan(wholeTable / 20);
    expect(dp.workBytes).toBeLessThan(n * width * 8);
    expect(core.memory.buffer.byteLength - memory0).toBeLessThan(64 * 2 ** 20);
  });

  it("is one block when the matrix is smaller than the minimum block, and refuses impossible sizes", async () => {
    const { text } = randomLdText(6, 3);
    const band = await readLdBand(enc(text), "r.ld", { width: 6 });
    const core = await getCore();
    expect(dpSplitWith(core, band, { avgBlockSize: 100, minSize: 20, maxSize: 200 }).bounds).toEqual([0, 6]);
    expect(() => dpSplitWith(core, band, { avgBlockSize: 4, minSize: 4, maxSize: 5 })).toThrow(/cannot be split into blocks of 4 to 5/);
  });
});

describe("published split pieces", () => {
  it("anti-diagonal and outer sums equal their definitions", async () => {
    const n = 9;
    const { r } = randomLdText(n, 11);
    const sums = new PublishedSplitSums(n);
    r.forEach((row, i) => sums.addRow(i, Float64Array.from(row)));
    for (let k = 0; k < 2 * n - 1; k++) {
      let v = 0;
      for (let i = 0; i < n; i++) if (k - i >= 0 && k - i < n) v += r[i][k - i];
      expect(sums.antiDiagonal[k]).toBeCloseTo(v, 12);
    }
    for (let t = 0; t < n; t++) {
      let os = 0;
      for (let i = 0; i < t; i++) for (let j = t + 1; j < n; j++) os += r[i][j];
      expect(sums.outer[t]).toBeCloseTo(os, 12);
    }
    // too few variants for any breakpoint: one block (the published code loops for ever here)
    expect(publishedSplit(sums, 1000)).toEqual([0, n]);
  });
});

describe("banded reader", () => {
  const devLdGz = "oracle/dev/input/chr22_full.ld.gz";

  itWith(SHARED)("equals the full reader on the dev gzipped matrix, inside and outside the band", async () => {
    const gz = readFileSync(sharedPath(devLdGz));
    const full = await readLdMatrix(new Uint8Array(gz), "full");
    const w = 300;
    const rows: number[] = [];
    const band = await readLdBand(fileStream(sharedPath(devLdGz)), "chr22_full.ld.gz", { width: w, onRow: (i, row) => rows.push(i + row.length) });
    const n = full.n;
    expect(band.n).toBe(1191);
    expect(band.width).toBe(w);
    expect(rows).toEqual(Array.from({ length: n }, (_, i) => i + n));
    let outside = 0;
    let differ = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        if (j - i >= w) outside += full.data[i * n + j] ** 2;
        else if (!Object.is(band.data[i * w + j - i], full.data[i * n + j])) differ++;
      }
    }
    expect(differ).toBe(0);
    expect(band.outsideR2).toBeCloseTo(outside, 10);
    const wide = await readLdBand(new Uint8Array(gz), "full", { width: 5000 });
    expect(wide.width).toBe(n);
    const [a, b] = cutBand(wide, [0, 603, 1191]);
    const files = await readLdFiles(await expandLdArgs([sharedPath("oracle/dev/input/ld_blocks.txt")]));
    expect(a.data).toEqual(files[0].data);
    expect(b.data).toEqual(files[1].data);
    expect(() => cutBand(band, [0, 603, 1191])).toThrow(/more than the band width 300/);
  });

  it("reads tabs, commas, CRLF, exponents and long decimals as the full reader does", async () => {
    const { text } = randomLdText(40, 9);
    const rows = text.trim().split("\n").map((l) => l.split(" "));
    rows[3][7] = rows[7][3] = "1.5e-03";
    rows[5][6] = rows[6][5] = "-0.12345678901234567";
    const variants = [rows.map((r) => r.join("\t")).join("\r\n") + "\r\n", rows.map((r) => r.join(",")).join("\n"), rows.map((r) => " " + r.join("  ") + " ").join("\n") + "\n\n"];
    for (const t of variants) {
      const full = await readLdMatrix(enc(t), "t.ld");
      const band = await readLdBand(enc(t), "t.ld", { width: 40 });
      const [block] = cutBand(band, [0, 40]);
      expect(block.data).toEqual(full.data);
      expect(block.data[3 * 40 + 7]).toBe(0.0015);
      expect(block.data[6 * 40 + 5]).toBe(-0.12345678901234567);
    }
  });

  itWith(SHARED)("reads square binary (float64 and float32) given the byte length", async () => {
    const full = await readLdMatrix(new Uint8Array(readFileSync(sharedPath(devLdGz))), "full");
    const bin = new Uint8Array(full.data.buffer.slice(0));
    const bin4 = new Uint8Array(Float32Array.from(full.data).buffer);
    const stream = (bytes: Uint8Array) => new ReadableStream<Uint8Array>({ start(c) { for (let at = 0; at < bytes.length; at += 100_003) c.enqueue(bytes.subarray(at, at + 100_003)); c.close(); } });
    const b8 = await readLdBand(stream(bin), "x.bin", { width: 50, byteLength: bin.length });
    const b4 = await readLdBand(stream(bin4), "x.bin4", { width: 50, byteLength: bin4.length });
    expect(b8.data[10 * 50 + 3]).toBe(full.data[10 * 1191 + 13]);
    expect(b4.data[10 * 50 + 3]).toBe(Math.fround(full.data[10 * 1191 + 13]));
    await expect(readLdBand(stream(bin), "x.bin", { width: 50 })).rejects.toThrow(/needs its byte length/);
    await expect(readLdBand(gzipSync(bin.subarray(0, 8 * 16)), "x.bin.gz", { width: 2 })).rejects.toThrow(/gunzip it first/);
    await expect(readLdBand(bin.subarray(0, 1000), "x.bin", { width: 2 })).rejects.toThrow(/neither n x n float64/);
  });

  const identity = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? "1" : "0")));
  const text = (rows: string[][]) => rows.map((r) => r.join(" ")).join("\n") + "\n";
  const failure = async (t: string, width = 2): Promise<InputError> => {
    try {
      await readLdBand(enc(t), "bad.ld", { width });
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return e as InputError;
    }
    throw new Error("no error");
  };

  it.each([
    ["a short row", (m: string[][]) => m[2].pop(), 3, undefined, /row has 4 values but the first row has 5: the matrix is not square/],
    ["a long row", (m: string[][]) => m[1].push("0"), 2, undefined, /row has more than 5 values/],
    ["a missing row", (m: string[][]) => m.pop(), undefined, undefined, /4 rows of 5 values: the matrix is not square/],
    ["an extra row", (m: string[][]) => m.push(["0", "0", "0", "0", "1"]), 6, undefined, /more rows than the 5 columns/],
    ["nan", (m: string[][]) => (m[3][1] = "nan"), 4, 2, /'nan' is not a finite number \(plink writes nan/],
    ["a word", (m: string[][]) => (m[3][1] = "0.1x"), 4, 2, /'0.1x' is not a finite number/],
    ["a value past 1", (m: string[][]) => (m[0][4] = m[4][0] = "1.5"), 1, 5, /1.5 is not a correlation/],
    ["asymmetry inside the band", (m: string[][]) => (m[3][2] = "0.5"), 4, 3, /not symmetric: row 4, column 3 is 0.5 but row 3, column 4 is 0/],
    ["asymmetry outside the band", (m: string[][]) => (m[4][0] = "0.5"), undefined, undefined, /not symmetric: row 1 beyond column 2 sums to 0 but column 1 below row 2 sums to 0.5/],
  ])("rejects %s with its position", async (_, edit, line, column, message) => {
    const m = identity(5);
    edit(m);
    const e = await failure(text(m));
    expect(e.message).toMatch(message);
    expect(e.file).toBe("bad.ld");
    expect(e.line).toBe(line);
    expect(e.column).toBe(column);
  });

  it("rejects an empty file and truncated gzip", async () => {
    expect((await failure("")).message).toMatch(/empty/);
    expect((await failure("\n \n")).message).toMatch(/empty/);
    const z = gzipSync(enc(randomLdText(300, 5).text));
    await expect(readLdBand(z.subarray(0, z.length >> 1), "t.ld.gz", { width: 5 })).rejects.toThrow(/t\.ld\.gz: truncated or corrupt gzip data/);
  });
});

describe("mlmages blocks", () => {
  itWith(SHARED)("writes the blocks, their list, table and split summary; the list reads back as the dev blocks", async () => {
    const file = join(dir, "chr.ld.gz");
    writeFileSync(file, readFileSync(sharedPath("oracle/dev/input/chr22_full.ld.gz")));
    const out = join(dir, "dp");
    const { stdout } = await run("node", [cli, "blocks", "--quiet", "--ld", file, "--avg-block-size", "500", "--out", out]);
    const total = JSON.parse(readFileSync(join(out, "split.json"), "utf8")).total_r2;
    expect(total).toBeCloseTo(1471.2275430154946, 9);
    expect(stdout).toBe(`cross-block r2 mass: 0 (of ${total} in all)\n`);
    expect(readFileSync(join(out, "blocks.tsv"), "utf8")).toBe("idx\tlb\tub\tsize\n0\t0\t603\t603\n1\t603\t1191\t588\n");
    expect(readFileSync(join(out, "blocks.txt"), "utf8")).toBe("block_0.ld\nblock_1.ld\n");
    const split = JSON.parse(readFileSync(join(out, "split.json"), "utf8"));
    expect(split).toMatchObject({ method: "dp", n: 1191, blocks: 2, bounds: [0, 603, 1191], cross_r2: 0, min_size: 100, max_size: 1000, target_blocks: 2 });
    const got = await readLdFiles(await expandLdArgs([join(out, "blocks.txt")]));
    const want = await readLdFiles(await expandLdArgs([sharedPath("oracle/dev/input/ld_blocks.txt")]));
    expect(got.map((b) => b.n)).toEqual([603, 588]);
    got.forEach((b, k) => expect(b.data).toEqual(want[k].data));
    // the published method on the same file; stale block files of the earlier split go
    writeFileSync(join(out, "block_7.ld"), "1\n");
    await run("node", [cli, "blocks", "--quiet", "--ld", file, "--avg-block-size", "500", "--method", "published", "--out", out]);
    expect(readFileSync(join(out, "blocks.tsv"), "utf8")).toBe("idx\tlb\tub\tsize\n0\t0\t421\t421\n1\t421\t689\t268\n2\t689\t995\t306\n3\t995\t1191\t196\n");
    expect(existsSync(join(out, "block_3.ld"))).toBe(true);
    expect(existsSync(join(out, "block_7.ld"))).toBe(false);
  });

  const full = () => readLdMatrix(new Uint8Array(readFileSync(sharedPath("oracle/dev/input/chr22_full.ld.gz"))), "full");
  const lines = async () => formatLdText(await full()).split("\n").slice(0, -1);

  itWith(SHARED).each([
    ["truncated", async () => (await lines()).slice(0, 900).join("\n") + "\n" + (await lines())[900].slice(0, 2000), /bad\.ld, line 901: row has \d+ values but the first row has 1191: the matrix is not square/],
    ["asymmetric", async () => (await lines()).map((l, i) => (i === 700 ? l.replace(/^(\S+ ){650}\S+/, (s) => s.replace(/\S+$/, "0.5")) : l)).join("\n") + "\n", /bad\.ld, line 701, column 651: the matrix is not symmetric/],
    ["not square", async () => (await lines()).slice(0, 1190).join("\n") + "\n", /bad\.ld: 1190 rows of 1191 values: the matrix is not square/],
  ])("fails on a %s matrix with a clear error, exit 1 and no outputs", async (_, make, message) => {
    const file = join(dir, "bad.ld");
    writeFileSync(file, await make());
    const out = join(dir, "bad-out");
    const res = await run("node", [cli, "blocks", "--ld", file, "--avg-block-size", "500", "--out", out]).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^mlmages: error: /);
    expect(res.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it("reports usage errors with exit 2", async () => {
    const res = await run("node", [cli, "blocks", "--ld", "x", "--out", join(dir, "u"), "--method", "best"]).catch((e) => e);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--method must be dp or published/);
  });
});
