// SuSiE-RSS speed: mlmages (WASM) against susieR's susie_rss (Rscript), on the
// dev data's two real LD blocks (603 + 588 variants) for its three traits,
// n = 290,000, L = 10 — one process each, both pinned to CPU 0 (one thread:
// R's BLAS threads set to 1). Both time only the fits, inputs already in
// memory (R: package loaded, files read); best of 3 runs each, and mlmages'
// first run (including the JIT's warm-up) too. The target is ≥ 10× faster.
// Run: npm run build && node bench/susie.js   (needs ../shared and Rscript with susieR)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dev = fileURLToPath(new URL("../../shared/oracle/dev/input", import.meta.url));
const rScript = fileURLToPath(new URL("../tests/reference/susie-rss.R", import.meta.url));
const N = 290000;
const REPS = 3;

if (!existsSync(dev)) {
  console.log(`bench/susie.js: needs the dev data at ${dev}`);
  process.exit(0);
}
if (!process.env.MLMAGES_BENCH_PINNED && spawnSync("taskset", ["-c", "0", "true"]).status === 0) {
  const r = spawnSync("taskset", ["-c", "0", process.execPath, fileURLToPath(import.meta.url)], { stdio: "inherit", env: { ...process.env, MLMAGES_BENCH_PINNED: "1" } });
  process.exit(r.status ?? 1);
}

await import("../build/js/node/wasm.js");
const { susieShrinkWith } = await import("../build/js/core/susie/susie-rss.js");
const { getCore } = await import("../build/js/core/wasm/instance.js");
const { expandLdArgs, readGwasFile, readLdFiles } = await import("../build/js/node/ld-files.js");

const core = await getCore();
const blocks = await readLdFiles(await expandLdArgs([`${dev}/ld_blocks.txt`]));
const traits = [];
for (const t of ["T1", "T2", "T3"]) traits.push(await readGwasFile(`${dev}/gwas_${t}.csv`));

const times = [];
for (let r = 0; r < REPS; r++) {
  const t0 = performance.now();
  for (const g of traits) susieShrinkWith(core, g, blocks, N);
  times.push((performance.now() - t0) / 1000);
}
const ours = Math.min(...times);
const peakMb = process.resourceUsage().maxRSS / 1024;
const variants = blocks.reduce((s, b) => s + b.n, 0);
const pinned = process.env.MLMAGES_BENCH_PINNED ? " (pinned to CPU 0)" : " (not pinned: no taskset)";
console.log(`SuSiE-RSS, ${traits.length} traits x ${variants} variants in ${blocks.length} LD blocks, L = 10, one thread${pinned}`);
console.log(`mlmages: ${ours.toFixed(4)} s (best of ${REPS}; first run ${times[0].toFixed(4)} s with JIT warm-up), peak RSS ${peakMb.toFixed(0)} MB`);

let rSeconds;
try {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
  rSeconds = Number(execFileSync("Rscript", [rScript, "time", dev, String(N), String(REPS)], { env, encoding: "utf8" }).trim());
} catch (e) {
  console.log(`susieR: not run (${String(e.message).split("\n")[0]})`);
  process.exit(0);
}
console.log(`susieR susie_rss: ${rSeconds.toFixed(4)} s (best of ${REPS})`);
console.log(`ratio susieR / mlmages: ${(rSeconds / ours).toFixed(1)}x (first run: ${(rSeconds / times[0]).toFixed(1)}x); target >= 10x`);
