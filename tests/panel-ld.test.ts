// `mlmages ld` end to end on the real 1000 Genomes panel: blocks from the shipped
// Berisa & Pickrell definitions, a user's BED and the DP split, each block's bin4
// equal to the panel LD (itself checked against plink in panel.test.ts) with its
// variants signed for A1; the cache reused, and a corrupted entry recomputed; the
// simulator's panel writer against the correlation of the dosages it wrote;
// blocks on worker threads, byte for byte those of one thread.
import "../src/node/wasm.js";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { blockTask, serialBlockLd, type BlockLdRunner } from "../src/core/panel/block-ld.js";
import { blocksFromRanges, parseBlockBed } from "../src/core/panel/blocks.js";
import { blockLd, openPanel, scanPanel } from "../src/core/panel/panel.js";
import { Rng } from "../src/core/random.js";
import { simBim, simFam, simulateBlockGenotypes, bedBody } from "../src/core/sim/panel.js";
import { DEFAULT_HAPLOTYPES } from "../src/core/sim/haplotypes.js";
import { getCore } from "../src/core/wasm/instance.js";
import { WorkerThreads } from "../src/node/cluster-workers.js";
import { nodeFiles } from "../src/node/file-provider.js";
import { packagePath } from "../src/node/package-root.js";

const run = promisify(execFile);
const cli = packagePath("bin", "mlmages.js");
const prefix = packagePath("tests", "data", "panel", "eur22");
const dir = mkdtempSync(join(tmpdir(), "mlmages-panel-ld-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const f32File = (p: string) => {
  const b = readFileSync(p);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
const ldJson = (out: string) => JSON.parse(readFileSync(join(out, "ld.json"), "utf8"));

/** The rows of a block's variants file (after its comment and header). */
function variantRows(out: string, k: number): string[][] {
  const lines = readFileSync(join(out, `block_${k}.variants.tsv`), "utf8").trim().split("\n");
  expect(lines[0]).toMatch(/^# r in block_\d+\.ld\.bin is signed for A1/);
  expect(lines[1]).toBe("CHR\tPOS\tID\tA1\tA2");
  return lines.slice(2).map((l) => l.split("\t"));
}

describe("mlmages ld", () => {
  it("writes the Berisa & Pickrell EUR block holding the panel, signed for the .bim's A1", async () => {
    const out = join(dir, "eur");
    await run(process.execPath, [cli, "ld", "--panel", prefix, "--out", out, "--blocks", "EUR", "--quiet"]);
    const rec = ldJson(out);
    expect(rec.blocks).toEqual({ method: "published", description: "Berisa & Pickrell (2016) EUR LD blocks, GRCh37", file: "Berisa.EUR.hg19.bed" });
    expect(rec.signedFor).toBe("A1");
    expect(readFileSync(join(out, "blocks.txt"), "utf8")).toBe("block_0.ld.bin\n"); // chr22:19,912,358-22,357,325 holds all 2608
    const rows = variantRows(out, 0);
    const bim = readFileSync(`${prefix}.bim`, "utf8").trim().split("\n").map((l) => l.split("\t"));
    expect(rows.length).toBe(2608);
    expect(rows[1]).toEqual([bim[1][0], bim[1][3], bim[1][1], bim[1][4], bim[1][5]]); // an A1-major variant keeps its .bim A1
    const r = f32File(join(out, "block_0.ld.bin"));
    const panel = await openPanel(nodeFiles, prefix);
    const ref = await blockLd(await getCore(), panel, Array.from({ length: 2608 }, (_, i) => i));
    expect(r.length).toBe(2608 * 2608);
    let d = 0;
    for (let i = 0; i < r.length; i += 97) d = Math.max(d, Math.abs(r[i] - Math.fround(ref[i])));
    expect(d).toBe(0);
  });

  it("takes a user's BED of blocks and counts the variants outside them", async () => {
    const bed = join(dir, "blocks.bed");
    writeFileSync(bed, "chr22\t20000000\t20300000\nchr22\t20300000\t20600000\n");
    const out = join(dir, "user");
    await run(process.execPath, [cli, "ld", "--panel", prefix, "--out", out, "--blocks", bed, "--maf", "0.05", "--quiet"]);
    const rec = ldJson(out);
    const bim = readFileSync(`${prefix}.bim`, "utf8").trim().split("\n").map((l) => Number(l.split("\t")[3]));
    const panel = await openPanel(nodeFiles, prefix);
    const scan = await scanPanel(await getCore(), panel, { maf: 0.05 });
    const kept = Array.from(scan.included);
    const inside = kept.filter((i) => bim[i] < 20600000).length;
    expect(rec.blocks.method).toBe("bed");
    expect(rec.dropped["outside every block"]).toBe(kept.length - inside);
    expect(rec.dropped["minor allele frequency below 0.05"]).toBe(2608 - kept.length);
    expect(rec.variantsInBlocks).toBe(inside);
    expect(variantRows(out, 0).every((row) => Number(row[1]) < 20300000)).toBe(true);
    expect(f32File(join(out, "block_1.ld.bin")).length).toBe(variantRows(out, 1).length ** 2);
  });

  it("splits the panel by its own LD, reuses the cache and recomputes a corrupted entry", async () => {
    const cache = join(dir, "cache");
    const a = join(dir, "split-a");
    const args = ["ld", "--panel", prefix, "--blocks", "split", "--avg-block-size", "400", "--ld-cache", cache, "--quiet", "--out"];
    await run(process.execPath, [cli, ...args, a]);
    const recA = ldJson(a);
    const k = recA.blockFiles.length;
    expect(recA.blocks.method).toBe("split");
    expect(k).toBeGreaterThan(2);
    expect(recA.blockFiles.reduce((s: number, b: { variants: number }) => s + b.variants, 0)).toBe(2608);
    expect(recA.cache).toMatchObject({ reused: 0, computed: k, rejected: 0 });
    const entry = join(cache, readdirSync(cache).filter((f) => f.endsWith(".ldc"))[0]);
    const bytes = readFileSync(entry);
    bytes[100] ^= 1;
    writeFileSync(entry, bytes);
    const b = join(dir, "split-b");
    await run(process.execPath, [cli, ...args, b]);
    expect(ldJson(b).cache).toMatchObject({ reused: k - 1, computed: 1, rejected: 1 });
    for (let i = 0; i < k; i++) expect(readFileSync(join(b, `block_${i}.ld.bin`)).equals(readFileSync(join(a, `block_${i}.ld.bin`)))).toBe(true);
  });

  it("computes the blocks on worker threads: the same bytes with --threads 1 and 3, cache entries included", async () => {
    const outs: string[] = [];
    for (const threads of ["1", "3"]) {
      const out = join(dir, `threads-${threads}`);
      await run(process.execPath, [cli, "ld", "--panel", prefix, "--blocks", "split", "--avg-block-size", "300", "--ld-cache", join(dir, `cache-t${threads}`), "--threads", threads, "--quiet", "--out", out]);
      outs.push(out);
    }
    const files = readdirSync(outs[0]).filter((f) => f !== "ld.json").sort();
    expect(files.filter((f) => f.endsWith(".ld.bin")).length).toBeGreaterThan(4);
    expect(readdirSync(outs[1]).filter((f) => f !== "ld.json").sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(outs[1], f)).equals(readFileSync(join(outs[0], f)))).toBe(true);
    const entries = readdirSync(join(dir, "cache-t1")).sort();
    expect(readdirSync(join(dir, "cache-t3")).sort()).toEqual(entries);
    for (const f of entries) expect(readFileSync(join(dir, "cache-t3", f)).equals(readFileSync(join(dir, "cache-t1", f)))).toBe(true);
  });

  it("hands blocks on in order from worker threads, r equal to this thread's", async () => {
    const core = await getCore();
    const panel = await openPanel(nodeFiles, prefix);
    const scan = await scanPanel(core, panel);
    const ranges = Array.from({ length: 7 }, (_, k) => scan.included.subarray(k * 300, Math.min(scan.included.length, (k + 1) * 300 + 50 * k)));
    const setup = { keep: panel.keep, stride: panel.layout.stride, want: "both" as const };
    const collect = async (runner: BlockLdRunner) => {
      const got: { k: number; r: Float64Array; bin4: Uint8Array }[] = [];
      await runner(setup, ranges.length, (k) => blockTask(panel, ranges[k]), async (k, res) => void got.push({ k, r: res.r!.slice(), bin4: res.bin4!.slice() }));
      return got;
    };
    const serial = await collect(serialBlockLd(core));
    const threaded = await collect(new WorkerThreads(3).blockLd);
    expect(threaded.map((b) => b.k)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (let k = 0; k < ranges.length; k++) {
      const bytes = (r: Float64Array) => Buffer.from(r.buffer, r.byteOffset, r.byteLength);
      expect(bytes(threaded[k].r).equals(bytes(serial[k].r))).toBe(true);
      expect(Buffer.from(threaded[k].bin4).equals(Buffer.from(serial[k].bin4))).toBe(true);
      expect(threaded[k].r.length).toBe(ranges[k].length ** 2);
    }
    expect(Array.from(serial[2].r.subarray(0, 50))).toEqual(Array.from((await blockLd(core, panel, ranges[2])).subarray(0, 50)));
  });

  it("refuses blocks that hold no panel variant, naming the build", async () => {
    const out = join(dir, "none");
    const bed = join(dir, "chr1.bed");
    writeFileSync(bed, "chr1\t1\t1000\n");
    const e = await run(process.execPath, [cli, "ld", "--panel", prefix, "--out", out, "--blocks", bed, "--quiet"]).catch((x) => x);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/no panel variant falls in the blocks of .*chr1\.bed: check the chromosome names and the genome build/);
  });
});

describe("blocks", () => {
  it("assigns variants half-open to the shipped block ranges", async () => {
    const panel = await openPanel(nodeFiles, prefix);
    const all = Int32Array.from({ length: 2608 }, (_, i) => i);
    const pos = panel.variants.pos;
    const cut = pos[1000];
    const b = blocksFromRanges(panel, all, parseBlockBed(`chr start stop\nchr22 \t ${pos[0]} \t ${cut}\nchr22 \t ${cut} \t ${pos[2607]}\n`, "x.bed"), { method: "bed", description: "x" });
    expect(b.blocks.map((x) => x.length)).toEqual([1000, 1607]);
    expect(b.dropped).toEqual({ "outside every block": 1 }); // the last variant sits at the last stop
  });
});

describe("simulated panel writer", () => {
  it("writes .bed calls whose LD is the correlation of the simulated dosages", async () => {
    const n = 37;
    const m = 40;
    const dose = simulateBlockGenotypes(m, n, DEFAULT_HAPLOTYPES, new Rng(5));
    const p = join(dir, "sim");
    writeFileSync(`${p}.bed`, Buffer.concat([Buffer.from([0x6c, 0x1b, 0x01]), bedBody(dose, n)]));
    writeFileSync(`${p}.bim`, simBim("1", Array.from({ length: m }, (_, j) => 100 + j)));
    writeFileSync(`${p}.fam`, simFam(n));
    const panel = await openPanel(nodeFiles, p);
    const core = await getCore();
    const scan = await scanPanel(core, panel);
    const idx = Array.from(scan.included);
    const r = await blockLd(core, panel, idx);
    let worst = 0;
    for (let a = 0; a < idx.length; a++) {
      for (let b = 0; b < idx.length; b++) {
        const x = Array.from({ length: n }, (_, i) => dose[idx[a] * n + i]);
        const y = Array.from({ length: n }, (_, i) => dose[idx[b] * n + i]);
        const mx = x.reduce((s, v) => s + v, 0) / n;
        const my = y.reduce((s, v) => s + v, 0) / n;
        let sxy = 0, sxx = 0, syy = 0;
        for (let i = 0; i < n; i++) {
          sxy += (x[i] - mx) * (y[i] - my);
          sxx += (x[i] - mx) ** 2;
          syy += (y[i] - my) ** 2;
        }
        worst = Math.max(worst, Math.abs(r[a * idx.length + b] - sxy / Math.sqrt(sxx * syy)));
      }
    }
    expect(idx.length).toBeGreaterThan(20);
    expect(worst).toBeLessThan(1e-12);
  });
});
