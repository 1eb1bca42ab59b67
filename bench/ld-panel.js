// LD from a plink panel: mlmages against Debian's plink 1.9, one CPU each.
// Run: npm run build && node bench/ld-panel.js
// 1. Throughput in variant pairs x samples per CPU second, single-threaded (taskset -c 0),
//    on the same blocks: the real 1000 Genomes panel (tests/data/panel/eur22: 2608
//    variants x 489 samples, as one block and as 5) and a simulated 6000 variants x 500
//    samples (one block, and 12). mlmages: one `mlmages ld --blocks BED` process (read, LD,
//    bin4 written); plink: `plink1.9 --r square bin4 --keep-allele-order --threads 1` per
//    block (--chr/--from-bp/--to-bp). Whole processes timed by GNU time (CPU seconds, as
//    the machine may be shared), the work counted as m(m-1)/2 pairs x samples per block.
// 2. `mlmages ld` on a simulated 500-sample x 100,000-variant panel (200 blocks of 500
//    variants, given as a BED of blocks): wall and CPU time and peak RSS (GNU time), and
//    plink 1.9 run once per block on the same blocks.
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
  console.log("LD throughput, single-threaded (taskset -c 0), variant pairs x samples per CPU second; the same blocks for both:");
  console.log("mlmages: one `mlmages ld --blocks BED` for all blocks; plink: `plink1.9 --r square bin4 --keep-allele-order --threads 1` per block");
  for (const p of panels) {
    for (const k of p.blocks) {
      const bedFile = join(dir, `blocks-${k}.bed`);
      const ranges = equalBlocks(p.prefix, k, bedFile);
      const work = ranges.reduce((s, r) => s + ((r.m * (r.m - 1)) / 2) * p.n, 0);
      const ours = timed(process.execPath, [cli, "ld", "--panel", p.prefix, "--out", join(dir, "mlmages-out"), "--blocks", bedFile, "--quiet"]);
      const line = [`  ${p.name}, ${ranges.length} block(s) of ~${ranges[0].m}: mlmages ${rate(work, ours)}`];
      if (havePlink) {
        const theirs = { seconds: 0, cpu: 0, rssMb: 0 };
        for (const r of ranges) {
          const t = timed("plink1.9", ["--bfile", p.prefix, "--chr", r.chr, "--from-bp", String(r.from), "--to-bp", String(r.to), "--r", "square", "bin4", "--keep-allele-order", "--threads", "1", "--silent", "--out", join(dir, "plink")]);
          theirs.seconds += t.seconds;
          theirs.cpu += t.cpu;
          theirs.rssMb = Math.max(theirs.rssMb, t.rssMb);
        }
        line.push(`plink 1.9 ${rate(work, theirs)}; mlmages / plink throughput ${(theirs.cpu / ours.cpu).toFixed(2)}x`);
      }
      console.log(line.join(", "));
    }
  }
  const big = join(dir, "sim100k");
  let t = performance.now();
  const blocks = writeSimPanel(big, 500, 200, 500, 11);
  console.log(`wrote a simulated panel of 100,000 variants x 500 samples (${(statSync(`${big}.bed`).size / 1e6).toFixed(1)} MB .bed) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const r = timed(process.execPath, [cli, "ld", "--panel", big, "--out", join(dir, "big-out"), "--blocks", blocks, "--quiet"]);
  console.log(`mlmages ld, 200 blocks of 500 variants, single-threaded: ${r.cpu.toFixed(2)} s CPU, ${r.seconds.toFixed(2)} s wall, peak RSS ${r.rssMb.toFixed(0)} MB`);
  if (plinkWorks()) {
    const theirs = { seconds: 0, cpu: 0, rssMb: 0 };
    for (let k = 0; k < 200; k++) {
      const from = 1000 + 100 * 500 * k;
      const t = timed("plink1.9", ["--bfile", big, "--chr", "1", "--from-bp", String(from), "--to-bp", String(from + 100 * 499), "--r", "square", "bin4", "--keep-allele-order", "--threads", "1", "--silent", "--out", join(dir, "plink-big")]);
      theirs.seconds += t.seconds;
      theirs.cpu += t.cpu;
      theirs.rssMb = Math.max(theirs.rssMb, t.rssMb);
    }
    const work = 200 * ((500 * 499) / 2) * 500;
    console.log(`  the same 200 blocks: mlmages ${rate(work, r)}, plink 1.9 (one run a block) ${rate(work, theirs)}; mlmages / plink throughput ${(theirs.cpu / r.cpu).toFixed(2)}x`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
