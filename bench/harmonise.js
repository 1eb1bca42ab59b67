// Harmonisation throughput: 1M simulated variants (a plink .bim as the LD's
// variants) and 3 traits' GWAS files (CHR POS ID EA OA BETA SE: a third of the
// variants swapped, a tenth on the other strand, 2% the reference lacks),
// read and matched as `mlmages run` does (readGwas with the allele columns,
// readRefVariants, harmoniseTraits), one thread. Target: under 10 s.
// Peer, in the same run when Rscript with data.table is installed: the core of
// bigsnpr's snp_match (data.table fread, a join on CHR and POS, the allele
// checks vectorised) on the same files.
// Run: npm run build && taskset -c 0 node bench/harmonise.js [variants]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import "../build/js/node/wasm.js";
import { harmoniseTraits } from "../build/js/core/harmonise/harmonise.js";
import { readGwas } from "../build/js/core/io/gwas.js";
import { addGwasAlleles } from "../build/js/core/io/gwas-alleles.js";
import { readRefVariants } from "../build/js/core/io/ld-variants.js";
import { Rng } from "../build/js/core/random.js";

const N = Number(process.argv[2] ?? 1_000_000);
const TRAITS = 3;
const dir = mkdtempSync(join(tmpdir(), "mlmages-bench-harmonise-"));
const PAIRS = ["AC", "AG", "CA", "CT", "GA", "GT", "TC", "TG"];
const COMP = { A: "T", C: "G", G: "C", T: "A" };

function simulate() {
  const rng = new Rng(7);
  const pos = new Float64Array(N);
  const pair = new Array(N);
  let at = 10_000;
  const bim = [];
  for (let i = 0; i < N; i++) {
    pos[i] = at += 1 + rng.int(200);
    pair[i] = PAIRS[rng.int(8)];
    bim.push(`1\trs${i}\t0\t${pos[i]}\t${pair[i][0]}\t${pair[i][1]}`);
  }
  writeFileSync(join(dir, "ref.bim"), bim.join("\n") + "\n");
  for (let t = 0; t < TRAITS; t++) {
    const lines = ["CHR\tPOS\tID\tEA\tOA\tBETA\tSE"];
    for (let i = 0; i < N; i++) {
      let [ea, oa] = pair[i];
      let beta = (rng.normal() * 0.01).toPrecision(6);
      if (rng.uniform() < 1 / 3) [ea, oa, beta] = [oa, ea, beta.startsWith("-") ? beta.slice(1) : `-${beta}`];
      if (rng.uniform() < 0.1) [ea, oa] = [COMP[ea], COMP[oa]];
      lines.push(`1\t${pos[i]}\trs${i}\t${ea}\t${oa}\t${beta}\t0.01`);
      if (rng.uniform() < 0.02) lines.push(`1\t${pos[i] + 100_000_000}\tnew${i}\tA\tG\t0.001\t0.01`);
    }
    writeFileSync(join(dir, `gwas_T${t + 1}.tsv`), lines.join("\n") + "\n");
  }
}

const mb = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);

simulate();
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const c0 = cpu();
const t0 = performance.now();
const ref = readRefVariants(readFileSync(join(dir, "ref.bim"), "utf8"), "ref.bim");
const tRef = performance.now();
const cRef = cpu();
const traits = [];
for (let t = 0; t < TRAITS; t++) {
  const file = join(dir, `gwas_T${t + 1}.tsv`);
  const bytes = readFileSync(file);
  const gwas = await readGwas(new Uint8Array(bytes), file);
  traits.push({ name: `T${t + 1}`, gwas: addGwasAlleles(gwas, bytes.toString("utf8")) });
}
const tRead = performance.now();
const cRead = cpu();
const h = harmoniseTraits(ref, traits);
const tMatch = performance.now();
const cMatch = cpu();
const s = (a, b) => ((b - a) / 1000).toFixed(2);
const total = (tMatch - t0) / 1000;
console.log(`mlmages: ${N} variants x ${TRAITS} traits: reference read ${s(t0, tRef)} s, GWAS read ${s(tRef, tRead)} s, matched ${s(tRead, tMatch)} s; total ${total.toFixed(2)} s (${Math.round((N * TRAITS) / total).toLocaleString("en")} variants/s), rss ${mb()} MB`);
console.log(`  CPU seconds: reference ${(cRef - c0).toFixed(2)}, GWAS ${(cRead - cRef).toFixed(2)}, matching ${(cMatch - cRead).toFixed(2)}; total ${(cMatch - c0).toFixed(2)} (user + system; on a shared machine the wall time also counts waiting for the CPU: load average ${os.loadavg()[0].toFixed(1)})`);
console.log(`  ${h.harmonisation.traits.map((t) => `${t.name}: ${t.counts.matched} matched, ${t.counts.swapped} swapped, ${t.counts.strandFlipped} strand-flipped, ${t.counts.notInReference} not in the reference`).join("; ")}`);

const R = `
suppressMessages(library(data.table))
args <- commandArgs(TRUE)
t0 <- Sys.time()
ref <- fread(args[1], header = FALSE, col.names = c("chr", "id", "cm", "pos", "a1", "a2"))
comp <- c(A = "T", C = "G", G = "C", T = "A")
for (f in args[-1]) {
  g <- fread(f)
  m <- merge(g, ref, by.x = c("CHR", "POS"), by.y = c("chr", "pos"))
  same <- m$EA == m$a1 & m$OA == m$a2
  swap <- m$EA == m$a2 & m$OA == m$a1
  fe <- comp[m$EA]; fo <- comp[m$OA]
  flip <- fe == m$a1 & fo == m$a2
  flipswap <- fe == m$a2 & fo == m$a1
  keep <- same | swap | flip | flipswap
  m$BETA <- ifelse(swap | flipswap, -m$BETA, m$BETA)
  m <- m[keep]
}
cat(sprintf("%.2f", as.numeric(difftime(Sys.time(), t0, units = "secs"))))
`;
try {
  const rs = execFileSync("Rscript", ["-e", R, join(dir, "ref.bim"), ...Array.from({ length: TRAITS }, (_, t) => join(dir, `gwas_T${t + 1}.tsv`))], { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "1", R_DATATABLE_NUM_THREADS: "1" } });
  console.log(`peer (R data.table, the join and allele checks of bigsnpr's snp_match, 1 thread): ${rs.trim()} s (${Math.round((N * TRAITS) / Number(rs)).toLocaleString("en")} variants/s)`);
} catch (e) {
  console.log(`peer skipped: Rscript with data.table not available (${String(e.message).split("\n")[0]})`);
}
rmSync(dir, { recursive: true, force: true });
