// The whole pipeline from a plink reference panel, in one run on this machine:
// `mlmages run --panel` in Node and the web app in headless Chromium (the panel's
// .bed read by File.slice, its block LD on the page's workers), on a simulated
// 1000-sample x 10,000-variant panel (40 blocks of 250 variants, given as a BED of
// blocks) with 2 traits simulated on its LD. Figures: the run's seconds from reading
// the inputs to the last output (the page: its status line), and the page's longest
// main-thread task during the run (the LD and the analysis run in workers, so it
// stays responsive; on a shared machine a task also lengthens when the CPUs are busy).
// Run: npm run build && node bench/browser-panel.js
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import "../build/js/node/wasm.js";
import { serveWeb } from "../build/js/node/serve-web.js";
import { nodeFiles } from "../build/js/node/file-provider.js";
import { Rng } from "../build/js/core/random.js";
import { simBim, simFam, simulatePanelBed } from "../build/js/core/sim/panel.js";
import { simulationFiles } from "../build/js/core/sim/files.js";
import { simulateGwas } from "../build/js/core/sim/simulate.js";
import { blockLd, openPanel } from "../build/js/core/panel/panel.js";
import { getCore } from "../build/js/core/wasm/instance.js";

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const INDIVIDUALS = 1000;
const BLOCKS = 40;
const SIZE = 250;
const dir = mkdtempSync(join(tmpdir(), "mlmages-browser-panel-"));
const cli = fileURLToPath(new URL("../bin/mlmages.js", import.meta.url));

const rng = new Rng(5);
const prefix = join(dir, "panel");
const fd = openSync(`${prefix}.bed`, "w");
for (const piece of simulatePanelBed({ blockSizes: Array(BLOCKS).fill(SIZE), individuals: INDIVIDUALS }, rng)) writeSync(fd, piece);
closeSync(fd);
const pos = Float64Array.from({ length: BLOCKS * SIZE }, (_, j) => 1000 + 100 * j);
writeFileSync(`${prefix}.bim`, simBim("1", pos));
writeFileSync(`${prefix}.fam`, simFam(INDIVIDUALS));
writeFileSync(join(dir, "blocks.bed"), Array.from({ length: BLOCKS }, (_, k) => `chr1\t${pos[k * SIZE]}\t${pos[k * SIZE] + 100 * SIZE}`).join("\n") + "\n");
const panel = await openPanel(nodeFiles, prefix);
const core = await getCore();
const blocks = [];
for (let k = 0; k < BLOCKS; k++) blocks.push({ source: `b${k}`, n: SIZE, data: await blockLd(core, panel, Array.from({ length: SIZE }, (_, i) => k * SIZE + i)) });
const sim = simulateGwas(blocks, { traits: 2, n: 200000, h2: 0.01, s: -0.25, w: 0, p: 0.01, genes: {} }, rng);
for (const f of simulationFiles(blocks, sim, pos, "1", {}, false)) if (/^(gwas_|genes)/.test(f.path)) writeFileSync(join(dir, f.path), f.content);
const files = ["panel.bed", "panel.bim", "panel.fam", "blocks.bed", "gwas_T1.tsv", "gwas_T2.tsv", "genes.tsv"].map((f) => join(dir, f));

const { server, url } = await serveWeb(fileURLToPath(new URL("../build/web", import.meta.url)), 0);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ARGS });
console.log(`run --panel on ${BLOCKS * SIZE} variants x ${INDIVIDUALS} samples (${BLOCKS} blocks of ${SIZE}), 2 traits (best of 2 runs each)`);
for (const threads of [1, 2]) {
  const node = [];
  const page_ = [];
  const longest = [];
  for (let round = 0; round < 2; round++) {
    const out = join(dir, `out-${threads}-${round}`);
    execFileSync("node", [cli, "run", "--quiet", "--gwas", "T1=gwas_T1.tsv", "T2=gwas_T2.tsv", "--panel", "panel", "--blocks", "blocks.bed", "--genes", "genes.tsv", "--threads", String(threads), "--out", out], { cwd: dir });
    node.push(JSON.parse(readFileSync(join(out, "run.json"), "utf8")).seconds);
    rmSync(out, { recursive: true, force: true });

    const page = await browser.newPage();
    // the page's longest main-thread task from the click on Run to the end (page load and file picking aside)
    await page.addInitScript(() => {
      window.__longest = 0;
      window.__runStart = Infinity;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (e.startTime >= window.__runStart) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: "longtask", buffered: true });
    });
    await page.goto(url);
    await page.setInputFiles("#file-input", files);
    await page.fill("#opt-threads", String(threads));
    await page.evaluate(() => (window.__runStart = performance.now()));
    await page.click("#run");
    await page.waitForFunction(() => /^(done|stopped)/.test(document.getElementById("status").textContent ?? ""), null, { timeout: 900_000 });
    const status = await page.textContent("#status");
    const m = /^done in ([\d.]+) s/.exec(status);
    if (!m) throw new Error(`the page's run did not finish: ${status}`);
    page_.push(Number(m[1]));
    longest.push(await page.evaluate(() => window.__longest));
    await page.close();
  }
  const [n, b] = [Math.min(...node), Math.min(...page_)];
  console.log(`threads ${threads}: node ${n.toFixed(1)} s   chromium ${b.toFixed(1)} s   (${(b / n).toFixed(2)}x)   longest main-thread task ${Math.max(...longest).toFixed(0)} ms`);
}
console.log("(the node run computes the panel LD on one thread; the page spreads it over its workers with threads > 1)");
await browser.close();
server.close();
rmSync(dir, { recursive: true, force: true });
