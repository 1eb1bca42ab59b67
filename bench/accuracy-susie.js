// SuSiE-RSS rows of the accuracy table (issue 19, point 4): RMSE, r, AUROC and
// AP against the true effects, and seconds, for mlmages' SuSiE-RSS beside the
// unshrunk BETA — on the dev data (../shared, when present) and on fresh seeded
// simulations (mlmages' haplotype-mosaic LD, 3 blocks of 400 variants, 1% causal,
// local h² = 0.05) at N = 2k, 20k and 200k, per-allele and standardised
// (BETA/(SE·√N), SE = 1/√N; the truth scaled alike). Meant to be merged into
// bench/accuracy.js's table.
// Run: npm run build && node bench/accuracy-susie.js
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import "../build/js/node/wasm.js";
import { accuracy } from "../build/js/core/metrics/evaluate.js";
import { simulateGwas, simulateLd, Rng } from "../build/js/core/sim/simulate.js";
import { susieShrinkWith } from "../build/js/core/susie/susie-rss.js";
import { getCore } from "../build/js/core/wasm/instance.js";
import { expandLdArgs, readGwasFile, readLdFiles } from "../build/js/node/ld-files.js";

const core = await getCore();
const rows = [];

function evaluate(label, gwas, blocks, n, truth) {
  const t0 = performance.now();
  const shrunk = susieShrinkWith(core, gwas, blocks, n).betaShrink;
  const seconds = (performance.now() - t0) / 1000;
  rows.push({ label, method: "unshrunk BETA", ...accuracy(truth, gwas.beta), seconds: 0 });
  rows.push({ label, method: "SuSiE-RSS (mlmages)", ...accuracy(truth, shrunk), seconds });
}

const dev = fileURLToPath(new URL("../../shared/oracle/dev/input", import.meta.url));
if (existsSync(dev)) {
  const blocks = await readLdFiles(await expandLdArgs([`${dev}/ld_blocks.txt`]));
  const truthCols = (await import("node:fs")).readFileSync(`${dev}/truth_beta.csv`, "utf8").trim().split("\n");
  const head = truthCols[0].split(",");
  for (const t of ["T1", "T2", "T3"]) {
    const k = head.indexOf(t);
    const truth = Float64Array.from(truthCols.slice(1), (l) => Number(l.split(",")[k]));
    evaluate(`dev ${t}`, await readGwasFile(`${dev}/gwas_${t}.csv`), blocks, 290000, truth);
  }
}

for (const [k, n] of [2000, 20000, 200000].entries()) {
  const rng = new Rng(1900 + k);
  const { blocks, freq } = simulateLd({ blockSizes: [400, 400, 400] }, rng);
  const sim = simulateGwas(blocks, { traits: 1, n, h2: 0.05, s: -0.25, w: 0, p: 0.01, freq }, rng);
  const [beta, se, truth] = [sim.beta[0], sim.se[0], sim.truth[0]];
  const gwas = { source: `sim N=${n}`, n: beta.length, chr: null, pos: null, id: null, beta, se };
  evaluate(`sim N=${n} per-allele`, gwas, blocks, n, truth);
  const c = Float64Array.from(se, (s) => 1 / (s * Math.sqrt(n)));
  const std = { ...gwas, beta: beta.map((b, j) => b * c[j]), se: se.map((s, j) => s * c[j]) };
  evaluate(`sim N=${n} standardised`, std, blocks, n, truth.map((t, j) => t * c[j]));
}

const f = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : "NA");
console.log("data                      method                 RMSE         r      AUROC  AP     seconds");
for (const r of rows) console.log(`${r.label.padEnd(26)}${r.method.padEnd(23)}${r.rmse.toExponential(3).padEnd(13)}${f(r.pearson).padEnd(7)}${f(r.auroc).padEnd(7)}${f(r.ap).padEnd(7)}${f(r.seconds, 3)}`);
