// End-to-end time of `mlmages run` on a chromosome-22-sized 3-trait input
// (bench/chr22-input.js), default ensemble, under both clustering restart
// schedules in one run: the scalable default and `--schedule published`
// (every restart on every variant), on one thread pinned in turn to each CPU
// when `taskset` is there (shared machines' vCPUs differ: a busy sibling slows
// one by up to 40%), alternating the schedules so that both see the same
// machine; then with the clustering restarts on two worker threads, unpinned.
// Prints per run the wall time and the steps, then the ratio of the schedules.
// The published ML-MAGES takes about 133 s for this on one thread.
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
const cpus = pinnable ? Array.from({ length: availableParallelism() }, (_, cpu) => cpu) : [undefined];
const runs = [
  ...cpus.flatMap((cpu) => ["scalable", "published"].map((schedule) => ({ threads: 1, cpu, schedule }))),
  { threads: 2, schedule: "scalable" },
  { threads: 2, schedule: "published" },
];
const args = (r, out) => ["run", "--quiet", "--threads", String(r.threads), "--schedule", r.schedule, "--gwas", ...Object.entries(input.gwas).map(([t, f]) => `${t}=${f}`), "--ld", input.ldList, "--genes", input.genes, "--out", out];
const seconds = new Map();
for (const r of runs) {
  const out = join(input.dir, `out-${r.schedule}-${r.threads}-${r.cpu ?? "any"}`);
  const command = r.cpu === undefined ? ["node", [cli, ...args(r, out)]] : ["taskset", ["-c", String(r.cpu), "node", cli, ...args(r, out)]];
  const t0 = performance.now();
  execFileSync(...command);
  const s = (performance.now() - t0) / 1000;
  const key = `${r.threads}-${r.cpu ?? "any"}`;
  seconds.set(`${key}-${r.schedule}`, s);
  const record = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
  const where = r.cpu === undefined ? "" : ` (pinned to CPU ${r.cpu})`;
  const clustering = record.steps.filter((x) => x.step.startsWith("cluster")).reduce((a, x) => a + x.seconds, 0);
  console.log(`mlmages run --schedule ${r.schedule}, 8337 variants, 3 traits, ${r.threads} thread${r.threads > 1 ? "s" : ""}${where}: ${s.toFixed(1)} s wall, clustering ${clustering.toFixed(1)} s (published tool: about 133 s on one thread)`);
  console.log("step                    seconds");
  for (const x of record.steps) console.log(`${x.step.padEnd(22)}  ${x.seconds.toFixed(2).padStart(7)}`);
}
console.log("\nscalable / published schedule, wall time of the whole run:");
for (const r of runs.filter((x) => x.schedule === "scalable")) {
  const key = `${r.threads}-${r.cpu ?? "any"}`;
  console.log(`  ${r.threads} thread(s)${r.cpu === undefined ? "" : `, CPU ${r.cpu}`}: ${(seconds.get(`${key}-scalable`) / seconds.get(`${key}-published`)).toFixed(2)}`);
}
rmSync(input.dir, { recursive: true, force: true });
