// Time and memory of LD block splitting on a whole chromosome streamed from disk.
// Run: npm run build && node bench/blocks.js
// Input: the 8337-variant chromosome made of the dev LD (../shared/oracle/dev/input/
// chr22_full.ld.gz: blocks of 603 and 588 variants) repeated 7 times, block
// diagonal, written once as plink square text (6 decimals, ~630 MB) to a temp
// file. Each measurement runs in its own process (peak RSS is per process):
// reading alone (the band of width 2000 kept), then `splitBlocks` with the DP
// split and with the published split (average block size 1000). Then the DP's
// own memory (its window, saved windows and a segment's arg-max) against the
// (n/minSize) x n table it replaced: on this chromosome's band, and on
// block-diagonal bands of 15 000 to 120 000 variants in blocks of 90-100
// (band 100), built in memory.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeChr22FullLd } from "./chr22-input.js";

const AVG = 1000;

/** A block-diagonal band of about n variants: r = 0.5^(d/10) within blocks of 90..100, 0 across. */
function blockBand(nWanted, width) {
  let x = 17;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const edges = [0];
  while (edges[edges.length - 1] < nWanted) edges.push(edges[edges.length - 1] + 90 + Math.floor(rnd() * 11));
  const n = edges[edges.length - 1];
  const data = new Float64Array(n * width);
  for (let b = 0; b + 1 < edges.length; b++) for (let i = edges[b]; i < edges[b + 1]; i++) for (let j = i; j < edges[b + 1]; j++) data[i * width + (j - i)] = 0.5 ** ((j - i) / 10);
  return { band: { source: "synthetic", n, width, data, outsideR2: 0 }, blocks: edges.length - 1 };
}

/** The DP alone on a band: seconds, its working bytes and the whole table's ((K_max + 1)(n + 1) f64 + i32). */
async function dpMemory(band, opts) {
  const { dpSplitWith } = await import("../build/js/core/blocks/dp-split.js");
  const { getCore } = await import("../build/js/core/wasm/instance.js");
  const t0 = performance.now();
  const dp = dpSplitWith(await getCore(), band, opts);
  const seconds = (performance.now() - t0) / 1000;
  const table = (Math.floor(band.n / opts.minSize) + 1) * (band.n + 1) * 12;
  return { seconds, workMB: dp.workBytes / 1e6, tableMB: table / 1e6, bandMB: band.data.byteLength / 1e6, blocks: dp.bounds.length - 1 };
}

async function child(mode, file) {
  await import("../build/js/node/wasm.js");
  if (mode.startsWith("dp-synthetic-")) {
    const { band, blocks } = blockBand(Number(mode.slice("dp-synthetic-".length)), 100);
    const out = await dpMemory(band, { avgBlockSize: band.n / blocks, minSize: 90, maxSize: 100 });
    process.stdout.write(JSON.stringify({ ...out, n: band.n, trueBlocks: blocks, maxRss: process.resourceUsage().maxRSS / 1024 }) + "\n");
    return;
  }
  const { readLdBand } = await import("../build/js/core/io/ld-band.js");
  const { splitBlocks } = await import("../build/js/core/blocks/split.js");
  const { fileStream } = await import("../build/js/node/files.js");
  const byteLength = statSync(file).size;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let summary;
  if (mode === "dp-table") {
    const band = await readLdBand(fileStream(file), file, { width: 2 * AVG, byteLength });
    const out = await dpMemory(band, { avgBlockSize: AVG, minSize: AVG / 5, maxSize: 2 * AVG });
    process.stdout.write(JSON.stringify({ ...out, n: band.n, maxRss: process.resourceUsage().maxRSS / 1024 }) + "\n");
    return;
  }
  if (mode === "read") {
    const band = await readLdBand(fileStream(file), file, { width: 2 * AVG, byteLength });
    summary = `n ${band.n}, band ${band.width}`;
  } else {
    const s = await splitBlocks(fileStream(file), file, { avgBlockSize: AVG, method: mode, byteLength });
    summary = `${s.blocks.length} blocks, cross-block r2 ${s.crossMass.toPrecision(6)} of ${s.totalMass.toPrecision(6)}`;
  }
  const cpu = process.cpuUsage(cpu0);
  const seconds = (performance.now() - t0) / 1000;
  const maxRss = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ mode, seconds, cpu: (cpu.user + cpu.system) / 1e6, maxRss, summary }) + "\n");
}

if (process.argv[2] === "--child") {
  await child(process.argv[3], process.argv[4]);
} else {
  const dir = mkdtempSync(join(tmpdir(), "mlmages-bench-blocks-"));
  try {
    const file = join(dir, "chromosome.ld");
    let t = performance.now();
    const n = writeChr22FullLd(file);
    console.log(`wrote ${n} x ${n} LD as text: ${(statSync(file).size / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s (held whole as float64 it would be ${((n * n * 8) / 1e6).toFixed(0)} MB)`);
    for (const mode of ["read", "dp", "published"]) {
      const out = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child", mode, file], { encoding: "utf8" }));
      const what = mode === "read" ? "read only (band 2000)" : `split --method ${mode}`;
      console.log(`${what.padEnd(26)} ${out.seconds.toFixed(2)} s wall, ${out.cpu.toFixed(2)} s CPU, peak RSS ${out.maxRss.toFixed(0)} MB: ${out.summary}`);
    }
    console.log("\nDP programme memory (window + saved windows + one segment's arg-max) against the whole (n/minSize) x n table:");
    const row = (what, o) => console.log(`${what.padEnd(40)} ${o.seconds.toFixed(2)} s, DP ${o.workMB.toFixed(1)} MB (whole table ${o.tableMB.toFixed(1)} MB, band ${o.bandMB.toFixed(0)} MB), ${o.blocks} blocks${o.trueBlocks ? ` of ${o.trueBlocks} true` : ""}, peak RSS ${o.maxRss.toFixed(0)} MB`);
    row(`this chromosome, min 200, max 2000`, JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child", "dp-table", file], { encoding: "utf8" })));
    for (const m of [15000, 30000, 60000, 120000]) {
      const o = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child", `dp-synthetic-${m}`, file], { encoding: "utf8" }));
      row(`${o.n} variants, blocks 90-100, band 100`, o);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
