// The plink 1 panel reader and genotype LD: correlations equal plink 1.9's
// `--r square bin --keep-allele-order` on a real 1000 Genomes panel whose A1 is
// the major allele for a third of the variants and which has missing calls
// (stored values, and Debian's plink1.9 itself when it runs here); --keep and
// the MAF filter; each malformed panel refused with a message naming the fix.
import "../src/node/wasm.js";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { blockLd, openPanel, scanPanel } from "../src/core/panel/panel.js";
import { getCore } from "../src/core/wasm/instance.js";
import { nodeFiles } from "../src/node/file-provider.js";
import { droppedFiles } from "../src/web/dropped-files.js";
import { packagePath } from "../src/node/package-root.js";

const data = packagePath("tests", "data", "panel");
const prefix = join(data, "eur22");
const dir = mkdtempSync(join(tmpdir(), "mlmages-panel-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function f64File(path: string): Float64Array {
  const b = readFileSync(path);
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** Panel indices of the variants listed in extract.txt (the stored plink values' variants). */
function extractIdx(): number[] {
  const ids = readFileSync(join(data, "extract.txt"), "utf8").trim().split("\n");
  const bim = readFileSync(`${prefix}.bim`, "utf8").trim().split("\n").map((l) => l.split("\t")[1]);
  return ids.map((id) => bim.indexOf(id));
}

/** Runs Debian's plink1.9 (undefined when it is not installed or cannot start). */
function plink(args: string[]): boolean {
  try {
    execFileSync("plink1.9", [...args, "--silent"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

/**
 * max |ours - ref| over rows/columns `sub` of the n x n `ref` (`ours` is k x k); where plink
 * writes nan (no variance over the samples called in both) mlmages writes 0.
 */
function maxDiff(ours: Float64Array, ref: Float64Array, n: number, sub: number[]): number {
  let d = 0;
  for (let a = 0; a < sub.length; a++) {
    for (let b = 0; b < sub.length; b++) {
      const r = ref[sub[a] * n + sub[b]];
      d = Math.max(d, Math.abs(ours[a * sub.length + b] - (Number.isNaN(r) ? 0 : r)));
    }
  }
  return d;
}

describe("genotype LD against plink 1.9 --r square --keep-allele-order", () => {
  it("reads the panel and counts its A1-major variants and missing calls", async () => {
    const panel = await openPanel(nodeFiles, prefix);
    expect(panel.variants.id.length).toBe(2608);
    expect(panel.samples.length).toBe(489);
    const scan = await scanPanel(await getCore(), panel);
    expect(Array.from(scan.a1Freq).filter((f) => f > 0.5).length).toBe(869);
    expect(Array.from(scan.missing).filter((x) => x > 0).length).toBe(6);
    expect(scan.missing[300]).toBe(163);
    expect(scan.included.length).toBe(2608);
  });

  it("equals the stored plink values, signs and missing calls included", async () => {
    const panel = await openPanel(nodeFiles, prefix);
    const idx = extractIdx();
    const ours = await blockLd(await getCore(), panel, idx);
    const ref = f64File(join(data, "plink-r.bin"));
    expect(ref.length).toBe(80 * 80);
    expect(maxDiff(ours, ref, 80, idx.map((_, i) => i))).toBeLessThan(1e-12);
    // the pairs involving a variant with missing calls, and A1-major ones, are there and non-trivial
    const at = (i: number, j: number) => ours[idx.indexOf(i) * 80 + idx.indexOf(j)];
    expect(Math.abs(at(5, 6))).toBeGreaterThan(0.5);
    expect(Array.from(ours).filter((r) => r < -0.3).length).toBeGreaterThan(50);
  });

  it("equals the stored plink values on the samples of a keep file, monomorphic variants dropped", async () => {
    const keep = join(data, "keep.txt");
    const panel = await openPanel(nodeFiles, prefix, { keep });
    expect(panel.keep.length).toBe(250);
    const core = await getCore();
    const scan = await scanPanel(core, panel, { keep });
    const idx = extractIdx();
    const inc = new Set(scan.included);
    const sub = idx.map((_, i) => i).filter((i) => inc.has(idx[i]));
    expect(sub.length).toBe(79);
    expect(scan.dropped["monomorphic in the kept samples"]).toBeGreaterThan(0);
    const ours = await blockLd(core, panel, sub.map((i) => idx[i]));
    expect(maxDiff(ours, f64File(join(data, "plink-r-keep.bin")), 80, sub)).toBeLessThan(1e-12);
  });

  it("equals plink1.9 run here on 400 variants (skipped when plink1.9 cannot run)", async (ctx) => {
    const out = join(dir, "r400");
    if (!plink(["--bfile", prefix, "--chr", "22", "--from-bp", "0", "--to-bp", "20150000", "--r", "square", "bin", "--keep-allele-order", "--out", out])) ctx.skip();
    const bim = readFileSync(`${prefix}.bim`, "utf8").trim().split("\n");
    const idx = bim.map((l, i) => [Number(l.split("\t")[3]), i]).filter(([p]) => p <= 20150000).map(([, i]) => i);
    const ref = f64File(`${out}.ld.bin`);
    expect(ref.length).toBe(idx.length * idx.length);
    const ours = await blockLd(await getCore(), await openPanel(nodeFiles, prefix), idx);
    expect(maxDiff(ours, ref, idx.length, idx.map((_, i) => i))).toBeLessThan(1e-6);
  });

  it("reads dropped files (Blob.slice, as in a browser) to the same LD", async () => {
    const blobs = new Map<string, Blob>(["bed", "bim", "fam"].map((e) => [`eur22.${e}`, new Blob([readFileSync(`${prefix}.${e}`)])]));
    const panel = await openPanel(droppedFiles(blobs, []), "eur22");
    const idx = extractIdx();
    const ours = await blockLd(await getCore(), panel, idx);
    expect(maxDiff(ours, f64File(join(data, "plink-r.bin")), 80, idx.map((_, i) => i))).toBeLessThan(1e-12);
  });

  it("drops variants below a MAF threshold and counts them", async () => {
    const panel = await openPanel(nodeFiles, prefix);
    const scan = await scanPanel(await getCore(), panel, { maf: 0.05 });
    const rare = Array.from(scan.a1Freq).filter((f) => Math.min(f, 1 - f) < 0.05).length;
    expect(rare).toBeGreaterThan(0);
    expect(scan.dropped["minor allele frequency below 0.05"]).toBe(rare);
    expect(scan.included.length).toBe(2608 - rare);
  });
});

describe("malformed panels", () => {
  const copy = (name: string, edit: { bed?: (b: Buffer) => Buffer; bim?: (s: string) => string; fam?: (s: string) => string }) => {
    const p = join(dir, name);
    writeFileSync(`${p}.bed`, (edit.bed ?? ((b) => b))(readFileSync(`${prefix}.bed`)));
    writeFileSync(`${p}.bim`, (edit.bim ?? ((s) => s))(readFileSync(`${prefix}.bim`, "utf8")));
    if (edit.fam) writeFileSync(`${p}.fam`, edit.fam(readFileSync(`${prefix}.fam`, "utf8")));
    else copyFileSync(`${prefix}.fam`, `${p}.fam`);
    return p;
  };

  it("refuses a .bim that lists fewer variants than the .bed holds", async () => {
    const p = copy("short-bim", { bim: (s) => s.trim().split("\n").slice(0, 2600).join("\n") + "\n" });
    await expect(openPanel(nodeFiles, p)).rejects.toThrow(/short-bim\.bed has 320787 bytes but .*short-bim\.bim lists 2600 variants .* its size fits 2608 variants of 489 samples/);
  });

  it("refuses a wrong magic number", async () => {
    const p = copy("magic", { bed: (b) => Buffer.concat([Buffer.from([0x6c, 0x1c, 0x01]), b.subarray(3)]) });
    await expect(openPanel(nodeFiles, p)).rejects.toThrow(/magic\.bed: not a plink 1 \.bed: it does not start with the magic bytes 6c 1b/);
  });

  it("refuses a sample-major .bed", async () => {
    const p = copy("sample-major", { bed: (b) => Buffer.concat([Buffer.from([0x6c, 0x1b, 0x00]), b.subarray(3)]) });
    await expect(openPanel(nodeFiles, p)).rejects.toThrow(/sample-major/);
  });

  it("refuses a .fam with a different sample count than the .bed implies", async () => {
    const p = copy("fam", { fam: (s) => s.trim().split("\n").slice(0, 480).join("\n") + "\n" });
    await expect(openPanel(nodeFiles, p)).rejects.toThrow(/fam\.fam 480 samples .* or 2608 variants of 489–492 samples/);
  });

  it("refuses a keep file naming no panel sample", async () => {
    const k = join(dir, "keep-none.txt");
    writeFileSync(k, "X Y\n");
    await expect(openPanel(nodeFiles, prefix, { keep: k })).rejects.toThrow(/none of its 1 samples/);
  });
});
