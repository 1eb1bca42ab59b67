// End-to-end time of `mlmages run` on a chromosome-22-sized 3-trait input
// (bench/chr22-input.js), default ensemble, under both clustering restart
// schedules in one run: the scalable default and `--schedule published`
// (every restart on every variant), on one thread pinned in turn to each CPU
// when `taskset` is there (shared machines' vCPUs differ: a busy sibling slows
// one by up to 40%), alternating the schedules so that both see the same
// machine; then with the clustering restarts on two worker threads, unpinned.
// Prints per run the wall time, the CPU time (user + system of the run's
// process, bench/cpu-time.js: on a shared machine it moves far less than wall
// time with the others' load) and the steps, then the ratios of the schedules.
// REPEATS=N repeats the pinned pairs N times (default 1).
// The published ML-MAGES takes about 133 s for this on one thread.
// Run: npm run build && node bench/run.js
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeChr22Input } from "./chr22-input.js";

const input = writeChr22Input();
const cli = fileURLToPath(new URL("../bin/mlmages.js", import.meta.url));
const cpuTime = fileURLToPath(new URL("./cpu-time.js", import.meta.url));
const repeats = Number(process.env.REPEATS ?? 1);
const pinnable = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
const cpus = pinnable ? Array.from({ length: availableParallelism() }, (_, cpu) => cpu) : [undefined];
const runs = [
  ...Array.from({ length: repeats }, (_, rep) => cpus.flatMap((cpu) => ["scalable", "published"].map((schedule) => ({ threads: 1, cpu, schedule, rep })))).flat(),
  { threads: 2, schedule: "scalable" },
  { threads: 2, schedule: "published" },
];
const args = (r, out) => ["run", "--quiet", "--threads", String(r.threads), "--schedule", r.schedule, "--gwas", ...Object.entries(input.gwas).map(([t, f]) => `${t}=${f}`), "--ld", input.ldList, "--genes", input.genes, "--out", out];
const seconds = new Map();
for (const r of runs) {
  const out = join(input.dir, `out-${r.schedule}-${r.threads}-${r.cpu ?? "any"}`);
  const node = ["node", "--import", cpuTime, cli, ...args(r, out)];
  const [bin, ...rest] = r.cpu === undefined ? node : ["taskset", "-c", String(r.cpu), ...node];
  const t0 = performance.now();
  const child = spawnSync(bin, rest, { encoding: "utf8" });
  const s = (performance.now() - t0) / 1000;
  if (child.status !== 0) throw new Error(`mlmages run failed: ${child.stderr}`);
  const cpu = Number(/mlmages-bench-cpu (\S+)/.exec(child.stderr)[1]);
  const key = `${r.threads}-${r.cpu ?? "any"}-${r.rep ?? 0}`;
  seconds.set(`${key}-${r.schedule}`, { wall: s, cpu });
  const record = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
  const where = r.cpu === undefined ? "" : ` (pinned to CPU ${r.cpu})`;
  const clustering = record.steps.filter((x) => x.step.startsWith("cluster")).reduce((a, x) => a + x.seconds, 0);
  console.log(`mlmages run --schedule ${r.schedule}, 8337 variants, 3 traits, ${r.threads} thread${r.threads > 1 ? "s" : ""}${where}: ${s.toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU, clustering ${clustering.toFixed(1)} s (published tool: about 133 s on one thread)`);
  console.log("step                    seconds");
  for (const x of record.steps) console.log(`${x.step.padEnd(22)}  ${x.seconds.toFixed(2).padStart(7)}`);
}
console.log("\nscalable / published schedule, whole run (wall time; CPU time):");
for (const r of runs.filter((x) => x.schedule === "scalable")) {
  const key = `${r.threads}-${r.cpu ?? "any"}-${r.rep ?? 0}`;
  const [a, b] = [seconds.get(`${key}-scalable`), seconds.get(`${key}-published`)];
  console.log(`  ${r.threads} thread(s)${r.cpu === undefined ? "" : `, CPU ${r.cpu}`}${r.rep === undefined ? "" : `, repeat ${r.rep + 1}`}: ${(a.wall / b.wall).toFixed(2)}; ${(a.cpu / b.cpu).toFixed(2)}`);
}
rmSync(input.dir, { recursive: true, force: true });
