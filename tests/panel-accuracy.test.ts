// Accuracy on a real panel (issue 19, acceptance 3): a phenotype simulated on the
// real 1000 Genomes panel of tests/data/panel (2268 variants with MAF ≥ 0.01, 489
// people; 1% causal, h² = 0.3), its GWAS by plink2 --glm and susieR's susie_rss
// stored in tests/data/panel-sim by bench/accuracy-panel.js, in-sample LD by
// `mlmages ld`. `shrink --method susie` must agree with susieR and beat the
// all-zero estimate's RMSE and the unshrunk BETA's AUROC (figures recomputed here
// from the output, independently of src/core/metrics); `evaluate` must print the
// same figures. The default ensemble must meet both criteria too.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { packagePath } from "../src/node/package-root.js";
import { testDir } from "./helpers/tmp.js";

const run = promisify(execFile);
const cli = packagePath("bin", "mlmages.js");
const data = packagePath("tests", "data", "panel-sim");
const glm = join(data, "sim.Y.glm.linear.gz");
const N = "489";

/** A TSV's columns by name (comment lines skipped). */
function columns(text: string): Record<string, string[]> {
  const [head, ...rows] = text.trimEnd().split("\n").filter((l) => !l.startsWith("# ")).map((l) => l.split("\t"));
  return Object.fromEntries(head.map((h, i) => [h, rows.map((r) => r[i])]));
}
const nums = (c: string[]) => Float64Array.from(c, Number);

function rmse(truth: Float64Array, est: Float64Array): number {
  let s = 0;
  for (let i = 0; i < truth.length; i++) s += (truth[i] - est[i]) * (truth[i] - est[i]);
  return Math.sqrt(s / truth.length);
}

/** AUROC of |est| for truth ≠ 0: P(|est| of a causal variant > that of a null one), ties counting ½. */
function auroc(truth: Float64Array, est: Float64Array): number {
  const pos: number[] = [];
  const neg: number[] = [];
  truth.forEach((t, i) => (t !== 0 ? pos : neg).push(Math.abs(est[i])));
  let wins = 0;
  for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

describe("accuracy on phenotypes simulated on a real 1000 Genomes panel (plink2 --glm, in-sample LD)", () => {
  const out = testDir("panel-accuracy");
  let truth: Float64Array;
  let beta: Float64Array;
  let susie: Record<string, string[]>;
  let nets: Float64Array;
  let table: string;

  beforeAll(async () => {
    await run("node", [cli, "ld", "--quiet", "--panel", packagePath("tests", "data", "panel", "eur22"), "--maf", "0.01", "--out", join(out, "ld")]);
    const ld = join(out, "ld", "blocks.txt");
    await run("node", [cli, "shrink", "--quiet", "--method", "susie", "--n", N, "--gwas", glm, "--ld", ld, "--out", join(out, "susie.tsv")]);
    await run("node", [cli, "shrink", "--quiet", "--gwas", glm, "--ld", ld, "--out", join(out, "nn.tsv")]);
    table = (await run("node", [cli, "evaluate", "--quiet", "--truth", join(data, "truth.tsv"), "--gwas", glm, "--ld", ld, "--n", N, "--methods", "beta,nn,susie", "--pred", `susie file@Y=${join(out, "susie.tsv")}`])).stdout;
    truth = nums(columns(readFileSync(join(data, "truth.tsv"), "utf8")).Y);
    susie = columns(readFileSync(join(out, "susie.tsv"), "utf8"));
    beta = nums(susie.BETA);
    nets = nums(columns(readFileSync(join(out, "nn.tsv"), "utf8")).BETA_SHRINK);
  }, 300_000);

  it("the stored GWAS covers the LD that mlmages ld computes now, variant for variant", () => {
    const glmIds = columns(gunzipSync(readFileSync(glm)).toString("utf8").replace(/^#CHROM/, "CHROM")).ID;
    const ldIds = readFileSync(join(out, "ld", "blocks.txt"), "utf8").trim().split("\n")
      .flatMap((f) => columns(readFileSync(join(out, "ld", f.replace(/\.ld\.bin$/, ".variants.tsv")), "utf8")).ID);
    expect(glmIds.length).toBe(2268);
    expect(susie.ID).toEqual(glmIds);
    expect(ldIds).toEqual(glmIds);
    expect(truth.length).toBe(2268);
    expect(truth.filter((t) => t !== 0).length).toBe(23);
  });

  it("--method susie agrees with susieR's susie_rss on the same z, LD and n within 1e-6", () => {
    const r = columns(gunzipSync(readFileSync(join(data, "susier.tsv.gz"))).toString("utf8"));
    const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);
    expect(maxDiff(nums(susie.BETA_SHRINK), nums(r.BETA_SHRINK))).toBeLessThan(1e-6);
    expect(maxDiff(nums(susie.PIP), nums(r.PIP))).toBeLessThan(1e-6);
  });

  it("--method susie and the default ensemble: RMSE no worse than the all-zero estimate's, AUROC above the unshrunk BETA's", () => {
    const zero = rmse(truth, new Float64Array(truth.length));
    for (const est of [nums(susie.BETA_SHRINK), nets]) {
      expect(rmse(truth, est)).toBeLessThanOrEqual(zero);
      expect(auroc(truth, est)).toBeGreaterThan(auroc(truth, beta));
    }
  });

  it("mlmages evaluate prints the same figures: RMSE and AUROC of all zero, unshrunk BETA, the default ensemble, SuSiE-RSS and a --pred file", () => {
    const rows = new Map(table.split("\n").filter((l) => l.startsWith("Y ")).map((l) => {
      const c = l.trim().split(/\s{2,}/);
      return [c[1], { rmse: Number(c[2]), auroc: c[4] }];
    }));
    expect([...rows.keys()]).toEqual(["all zero", "unshrunk BETA", "default ensemble", "SuSiE-RSS", "susie file"]);
    expect(rows.get("susie file")).toEqual(rows.get("SuSiE-RSS")); // --pred: the same estimates read from shrink's output
    const zero = new Float64Array(truth.length);
    for (const [m, est] of [["all zero", zero], ["unshrunk BETA", beta], ["default ensemble", nets], ["SuSiE-RSS", nums(susie.BETA_SHRINK)]] as const) {
      expect(rows.get(m)!.rmse).toBe(Number(rmse(truth, est).toPrecision(3)));
      if (m !== "all zero") expect(rows.get(m)!.auroc).toBe(auroc(truth, est).toFixed(3));
    }
    expect(table).toMatch(/Targets:\n/);
  });
});
