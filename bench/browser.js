// The whole pipeline on the chromosome-22-sized 3-trait input (bench/chr22-input.js),
// in one run on this machine: in Node (`mlmages run`) and in headless Chromium (the
// web app, files uploaded to the page), one thread each. Both figures are the run's
// own seconds from reading the inputs to the last output.
// Run: npm run build && node bench/browser.js
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serveWeb } from "../build/js/node/serve-web.js";
import { writeChr22Input } from "./chr22-input.js";

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const input = writeChr22Input();
const cli = fileURLToPath(new URL("../bin/mlmages.js", import.meta.url));
const gwas = Object.entries(input.gwas);

const node = [];
const browserRuns = [];
const { server, url } = await serveWeb(fileURLToPath(new URL("../build/web", import.meta.url)), 0);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: ARGS });
for (let round = 0; round < 2; round++) {
  const out = join(input.dir, `out-${round}`);
  execFileSync("node", [cli, "run", "--quiet", "--gwas", ...gwas.map(([t, f]) => `${t}=${f}`), "--ld", input.ldList, "--genes", input.genes, "--out", out]);
  node.push(JSON.parse(readFileSync(join(out, "run.json"), "utf8")).seconds);

  const page = await browser.newPage();
  await page.goto(url);
  await page.setInputFiles("#file-input", [...gwas.map(([, f]) => f), input.ldList, ...new Set(input.blocks), input.genes]);
  await page.locator('#files tr[data-file="ld.txt"] select').selectOption("ld-list");
  await page.click("#run");
  await page.waitForFunction(() => /^(done|stopped)/.test(document.getElementById("status").textContent ?? ""), null, { timeout: 600_000 });
  const status = await page.textContent("#status");
  const m = /^done in ([\d.]+) s/.exec(status);
  if (!m) throw new Error(`the page's run did not finish: ${status}`);
  browserRuns.push(Number(m[1]));
  await page.close();
}
await browser.close();
server.close();
rmSync(input.dir, { recursive: true, force: true });

const best = (xs) => Math.min(...xs);
console.log("pipeline on 8337 variants x 3 traits, one thread (best of 2)");
console.log(`node      ${best(node).toFixed(1)} s   (runs: ${node.map((s) => s.toFixed(1)).join(", ")})`);
console.log(`chromium  ${best(browserRuns).toFixed(1)} s   (runs: ${browserRuns.map((s) => s.toFixed(1)).join(", ")})`);
console.log(`chromium / node = ${(best(browserRuns) / best(node)).toFixed(2)} (target: within 1.3)`);
