// Numerical edges (issue 15, point 4 and bad inputs 5, 6, 8, 9, 19, 25): each
// case either refused (exit code, the one line on stderr, no output file) or
// handled by the documented fallback, whose values are checked against
// independent math. Every input is made here (mlmages example and small
// files), so nothing needs ../shared. See docs/reliability.md.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smallEffectCluster } from "../src/core/genetest/gene-test.js";
import { badInputDir } from "./helpers/tmp.js";
import { enetBlock, ENET_DEFAULTS } from "../src/core/enet.js";
import { InputError } from "../src/core/errors.js";
import { readModels } from "../src/core/models/ensemble.js";
import { getCore } from "../src/core/wasm/instance.js";
import "../src/node/wasm.js";
import { packagePath } from "../src/node/package-root.js";
import { linearOnly, modelZip, statePickle } from "./helpers/pickle.js";

const cli = packagePath("bin", "mlmages.js");
const dir = badInputDir("numeric-edges");
const at = (...p: string[]) => join(dir, ...p);

function mlmages(args: string[]): { status: number | null; stderr: string; stdout: string } {
  return spawnSync("node", [cli, ...args], { encoding: "utf8", cwd: dir });
}

/** Runs the CLI and checks a refusal: the exit code, exactly one line on stderr, and no file under `out`. */
function refused(args: string[], out: string, status: number, message: string): void {
  const r = mlmages([...args, "--out", out]);
  expect(r.stderr).toBe(`mlmages: error: ${message}\n`);
  expect(r.status).toBe(status);
  expect(existsSync(out)).toBe(false);
}

/** Fails if any file's text holds NaN or Infinity. */
function noNonFinite(...files: string[]): void {
  for (const f of files) expect(readFileSync(f, "utf8")).not.toMatch(/NaN|Infinity/);
}

function tsvColumn(path: string, name: string): string[] {
  const lines = readFileSync(path, "utf8").trimEnd().split("\n");
  const c = lines[0].split("\t").indexOf(name);
  return lines.slice(1).map((l) => l.split("\t")[c]);
}

const ex = (f: string) => at("ex", f);

beforeAll(() => {
  for (const args of [
    ["example", "--quiet", "--out", at("ex")],
    ["shrink", "--quiet", "--gwas", ex("gwas_T1.tsv"), "--ld", ex("ld_blocks.txt"), "--out", at("shrink_T1.tsv")],
    ["shrink", "--quiet", "--gwas", ex("gwas_T2.tsv"), "--ld", ex("ld_blocks.txt"), "--out", at("shrink_T2.tsv")],
    ["cluster", "--quiet", "--restarts", "5", "--effects", at("shrink_T1.tsv"), "--out", at("T1")],
    ["cluster", "--quiet", "--restarts", "5", "--effects", at("shrink_T1.tsv"), at("shrink_T2.tsv"), "--out", at("T1-T2")],
  ]) {
    const r = mlmages(args);
    if (r.status !== 0) throw new Error(`mlmages ${args.join(" ")}: ${r.stderr}`);
  }
}, 120_000);

describe("enrich: ε and the clustering it comes from (items 5, 25)", () => {
  const enrich = ["enrich", "--effects", "shrink_T1.tsv", "--ld", "ex/ld_blocks.txt", "--genes", "ex/genes.tsv"];
  const clusters = () => JSON.parse(readFileSync(at("T1.clusters.json"), "utf8"));
  const variant = (name: string, change: (c: Record<string, unknown>) => void) => {
    const c = clusters();
    change(c);
    writeFileSync(at(name), JSON.stringify(c));
    return name;
  };

  it("the clustering of the example has at least 3 clusters, so every case below changes one thing", () => {
    expect(clusters().K).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ["--epsilon 0", "0"],
    ["--epsilon -1", "-1"],
    ["--epsilon -0", "-0"],
  ])("%s is refused (exit 2)", (_what, eps) => {
    refused([...enrich, "--epsilon", eps], at("enrich_eps.tsv"), 2, `--epsilon must be a number in (0, 1000000], not '${eps}' (see mlmages enrich --help)`);
  });

  it.each([
    ["a negative σ", (c: any) => (c.sigma[0][0][0] = -c.sigma[0][0][0]), "neg.json: sigma of cluster 1 has a negative variance -"],
    ["K that disagrees with sigma", (c: any) => (c.K += 1), (K: number) => `k.json: K is ${K + 1} but sigma has ${K} cluster covariances`],
    ["sigma shorter than K", (c: any) => c.sigma.pop(), (K: number) => `short.json: K is ${K} but sigma has ${K - 1} cluster covariances`],
    ["pi shorter than sigma", (c: any) => c.pi.pop(), (K: number) => `pi.json: pi has ${K - 1} weights but sigma has ${K} clusters`],
    ["null sigma", (c: any) => (c.sigma = null), "null.json: sigma is null, not a list of K covariance matrices (expected PREFIX.clusters.json of mlmages cluster)"],
    ["null in sigma", (c: any) => (c.sigma[1][0][0] = null), "nullin.json: sigma of cluster 2[1][1] is null, not a finite number"],
    ["weights that do not sum to 1", (c: any) => (c.pi[0] += 0.5), "sum.json: the weights pi sum to "],
    // the small-effect cluster is the second by variance, or the third when the first holds at most 1% (smallEffectCluster)
    ["a zero small-effect variance", (c: any) => (c.sigma[smallEffectCluster(c.pi)][0][0] = 0), (K: number, pi: number[]) => `zero.json: the small-effect cluster ${smallEffectCluster(pi) + 1} has variance 0; the gene test needs ε > 0`],
    ["one cluster only", (c: any) => Object.assign(c, { K: 1, pi: [1], sigma: [c.sigma[0]] }), "one.json: the clustering has 1 cluster; the gene test takes ε from cluster 2 (by variance), so it needs at least 2"],
  ])("a clusters.json with %s is refused by name", (_what, change, messageOf) => {
    const message = typeof messageOf === "string" ? messageOf : messageOf(clusters().K, clusters().pi);
    const name = message.slice(0, message.indexOf(":"));
    variant(name, change as (c: Record<string, unknown>) => void);
    const out = at(`enrich_${name}.tsv`);
    const r = mlmages([...enrich, "--clusters", name, "--out", out]);
    expect(r.status).toBe(1);
    expect(r.stderr.startsWith(`mlmages: error: ${message}`)).toBe(true);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it("the unchanged clusters.json gives a table without NaN or Infinity", () => {
    const out = at("enrich_ok.tsv");
    expect(mlmages([...enrich, "--clusters", "T1.clusters.json", "--out", out]).status).toBe(0);
    noNonFinite(out);
  });
});

describe("genes: a joint clustering's files (item 25)", () => {
  const genes = (clusters: string) => ["genes", "--effects", "shrink_T1.tsv", "shrink_T2.tsv", "--clusters", clusters, "--genes", "ex/genes.tsv"];

  it("a labels file of the wrong length names both files", () => {
    mkdirSync(at("short"), { recursive: true });
    const lines = readFileSync(at("T1-T2.labels.tsv"), "utf8").trimEnd().split("\n");
    writeFileSync(at("short", "J.labels.tsv"), lines.slice(0, 1 + 1400).join("\n") + "\n");
    writeFileSync(at("short", "J.clusters.json"), readFileSync(at("T1-T2.clusters.json")));
    refused(genes("short/J.clusters.json"), at("genes_short"), 1, "shrink_T1.tsv has 1500 effects but short/J.labels.tsv has 1400 cluster labels");
  });

  it("a covariance that is not positive semi-definite is refused by name", () => {
    mkdirSync(at("psd"), { recursive: true });
    const c = JSON.parse(readFileSync(at("T1-T2.clusters.json"), "utf8"));
    const s = c.sigma[0];
    s[0][1] = s[1][0] = 2 * Math.sqrt(s[0][0] * s[1][1]);
    writeFileSync(at("psd", "J.clusters.json"), JSON.stringify(c));
    writeFileSync(at("psd", "J.labels.tsv"), readFileSync(at("T1-T2.labels.tsv")));
    refused(genes("psd/J.clusters.json"), at("genes_psd"), 1, "psd/J.clusters.json: sigma of cluster 1 is not positive semi-definite (a covariance matrix must be)");
  });
});

describe("effects beyond any working scale (item 6)", () => {
  const gwas = (name: string, column: string, value: string) => {
    const lines = readFileSync(ex("gwas_T1.tsv"), "utf8").split("\n");
    const cells = lines[4].split("\t");
    cells[lines[0].split("\t").indexOf(column)] = value;
    lines[4] = cells.join("\t");
    writeFileSync(at(name), lines.join("\n"));
    return name;
  };
  const where = "variant 4 (ID 1:1007808, CHR 1, POS 1007808)";

  it("shrink refuses BETA 1e308 by file and variant", () => {
    refused(["shrink", "--quiet", "--gwas", gwas("big.tsv", "BETA", "1e308"), "--ld", "ex/ld_blocks.txt"], at("shrink_big.tsv"), 1, `big.tsv: ${where} has BETA 1e+308, beyond ±1000000: not an effect on any working scale (check the column and its units)`);
  });

  it("shrink --method enet refuses it too", () => {
    refused(["shrink", "--quiet", "--method", "enet", "--gwas", gwas("big.tsv", "BETA", "1e308"), "--ld", "ex/ld_blocks.txt"], at("enet_big.tsv"), 1, `big.tsv: ${where} has BETA 1e+308, beyond ±1000000: not an effect on any working scale (check the column and its units)`);
  });

  it("shrink refuses SE 1e7", () => {
    refused(["shrink", "--quiet", "--gwas", gwas("bigse.tsv", "SE", "1e7"), "--ld", "ex/ld_blocks.txt"], at("shrink_bigse.tsv"), 1, `bigse.tsv: ${where} has SE 10000000, beyond ±1000000: not an effect on any working scale (check the column and its units)`);
  });

  it("run refuses it and leaves no output folder", () => {
    refused(["run", "--quiet", "--gwas", gwas("big.tsv", "BETA", "-1e308"), "--ld", "ex/ld_blocks.txt"], at("run_big"), 1, `big.tsv: ${where} has BETA -1e+308, beyond ±1000000: not an effect on any working scale (check the column and its units)`);
  });
});

describe("all-zero and all-equal GWAS effects are analysed as given", () => {
  it.each([
    ["all zero", "0"],
    ["all equal", "0.01"],
  ])("%s: run completes, and none of its files holds NaN or Infinity", (_what, value) => {
    const lines = readFileSync(ex("gwas_T1.tsv"), "utf8").trimEnd().split("\n");
    const gwas = `flat_${value}.tsv`;
    writeFileSync(at(gwas), [lines[0], ...lines.slice(1).map((l) => l.split("\t").map((c, i) => (i === lines[0].split("\t").indexOf("BETA") ? value : c)).join("\t"))].join("\n") + "\n");
    const out = at(`run_flat_${value}`);
    const r = mlmages(["run", "--quiet", "--restarts", "5", "--gwas", gwas, "--ld", "ex/ld_blocks.txt", "--genes", "ex/genes.tsv", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const files = (readdirSync(out, { recursive: true }) as string[]).map((f) => join(out, f)).filter((f) => statSync(f).isFile());
    expect(files.length).toBeGreaterThanOrEqual(6);
    noNonFinite(...files);
    // the networks still see each variant's SE and LD, so the shrunk effects vary: it clusters
    expect(new Set(tsvColumn(join(out, "shrinkage", "shrink_T1.tsv"), "BETA_SHRINK")).size).toBeGreaterThan(10);
  });
});

describe("clustering degenerate effects (items 4, 19)", () => {
  const lines = (name: string, values: number[]) => {
    writeFileSync(at(name), values.join("\n") + "\n");
    return name;
  };

  it("all-zero effects are refused", () => {
    refused(["cluster", "--quiet", "--effects", lines("zero.txt", new Array(300).fill(0))], at("c_zero"), 1, "only 0 of 300 variants in zero.txt have an effect above the zero cutoff 9.765625e-9; clustering needs at least 10");
  });

  it("thirty identical effects are refused: nothing to cluster", () => {
    refused(["cluster", "--quiet", "--effects", lines("same.txt", new Array(30).fill(0.05))], at("c_same"), 1, "all 30 variants clustered in same.txt have the same effect (0.05): there is nothing to cluster (the mixture needs effects that vary)");
  });

  it("identical effects in two traits are refused", () => {
    const a = lines("same_a.txt", new Array(40).fill(0.5));
    const b = lines("same_b.txt", new Array(40).fill(-0.25));
    refused(["cluster", "--quiet", "--effects", a, b], at("c_same2"), 1, "all 40 variants clustered in same_a.txt, same_b.txt have the same effect (0.5, -0.25): there is nothing to cluster (the mixture needs effects that vary)");
  });

  it("a trait with fewer than 10 non-zero effects in a joint clustering is refused by name", () => {
    const spread = lines("spread.txt", Array.from({ length: 300 }, (_, i) => 0.01 * Math.sin(i + 1)));
    const few = lines("few.txt", [...new Array(5).fill(0.05), ...new Array(295).fill(0)]);
    refused(["cluster", "--quiet", "--effects", spread, few], at("c_few"), 1, "few.txt: only 5 effects of trait T2 are above the zero cutoff 9.765625e-9; a joint clustering needs at least 10 in every trait (cluster the others without it)");
  });

  it("29 equal effects and one other: the prior-only clusters fall below the variance floor; one cluster, Σ = (sd² + Σx²) / (ν₀ + n)", () => {
    const x = [...new Array(29).fill(0.05), 0.0501];
    const out = at("c_near");
    const r = mlmages(["cluster", "--quiet", "--effects", lines("near.txt", x), "--out", out]);
    expect(r.status).toBe(0);
    noNonFinite(`${out}.clusters.json`, `${out}.labels.tsv`);
    const c = JSON.parse(readFileSync(`${out}.clusters.json`, "utf8"));
    expect(c.K).toBe(1);
    expect(c.pi).toEqual([1]);
    // one Gaussian's Wishart posterior, prior ν₀ = 5 and scale I in units of the sd:
    // Σ = (ν L)⁻¹ with ν = ν₀ + n and L⁻¹ = I + Σ x x' (scaled) = (sd² + Σ x²) / (ν₀ + n) in the effects' units
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const sd2 = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
    const ss = x.reduce((a, b) => a + b * b, 0);
    expect(c.sigma[0][0][0]).toBeCloseTo((sd2 + ss) / (5 + x.length), 12);
    expect(new Set(tsvColumn(`${out}.labels.tsv`, "CLUSTER"))).toEqual(new Set(["0"]));
    expect(new Set(tsvColumn(`${out}.labels.tsv`, "P1"))).toEqual(new Set(["1"]));
  });
});

describe("the elastic net's edges", () => {
  it("all-zero betas give all-zero coefficients (every penalty at scikit-learn's 1e-15)", () => {
    const lines = readFileSync(ex("gwas_T1.tsv"), "utf8").trimEnd().split("\n");
    writeFileSync(at("zero_beta.tsv"), [lines[0], ...lines.slice(1).map((l) => l.split("\t").map((c, i) => (i === lines[0].split("\t").indexOf("BETA") ? "0" : c)).join("\t"))].join("\n") + "\n");
    const out = at("enet_zero.tsv");
    expect(mlmages(["shrink", "--quiet", "--method", "enet", "--gwas", "zero_beta.tsv", "--ld", "ex/ld_blocks.txt", "--out", out]).status).toBe(0);
    const b = tsvColumn(out, "BETA_SHRINK");
    expect(b).toHaveLength(1500);
    expect(new Set(b)).toEqual(new Set(["0"]));
  });

  it("a block of one variant takes the smallest penalty of its grid: w = S(β, 0.01·|β|) / (1 + 0.01·|β|)", async () => {
    const core = await getCore();
    for (const beta of [-0.00733466357, 0.2, 3]) {
      const w = enetBlock(core, { source: "one", n: 1, data: Float64Array.of(1) }, Float64Array.of(beta));
      // α = eps · α_max, α_max = |β| / (1 · l1): l1·α = 0.01·|β|, (1 − l1)·α = 0.01·|β|
      const a = 0.01 * Math.abs(beta);
      expect(w[0]).toBeCloseTo((Math.sign(beta) * (Math.abs(beta) - a)) / (1 + a), 15);
    }
  });

  it("a block of fewer variants than folds is cross-validated leave-one-out, as an independent solver finds", async () => {
    const core = await getCore();
    const r = [1, 0.6, 0.2, 0.6, 1, 0.4, 0.2, 0.4, 1];
    const beta = Float64Array.of(0.05, 0.03, -0.01);
    const got = enetBlock(core, { source: "three", n: 3, data: Float64Array.from(r) }, beta);
    expect(Array.from(got).every(Number.isFinite)).toBe(true);
    // the kernels stop on scikit-learn's duality gap (tol 1e-4 · |y|²), the reference at full convergence
    const { fits, best } = referenceEnet(r, beta);
    const distance = (w: ArrayLike<number>) => Math.max(...Array.from(got, (g, j) => Math.abs(g - w[j])));
    expect(distance(fits[best])).toBeLessThan(1e-4);
    // while the fits at the neighbouring penalties are farther off: the same penalty was chosen
    for (const k of [best - 1, best + 1].filter((k) => k >= 0 && k < fits.length)) expect(distance(fits[k])).toBeGreaterThan(1e-3);
  });
});

/**
 * scikit-learn's ElasticNetCV on one block with leave-one-out folds, written
 * out plainly: rows of R L2-normalised as features, no intercept, 10 penalties
 * log-spaced from α_max down to 1e-2 α_max, each fitted by cyclic coordinate
 * descent to convergence (not the kernels' duality-gap rule); the fits on all
 * rows at every penalty, and the index of the one of least mean validation error.
 */
function referenceEnet(r: number[], y: Float64Array): { fits: number[][]; best: number } {
  const n = y.length;
  const { l1Ratio: l1, alphas: count, eps } = ENET_DEFAULTS;
  const x = Array.from({ length: n }, (_, i) => {
    const norm = Math.hypot(...r.slice(i * n, i * n + n));
    return r.slice(i * n, i * n + n).map((v) => v / norm);
  });
  const fit = (rows: number[], alpha: number): number[] => {
    const w = new Array<number>(n).fill(0);
    const m = rows.length;
    for (let sweep = 0; sweep < 100000; sweep++) {
      let change = 0;
      for (let j = 0; j < n; j++) {
        let rho = 0;
        let z = 0;
        for (const i of rows) {
          const resid = y[i] - x[i].reduce((s, v, k) => s + (k === j ? 0 : v * w[k]), 0);
          rho += x[i][j] * resid;
          z += x[i][j] ** 2;
        }
        const soft = Math.sign(rho) * Math.max(Math.abs(rho) - m * alpha * l1, 0);
        const next = soft / (z + m * alpha * (1 - l1));
        change = Math.max(change, Math.abs(next - w[j]));
        w[j] = next;
      }
      if (change < 1e-15) break;
    }
    return w;
  };
  const all = Array.from({ length: n }, (_, i) => i);
  const alphaMax = Math.max(...all.map((j) => Math.abs(all.reduce((s, i) => s + x[i][j] * y[i], 0)))) / (n * l1);
  const alphas = Array.from({ length: count }, (_, k) => alphaMax * eps ** (k / (count - 1)));
  const mse = alphas.map((a) =>
    all.reduce((s, held) => {
      const w = fit(all.filter((i) => i !== held), a);
      return s + (y[held] - x[held].reduce((p, v, k) => p + v * w[k], 0)) ** 2 / n;
    }, 0),
  );
  return { fits: alphas.map((a) => fit(all, a)), best: mse.indexOf(Math.min(...mse)) };
}

describe("models with weights that cannot give finite predictions (items 8, 9)", () => {
  const base = () => readFileSync(packagePath("models", "default", "default.mlm"));
  const layout = (b: Buffer) => {
    const hlen = b.readUInt32LE(8);
    const header = JSON.parse(b.subarray(12, 12 + hlen).toString());
    return { header, start: Math.ceil((12 + hlen) / 4) * 4 };
  };
  /** The default ensemble with one float32 changed. */
  const withValue = (name: string, tensor: string, index: number, value: number) => {
    const b = Buffer.from(base());
    const { header, start } = layout(b);
    b.writeFloatLE(value, start + header.tensors.find((t: { name: string }) => t.name === tensor).offset + 4 * index);
    writeFileSync(at(name), b);
    return name;
  };
  /** The default ensemble with its header changed. */
  const withHeader = (name: string, change: (h: any) => void) => {
    const b = base();
    const { header, start } = layout(b);
    change(header);
    const json = Buffer.from(JSON.stringify(header));
    const s2 = Math.ceil((12 + json.length) / 4) * 4;
    const out = Buffer.alloc(s2 + b.length - start);
    b.copy(out, 0, 0, 8);
    out.writeUInt32LE(json.length, 8);
    json.copy(out, 12);
    b.copy(out, s2, start);
    writeFileSync(at(name), out);
    return name;
  };

  const cases: [string, () => string, string][] = [
    ["a NaN weight", () => withValue("nan.mlm", "m0.hidden.0.linear.weight", 3, NaN), "nan.mlm: tensor 'm0.hidden.0.linear.weight' has NaN at index 3: every weight must be a finite number"],
    ["an infinite bias", () => withValue("inf.mlm", "m3.output.bias", 0, Infinity), "inf.mlm: tensor 'm3.output.bias' has Infinity at index 0: every weight must be a finite number"],
    ["a negative running variance", () => withValue("negvar.mlm", "m1.hidden.1.norm.running_var", 2, -0.5), "negvar.mlm: tensor 'm1.hidden.1.norm.running_var' has running variance -0.5 at index 2: a variance must be above 0"],
    ["a zero running variance", () => withValue("zerovar.mlm", "m2.hidden.0.norm.running_var", 7, 0), "zerovar.mlm: tensor 'm2.hidden.0.norm.running_var' has running variance 0 at index 7: a variance must be above 0"],
    ["a negative tensor offset", () => withHeader("negoff.mlm", (h) => (h.tensors[0].offset = -8)), "negoff.mlm: tensor 'm0.hidden.0.linear.weight' has offset -8; an offset counts bytes from the data start: a whole multiple of 4, at least 0"],
    ["an offset past the end", () => withHeader("faroff.mlm", (h) => (h.tensors[5].offset = 1e12)), "faroff.mlm: tensor 'm0.hidden.0.norm.running_var' at offset 1000000000000 runs past the end of the file (truncated, or a wrong offset)"],
    ["no members (zero outputs)", () => withHeader("nomembers.mlm", (h) => (h.members = 0)), "nomembers.mlm: the header gives 0 members; an ensemble has 1 to 10000 networks"],
    ["a layer of width 0", () => withHeader("width0.mlm", (h) => (h.tensors[0].shape = [0, 33])), "width0.mlm: tensor 'm0.hidden.0.linear.weight' has shape [0,33]: a layer needs at least one output"],
    ["a negative BatchNorm epsilon", () => withHeader("eps.mlm", (h) => (h.bnEps = -1)), "eps.mlm: the header gives BatchNorm epsilon -1; expected a finite number ≥ 0"],
    ["no tensor list", () => withHeader("notensors.mlm", (h) => (h.tensors = { a: 1 })), "notensors.mlm: the header has no tensor list"],
    [
      "a PyTorch .model with a NaN weight",
      () => {
        const t = linearOnly(33);
        t[0].values[5] = NaN;
        writeFileSync(at("nan.model"), modelZip(statePickle(t), t));
        return "nan.model";
      },
      "nan.model: tensor 'output_layer.weight' has NaN at index 5: every weight must be a finite number",
    ],
  ];

  it.each(cases)("convert-model refuses %s by file and tensor", (_what, make, message) => {
    refused(["convert-model", make()], at(`conv_${message.slice(0, message.indexOf(":"))}`), 1, message);
  });

  it.each(cases.slice(1, 3))("shrink refuses %s before writing anything", (_what, make, message) => {
    refused(["shrink", "--quiet", "--gwas", ex("gwas_T1.tsv"), "--ld", ex("ld_blocks.txt"), "--model", make()], at(`shrink_${message.slice(0, message.indexOf(":"))}.tsv`), 1, message);
  });

  it("run refuses a model with a NaN weight and leaves no output folder", () => {
    refused(["run", "--quiet", "--gwas", ex("gwas_T1.tsv"), "--ld", ex("ld_blocks.txt"), "--model", cases[0][1]()], at("run_nan"), 1, cases[0][2]);
  });

  it("convert-model on a damaged file fails in one line naming the file", () => {
    const b = Buffer.from(base());
    writeFileSync(at("damaged.mlm"), b.subarray(0, 300));
    refused(["convert-model", "damaged.mlm"], at("conv_damaged.mlm"), 1, "damaged.mlm: truncated mlmages model file (header)");
    writeFileSync(at("fakezip.model"), Buffer.from([0x50, 0x4b, 0x03, 0x04, ...new Array(60).fill(7)]));
    refused(["convert-model", "fakezip.model"], at("conv_fakezip.mlm"), 1, "fakezip.model: not a PyTorch .model file (not a zip archive, or a damaged one)");
  });

  it("200 byte mutations and truncations of an .mlm: a valid ensemble or one InputError naming the file, never another error", () => {
    const good = base();
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    let refusedCount = 0;
    for (let k = 0; k < 200; k++) {
      const b = new Uint8Array(good);
      const bytes = k % 4 === 0 ? b.subarray(0, next() % b.length) : b;
      for (let m = 0; m < 1 + (k % 5); m++) bytes[next() % bytes.length] = next() & 255;
      try {
        const e = readModels([{ name: "m.mlm", bytes }]);
        expect(e.members.every((net) => net.output.weight.every(Number.isFinite))).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as Error).message.startsWith("m.mlm: ")).toBe(true);
        expect((e as Error).message).not.toContain("\n");
        refusedCount++;
      }
    }
    expect(refusedCount).toBeGreaterThan(20);
  });
});
