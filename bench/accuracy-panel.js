// Accuracy on a real panel (issue 19, acceptance 3): a phenotype simulated on
// the real 1000 Genomes EUR panel of the tests (tests/data/panel/eur22: 489
// people, chr22:20–21 Mb), its GWAS by plink2 --glm, in-sample LD by
// `mlmages ld` (r signed for the .bim's A1, as plink 1.9's --r square
// --keep-allele-order), and `mlmages evaluate` of the unshrunk BETA, the
// default ensemble and SuSiE-RSS (--method susie), plus susieR's susie_rss
// (same z, LD and n) when Rscript has susieR. Prints each method's RMSE
// against the all-zero estimate's and its AUROC against the unshrunk BETA's.
//
// Simulation (seed 2019): variants with MAF ≥ 0.01 in the panel; 1% of them
// causal, drawn at random with standard normal effects on the standardised genotype, scaled
// so that they explain h² = 0.3 of the phenotype (missing calls at the mean);
// Y = genetic value + N(0, 0.7) noise. The true effects are per .bim A1 allele,
// on the scale of plink2's BETA (A1 = ALT = the .bim's 5th column).
//
// Run: npm run build && node bench/accuracy-panel.js [--write-test-data]
// (needs plink2; --write-test-data stores plink2's GWAS and susieR's fit (gzipped)
// and the true effects in tests/data/panel-sim/, which tests/panel-accuracy.test.ts
// reads). PANEL_MAF, PANEL_H2 and PANEL_CAUSAL (causal fraction) change the
// simulation (defaults 0.01, 0.3, 0.01), for trying other settings.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

if (!process.env.MLMAGES_BENCH_PINNED && spawnSync("taskset", ["-c", "0", "true"]).status === 0) {
  const r = spawnSync("taskset", ["-c", "0", process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit", env: { ...process.env, MLMAGES_BENCH_PINNED: "1" } });
  process.exit(r.status ?? 1);
}
const { Rng } = await import("../build/js/core/random.js");

const root = fileURLToPath(new URL("..", import.meta.url));
const panel = join(root, "tests/data/panel/eur22");
const cli = join(root, "bin/mlmages.js");
const rScript = join(root, "tests/reference/susie-rss.R");
const testData = join(root, "tests/data/panel-sim");
const SEED = 2019;
const MAF = Number(process.env.PANEL_MAF ?? 0.01);
const H2 = Number(process.env.PANEL_H2 ?? 0.3);
const CAUSAL_FRACTION = Number(process.env.PANEL_CAUSAL ?? 0.01);

if (spawnSync("plink2", ["--version"]).status !== 0) {
  console.log("bench/accuracy-panel.js: needs plink2 (Debian's plink2)");
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), "mlmages-panel-acc-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
const mlmages = (...args) => execFileSync(process.execPath, [cli, ...args], { encoding: "utf8" });

// in-sample LD of the panel's variants with MAF >= MAF: the variants of the GWAS
mlmages("ld", "--quiet", "--panel", panel, "--out", join(dir, "ld"), "--maf", String(MAF));
const blockFiles = readFileSync(join(dir, "ld/blocks.txt"), "utf8").trim().split("\n");
const ids = blockFiles.flatMap((f) => readFileSync(join(dir, "ld", f.replace(/\.ld\.bin$/, ".variants.tsv")), "utf8").trim().split("\n").filter((l) => !l.startsWith("#")).slice(1).map((l) => l.split("\t")[2]));

// genotypes: A1 (.bim column 5) counts from the .bed (00 = two A1, 10 = one, 11 = none, 01 = missing)
const bim = readFileSync(`${panel}.bim`, "utf8").trim().split("\n").map((l) => l.split(/\s+/));
const fam = readFileSync(`${panel}.fam`, "utf8").trim().split("\n").map((l) => l.split(/\s+/));
const bed = readFileSync(`${panel}.bed`);
const nSamples = fam.length;
const rowBytes = Math.ceil(nSamples / 4);
const bimIndex = new Map(bim.map((b, i) => [b[1], i]));
function dosages(variant) {
  const off = 3 + variant * rowBytes;
  return Float64Array.from({ length: nSamples }, (_, s) => [2, NaN, 1, 0][(bed[off + (s >> 2)] >> ((s & 3) * 2)) & 3]);
}

const rng = new Rng(SEED);
const CAUSAL = Math.round(CAUSAL_FRACTION * ids.length);
const causal = new Set();
while (causal.size < CAUSAL) causal.add(rng.int(ids.length));
const truth = new Float64Array(ids.length);
const g = new Float64Array(nSamples);
for (const j of [...causal].sort((a, b) => a - b)) {
  const x = dosages(bimIndex.get(ids[j]));
  const called = x.filter((v) => !Number.isNaN(v));
  const mean = called.reduce((a, b) => a + b, 0) / called.length;
  const sd = Math.sqrt(called.reduce((a, b) => a + (b - mean) * (b - mean), 0) / called.length);
  truth[j] = rng.normal() / sd; // per A1 allele
  for (let s = 0; s < nSamples; s++) g[s] += truth[j] * (Number.isNaN(x[s]) ? 0 : x[s] - mean);
}
const gm = g.reduce((a, b) => a + b, 0) / nSamples;
const gv = g.reduce((a, b) => a + (b - gm) * (b - gm), 0) / nSamples;
const scale = Math.sqrt(H2 / gv);
for (let j = 0; j < truth.length; j++) truth[j] *= scale;
const y = Array.from(g, (v) => (v - gm) * scale + Math.sqrt(1 - H2) * rng.normal());
writeFileSync(join(dir, "pheno.txt"), `#FID\tIID\tY\n${fam.map((f, s) => `${f[0]}\t${f[1]}\t${y[s]}`).join("\n")}\n`);
writeFileSync(join(dir, "extract.txt"), `${ids.join("\n")}\n`);
writeFileSync(join(dir, "truth.tsv"), `Y\n${Array.from(truth, (t) => (t === 0 ? "0" : t.toPrecision(17))).join("\n")}\n`);

// GWAS: plink2 --glm, no covariates; omit-ref makes A1 the ALT allele (.bim column 5),
// the allele the LD is signed for (without it plink2 tests the minor allele)
execFileSync("plink2", ["--bfile", panel, "--extract", join(dir, "extract.txt"), "--pheno", join(dir, "pheno.txt"), "--glm", "allow-no-covars", "omit-ref", "--threads", "1", "--out", join(dir, "sim")], { stdio: "ignore" });
const glm = join(dir, "sim.Y.glm.linear");
const [glmHead, ...glmRows] = readFileSync(glm, "utf8").trim().split("\n").map((l) => l.split("\t"));
const col = Object.fromEntries(glmHead.map((h, i) => [h, i]));
if (glmRows.length !== ids.length || glmRows.some((r, j) => r[col.ID] !== ids[j] || r[col.A1] !== bim[bimIndex.get(ids[j])][4])) throw new Error("plink2's variants or A1 alleles differ from the LD's");
const zs = glmRows.map((r) => Number(r[col.BETA]) / Number(r[col.SE]));
const lead = zs.reduce((b, z, j) => (Math.abs(z) > Math.abs(zs[b]) ? j : b), 0);
console.log(`Panel: ${panel.replace(root, "")} (${nSamples} people), ${ids.length} variants with MAF >= ${MAF} in ${blockFiles.length} LD blocks (mlmages ld, in-sample)`);
console.log(`Phenotype: ${CAUSAL} causal variants (${[...causal].sort((a, b) => a - b).map((j) => ids[j]).join(", ")}), h2 = ${H2}, seed ${SEED}; GWAS by plink2 --glm; lead |z| = ${Math.abs(zs[lead]).toFixed(1)} (${ids[lead]}${causal.has(lead) ? ", causal" : ""})`);

const preds = [];
const env = { ...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1" };
try {
  const t = execFileSync("Rscript", [rScript, "blocks", glm, join(dir, "ld/blocks.txt"), String(nSamples), join(dir, "susier.tsv")], { env, encoding: "utf8" }).trim();
  preds.push(`susieR susie_rss=${join(dir, "susier.tsv")}`);
  console.log(`susieR: ${Number(t).toFixed(2)} s for susie_rss over the blocks`);
} catch (e) {
  console.log(`susieR: not run (${String(e.message).split("\n")[0]})`);
}
const table = mlmages("evaluate", "--quiet", ...(process.argv.includes("--markdown") ? ["--markdown"] : []), "--truth", join(dir, "truth.tsv"), "--gwas", glm, "--ld", join(dir, "ld/blocks.txt"), "--n", String(nSamples), "--methods", "beta,nn,susie", ...preds.flatMap((p) => ["--pred", p]));
console.log(table.split("\nTargets:")[0]);

// acceptance 3: RMSE no worse than the all-zero estimate's, AUROC above the unshrunk BETA's
const rows = new Map(table.split("\n").slice(1).filter((l) => l.startsWith("Y ")).map((l) => {
  const c = l.trim().split(/\s{2,}/);
  return [c[1], { rmse: Number(c[2]), auroc: Number(c[4]) }];
}));
const zero = rows.get("all zero");
const beta = rows.get("unshrunk BETA");
for (const [m, r] of rows) {
  if (m === "all zero" || m === "unshrunk BETA") continue;
  console.log(`${r.rmse <= zero.rmse && r.auroc > beta.auroc ? "met    " : "not met"}  ${m}: RMSE ${r.rmse} vs all-zero ${zero.rmse}; AUROC ${r.auroc} vs unshrunk ${beta.auroc}`);
}

if (process.argv.includes("--write-test-data")) {
  mkdirSync(testData, { recursive: true });
  writeFileSync(join(testData, "sim.Y.glm.linear.gz"), gzipSync(readFileSync(glm), { level: 9 }));
  copyFileSync(join(dir, "truth.tsv"), join(testData, "truth.tsv"));
  if (preds.length) writeFileSync(join(testData, "susier.tsv.gz"), gzipSync(readFileSync(join(dir, "susier.tsv")), { level: 9 }));
  console.log(`wrote ${testData}: sim.Y.glm.linear.gz, truth.tsv${preds.length ? ", susier.tsv.gz" : ""}`);
}
