// SuSiE-RSS against susieR 0.12.35's susie_rss: on a small simulated block
// (inputs and susieR's answers stored in tests/data/susie, always run), on the
// dev data (stored susieR answers, and susieR itself when Rscript has it), the
// CLI, and scale equivariance.
import "../src/node/wasm.js";
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { susieRssBlock, susieShrinkWith } from "../src/core/susie/susie-rss.js";
import type { Gwas, LdBlock } from "../src/core/types.js";
import type { Core } from "../src/core/wasm/core.js";
import { getCore } from "../src/core/wasm/instance.js";
import { expandLdArgs, readGwasFile, readLdFiles } from "../src/node/ld-files.js";
import { packagePath } from "../src/node/package-root.js";
import { sharedPath } from "./helpers/shared.js";

const run = promisify(execFile);
const data = (f: string) => fileURLToPath(new URL(`./data/susie/${f}`, import.meta.url));
const rScript = fileURLToPath(new URL("./reference/susie-rss.R", import.meta.url));
const DEV_N = 290000; // dev README: N = 290,000
const tmp = mkdtempSync(join(tmpdir(), "mlmages-susie-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A TSV with a header as numeric columns by name (non-numeric columns as NaN). */
function readTsvColumns(path: string): Record<string, number[]> {
  const lines = readFileSync(path, "utf8").trimEnd().split("\n");
  const head = lines[0].split("\t");
  const cols: Record<string, number[]> = Object.fromEntries(head.map((h) => [h, [] as number[]]));
  for (const l of lines.slice(1)) l.split("\t").forEach((v, i) => cols[head[i]].push(Number(v)));
  return cols;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Rscript with susieR, or false. */
function hasSusieR(): boolean {
  try {
    execFileSync("Rscript", ["-e", "library(susieR)"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function simBlock(): { bhat: Float64Array; shat: Float64Array; R: Float64Array; p: number } {
  const inp = readTsvColumns(data("sim_input.tsv"));
  const rows = readFileSync(data("sim_ld.tsv"), "utf8").trimEnd().split("\n");
  const p = rows.length;
  return { bhat: Float64Array.from(inp.BHAT), shat: Float64Array.from(inp.SHAT), R: Float64Array.from(rows.flatMap((r) => r.split("\t").map(Number))), p };
}

let core: Core;
beforeAll(async () => {
  core = await getCore();
});

describe("SuSiE-RSS on a simulated block (n = 500, p = 60, 3 causal), against stored susieR values", () => {
  it("posterior means and PIPs within 1e-6, and the same credible sets", () => {
    const { bhat, shat, R } = simBlock();
    const ref = readTsvColumns(data("sim_susier.tsv"));
    const res = susieRssBlock(core, bhat, shat, R, 500);
    expect(maxAbsDiff(res.posteriorMean, ref.POSTERIOR_MEAN)).toBeLessThan(1e-6);
    expect(maxAbsDiff(res.pip, ref.PIP)).toBeLessThan(1e-6);
    expect(res.fit.niter).toBe(ref.NITER[0]);
    const refSets = readFileSync(data("sim_susier_cs.tsv"), "utf8").trimEnd().split("\n").map((l) => {
      const [name, members] = l.split("\t");
      return `${name}:${members}`;
    });
    expect(res.sets.map((s) => `L${s.effect}:${s.variants.map((j) => j + 1).join(",")}`)).toEqual(refSets);
  });

  // z = c·BETA / (c·SE) can differ from BETA/SE in its last bit, and Brent's
  // search for log V (tolerance 1.5e-8, as susieR's) can then end up to that
  // tolerance apart: equivariance holds to about 1e-8 relative, not to 1e-9.
  it("BETA_SHRINK(c·BETA, c·SE) = c·BETA_SHRINK(BETA, SE) within 1e-7 relative, c in {0.01, 7.3, 100}", () => {
    const { bhat, shat, R, p } = simBlock();
    const gwasOf = (c: number): Gwas => ({ source: "sim", n: p, chr: null, pos: null, id: null, beta: bhat.map((b) => b * c), se: shat.map((s) => s * c) });
    const block: LdBlock = { source: "sim_ld.tsv", n: p, data: R };
    const base = susieShrinkWith(core, gwasOf(1), [block], 500).betaShrink;
    const scale = Math.max(...Array.from(base, Math.abs));
    for (const c of [0.01, 7.3, 100]) {
      const scaled = susieShrinkWith(core, gwasOf(c), [block], 500).betaShrink;
      expect(maxAbsDiff(scaled.map((x) => x / c), base) / scale).toBeLessThan(1e-7);
    }
  });

  it("refuses LD with a zero diagonal (a monomorphic variant) with a message naming the block", () => {
    const { bhat, shat, R, p } = simBlock();
    const bad = R.slice();
    bad[3 * p + 3] = 0;
    const gwas: Gwas = { source: "sim", n: p, chr: null, pos: null, id: null, beta: bhat, se: shat };
    expect(() => susieShrinkWith(core, gwas, [{ source: "bad.ld", n: p, data: bad }], 500)).toThrow(/LD block 1 \(bad\.ld\): variant 4 has LD 0 with itself/);
  });
});

describe("SuSiE-RSS beyond Node", () => {
  it("Deno's run of `mlmages shrink --method susie` writes the bytes Node writes (simulated block)", async () => {
    const denoBin = packagePath("node_modules", ".bin", "deno");
    const { bhat, shat, p } = simBlock();
    const gwasFile = join(tmp, "sim_gwas.tsv");
    writeFileSync(gwasFile, "ID\tBETA\tSE\n" + Array.from({ length: p }, (_, j) => `v${j + 1}\t${bhat[j]}\t${shat[j]}`).join("\n") + "\n");
    const ld = join(tmp, "sim.ld");
    writeFileSync(ld, readFileSync(data("sim_ld.tsv"), "utf8").replaceAll("\t", " "));
    const cli = packagePath("bin", "mlmages.js");
    const args = (out: string) => [cli, "shrink", "--quiet", "--method", "susie", "--n", "500", "--gwas", gwasFile, "--ld", ld, "--out", join(tmp, out)];
    await run("node", args("node_sim.tsv"));
    await run(denoBin, ["run", "--allow-read", "--allow-write", "--allow-env=MLMAGES_DEBUG", ...args("deno_sim.tsv")], { env: { ...process.env, NO_COLOR: "1" } });
    expect(readFileSync(join(tmp, "deno_sim.tsv"), "utf8")).toBe(readFileSync(join(tmp, "node_sim.tsv"), "utf8"));
    expect(readFileSync(join(tmp, "deno_sim.credible_sets.tsv"), "utf8")).toBe(readFileSync(join(tmp, "node_sim.credible_sets.tsv"), "utf8"));
    const pip = readTsvColumns(join(tmp, "node_sim.tsv")).PIP;
    expect(maxAbsDiff(pip, readTsvColumns(data("sim_susier.tsv")).PIP)).toBeLessThan(1e-6);
  });
});

describe.skipIf(!existsSync(sharedPath("oracle/dev/input")))("SuSiE-RSS on the dev data (../shared)", () => {
  let blocks: LdBlock[];
  const gwas: Record<string, Gwas> = {};
  beforeAll(async () => {
    blocks = await readLdFiles(await expandLdArgs([sharedPath("oracle/dev/input/ld_blocks.txt")]));
    for (const t of ["T1", "T2", "T3"]) gwas[t] = await readGwasFile(sharedPath(`oracle/dev/input/gwas_${t}.csv`));
  });

  it.each(["T1", "T2", "T3"])("%s: posterior means and PIPs within 1e-6 of stored susieR values", (t) => {
    const res = susieShrinkWith(core, gwas[t], blocks, DEV_N);
    const ref = readTsvColumns(data(`dev_${t}.tsv`));
    expect(maxAbsDiff(res.betaShrink, ref.BETA_SHRINK)).toBeLessThan(1e-6);
    expect(maxAbsDiff(res.pip, ref.PIP)).toBeLessThan(1e-6);
    // and the published reference's susie_T*.txt (susieR 0.12.35, same call)
    const published = readFileSync(sharedPath(`oracle/dev/reference/susie_${t}.txt`), "utf8").trim().split("\n").map(Number);
    expect(maxAbsDiff(res.betaShrink, published)).toBeLessThan(1e-6);
  });

  it.skipIf(!hasSusieR())("agrees with susieR run now (Rscript) within 1e-6", async () => {
    await run("Rscript", [rScript, "dev", sharedPath("oracle/dev/input"), String(DEV_N), tmp], { timeout: 300_000 });
    for (const t of ["T1", "T2", "T3"]) {
      const res = susieShrinkWith(core, gwas[t], blocks, DEV_N);
      const ref = readTsvColumns(join(tmp, `dev_${t}.tsv`));
      expect(maxAbsDiff(res.betaShrink, ref.BETA_SHRINK)).toBeLessThan(1e-6);
      expect(maxAbsDiff(res.pip, ref.PIP)).toBeLessThan(1e-6);
    }
  });

  it("mlmages shrink --method susie writes BETA_SHRINK, PIP and CS columns and the credible sets", async () => {
    const out = join(tmp, "susie_T1.tsv");
    const cli = packagePath("bin", "mlmages.js");
    await run("node", [cli, "shrink", "--quiet", "--method", "susie", "--n", String(DEV_N), "--gwas", sharedPath("oracle/dev/input/gwas_T1.csv"), "--ld", sharedPath("oracle/dev/input/ld_blocks.txt"), "--out", out]);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines[0].split("\t")).toEqual(["CHR", "POS", "ID", "BETA", "SE", "BETA_SHRINK", "PIP", "CS"]);
    expect(lines.length).toBe(1192);
    const ref = readTsvColumns(data("dev_T1.tsv"));
    const cols = readTsvColumns(out);
    expect(maxAbsDiff(cols.BETA_SHRINK, ref.BETA_SHRINK)).toBeLessThan(1e-6);
    expect(maxAbsDiff(cols.PIP, ref.PIP)).toBeLessThan(1e-6);
    const sets = readFileSync(join(tmp, "susie_T1.credible_sets.tsv"), "utf8").trimEnd().split("\n");
    expect(sets[0].split("\t")).toEqual(["CS", "BLOCK", "EFFECT", "SIZE", "COVERAGE", "MIN_ABS_CORR", "MEAN_ABS_CORR", "MEDIAN_ABS_CORR", "LEAD", "LEAD_PIP", "VARIANTS"]);
    // every member of a credible set carries its name in the CS column
    const csCol = lines.slice(1).map((l) => l.split("\t")[7]);
    const ids = lines.slice(1).map((l) => l.split("\t")[2]);
    for (const row of sets.slice(1)) {
      const f = row.split("\t");
      for (const id of f[10].split(",")) expect(csCol[ids.indexOf(id)].split(",")).toContain(f[0]);
      expect(Number(f[5])).toBeGreaterThanOrEqual(0.5);
      expect(Number(f[4])).toBeGreaterThanOrEqual(0.95);
    }
    await expect(run("node", [cli, "shrink", "--method", "susie", "--gwas", sharedPath("oracle/dev/input/gwas_T1.csv"), "--ld", sharedPath("oracle/dev/input/ld_blocks.txt"), "--out", join(tmp, "x.tsv")])).rejects.toThrow(/needs the GWAS sample size: --n N/);
  });

  it("mlmages run --method susie clusters and tests genes on the posterior means", async () => {
    const out = join(tmp, "run");
    const cli = packagePath("bin", "mlmages.js");
    const input = (f: string) => sharedPath(`oracle/dev/input/${f}`);
    await run("node", [cli, "run", "--quiet", "--method", "susie", "--n", String(DEV_N), "--restarts", "2", "--gwas", `T1=${input("gwas_T1.csv")}`, `T3=${input("gwas_T3.csv")}`, "--ld", input("ld_blocks.txt"), "--genes", input("genes.csv"), "--out", out]);
    for (const t of ["T1", "T3"]) {
      const cols = readTsvColumns(join(out, "shrinkage", `shrink_${t}.tsv`));
      expect(maxAbsDiff(cols.BETA_SHRINK, readTsvColumns(data(`dev_${t}.tsv`)).BETA_SHRINK)).toBeLessThan(1e-6);
      expect(existsSync(join(out, "shrinkage", `credible_sets_${t}.tsv`))).toBe(true);
      // the clustering's zero cutoff and labels are made from these effects
      const labels = readFileSync(join(out, "clustering", `${t}.labels.tsv`), "utf8").trimEnd().split("\n");
      expect(labels.length).toBe(1192);
    }
    // the run clusters the posterior means: `mlmages cluster` on its shrink table gives the same labels
    await run("node", [cli, "cluster", "--quiet", "--restarts", "2", "--effects", join(out, "shrinkage", "shrink_T1.tsv"), "--out", join(tmp, "alone")]);
    expect(readFileSync(join(tmp, "alone.labels.tsv"), "utf8")).toBe(readFileSync(join(out, "clustering", "T1.labels.tsv"), "utf8"));
    expect(existsSync(join(out, "clustering", "T1-T3.clusters.json"))).toBe(true);
    expect(existsSync(join(out, "report.html"))).toBe(true);
  });
});
