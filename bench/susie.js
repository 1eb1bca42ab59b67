// SuSiE-RSS speed: mlmages (WASM) against susieR's susie_rss (Rscript), on the
// dev data's two real LD blocks (603 + 588 variants) for its three traits,
// n = 290,000, L = 10 — one process each, both pinned to CPU 0 (one thread:
// R's BLAS threads set to 1). Both time only the fits, inputs already in
// memory (R: package loaded, files read; mlmages: WASM core instantiated,
// files read). "One run" compares each tool's first run in its fresh process
// (JIT warm-up, first touch of memory and all), timed in-process the same way
// (R: proc.time() around the susie_rss calls; mlmages: performance.now()
// around susieShrinkWith); the best of 3 runs each is printed too. The target
// is ≥ 10× faster in one run.
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

const t0Core = performance.now();
const core = await getCore();
const coreSeconds = (performance.now() - t0Core) / 1000;
const blocks = await readLdFiles(await expandLdArgs([`${dev}/ld_blocks.txt`]));
const traits = [];
for (const t of ["T1", "T2", "T3"]) traits.push(await readGwasFile(`${dev}/gwas_${t}.csv`));

const times = [];
for (let r = 0; r < REPS; r++) {
  const t0 = performance.now();
  for (const g of traits) susieShrinkWith(core, g, blocks, N);
  times.push((performance.now() - t0) / 1000);
}
const [first, best] = [times[0], Math.min(...times)];
const peakMb = process.resourceUsage().maxRSS / 1024;
const variants = blocks.reduce((s, b) => s + b.n, 0);
const pinned = process.env.MLMAGES_BENCH_PINNED ? " (pinned to CPU 0)" : " (not pinned: no taskset)";
console.log(`SuSiE-RSS, ${traits.length} traits x ${variants} variants in ${blocks.length} LD blocks, L = 10, one thread${pinned}`);
console.log(`mlmages: first run ${first.toFixed(4)} s, best of ${REPS} ${best.toFixed(4)} s; WASM compile and instantiation before them ${coreSeconds.toFixed(4)} s; peak RSS ${peakMb.toFixed(0)} MB`);

let r;
try {
  const env = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
  r = execFileSync("Rscript", [rScript, "time", dev, String(N), String(REPS)], { env, encoding: "utf8" }).trim().split(/\s+/).map(Number);
} catch (e) {
  console.log(`susieR: not run (${String(e.message).split("\n")[0]})`);
  process.exit(0);
}
const [rFirst, rBest] = r;
console.log(`susieR susie_rss: first run ${rFirst.toFixed(4)} s, best of ${REPS} ${rBest.toFixed(4)} s`);
console.log(`one run (each tool's first, fresh process): susieR / mlmages = ${(rFirst / first).toFixed(1)}x (with mlmages' WASM compilation counted: ${(rFirst / (first + coreSeconds)).toFixed(1)}x); target >= 10x`);
console.log(`best of ${REPS}: susieR / mlmages = ${(rBest / best).toFixed(1)}x`);
