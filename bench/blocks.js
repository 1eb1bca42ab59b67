// Time and memory of LD block splitting on a whole chromosome streamed from disk.
// Run: npm run build && node bench/blocks.js
// Input: the 8337-variant chromosome made of the dev LD (../shared/oracle/dev/input/
// chr22_full.ld.gz: blocks of 603 and 588 variants) repeated 7 times, block
// diagonal, written once as plink square text (6 decimals, ~630 MB) to a temp
// file. Each measurement runs in its own process (peak RSS is per process):
// reading alone (the band of width 2000 kept), then `splitBlocks` with the DP
// split and with the published split (average block size 1000).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeChr22FullLd } from "./chr22-input.js";

const AVG = 1000;

async function child(mode, file) {
  await import("../build/js/node/wasm.js");
  const { readLdBand } = await import("../build/js/core/io/ld-band.js");
  const { splitBlocks } = await import("../build/js/core/blocks/split.js");
  const { fileStream } = await import("../build/js/node/files.js");
  const byteLength = statSync(file).size;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let summary;
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
