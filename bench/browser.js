// The whole pipeline on the chromosome-22-sized 3-trait input (bench/chr22-input.js),
// in one run on this machine: in Node (`mlmages run`) and in headless Chromium (the
// web app, files uploaded to the page), one thread each, with the LD as 14 block
// files and as one whole-chromosome text matrix (~630 MB, streamed and split). Both
// figures are the run's own seconds from reading the inputs to the last output.
// Run: npm run build && node bench/browser.js
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serveWeb } from "../build/js/node/serve-web.js";
import { writeChr22FullLd, writeChr22Input } from "./chr22-input.js";

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const input = writeChr22Input();
const full = join(input.dir, "chr22_full.ld");
writeChr22FullLd(full);
const cli = fileURLToPath(new URL("../bin/mlmages.js", import.meta.url));
const gwas = Object.entries(input.gwas);
const CASES = [
  { label: "LD as 14 blocks", cli: ["--ld", input.ldList], files: [input.ldList, ...new Set(input.blocks)], roles: { "ld.txt": "ld-list" } },
  { label: `LD as one ${(statSync(full).size / 1e6).toFixed(0)} MB text matrix`, cli: ["--ld-full", full], files: [full], roles: { "chr22_full.ld": "ld-full" } },
];

const { server, url } = await serveWeb(fileURLToPath(new URL("../build/web", import.meta.url)), 0);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ARGS });
console.log("pipeline on 8337 variants x 3 traits, one thread (best of 2 runs each)");
console.log("input                              node       chromium   chromium / node");
for (const c of CASES) {
  const node = [];
  const page_ = [];
  const longest = [];
  for (let round = 0; round < 2; round++) {
    const out = join(input.dir, `out-${round}`);
    execFileSync("node", [cli, "run", "--quiet", "--gwas", ...gwas.map(([t, f]) => `${t}=${f}`), ...c.cli, "--genes", input.genes, "--out", out]);
    node.push(JSON.parse(readFileSync(join(out, "run.json"), "utf8")).seconds);
    rmSync(out, { recursive: true, force: true });

    const page = await browser.newPage();
    // the page's longest main-thread task while it runs (the app keeps the work in workers)
    await page.addInitScript(() => {
      window.__longest = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: "longtask", buffered: true });
    });
    await page.goto(url);
    await page.setInputFiles("#file-input", [...gwas.map(([, f]) => f), ...c.files, input.genes]);
    for (const [file, role] of Object.entries(c.roles)) await page.locator(`#files tr[data-file="${file}"] select`).selectOption(role);
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
  console.log(`${c.label.padEnd(34)} ${n.toFixed(1).padStart(6)} s   ${b.toFixed(1).padStart(6)} s   ${(b / n).toFixed(2)}   longest main-thread task ${Math.max(...longest).toFixed(0)} ms`);
}
console.log("(targets: chromium within 1.3x of node; no main-thread task over 200 ms)");
await browser.close();
server.close();
rmSync(input.dir, { recursive: true, force: true });
