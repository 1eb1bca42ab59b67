// The univariate gene test against the published enrich_T*.csv, and its
// p-values against independent math (closed forms and Monte Carlo).
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import "../src/node/wasm.js";
import { imhofTail, quadraticFormTail } from "../src/core/genetest/exact.js";
import { geneSpectra, geneTestWith } from "../src/core/genetest/gene-test.js";
import { quadraticFormCdfRuben } from "../src/core/genetest/ruben.js";
import { bandRange, cutBand, readLdBand } from "../src/core/io/ld-band.js";
import { chiSquareTail, lowerGamma } from "../src/core/genetest/gamma.js";
import { readGeneTable } from "../src/core/genetest/gene-table.js";
import { liuTail } from "../src/core/genetest/liu.js";
import { Rng } from "../src/core/random.js";
import type { Core } from "../src/core/wasm/core.js";
import { getCore } from "../src/core/wasm/instance.js";
import { packagePath } from "../src/node/package-root.js";
import { describeWith, SHARED } from "./helpers/requirements.js";
import { readCsvColumns, readVector, sharedPath } from "./helpers/shared.js";
import { testDir } from "./helpers/tmp.js";

const run = promisify(execFile);
const out = testDir("enrich");
let core: Core;
beforeAll(async () => {
  core = await getCore();
});

function clustersJson(t: number): string {
  const sigma = readVector(`oracle/dev/reference/cls_T${t}_Sigma.txt`);
  const pi = readVector(`oracle/dev/reference/cls_T${t}_pi.txt`);
  const file = join(out, `T${t}.clusters.json`);
  writeFileSync(file, JSON.stringify({ traits: [`T${t}`], K: pi.length, pi: Array.from(pi), sigma: Array.from(sigma, (s) => [[s]]) }));
  return file;
}

function tsv(path: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(path, "utf8").trim().split("\n").map((l) => l.split(/[\t,]/));
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

describeWith(SHARED)("mlmages enrich on the published shrinkage and clusters", () => {
  it.each([1, 2, 3])("reproduces enrich_T%i.csv (full LD, gzipped)", async (t) => {
    const file = join(out, `enrich_T${t}.tsv`);
    await run("node", [packagePath("bin", "mlmages.js"), "enrich", "--quiet", "--effects", sharedPath(`oracle/dev/reference/shrink_T${t}.txt`), "--clusters", clustersJson(t), "--ld", sharedPath("oracle/dev/input/chr22_full.ld.gz"), "--genes", sharedPath("oracle/dev/input/genes.csv"), "--out", file]);
    const got = tsv(file);
    const ref = tsv(sharedPath(`oracle/dev/reference/enrich_T${t}.csv`));
    expect(got.length).toBe(66);
    got.forEach((g, i) => {
      expect(g.GENE).toBe(ref[i].GENE);
      expect(Math.abs(Number(g.STAT) / Number(ref[i].STAT) - 1)).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(Number(g.VAR) / Number(ref[i].VAR) - 1)).toBeLessThanOrEqual(1e-12);
      const p = Number(ref[i].P);
      if (p > 1e-12) expect(Math.abs(Number(g.P_LIU) / p - 1), g.GENE).toBeLessThanOrEqual(1e-6);
    });
  });

  it("places a gene.loc on the GWAS positions (--gwas) and tests the same genes as the gene table", async () => {
    const genes = readCsvColumns("oracle/dev/input/genes.csv");
    const loc = join(out, "dev.genes.loc");
    writeFileSync(loc, genes.GENE.map((g, i) => `${g}\t${genes.CHR[i]}\t${genes.START[i]}\t${genes.END[i]}\t+\t${g}`).join("\n") + "\n");
    const cli = packagePath("bin", "mlmages.js");
    const common = ["enrich", "--quiet", "--effects", sharedPath("oracle/dev/reference/shrink_T1.txt"), "--clusters", clustersJson(1), "--ld", sharedPath("oracle/dev/input/ld_blocks.txt")];
    const [a, b] = [join(out, "table.tsv"), join(out, "loc.tsv")];
    await run("node", [cli, ...common, "--genes", sharedPath("oracle/dev/input/genes.csv"), "--out", a]);
    await run("node", [cli, ...common, "--genes", loc, "--gwas", sharedPath("oracle/dev/input/gwas_T1.csv"), "--out", b]);
    const [ta, tb] = [tsv(a), tsv(b)];
    expect(tb.map((r) => [r.GENE, r.N_SNPS, r.STAT, r.P_LIU])).toEqual(ta.map((r) => [r.GENE, r.N_SNPS, r.STAT, r.P_LIU]));
    // without positions a location file cannot be placed
    const err = await run("node", [cli, ...common, "--genes", loc, "--out", join(out, "x.tsv")]).then(() => "", (e: { stderr: string }) => e.stderr);
    expect(err).toContain("give --gwas FILE");
  });

  it("gives the same with the LD blocks as with the full matrix", async () => {
    const a = join(out, "blocks.tsv");
    const b = join(out, "full.tsv");
    const args = ["enrich", "--quiet", "--effects", sharedPath("oracle/dev/reference/shrink_T2.txt"), "--epsilon", "1.6422385373865513e-05", "--genes", sharedPath("oracle/dev/input/genes.csv")];
    await run("node", [packagePath("bin", "mlmages.js"), ...args, "--ld", sharedPath("oracle/dev/input/ld_blocks.txt"), "--out", a]);
    await run("node", [packagePath("bin", "mlmages.js"), ...args, "--ld", sharedPath("oracle/dev/input/chr22_full.ld.gz"), "--out", b]);
    expect(readFileSync(a, "utf8")).toBe(readFileSync(b, "utf8"));
  });
});

describe("p-values", () => {
  it("chi-square tails match closed forms", () => {
    // k = 2: Pr(χ²₂ > x) = exp(−x/2)
    for (const x of [0.1, 1, 10, 100, 1000]) expect(chiSquareTail(x, 2).logP).toBeCloseTo(-x / 2, 10);
    // k = 1: Pr(χ²₁ > 3.841458820694124) = 0.05
    expect(chiSquareTail(3.841458820694124, 1).p).toBeCloseTo(0.05, 12);
    // far tail stays finite as a logarithm: Pr(χ²₂ > 3000) = e^-1500
    expect(chiSquareTail(3000, 2).p).toBe(0);
    expect(chiSquareTail(3000, 2).logP).toBeCloseTo(-1500, 8);
  });

  it("Liu's approximation is exact for one weight", () => {
    const lam = 0.3;
    for (const t of [0.01, 0.5, 3]) expect(liuTail(t, [lam]).p).toBeCloseTo(chiSquareTail(t / lam, 1).p, 12);
  });

  it("the exact tail agrees with Monte Carlo", () => {
    const rng = new Rng(11);
    const lam = [1, 0.6, 0.35, 0.2, 0.1, 0.05];
    const draws = 200000;
    const q = new Float64Array(draws);
    for (let d = 0; d < draws; d++) {
      let s = 0;
      for (const l of lam) s += l * rng.normal() ** 2;
      q[d] = s;
    }
    for (const t of [0.5, 2, 5, 9]) {
      let hits = 0;
      for (const v of q) if (v > t) hits++;
      const mc = hits / draws;
      const se = Math.sqrt((mc * (1 - mc)) / draws);
      const exact = quadraticFormTail(core, t, lam);
      expect(Math.abs(exact.p - mc), `t = ${t} (${exact.method})`).toBeLessThan(4 * se + 1e-4);
    }
  });

  it("reports tails too small for a double as -log10 p, never clamped", () => {
    const r = quadraticFormTail(core, 5000, [1, 0.5, 0.25]);
    expect(r.p).toBe(0);
    expect(r.log10P).toBeLessThan(-900);
    expect(Number.isFinite(r.log10P)).toBe(true);
    // the saddlepoint tail agrees with the chi-square's for one weight: log10 Pr(χ²₁ > 5000)
    expect(quadraticFormTail(core, 5000, [1]).log10P / (chiSquareTail(5000, 1).logP / Math.LN10)).toBeCloseTo(1, 2);
  });
});

describe("gene table", () => {
  it("rejects a gene outside the variants and a table without start_idx_chr", () => {
    expect(() => readGeneTable("GENE,CHR,N_SNPS,start_idx_chr\nA,1,5,8\n", "g.csv", 10)).toThrow("g.csv, line 2: gene A covers variants 9..13, outside the 10 variants of the effects");
    expect(() => readGeneTable("GENE,CHR,N_SNPS\nA,1,5\n", "g.csv", 10)).toThrow("g.csv, line 1: no start_idx_chr column (the gene table needs GENE, CHR, N_SNPS and start_idx_chr)");
  });

  it("tests a gene that straddles a block edge on the whole chromosome's LD when the run has it", async () => {
    // AR(1)-like LD over 40 variants, split in two blocks of 20: a gene over variants 15-24 straddles the edge
    const n = 40;
    const rows = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (0.8 ** Math.abs(i - j)).toFixed(6)).join(" "));
    const text = new TextEncoder().encode(rows.join("\n") + "\n");
    const band = await readLdBand(text, "ar1.ld", { width: 30 });
    const blocks = cutBand(band, [0, 20, 40]);
    const gene = { gene: "STRADDLE", chr: "1", start: NaN, end: NaN, first: 15, count: 10 };
    const r = bandRange(band, 15, 10);
    expect(r[4 * 10 + 5]).toBeCloseTo(0.8, 6); // variants 19 and 20, across the edge
    const effects = Float64Array.from({ length: n }, (_, i) => (i >= 15 && i < 25 ? 0.01 : 0));
    const [full] = geneTestWith(core, effects, [gene], geneSpectra(core, blocks, [gene], (f, c) => bandRange(band, f, c)), 1e-4);
    const [blockwise] = geneTestWith(core, effects, [gene], geneSpectra(core, blocks, [gene]), 1e-4);
    expect(full.stat).toBe(blockwise.stat);
    // ε² Σ R² counts the cross-edge pairs only with the whole LD
    let want = 0;
    for (let i = 15; i < 25; i++) for (let j = 15; j < 25; j++) want += 0.8 ** (2 * Math.abs(i - j));
    expect(full.variance / (1e-8 * want)).toBeCloseTo(1, 4);
    expect(blockwise.variance).toBeLessThan(full.variance);
  });

  it("Ruben's series gives the lower tail exactly: equal weights against the closed forms, unequal against Monte Carlo", () => {
    // λ χ²_2 and λ χ²_4 are exponential and Erlang: Pr(Q ≤ t) = 1 − e^−y and 1 − e^−y (1 + y), y = t / 2λ
    for (const [t, l] of [[0.01, 1], [0.5, 0.3], [3, 2]]) {
      const y = t / (2 * l);
      expect(quadraticFormCdfRuben(t, Float64Array.of(l, l))!).toBeCloseTo(1 - Math.exp(-y), 14);
      expect(quadraticFormCdfRuben(t, Float64Array.of(l, l, l, l))!).toBeCloseTo(1 - Math.exp(-y) * (1 + y), 14);
    }
    const rng = new Rng(5);
    const lam = [1, 0.3, 0.02, 0.004];
    const draws = 400000;
    const q = Float64Array.from({ length: draws }, () => lam.reduce((s, l) => s + l * rng.normal() ** 2, 0));
    for (const t of [0.001, 0.05, 0.4]) {
      const mc = q.filter((v) => v <= t).length / draws;
      const se = Math.sqrt((mc * (1 - mc)) / draws);
      expect(Math.abs(quadraticFormCdfRuben(t, Float64Array.from(lam))! - mc), `t = ${t}`).toBeLessThan(4 * se + 1e-5);
    }
    // below the mean the tail test takes Ruben's series, which agrees there with Imhof's integral (an independent method)
    expect(quadraticFormTail(core, 0.05, lam).method).toBe("ruben");
    for (const t of [0.05, 0.4, 1]) {
      const imhof = imhofTail(core, Float64Array.from(lam), t)!;
      expect(imhof, `t = ${t}`).not.toBeNull();
      expect(Math.abs(1 - quadraticFormCdfRuben(t, Float64Array.from(lam))! - imhof), `t = ${t}`).toBeLessThan(1e-8);
    }
  });

  it("Ruben's series settles where F_ν falls below rounding (200 AR(1) weights, t a tenth of the mean)", () => {
    // the terms are non-negative and F_ν falls with ν, so a_0 F_k(x) <= Pr(Q <= t) <= F_k(x), x = t / min λ
    const k = 200;
    const lam = Float64Array.from({ length: k }, (_, i) => (1 - 0.81) / (1 - 2 * 0.9 * Math.cos((Math.PI * (i + 1)) / (k + 1)) + 0.81));
    const beta = Math.min(...lam);
    const t = 0.1 * lam.reduce((a, b) => a + b, 0);
    const cdf = quadraticFormCdfRuben(t, lam);
    expect(cdf).not.toBeNull();
    const fk = lowerGamma(k / 2, t / beta / 2);
    const a0 = Math.exp(lam.reduce((s, l) => s + 0.5 * Math.log(beta / l), 0));
    expect(cdf!).toBeGreaterThanOrEqual(a0 * fk);
    expect(cdf!).toBeLessThanOrEqual(fk);
  });
});
