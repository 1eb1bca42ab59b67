// Genome scale: `mlmages run --panel` on a simulated 22-chromosome input of
// 100,000, 300,000 and 1,000,000 variants (or the sizes given as arguments),
// 3 traits, a 500-sample reference panel cut into blocks of 300-700 variants
// by a BED of blocks, and genes every ~40 variants. Prints per size the time
// to build the input, the run's wall time and peak RSS (GNU time), and per step
// its seconds (run.json) and the largest RSS seen while it ran (sampled every
// 50 ms from /proc), then the per-variant growth, and the ARI of the joint
// clustering against the simulated clusters. At 100,000 variants (or fewer) it also
// clusters the run's shrunk effects (T1 alone, and T1-T2-T3) under both
// schedules with `mlmages cluster` and prints how far the scalable default is
// from the published schedule: K, ARI of the labels, largest |Δπ| and largest
// relative difference of a cluster's tr Σ.
//
// The input, built from one seeded generator (bench/genome-input.js): genotypes
// of the haplotype-mosaic model (src/core/sim/panel.ts) written as the panel's
// .bed, and the GWAS of each trait drawn on the panel's own LD without forming
// it: with X the panel's standardised genotypes (n = 500 samples), R = XᵀX / n,
// z = √N·R·b + ε with ε ~ N(0, R) as Xᵀg / √n, g ~ N(0, I_n); N = 50,000,
// β = z·SE for A1 with SE = 1 / √(2f(1−f)N). The true effects b: 0.3% of the
// variants causal, each in one of 5 simulated clusters (T1 only, T2 only, T3
// only, T1 and T2 shared with correlation 0.8, all three shared).
// Run: npm run build && node bench/genome.js [VARIANTS...] [--threads N]
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeGenomeInput } from "./genome-input.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "bin", "mlmages.js");
const { adjustedRandIndex } = await import("../build/js/core/cluster/ari.js");

const argv = process.argv.slice(2);
const ti = argv.indexOf("--threads");
const threads = ti >= 0 ? Number(argv.splice(ti, 2)[1]) : 2;
const keep = argv.includes("--keep") ? (argv.splice(argv.indexOf("--keep"), 1), true) : false;
const sizes = argv.length ? argv.map(Number) : [100_000, 300_000, 1_000_000];
const SEED = 20261203;

/** The child pid of GNU time's process (the node it runs). */
function childOf(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/)[0]) || undefined;
  } catch {
    return undefined;
  }
}

/** Resident set size of a process in MB, or undefined once it has ended. */
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `mlmages run` under GNU time; per step (as its stderr names them) the largest RSS sampled. */
function timedRun(args) {
  return new Promise((resolve, reject) => {
    const p = spawn("/usr/bin/time", ["-f", "TIME %e %U %S %M", "node", cli, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    const stepPeak = new Map();
    let current = "read inputs";
    let node;
    let err = "";
    let partial = "";
    const sample = setInterval(() => {
      node ??= childOf(p.pid);
      const r = node && rssMb(node);
      if (r) stepPeak.set(current, Math.max(stepPeak.get(current) ?? 0, r));
    }, 50);
    p.stderr.on("data", (d) => {
      const text = partial + d;
      const lines = text.split("\n");
      partial = lines.pop();
      for (const l of lines) {
        err += l + "\n";
        const m = /^mlmages: (\S.*)$/.exec(l);
        if (m && !/\[[#.]+\]|^warning|^done in|variants|trait\(s\)|matched/.test(m[1])) current = m[1];
      }
    });
    p.on("close", (code) => {
      clearInterval(sample);
      const t = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(err + partial);
      if (code !== 0 || !t) return reject(new Error(`mlmages run failed (${code}):\n${err}${partial}`));
      resolve({ wall: Number(t[1]), cpu: Number(t[2]) + Number(t[3]), peakMb: Number(t[4]) / 1024, stepPeak });
    });
  });
}

/** The ID and CLUSTER columns of a labels table. */
function labels(file) {
  const [head, ...rows] = readFileSync(file, "utf8").trimEnd().split("\n");
  const cols = head.split("\t");
  const [ci, ii] = [cols.indexOf("CLUSTER"), cols.indexOf("ID")];
  const split = rows.map((r) => r.split("\t"));
  return { id: split.map((f) => f[ii]), cluster: Int32Array.from(split, (f) => Number(f[ci])) };
}

/** Both schedules on the run's shrunk effects of `traits`: K, seconds, and the scalable's distance to the published. */
function compareSchedules(out, traits) {
  const fits = {};
  for (const schedule of ["scalable", "published"]) {
    const prefix = join(out, `cmp-${traits.join("-")}-${schedule}`);
    const t0 = performance.now();
    execFileSync("node", [cli, "cluster", "--quiet", "--schedule", schedule, "--threads", String(threads), "--names", traits.join(","), "--effects", ...traits.map((t) => join(out, "shrinkage", `shrink_${t}.tsv`)), "--out", prefix]);
    fits[schedule] = { seconds: (performance.now() - t0) / 1000, json: JSON.parse(readFileSync(`${prefix}.clusters.json`, "utf8")), labels: labels(`${prefix}.labels.tsv`).cluster };
  }
  const [a, b] = [fits.scalable, fits.published];
  const trace = (s) => s.map((m) => m.reduce((acc, row, i) => acc + row[i], 0));
  const same = a.json.K === b.json.K;
  const dPi = same ? Math.max(...a.json.pi.map((p, k) => Math.abs(p - b.json.pi[k]))) : NaN;
  const [ta, tb] = [trace(a.json.sigma), trace(b.json.sigma)];
  // variants thresholded to zero (label -1) in both agree trivially: the ARI is also given without them
  const clustered = [...a.labels.keys()].filter((i) => a.labels[i] >= 0 || b.labels[i] >= 0);
  const rel = same ? ta.map((t, k) => Math.abs(t - tb[k]) / tb[k]) : [NaN];
  const weighted = rel.reduce((acc, d, k) => acc + (b.json.pi[k] ?? NaN) * d, 0);
  console.log(
    `  ${traits.join("-").padEnd(9)} K ${a.json.K} / ${b.json.K}, ARI ${adjustedRandIndex(a.labels, b.labels).toFixed(4)} (of the ${clustered.length} variants either clusters: ${adjustedRandIndex(Int32Array.from(clustered, (i) => a.labels[i]), Int32Array.from(clustered, (i) => b.labels[i])).toFixed(4)}), max |Δπ| ${dPi.toFixed(4)}, relative Δ tr Σ: π-weighted ${(100 * weighted).toFixed(2)}%, largest ${(100 * Math.max(...rel)).toFixed(1)}%; ${a.seconds.toFixed(1)} s / ${b.seconds.toFixed(1)} s`,
  );
}

const results = [];
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `mlmages-bench-genome-${n}-`));
  const t0 = performance.now();
  const input = writeGenomeInput(dir, { variants: n, seed: SEED });
  const build = (performance.now() - t0) / 1000;
  const bedMb = statSync(`${input.panel}.bed`).size / 2 ** 20;
  console.log(`\n${n.toLocaleString("en")} variants on 22 chromosomes, ${input.blocks} blocks, ${input.genes} genes, 3 traits: input built in ${build.toFixed(1)} s (.bed ${bedMb.toFixed(0)} MB)`);
  const out = join(dir, "out");
  const args = ["run", "--panel", input.panel, "--blocks", input.blocksBed, ...input.gwas.map((f, t) => `--gwas=T${t + 1}=${f}`), "--genes", input.genesFile, "--threads", String(threads), "--out", out];
  const r = await timedRun(args);
  const record = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
  console.log(`mlmages run --threads ${threads}: ${r.wall.toFixed(1)} s wall, ${r.cpu.toFixed(1)} s CPU, peak RSS ${r.peakMb.toFixed(0)} MB`);
  console.log("step                      seconds  peak RSS (MB, sampled)");
  console.log(`${"read inputs, panel LD".padEnd(24)}  ${(r.wall - record.steps.reduce((a, s) => a + s.seconds, 0)).toFixed(1).padStart(7)}  ${Math.max(...[...r.stepPeak].filter(([s]) => !record.steps.some((x) => x.step === s)).map(([, v]) => v), 0).toFixed(0).padStart(6)}   (outside run.json's steps)`);
  for (const s of record.steps) console.log(`${s.step.padEnd(24)}  ${s.seconds.toFixed(1).padStart(7)}  ${(r.stepPeak.get(s.step) ?? NaN).toFixed(0).padStart(6)}`);
  // the analysed variants (a monomorphic panel variant is dropped) against their simulated cluster, 0 = null
  const got = labels(join(out, "clustering", "T1-T2-T3.labels.tsv"));
  const truth = Int32Array.from(got.id, (id) => input.truth.get(id));
  const causal = [...truth.keys()].filter((i) => truth[i] > 0);
  const ari = adjustedRandIndex(truth, got.cluster);
  const ariCausal = adjustedRandIndex(Int32Array.from(causal, (i) => truth[i]), Int32Array.from(causal, (i) => got.cluster[i]));
  const K = JSON.parse(readFileSync(join(out, "clustering", "T1-T2-T3.clusters.json"), "utf8")).K;
  console.log(`joint clustering T1-T2-T3 of ${got.id.length} variants: K = ${K}; ARI against the simulated clusters (null a cluster of its own): all variants ${ari.toFixed(3)}, the ${causal.length} causal variants ${ariCausal.toFixed(3)}`);
  if (n <= 100_000) {
    console.log(`scalable schedule (run's default) against the published schedule on these ${n.toLocaleString("en")} variants' shrunk effects (mlmages cluster, same seed; scalable / published):`);
    for (const traits of [["T1"], ["T1", "T2", "T3"]]) compareSchedules(out, traits);
  }
  results.push({ n, build, ...r, steps: record.steps });
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept: ${dir}`);
}

if (results.length > 1) {
  console.log("\ngrowth: per 100,000 variants");
  console.log("variants    build s   run s   CPU s   peak RSS MB   run s / 100k   MB / 100k");
  for (const r of results) {
    const k = r.n / 100_000;
    console.log(`${r.n.toLocaleString("en").padStart(9)}  ${r.build.toFixed(1).padStart(8)}  ${r.wall.toFixed(1).padStart(6)}  ${r.cpu.toFixed(1).padStart(6)}  ${r.peakMb.toFixed(0).padStart(12)}  ${(r.wall / k).toFixed(1).padStart(13)}  ${(r.peakMb / k).toFixed(0).padStart(10)}`);
  }
}
