// The web app with a plink reference panel as the LD input: a simulated panel
// (.bed/.bim/.fam, 3 haplotype blocks), two GWAS simulated on the LD it implies
// and their gene table are dropped on the page, which reads the .bed by slices
// and computes the block LD in its workers (2 threads) with a progress bar;
// every output, downloaded as the zip, equals the bytes of `mlmages run --panel`
// on the same files (and the LD the page offers for download, those of
// `mlmages ld`): with mlmages' DP split of the panel's LD, with the shipped
// Berisa & Pickrell EUR blocks (served by the app), and with a dropped BED of
// blocks; and so on the real 1000 Genomes slice tests/data/panel/eur22 (missing
// calls, A1 often the major allele, a dropped keep file). The CLI runs inside
// the input folder with bare file names, as the page names dropped files, so
// run.json agrees too (the shipped files' paths aside). A .fam that does not
// fit the .bed gets the CLI's message beside the panel's files, and nothing
// runs; so does a BED of blocks given without a panel.
import "../src/node/wasm.js";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { blockLd, openPanel } from "../src/core/panel/panel.js";
import { Rng } from "../src/core/random.js";
import { simulationFiles } from "../src/core/sim/files.js";
import { simBim, simFam, simulatePanelBed } from "../src/core/sim/panel.js";
import { simulateGwas } from "../src/core/sim/simulate.js";
import type { LdBlock } from "../src/core/types.js";
import { getCore } from "../src/core/wasm/instance.js";
import { nodeFiles } from "../src/node/file-provider.js";
import { packagePath } from "../src/node/package-root.js";
import { serveWeb } from "../src/node/serve-web.js";
import { launchChromium, watchedPage, type Watched } from "./helpers/chromium.js";
import { CHROMIUM, describeWith } from "./helpers/requirements.js";
import { filesWithBytes } from "./helpers/files.js";
import { testDir } from "./helpers/tmp.js";

const run = promisify(execFile);
const cli = packagePath("bin", "mlmages.js");
const SIZES = [120, 90, 150];
const RESTARTS = "5";
let dir: string;
let input: string;
let server: Server;
let origin: string;
let browser: Browser;

/** run.json without times, threads and the command line, with the shipped files (blocks, default models) by their names only. */
function comparableRecord(bytes: Uint8Array): unknown {
  const r = JSON.parse(new TextDecoder().decode(bytes));
  const { threads: _threads, ...settings } = r.settings;
  if (settings.panel?.blocks?.file) settings.panel.blocks.file = basename(settings.panel.blocks.file);
  return {
    mlmages: r.mlmages,
    settings,
    traits: r.traits,
    inputs: r.inputs.map((i: { path: string; sha256: string; bytes: number }) => [basename(i.path), i.sha256, i.bytes]),
    steps: r.steps.map((s: { step: string }) => s.step),
    warnings: r.warnings,
    harmonisation: r.harmonisation,
  };
}

/** `mlmages run --panel panel` in the input folder, with `extra` options; its output folder. */
async function cliRun(label: string, extra: string[]): Promise<Map<string, Uint8Array>> {
  const out = join(dir, label);
  const args = [cli, "run", "--quiet", "--gwas", "T1=gwas_T1.tsv", "T2=gwas_T2.tsv", "--panel", "panel", "--genes", "genes.tsv", "--restarts", RESTARTS, ...extra, "--out", out];
  await run(process.execPath, args, { cwd: input, timeout: 600_000 });
  return filesWithBytes(out);
}

async function waitForRun(page: Page): Promise<string> {
  await page.waitForFunction(() => /^(done|stopped|cancelled)/.test(document.getElementById("status")!.textContent ?? ""), null, { timeout: 400_000 });
  return (await page.textContent("#status")) ?? "";
}

async function downloadZip(page: Page): Promise<Map<string, Uint8Array>> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#zip")]);
  const file = join(dir, `zip-${Date.now()}.zip`);
  await download.saveAs(file);
  const files = unzipSync(new Uint8Array(readFileSync(file)));
  return new Map(Object.entries(files).map(([k, v]) => [k.replace(/^mlmages-results\//, ""), v]));
}

function expectSameOutputs(got: Map<string, Uint8Array>, want: Map<string, Uint8Array>): void {
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [path, bytes] of want) {
    if (path === "run.json") expect(comparableRecord(got.get(path)!), path).toEqual(comparableRecord(bytes));
    else expect(Buffer.compare(Buffer.from(got.get(path)!), Buffer.from(bytes)), path).toBe(0);
  }
}

/** Drops the panel, GWAS and genes (and `more`) on a fresh page, sets the options and runs with 2 threads; the panel LD's bar counts `blocks` blocks. */
async function runPage(more: string[], blocks: number, options: (page: Page) => Promise<void>): Promise<{ w: Watched; zip: Map<string, Uint8Array> }> {
  return runPageWith(["panel.bed", "panel.bim", "panel.fam", "gwas_T1.tsv", "gwas_T2.tsv", "genes.tsv", ...more].map((f) => join(input, f)), blocks, options);
}

/** Drops `files` on a fresh page (a panel among them), sets the options and runs with 2 threads; the panel LD's bar counts `blocks` blocks. */
async function runPageWith(files: string[], blocks: number, options: (page: Page) => Promise<void>): Promise<{ w: Watched; zip: Map<string, Uint8Array> }> {
  const w = await watchedPage(browser, origin);
  await w.page.goto(origin);
  // every value the running step's bar takes, by step
  await w.page.evaluate(() => {
    const seen = ((window as unknown as { progressSeen: Record<string, number[]> }).progressSeen = {});
    new MutationObserver(() => {
      const li = document.querySelector("#steps li.running");
      const bar = li?.querySelector("progress");
      if (!li || !bar || !bar.hasAttribute("value")) return;
      const name = li.querySelector("span")!.textContent!;
      const v = (seen[name] ??= []);
      if (v[v.length - 1] !== bar.value) v.push(bar.value);
    }).observe(document.getElementById("steps")!, { subtree: true, childList: true, attributes: true });
  });
  await w.page.setInputFiles("#file-input", files);
  for (const f of files.map((p) => basename(p)).filter((f) => /\.(bim|fam)$/.test(f) || (/\.bed$/.test(f) && !/block/.test(f)))) {
    expect(await w.page.locator(`#files tr[data-file="${f}"] select`).inputValue(), f).toBe("panel");
  }
  await w.page.fill("#opt-restarts", RESTARTS);
  await w.page.fill("#opt-threads", "2");
  await options(w.page);
  await w.page.click("#run");
  expect(await waitForRun(w.page)).toMatch(/^done/);
  const progressSeen = new Map(Object.entries(await w.page.evaluate(() => (window as unknown as { progressSeen: Record<string, number[]> }).progressSeen)));
  // the panel's steps were shown, each bar full at the end: the scan, the harmonisation against the panel's variants, then the LD of the variants kept
  const steps = await w.page.$$eval("#steps li", (lis) => lis.map((li) => ({ step: li.querySelector("span")!.textContent, full: (li.querySelector("progress") as HTMLProgressElement).value === 1 })));
  expect(steps.slice(0, 3)).toEqual([
    { step: "panel scan", full: true },
    { step: "harmonise", full: true },
    { step: "panel LD", full: true },
  ]);
  expect(progressSeen.get("panel LD")).toEqual(Array.from({ length: blocks + 1 }, (_, k) => k)); // 0, 1, ... blocks of blocks
  expect(w.errors).toEqual([]);
  expect(w.foreign).toEqual([]);
  return { w, zip: await downloadZip(w.page) };
}

describeWith(CHROMIUM)("the web app with a dropped reference panel", () => {
  beforeAll(async () => {
    dir = testDir("web-panel");
    input = join(dir, "input");
    mkdirSync(input, { recursive: true });
    const rng = new Rng(23);
    const prefix = join(input, "panel");
    const m = SIZES.reduce((a, b) => a + b, 0);
    writeFileSync(`${prefix}.bed`, Buffer.concat([...simulatePanelBed({ blockSizes: SIZES, individuals: 300 }, rng)]));
    // across the boundary of two Berisa & Pickrell EUR blocks of chr1 (GRCh37: 1892607)
    const pos = Float64Array.from({ length: m }, (_, j) => 1_800_000 + 500 * j);
    writeFileSync(`${prefix}.bim`, simBim("1", pos));
    writeFileSync(`${prefix}.fam`, simFam(300));
    writeFileSync(join(input, "my_blocks.bed"), `chr1\t1800000\t1850000\nchr1\t1850000\t1930000\nchr1\t1930000\t2000000\n`);
    const panel = await openPanel(nodeFiles, prefix);
    const core = await getCore();
    const blocks: LdBlock[] = [];
    let at = 0;
    for (const [k, size] of SIZES.entries()) {
      blocks.push({ source: `b${k}`, n: size, data: await blockLd(core, panel, Array.from({ length: size }, (_, i) => at + i)) });
      at += size;
    }
    const sim = simulateGwas(blocks, { traits: 2, n: 200000, h2: 0.003, s: -0.25, w: 0, p: 0.02, genes: {} }, rng);
    for (const f of simulationFiles(blocks, sim, pos, "1", {}, false)) if (/^(gwas_|genes)/.test(f.path)) writeFileSync(join(input, f.path), f.content);
    ({ server, url: origin } = await serveWeb(packagePath("build", "web"), 0));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it("computes the LD of the panel's DP split in the page's workers and gives run --panel's bytes, and mlmages ld's for the LD", async () => {
    const want = await cliRun("cli-split", ["--avg-block-size", "100"]);
    const ldOut = join(dir, "cli-ld");
    await run(process.execPath, [cli, "ld", "--quiet", "--panel", "panel", "--avg-block-size", "100", "--out", ldOut], { cwd: input });
    const wantLd = new Map([...filesWithBytes(ldOut)].filter(([f]) => f !== "ld.json").map(([f, b]) => [`ld/${f}`, b]));
    expect(wantLd.size).toBe(2 * 4 + 1);
    const { zip } = await runPage([], 4, async (page) => {
      await page.fill("#opt-block", "100");
      await page.check("#opt-save-ld");
    });
    const isLd = (f: string) => f.startsWith("ld/");
    expectSameOutputs(new Map([...zip].filter(([f]) => isLd(f))), wantLd);
    expectSameOutputs(new Map([...zip].filter(([f]) => !isLd(f))), want);
    const rec = JSON.parse(new TextDecoder().decode(zip.get("run.json")!));
    expect(rec.settings.panel.blocks.method).toBe("split");
    expect(rec.settings.threads).toBe(2);
    expect(rec.command).toEqual(["mlmages", "run", "--gwas", "T1=gwas_T1.tsv", "T2=gwas_T2.tsv", "--panel", "panel", "--blocks", "split", "--avg-block-size", "100", "--genes", "genes.tsv", "--seed", "1", "--restarts", RESTARTS, "--k", "20", "--threads", "2"]);
  }, 600_000);

  it("uses the shipped Berisa & Pickrell EUR blocks (GRCh37) the app serves, as run --panel --blocks EUR", async () => {
    const want = await cliRun("cli-eur", ["--blocks", "EUR", "--build", "37"]);
    const { zip } = await runPage([], 2, async (page) => {
      await page.selectOption("#opt-blocks", "EUR");
      await page.selectOption("#opt-build", "37");
    });
    expectSameOutputs(zip, want);
    const rec = JSON.parse(new TextDecoder().decode(zip.get("run.json")!));
    expect(rec.settings.panel.blocks).toEqual({ method: "published", description: "Berisa & Pickrell (2016) EUR LD blocks, GRCh37", file: "ld-blocks/Berisa.EUR.hg19.bed" });
    expect(rec.harmonisation.traits.map((t: { used: number }) => t.used)).toEqual([360, 360]);
  }, 600_000);

  it("uses a dropped BED of blocks, as run --panel --blocks FILE", async () => {
    const want = await cliRun("cli-bed", ["--blocks", "my_blocks.bed"]);
    const { zip } = await runPage(["my_blocks.bed"], 3, async (page) => {
      expect(await page.locator('#files tr[data-file="my_blocks.bed"] select').inputValue()).toBe("blocks");
    });
    expectSameOutputs(zip, want);
  }, 600_000);
  it("computes the LD of a real 1000 Genomes panel (missing calls, A1 often the major allele; a dropped keep file) as mlmages ld does, and runs as run --panel", async () => {
    const real = join(dir, "eur22");
    mkdirSync(real, { recursive: true });
    for (const ext of ["bed", "bim", "fam"]) writeFileSync(join(real, `eur22.${ext}`), readFileSync(packagePath("tests", "data", "panel", `eur22.${ext}`)));
    writeFileSync(join(real, "eur.keep"), readFileSync(packagePath("tests", "data", "panel", "keep.txt")));
    // blocks of 125 kb (~330 variants): the shipped EUR block holding this slice is one of 2608 variants, slow to analyse
    writeFileSync(join(real, "chr22_blocks.bed"), Array.from({ length: 8 }, (_, k) => `chr22\t${20_000_000 + 125_000 * k}\t${20_125_000 + 125_000 * k}`).join("\n") + "\n");
    // a GWAS of the panel's variants, half of them with the effect for A2
    const rng = new Rng(3);
    const bim = readFileSync(join(real, "eur22.bim"), "utf8").trim().split("\n").map((l) => l.split(/\s+/));
    const rows = bim.map(([chr, id, , pos, a1, a2], i) => [chr, pos, id, i % 2 ? a2 : a1, i % 2 ? a1 : a2, (0.01 * rng.normal()).toFixed(6), "0.01"].join("\t"));
    writeFileSync(join(real, "gwas_T1.tsv"), ["CHR\tPOS\tID\tEA\tOA\tBETA\tSE", ...rows].join("\n") + "\n");
    const runOut = join(dir, "cli-eur22-run");
    const ldOut = join(dir, "cli-eur22-ld");
    await run(process.execPath, [cli, "run", "--quiet", "--gwas", "T1=gwas_T1.tsv", "--panel", "eur22", "--blocks", "chr22_blocks.bed", "--keep", "eur.keep", "--restarts", RESTARTS, "--out", runOut], { cwd: real, timeout: 600_000 });
    await run(process.execPath, [cli, "ld", "--quiet", "--panel", "eur22", "--blocks", "chr22_blocks.bed", "--keep", "eur.keep", "--out", ldOut], { cwd: real });
    const wantLd = new Map([...filesWithBytes(ldOut)].filter(([f]) => f !== "ld.json").map(([f, b]) => [`ld/${f}`, b]));
    const blocks = (wantLd.size - 1) / 2;
    expect(blocks).toBe(8);
    const { zip } = await runPageWith(["eur22.bed", "eur22.bim", "eur22.fam", "gwas_T1.tsv", "chr22_blocks.bed", "eur.keep"].map((f) => join(real, f)), blocks, async (page) => {
      expect(await page.locator('#files tr[data-file="eur.keep"] select').inputValue()).toBe("keep");
      await page.check("#opt-save-ld");
    });
    const isLd = (f: string) => f.startsWith("ld/");
    expectSameOutputs(new Map([...zip].filter(([f]) => isLd(f))), wantLd);
    expectSameOutputs(new Map([...zip].filter(([f]) => !isLd(f))), filesWithBytes(runOut));
    const rec = JSON.parse(new TextDecoder().decode(zip.get("run.json")!));
    expect(rec.harmonisation.traits[0].swapped).toBeGreaterThan(1000);
    expect(rec.settings.panel.samplesKept).toBe(250);
  }, 600_000);

  it("shows the CLI's message beside a panel whose .fam does not fit its .bed, and runs nothing", async () => {
    const bad = join(dir, "bad");
    mkdirSync(bad, { recursive: true });
    for (const f of ["panel.bed", "panel.bim", "gwas_T1.tsv"]) writeFileSync(join(bad, f), readFileSync(join(input, f)));
    writeFileSync(join(bad, "panel.fam"), readFileSync(join(input, "panel.fam"), "utf8").split("\n").slice(5).join("\n"));
    const cliError = await run(process.execPath, [cli, "run", "--quiet", "--gwas", "T1=gwas_T1.tsv", "--panel", "panel", "--out", join(dir, "bad-out")], { cwd: bad }).then(
      () => "",
      (e: { stderr: string }) => e.stderr.trim().replace(/^mlmages: error: /, ""),
    );
    expect(cliError).toMatch(/^panel\.bed has \d+ bytes but panel\.bim lists 360 variants and panel\.fam 295 samples/);
    const w = await watchedPage(browser, origin);
    await w.page.goto(origin);
    await w.page.setInputFiles("#file-input", ["panel.bed", "panel.bim", "panel.fam", "gwas_T1.tsv"].map((f) => join(bad, f)));
    await w.page.click("#run");
    expect(await waitForRun(w.page)).toMatch(/^stopped/);
    for (const f of ["panel.bed", "panel.fam"]) expect(await w.page.locator(`#files tr[data-file="${f}"] td.msg`).textContent(), f).toBe(cliError);
    expect(await w.page.locator("#outputs li").count()).toBe(0);
    // a BED of blocks without a panel to cut
    await w.page.goto(origin);
    await w.page.setInputFiles("#file-input", [join(input, "gwas_T1.tsv"), join(input, "my_blocks.bed")]);
    await w.page.click("#run");
    expect(await w.page.locator('#files tr[data-file="my_blocks.bed"] td.msg').textContent()).toMatch(/^my_blocks\.bed is used as LD blocks of the panel \(BED\), which applies to a reference panel/);
    expect(w.foreign).toEqual([]);
  });
});
