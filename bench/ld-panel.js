// LD from a plink panel: mlmages against Debian's plink 1.9, one CPU each, and
// run --panel on a 500-sample x 100,000-variant simulated panel.
// Run: npm run build && node bench/ld-panel.js        (BENCH_REPEATS=5 for more repeats)
// 1. Throughput in variant pairs x samples per CPU second, single-threaded (taskset -c 0),
//    on the same blocks: the real 1000 Genomes panel (tests/data/panel/eur22: 2608
//    variants x 489 samples, as one block and as 5) and a simulated 6000 variants x 500
//    samples (one block, and 12). mlmages: one `mlmages ld --blocks BED` process (read, LD,
//    bin4 written); plink: `plink1.9 --r square bin4 --keep-allele-order --threads 1` per
//    block (--chr/--from-bp/--to-bp). Whole processes (start-up included) timed by perf
//    stat's task-clock (CPU ms of all the process's threads; GNU time when perf is missing),
//    the two tools alternated BENCH_REPEATS times (default 3) and each one's best repeat
//    kept, as the machine may be shared. The work is m(m-1)/2 pairs x samples per block.
// 2. `mlmages ld` on a simulated 500-sample x 100,000-variant panel (200 blocks of 500
//    variants, given as a BED of blocks): CPU and wall time and peak RSS (GNU time),
//    beside plink 1.9 run once per block on the same blocks, and with --threads 2.
// Both tools run without NODE_EXTRA_CA_CERTS, which this build machine sets for its
// proxy and which makes every Node start parse a certificate bundle (~0.05-0.1 s of
// CPU); mlmages opens no network connection, and a user's machine rarely sets it.
// 3. `mlmages run --panel` on that panel with two GWAS simulated on its own LD: wall and
//    CPU time and peak RSS (GNU time), one thread.
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "bin", "mlmages.js");
await import("../build/js/node/wasm.js");
const { Rng } = await import("../build/js/core/random.js");
const { simulatePanelBed, simFam, simBim } = await import("../build/js/core/sim/panel.js");
const { simulateGwas } = await import("../build/js/core/sim/simulate.js");
const { simulationFiles } = await import("../build/js/core/sim/files.js");
const { openPanel, scanPanel, blockLd } = await import("../build/js/core/panel/panel.js");
const { nodeFiles } = await import("../build/js/node/file-provider.js");
const { getCore } = await import("../build/js/core/wasm/instance.js");

const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 3));

/** Writes a simulated panel PREFIX.bed/.bim/.fam of `blocks` blocks of `size` variants; returns the block BED's path. */
function writeSimPanel(prefix, individuals, blocks, size, seed) {
  const fd = openSync(`${prefix}.bed`, "w");
  for (const piece of simulatePanelBed({ blockSizes: Array(blocks).fill(size), individuals }, new Rng(seed))) writeSync(fd, piece);
  closeSync(fd);
  const pos = Array.from({ length: blocks * size }, (_, j) => 1000 + 100 * j);
  writeFileSync(`${prefix}.bim`, simBim("1", pos));
  writeFileSync(`${prefix}.fam`, simFam(individuals));
  const bed = Array.from({ length: blocks }, (_, k) => `chr1\t${pos[k * size]}\t${pos[k * size] + 100 * size}`).join("\n") + "\n";
  writeFileSync(`${prefix}.blocks.bed`, bed);
  return `${prefix}.blocks.bed`;
}

const childEnv = { ...process.env };
delete childEnv.NODE_EXTRA_CA_CERTS;

const havePerf = spawnSync("perf", ["stat", "-x,", "-e", "task-clock", "true"], { encoding: "utf8" }).status === 0;

/** A command run on CPU 0: CPU seconds (perf's task-clock, else GNU time's user + system) and wall seconds. */
function cpuTimed(cmd, args) {
  if (havePerf) {
    const t0 = performance.now();
    const r = spawnSync("perf", ["stat", "-x,", "-e", "task-clock", "taskset", "-c", "0", cmd, ...args], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], env: childEnv });
    const seconds = (performance.now() - t0) / 1000;
    const line = r.stderr.trim().split("\n").find((l) => l.includes("task-clock"));
    if (r.status !== 0 || !line) throw new Error(`${cmd} failed: ${r.stderr}`);
    return { cpu: Number(line.split(",")[0]) / 1000, seconds };
  }
  return timed(cmd, args);
}

/** A command run on CPU 0 (or on any CPU when `anyCpu`): wall and CPU seconds and peak RSS (MB), from GNU time. */
function timed(cmd, args, anyCpu = false) {
  const run = anyCpu ? [cmd, ...args] : ["taskset", "-c", "0", cmd, ...args];
  const r = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", ...run], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 26, env: childEnv });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  const [wall, user, sys, rss] = r.stderr.trim().split("\n").pop().split(" ").map(Number);
  return { seconds: wall, cpu: user + sys, rssMb: rss / 1024 };
}

const rate = (work, cpu) => `${(work / cpu / 1e9).toFixed(2)} G/s (${cpu.toFixed(3)} s CPU)`;

function plinkWorks() {
  try {
    execFileSync("plink1.9", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A BED of `k` blocks of consecutive .bim variants (equal counts), and the blocks' [from, to] positions. */
function equalBlocks(prefix, k, path) {
  const bim = execFileSync("cut", ["-f", "1,4", `${prefix}.bim`], { encoding: "utf8" }).trim().split("\n").map((l) => l.split("\t"));
  const size = Math.ceil(bim.length / k);
  const ranges = [];
  for (let b = 0; b * size < bim.length; b++) {
    const first = bim[b * size];
    const last = bim[Math.min(bim.length, (b + 1) * size) - 1];
    ranges.push({ chr: first[0], from: Number(first[1]), to: Number(last[1]), m: Math.min(bim.length, (b + 1) * size) - b * size });
  }
  writeFileSync(path, ranges.map((r) => `chr${r.chr}\t${r.from}\t${r.to + 1}`).join("\n") + "\n");
  return ranges;
}

const plinkArgs = (prefix, r, out) => ["--bfile", prefix, "--chr", r.chr, "--from-bp", String(r.from), "--to-bp", String(r.to), "--r", "square", "bin4", "--keep-allele-order", "--threads", "1", "--silent", "--out", out];

const dir = mkdtempSync(join(tmpdir(), "mlmages-bench-ld-"));
try {
  const sim = join(dir, "sim6000");
  writeSimPanel(sim, 500, 1, 6000, 7);
  const panels = [
    { name: "1000G EUR chr22 (real, 2608 x 489)", prefix: join(root, "tests", "data", "panel", "eur22"), n: 489, blocks: [1, 5] },
    { name: "simulated 6000 x 500", prefix: sim, n: 500, blocks: [1, 12] },
  ];
  const havePlink = plinkWorks();
  if (!havePlink) console.log("plink1.9 does not run here: only mlmages is timed");
  const startNode = Math.min(...Array.from({ length: REPEATS }, () => cpuTimed(process.execPath, ["-e", "0"]).cpu));
  console.log(`LD throughput, single-threaded (taskset -c 0), variant pairs x samples per CPU second (whole processes, best of ${REPEATS} alternated repeats); the same blocks for both:`);
  console.log("mlmages: one `mlmages ld --blocks BED` for all blocks; plink: `plink1.9 --r square bin4 --keep-allele-order --threads 1` per block");
  console.log(`(for scale: starting Node alone, \`node -e 0\`, takes ${startNode.toFixed(3)} s CPU here)`);
  for (const p of panels) {
    for (const k of p.blocks) {
      const bedFile = join(dir, `blocks-${k}.bed`);
      const ranges = equalBlocks(p.prefix, k, bedFile);
      const work = ranges.reduce((s, r) => s + ((r.m * (r.m - 1)) / 2) * p.n, 0);
      let ours = Infinity;
      let theirs = Infinity;
      for (let rep = 0; rep < REPEATS; rep++) {
        ours = Math.min(ours, cpuTimed(process.execPath, [cli, "ld", "--panel", p.prefix, "--out", join(dir, "mlmages-out"), "--blocks", bedFile, "--quiet"]).cpu);
        if (havePlink) theirs = Math.min(theirs, ranges.reduce((s, r) => s + cpuTimed("plink1.9", plinkArgs(p.prefix, r, join(dir, "plink"))).cpu, 0));
      }
      const line = [`  ${p.name}, ${ranges.length} block(s) of ~${ranges[0].m}, ${(work / 1e9).toFixed(2)} G pairs x samples: mlmages ${rate(work, ours)}`];
      if (havePlink) line.push(`plink 1.9 ${rate(work, theirs)}; mlmages / plink throughput ${(theirs / ours).toFixed(2)}x`);
      console.log(line.join(", "));
    }
  }

  const big = join(dir, "sim100k");
  let t = performance.now();
  const blocks = writeSimPanel(big, 500, 200, 500, 11);
  console.log(`wrote a simulated panel of 100,000 variants x 500 samples (${(statSync(`${big}.bed`).size / 1e6).toFixed(1)} MB .bed) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const r = timed(process.execPath, [cli, "ld", "--panel", big, "--out", join(dir, "big-out"), "--blocks", blocks, "--quiet"]);
  console.log(`mlmages ld, 200 blocks of 500 variants, single-threaded: ${r.cpu.toFixed(2)} s CPU, ${r.seconds.toFixed(2)} s wall, peak RSS ${r.rssMb.toFixed(0)} MB`);
  const r2 = timed(process.execPath, [cli, "ld", "--panel", big, "--out", join(dir, "big-out-2"), "--blocks", blocks, "--quiet", "--threads", "2"], true);
  console.log(`  with --threads 2 (both CPUs, shared): ${r2.cpu.toFixed(2)} s CPU, ${r2.seconds.toFixed(2)} s wall, peak RSS ${r2.rssMb.toFixed(0)} MB`);
  const work = 200 * ((500 * 499) / 2) * 500;
  if (havePlink) {
    const theirs = { seconds: 0, cpu: 0, rssMb: 0 };
    for (let k = 0; k < 200; k++) {
      const from = 1000 + 100 * 500 * k;
      const one = timed("plink1.9", plinkArgs(big, { chr: "1", from, to: from + 100 * 499 }, join(dir, "plink-big")));
      theirs.seconds += one.seconds;
      theirs.cpu += one.cpu;
      theirs.rssMb = Math.max(theirs.rssMb, one.rssMb);
    }
    console.log(`  the same 200 blocks: mlmages ${rate(work, r.cpu)}, plink 1.9 (one run a block) ${rate(work, theirs.cpu)}; mlmages / plink throughput ${(theirs.cpu / r.cpu).toFixed(2)}x`);
  }

  // run --panel: two traits simulated on the panel's own LD (its kept variants, block by block)
  t = performance.now();
  const core = await getCore();
  const panel = await openPanel(nodeFiles, big);
  const kept = (await scanPanel(core, panel)).included;
  const ldBlocks = [];
  for (let k = 0; k < 200; k++) {
    const idx = Array.from(kept).filter((v) => v >= 500 * k && v < 500 * (k + 1));
    ldBlocks.push({ source: `b${k}`, n: idx.length, data: await blockLd(core, panel, idx) });
  }
  const pos = Float64Array.from(kept, (v) => panel.variants.pos[v]);
  const gwas = simulateGwas(ldBlocks, { traits: 2, n: 200000, h2: 0.05, s: -0.25, w: 0, p: 0.01 }, new Rng(12));
  for (const f of simulationFiles(ldBlocks, gwas, pos, "1", {}, false)) if (f.path.startsWith("gwas_")) writeFileSync(join(dir, f.path), f.content);
  console.log(`simulated two GWAS on that panel's LD (${kept.length} variants kept) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const runArgs = [cli, "run", "--gwas", `T1=${join(dir, "gwas_T1.tsv")}`, `T2=${join(dir, "gwas_T2.tsv")}`, "--panel", big, "--blocks", blocks, "--out", join(dir, "run-out"), "--quiet"];
  const rr = timed(process.execPath, runArgs);
  console.log(`mlmages run --panel (500 samples x 100,000 variants, 200 blocks, 2 traits), single-threaded: ${rr.seconds.toFixed(1)} s wall, ${rr.cpu.toFixed(1)} s CPU, peak RSS ${rr.rssMb.toFixed(0)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
