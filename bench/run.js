// End-to-end time of `mlmages run` on a chromosome-22-sized 3-trait input:
// 8337 variants made of the two dev LD blocks repeated 7 times (block 0, block 5,
// block 0, ...), the dev GWAS of T1-T3 repeated alike, and the dev gene table
// repeated with shifted indices. One thread, default ensemble.
// The published ML-MAGES takes about 133 s for this on one thread.
// Run: npm run build && node bench/run.js
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const shared = fileURLToPath(new URL("../../shared/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "mlmages-bench-run-"));
const REPEATS = 7;
const N_DEV = 1191;

writeFileSync(join(dir, "ld.txt"), Array.from({ length: REPEATS }, () => `${shared}data/ukb-chr22/chr22_block0.ld\n${shared}data/ukb-chr22/chr22_block5.ld\n`).join(""));
for (const t of ["T1", "T2", "T3"]) {
  const [head, ...rows] = readFileSync(`${shared}oracle/dev/input/gwas_${t}.csv`, "utf8").trim().split("\n");
  writeFileSync(join(dir, `gwas_${t}.csv`), [head, ...Array.from({ length: REPEATS }, () => rows).flat()].join("\n") + "\n");
}
const [gHead, ...gRows] = readFileSync(`${shared}oracle/dev/input/genes.csv`, "utf8").trim().split("\n");
const cols = gHead.split(",");
const [si, ei] = [cols.indexOf("start_idx_chr"), cols.indexOf("end_idx_chr")];
const genes = [];
for (let r = 0; r < REPEATS; r++) {
  for (const row of gRows) {
    const f = row.split(",");
    f[si] = String(Number(f[si]) + r * N_DEV);
    f[ei] = String(Number(f[ei]) + r * N_DEV);
    genes.push(f.join(","));
  }
}
writeFileSync(join(dir, "genes.csv"), [gHead, ...genes].join("\n") + "\n");

const cli = fileURLToPath(new URL("../bin/mlmages.js", import.meta.url));
const t0 = performance.now();
execFileSync("node", [cli, "run", "--quiet", "--gwas", ...["T1", "T2", "T3"].map((t) => `${t}=${join(dir, `gwas_${t}.csv`)}`), "--ld", join(dir, "ld.txt"), "--genes", join(dir, "genes.csv"), "--out", join(dir, "out")]);
const seconds = (performance.now() - t0) / 1000;
const record = JSON.parse(readFileSync(join(dir, "out", "run.json"), "utf8"));
rmSync(dir, { recursive: true, force: true });
console.log(`mlmages run, 8337 variants, 3 traits, 1 thread: ${seconds.toFixed(1)} s wall (published: about 133 s)`);
console.log("step                    seconds");
for (const s of record.steps) console.log(`${s.step.padEnd(22)}  ${s.seconds.toFixed(2).padStart(7)}`);
