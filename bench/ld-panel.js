// LD from a plink panel: mlmages against Debian's plink 1.9, one CPU each.
// Run: npm run build && node bench/ld-panel.js
// 1. Throughput in variant pairs x samples per second, single-threaded (taskset -c 0),
//    on the same blocks: the real 1000 Genomes panel (tests/data/panel/eur22: 2608
//    variants x 489 samples, as one block) and a simulated block of 6000 variants x
//    500 samples. mlmages: `mlmages ld` on one block (read, LD, bin4 written), in its own
//    process; plink: `plink1.9 --bfile P --r square bin4 --keep-allele-order --threads 1`.
//    Both timed as whole processes (wall), the work counted as m(m-1)/2 pairs x samples.
// 2. `mlmages ld` on a simulated 500-sample x 100,000-variant panel (200 blocks of 500
//    variants, given as a BED of blocks): wall time and peak RSS (GNU time).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "bin", "mlmages.js");
const { Rng } = await import("../build/js/core/random.js");
const { simulatePanelBed, simFam, simBim } = await import("../build/js/core/sim/panel.js");

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

/**
 * A command run on CPU 0: wall seconds, CPU seconds (user + system) and peak RSS (MB), from
 * GNU time. The machine may be shared, so throughput is given per CPU second.
 */
function timed(cmd, args) {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", "taskset", "-c", "0", cmd, ...args], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  const [wall, user, sys, rss] = r.stderr.trim().split("\n").pop().split(" ").map(Number);
  return { seconds: wall, cpu: user + sys, rssMb: rss / 1024 };
}

const rate = (work, t) => `${(work / t.cpu / 1e9).toFixed(2)} G/s (${t.cpu.toFixed(2)} s CPU, ${t.seconds.toFixed(2)} s wall, ${t.rssMb.toFixed(0)} MB)`;

function plinkWorks() {
  try {
    execFileSync("plink1.9", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const dir = mkdtempSync(join(tmpdir(), "mlmages-bench-ld-"));
try {
  const panels = [{ name: "1000G EUR chr22 (real)", prefix: join(root, "tests", "data", "panel", "eur22"), m: 2608, n: 489 }];
  const sim = join(dir, "sim6000");
  writeSimPanel(sim, 500, 1, 6000, 7);
  panels.push({ name: "simulated", prefix: sim, m: 6000, n: 500 });
  const havePlink = plinkWorks();
  if (!havePlink) console.log("plink1.9 does not run here: only mlmages is timed");
  console.log("LD throughput, one block, single-threaded (taskset -c 0), variant pairs x samples per CPU second:");
  for (const p of panels) {
    const work = ((p.m * (p.m - 1)) / 2) * p.n;
    const bedFile = join(dir, "one.bed");
    const out = join(dir, "mlmages-out");
    // one block holding every variant: a BED range over the whole chromosome
    const chr = execFileSync("head", ["-1", `${p.prefix}.bim`], { encoding: "utf8" }).split(/\s+/)[0];
    writeFileSync(bedFile, `${chr}\t0\t999999999\n`);
    const ours = timed(process.execPath, [cli, "ld", "--panel", p.prefix, "--out", out, "--blocks", bedFile, "--quiet"]);
    const line = [`  ${p.name} ${p.m} variants x ${p.n} samples: mlmages ${rate(work, ours)}`];
    if (havePlink) {
      const theirs = timed("plink1.9", ["--bfile", p.prefix, "--r", "square", "bin4", "--keep-allele-order", "--threads", "1", "--silent", "--out", join(dir, "plink")]);
      line.push(`plink 1.9 ${rate(work, theirs)}; mlmages / plink throughput ${(theirs.cpu / ours.cpu).toFixed(2)}x`);
    }
    console.log(line.join(", "));
  }
  const big = join(dir, "sim100k");
  let t = performance.now();
  const blocks = writeSimPanel(big, 500, 200, 500, 11);
  console.log(`wrote a simulated panel of 100,000 variants x 500 samples (${(statSync(`${big}.bed`).size / 1e6).toFixed(1)} MB .bed) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const r = timed(process.execPath, [cli, "ld", "--panel", big, "--out", join(dir, "big-out"), "--blocks", blocks, "--quiet"]);
  console.log(`mlmages ld, 200 blocks of 500 variants, single-threaded: ${r.cpu.toFixed(2)} s CPU, ${r.seconds.toFixed(2)} s wall, peak RSS ${r.rssMb.toFixed(0)} MB`);
  if (havePlink) {
    const p = timed("plink1.9", ["--bfile", big, "--r", "square", "bin4", "--keep-allele-order", "--threads", "1", "--silent", "--chr", "1", "--from-bp", "1000", "--to-bp", String(1000 + 100 * 499), "--out", join(dir, "plink-big")]);
    console.log(`  (plink 1.9 on the first block alone: ${p.cpu.toFixed(2)} s CPU, ${p.rssMb.toFixed(0)} MB)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
