// End-to-end time of `mlmages run` on a chromosome-22-sized 3-trait input
// (bench/chr22-input.js), default ensemble: on one thread, pinned in turn to
// each CPU when `taskset` is there (shared machines' vCPUs differ: a busy
// sibling slows one by up to 40%), then with the clustering restarts on two
// worker threads (same outputs), unpinned.
// The published ML-MAGES takes about 133 s for this on one thread; the target is 7 s.
// Run: npm run build && node bench/run.js
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeChr22Input } from "./chr22-input.js";

const input = writeChr22Input();
const cli = fileURLToPath(new URL("../bin/mlmages.js", import.meta.url));
const pinnable = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
const runs = [
  ...(pinnable ? Array.from({ length: availableParallelism() }, (_, cpu) => ({ threads: 1, cpu })) : [{ threads: 1 }]),
  { threads: 2 },
];
const args = (threads, out) => ["run", "--quiet", "--threads", String(threads), "--gwas", ...Object.entries(input.gwas).map(([t, f]) => `${t}=${f}`), "--ld", input.ldList, "--genes", input.genes, "--out", out];
for (const { threads, cpu } of runs) {
  const out = join(input.dir, `out${threads}-${cpu ?? "any"}`);
  const command = cpu === undefined ? ["node", [cli, ...args(threads, out)]] : ["taskset", ["-c", String(cpu), "node", cli, ...args(threads, out)]];
  const t0 = performance.now();
  execFileSync(...command);
  const seconds = (performance.now() - t0) / 1000;
  const record = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
  const where = cpu === undefined ? "" : ` (pinned to CPU ${cpu})`;
  console.log(`mlmages run, 8337 variants, 3 traits, ${threads} thread${threads > 1 ? "s" : ""}${where}: ${seconds.toFixed(1)} s wall (published: about 133 s on one thread)`);
  console.log("step                    seconds");
  for (const s of record.steps) console.log(`${s.step.padEnd(22)}  ${s.seconds.toFixed(2).padStart(7)}`);
}
rmSync(input.dir, { recursive: true, force: true });
