// `mlmages shrink` end to end: the published ensembles through the CLI
// reproduce the published shrinkage of the three dev traits.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, expect, it } from "vitest";
import { pearson, rmse } from "../src/core/metrics/regression.js";
import { packagePath } from "../src/node/package-root.js";
import { devBlocks, publishedModelPaths, tieRows } from "./helpers/dev.js";
import { describeWith, SHARED } from "./helpers/requirements.js";
import { readMatrix, readVector, sharedPath } from "./helpers/shared.js";
import { testDir } from "./helpers/tmp.js";

const run = promisify(execFile);
const cli = packagePath("bin", "mlmages.js");
const out = testDir("shrink");

function readTsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, "utf8").trimEnd().split("\n");
  return { header: lines[0].split("\t"), rows: lines.slice(1).map((l) => l.split("\t")) };
}

describeWith(SHARED)("mlmages shrink", () => {
  let ties: Set<number>;
  let models: string[];
  beforeAll(() => {
    ties = tieRows(devBlocks(), 15);
    models = publishedModelPaths("s-0.25_w0_top15_2L");
  });

  // The published shrink_T*.txt were made with the published tool's neighbour
  // lookup (block-local indices into the chromosome-wide betas), hence the flag.
  it.each(["T1", "T2", "T3"])("reproduces shrink_%s.txt from the published .model files and the LD list file", async (t) => {
    const file = join(out, `shrink_${t}.tsv`);
    await run("node", [cli, "shrink", "--quiet", "--published-indexing", "--gwas", sharedPath(`oracle/dev/input/gwas_${t}.csv`), "--ld", sharedPath("oracle/dev/input/ld_blocks.txt"), "--model", ...models, "--out", file]);
    const { header, rows } = readTsv(file);
    expect(header).toEqual(["CHR", "POS", "ID", "BETA", "SE", "BETA_SHRINK"]);
    expect(rows.length).toBe(1191);
    expect(rows[0].slice(0, 3)).toEqual(["22", "17164305", "22:17164305"]);
    const ref = readVector(`oracle/dev/reference/shrink_${t}.txt`);
    const tol = 2e-6 * Math.max(...Array.from(ref, Math.abs));
    let worst = 0;
    rows.forEach((r, i) => {
      if (!ties.has(i)) worst = Math.max(worst, Math.abs(Number(r[5]) - ref[i]));
    });
    expect(worst).toBeLessThanOrEqual(tol);
  });

  it("by default equals the mean of the published members' predictions on correctly indexed features", async () => {
    const file = join(out, "shrink_T1_default.tsv");
    await run("node", [cli, "shrink", "--quiet", "--gwas", sharedPath("oracle/dev/input/gwas_T1.csv"), "--ld", sharedPath("oracle/dev/input/ld_blocks.txt"), "--model", ...models, "--out", file]);
    const got = readTsv(file).rows.map((r) => Number(r[5]));
    const per = readMatrix("oracle/dev/reference/pred_T1_s-0.25_w0_top15_2L_per_model.csv");
    const want = per.map((row) => row.reduce((a, b) => a + b, 0) / row.length);
    const tol = 2e-6 * Math.max(...want.map(Math.abs));
    let worst = 0;
    want.forEach((w, i) => {
      if (!ties.has(i)) worst = Math.max(worst, Math.abs(got[i] - w));
    });
    expect(worst).toBeLessThanOrEqual(tol);
    // and differs from the published tool's output in the second block
    const published = readVector("oracle/dev/reference/shrink_T1.txt");
    expect(Math.abs(got[700] - published[700])).toBeGreaterThan(1e-6);
  });

  it.each([1, 2, 3])("--method enet reproduces the published elastic-net baseline enet_T%i.txt within 3e-14", async (t) => {
    const file = join(out, `enet_T${t}.tsv`);
    await run("node", [cli, "shrink", "--quiet", "--method", "enet", "--gwas", sharedPath(`oracle/dev/input/gwas_T${t}.csv`), "--ld", sharedPath("oracle/dev/input/ld_blocks.txt"), "--out", file]);
    const got = readTsv(file).rows.map((r) => Number(r[5]));
    const ref = readVector(`oracle/dev/reference/enet_T${t}.txt`);
    expect(got.length).toBe(ref.length);
    // same algorithm, same stopping rule: the coefficients agree to rounding (the README's claim)
    let worst = 0;
    got.forEach((g, i) => (worst = Math.max(worst, Math.abs(g - ref[i]))));
    expect(worst).toBeLessThanOrEqual(3e-14);
  });

  it("names the mismatch, exits non-zero and leaves no output when counts differ", async () => {
    const file = join(out, "mismatch.tsv");
    const err = await run("node", [cli, "shrink", "--gwas", sharedPath("oracle/dev/input/gwas_T1.csv"), "--ld", sharedPath("data/ukb-chr22/chr22_block0.ld"), "--model", ...models, "--out", file]).catch((e) => e);
    expect(err.code).toBe(1);
    expect(err.stderr).toContain("gwas_T1.csv has 1191 variants but the LD matrix");
    expect(err.stderr).toContain("chr22_block0.ld covers 603");
    expect(existsSync(file)).toBe(false);
  });

  it("rejects an ensemble that mixes architectures", async () => {
    const err = await run("node", [cli, "shrink", "--gwas", sharedPath("oracle/dev/input/gwas_T1.csv"), "--ld", sharedPath("oracle/dev/input/ld_blocks.txt"), "--model", models[0], publishedModelPaths("s-0.25_w0_top5_3L")[0], "--out", join(out, "x.tsv")]).catch((e) => e);
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/is top15, 2 hidden layers but .* is top5, 3 hidden layers/);
  });
});
