// The multi-trait gene level against the published genelevel_* files of the dev
// data (fractions, effect products, association types, per-type gene scores),
// the general pattern rule against the published 2- and 3-trait rules, the
// eigen-solver against independent math, and mlmages genes end to end.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../src/core/errors.js";
import { parseLabels, parsePublishedSigma } from "../src/core/genelevel/cluster-files.js";
import { symmetricEigen } from "../src/core/genelevel/eigen.js";
import { geneLevel, type GeneLevelResult } from "../src/core/genelevel/gene-level.js";
import { clusterPattern, patternKey } from "../src/core/genelevel/patterns.js";
import { bivariateFlags, publishedAssociationTypes, trivariateFlags } from "../src/core/genelevel/published-types.js";
import { geneLevelTables } from "../src/core/genelevel/tables.js";
import { typeScores } from "../src/core/genelevel/type-scores.js";
import { readGeneTable } from "../src/core/genetest/gene-table.js";
import { Rng } from "../src/core/random.js";
import { packagePath } from "../src/node/package-root.js";
import { describeWith, itWith, SHARED } from "./helpers/requirements.js";
import { readMatrix, readVector, sharedPath } from "./helpers/shared.js";
import { testDir } from "./helpers/tmp.js";

const REF = "oracle/dev/reference";
const SETS = { "T1-T2": [1, 2], "T1-T2-T3": [1, 2, 3] } as const;
type SetName = keyof typeof SETS;

const run = promisify(execFile);
const out = testDir("genelevel");

function published(set: SetName) {
  const traits = SETS[set].map((t) => `T${t}`);
  const effects = SETS[set].map((t) => readVector(`${REF}/shrink_T${t}.txt`));
  const labels = parseLabels(readFileSync(sharedPath(`${REF}/cls_${set}_cls.txt`), "utf8"), `cls_${set}_cls.txt`);
  const sigma = parsePublishedSigma(readFileSync(sharedPath(`${REF}/cls_${set}_Sigma.txt`), "utf8"), `cls_${set}_Sigma.txt`);
  const genes = readGeneTable(readFileSync(sharedPath("oracle/dev/input/genes.csv"), "utf8"), "genes.csv", labels.length);
  return { traits, effects, labels, sigma, genes };
}

/** The published association types file: key → 0-based clusters. */
function publishedTypesFile(set: SetName): Map<string, number[]> {
  const lines = readFileSync(sharedPath(`${REF}/genelevel_${set}_cls_association_types.txt`), "utf8").split("\n").slice(1).filter((l) => l.trim());
  return new Map(lines.map((l) => {
    const [key, list = ""] = l.split("\t");
    return [key, list.trim() ? list.split(",").map((c) => Number(c) - 1) : []];
  }));
}

/** |a − b| ≤ 1e-9 |b| (exact when b is 0). */
function expectClose(a: number, b: number, what: string) {
  expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.abs(b));
}

/** Column k of a genes x K matrix. */
const col = (res: GeneLevelResult, m: Float64Array, g: number) => Array.from({ length: res.K }, (_, k) => m[g * res.K + k]);

describeWith(SHARED).each(Object.keys(SETS) as SetName[])("gene level of %s against the published files", (set) => {
  let input: ReturnType<typeof published>;
  let res: GeneLevelResult;
  beforeAll(() => {
    input = published(set);
    res = geneLevel(input);
  });

  it("reproduces genes_cls_frac (printed to 6 decimals)", () => {
    const ref = readMatrix(`${REF}/genelevel_${set}_genes_cls_frac.txt`);
    expect(ref.length).toBe(66);
    ref.forEach((row, g) => {
      expect(row.length).toBe(res.K);
      col(res, res.fractions, g).forEach((x, k) => expect(Math.abs(x - row[k]), `gene ${g} cluster ${k}`).toBeLessThanOrEqual(5.000001e-7));
      // The rest of the gene is thresholded to zero.
      expect(res.zeroFractions[g] + row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    });
  });

  it("reproduces genes_cls_bprod_(i,j) and genes_cls_bprodabs_(i,j) within 1e-9 relative", () => {
    expect(res.pairs.length).toBe((SETS[set].length * (SETS[set].length + 1)) / 2);
    res.pairs.forEach(([i, j], q) => {
      const bprod = readMatrix(`${REF}/genelevel_${set}_genes_cls_bprod_(${i},${j}).txt`);
      const babs = readMatrix(`${REF}/genelevel_${set}_genes_cls_bprodabs_(${i},${j}).txt`);
      bprod.forEach((row, g) => col(res, res.bprod[q], g).forEach((x, k) => expectClose(x, row[k], `bprod (${i},${j}) gene ${g} cluster ${k}`)));
      babs.forEach((row, g) => col(res, res.bprodAbs[q], g).forEach((x, k) => expectClose(x, row[k], `bprodabs (${i},${j}) gene ${g} cluster ${k}`)));
    });
  });

  it("reproduces the published association types", () => {
    const got = publishedAssociationTypes(input.sigma, input.labels);
    const ref = publishedTypesFile(set);
    expect(got.map((t) => t.key)).toEqual([...ref.keys()]);
    for (const t of got) expect(t.clusters, t.key).toEqual(ref.get(t.key));
  });

  it("reproduces genes_beta_abs_sum only with the published off-by-one cluster index", () => {
    const K = res.K;
    const p = input.traits.length;
    for (const t of publishedAssociationTypes(input.sigma, input.labels)) {
      const file = `${REF}/genelevel_${set}_genes_beta_abs_sum_${t.key}.txt`;
      if (!t.clusters.length) {
        expect(existsSync(sharedPath(file)), file).toBe(false);
        continue;
      }
      const ref = readVector(file);
      const asPublished = typeScores(res.absSums, K, p, t.clusters, t.traits, { publishedIndexing: true });
      ref.forEach((r, g) => expectClose(asPublished[g], r, `${t.key} gene ${g}`));
      // The correct sums (the listed clusters) differ, by more than rounding.
      const correct = typeScores(res.absSums, K, p, t.clusters, t.traits);
      const differs = Array.from(correct).filter((c, g) => Math.abs(c - ref[g]) > 1e-6 * Math.max(Math.abs(ref[g]), 1e-12)).length;
      expect(differs, t.key).toBeGreaterThan(0);
      // Independently: the correct score is Σ|β_t| over the gene's variants in the clusters.
      res.genes.forEach((g, gi) => {
        let s = 0;
        for (let v = g.first; v < g.first + g.count; v++) if (t.clusters.includes(input.labels[v])) for (const tr of t.traits) s += Math.abs(input.effects[tr][v]);
        expectClose(correct[gi], s, `${t.key} gene ${g.gene}`);
      });
    }
  });

  it("the general pattern rule agrees with the published rule read with the traits' own axes", () => {
    const p = input.traits.length;
    const intended = publishedAssociationTypes(input.sigma, input.labels, { axes: "traits" });
    res.patterns.forEach((pat) => {
      const types = intended.filter((t) => t.clusters.includes(pat.cluster)).map((t) => t.key);
      // The 2-trait rule leaves clusters with 1.5 ≤ λ₁/λ₂ ≤ 2 unclassified (here the near-zero cluster 5).
      if (set === "T1-T2" && pat.cluster === 4) expect(types).toEqual([]);
      else expect(types, `cluster ${pat.cluster + 1}`).toContain(patternKey(pat.traits, p));
      // Where it gives a trait-specific type beside a shared one (cluster 2 of 3 traits:
      // (0,1,0) and (0,1,1)), the trait-specific one, as its "single axis overrides shared".
      const single = types.filter((k) => k.split("1").length === 2);
      if (single.length) expect([patternKey(pat.traits, p)]).toEqual(single);
    });
  });
});

describe("association patterns on the dev data", () => {
  itWith(SHARED)("gives the documented patterns and scores", () => {
    const res2 = geneLevel(published("T1-T2"));
    expect(res2.patterns.map((c) => patternKey(c.traits, 2))).toEqual(["(1,1)", "(0,1)", "(1,0)", "(0,1)", "(1,1)"]);
    expect(res2.types.map((t) => [t.key, t.clusters])).toEqual([["(1,0)", [2]], ["(0,1)", [1, 3]], ["(1,1)", [0, 4]]]);
    const res3 = geneLevel(published("T1-T2-T3"));
    expect(res3.patterns.map((c) => patternKey(c.traits, 3))).toEqual(["(1,1,1)", "(0,1,0)", "(1,0,1)", "(0,1,0)", "(1,0,0)", "(0,0,1)", "(1,1,1)"]);
  });

  itWith(SHARED)("the published 3-trait rule uses (0,0,1), (0,1,0), (0,1,1) as the traits' axes", () => {
    const { sigma } = published("T1-T2-T3");
    // Cluster 6 varies along trait 3 only, cluster 5 along trait 1 only.
    expect(clusterPattern(5, sigma[5]).traits).toEqual([2]);
    expect(clusterPattern(4, sigma[4]).traits).toEqual([0]);
    expect(trivariateFlags(sigma[5], "published")).toEqual([true, false, false, false, true, false, false]);
    expect(trivariateFlags(sigma[5], "traits")).toEqual([false, false, true, false, false, false, false]);
    expect(trivariateFlags(sigma[4], "published")).toEqual([false, false, false, false, false, false, true]);
    expect(trivariateFlags(sigma[4], "traits")).toEqual([true, false, false, false, false, false, false]);
  });

  it("the 2-trait rule: axis-aligned, tilted and round ellipses", () => {
    const rot = (deg: number, l1: number, l2: number) => {
      const c = Math.cos((deg * Math.PI) / 180);
      const s = Math.sin((deg * Math.PI) / 180);
      return [[l1 * c * c + l2 * s * s, (l1 - l2) * c * s], [(l1 - l2) * c * s, l1 * s * s + l2 * c * c]];
    };
    expect(bivariateFlags(rot(10, 10, 1))).toEqual([true, false, false]);
    expect(bivariateFlags(rot(-10, 10, 1))).toEqual([true, false, false]);
    expect(bivariateFlags(rot(170, 10, 1))).toEqual([true, false, false]);
    expect(bivariateFlags(rot(95, 10, 1))).toEqual([false, true, false]);
    expect(bivariateFlags(rot(45, 10, 1))).toEqual([false, false, true]);
    expect(bivariateFlags(rot(45, 1.2, 1))).toEqual([false, false, true]);
    expect(bivariateFlags(rot(0, 1.8, 1))).toEqual([false, false, false]);
  });

  it("patterns of any number of traits", () => {
    // 5 traits: a cluster along traits 2 and 4 with small noise on the others.
    const v = [0, 1, 0, -0.8, 0];
    const sigma = v.map((a, i) => v.map((b, j) => 1e-4 * a * b + (i === j ? 1e-7 : 0)));
    expect(clusterPattern(0, sigma).traits).toEqual([1, 3]);
    const iso = v.map((_, i) => v.map((_, j) => (i === j ? 2 : 0)));
    expect(clusterPattern(0, iso).traits).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("symmetric eigen-decomposition", () => {
  it.each([1, 2, 3, 5, 8])("A v = λ v, orthonormal vectors, descending values (p = %i)", (p) => {
    const rng = new Rng(7 + p);
    const b = Array.from({ length: p }, () => Array.from({ length: p }, () => rng.normal()));
    const a = b.map((_, i) => b.map((_, j) => b[i].reduce((s, x, k) => s + x * b[j][k], 0)));
    const { values, vectors } = symmetricEigen(a);
    for (let k = 0; k < p; k++) {
      for (let i = 0; i < p; i++) {
        const av = a[i].reduce((s, x, j) => s + x * vectors[k][j], 0);
        expect(Math.abs(av - values[k] * vectors[k][i])).toBeLessThan(1e-12 * Math.abs(values[0]));
      }
      for (let l = 0; l < p; l++) expect(vectors[k].reduce((s, x, i) => s + x * vectors[l][i], 0)).toBeCloseTo(k === l ? 1 : 0, 12);
      if (k > 0) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
    }
    const trace = a.reduce((s, r, i) => s + r[i], 0);
    expect(values.reduce((s, x) => s + x, 0)).toBeCloseTo(trace, 10);
  });
});

describe("checks", () => {
  const base = () => published("T1-T2");
  itWith(SHARED)("rejects labels beyond the clusters, mismatched lengths and covariances", () => {
    const a = base();
    const labels = Int32Array.from(a.labels);
    labels[3] = 9;
    expect(() => geneLevel({ ...a, labels })).toThrow(/cluster label 9 .*5 clusters/);
    expect(() => geneLevel({ ...a, effects: [a.effects[0], a.effects[1].subarray(1)] })).toThrow(InputError);
    expect(() => geneLevel({ ...a, traits: ["A", "B", "C"] })).toThrow(/2 effects arrays for 3 traits/);
  });

  it("rejects malformed label and covariance files", () => {
    expect(() => parseLabels("CLUSTER\n1\n0.5\n", "l.tsv")).toThrow(/l.tsv, line 3/);
    expect(() => parseLabels("P1\n1\n", "l.tsv")).toThrow(/no CLUSTER column/);
    expect(() => parsePublishedSigma("1,0,0\n", "s.txt")).toThrow(/not a square matrix/);
  });

  itWith(SHARED)("renders the tables with headers", () => {
    const res = geneLevel(base());
    const t = geneLevelTables(res);
    expect([...t.keys()]).toEqual(["gene_cluster_fractions.tsv", "gene_bprod.tsv", "gene_bprodabs.tsv", "association_types.tsv", "gene_type_scores.tsv"]);
    expect(t.get("gene_cluster_fractions.tsv")!.split("\n")[0]).toBe("GENE\tCHR\tN_SNPS\tzero\tc1\tc2\tc3\tc4\tc5");
    expect(t.get("gene_bprod.tsv")!.split("\n")[0].split("\t").slice(0, 3)).toEqual(["GENE", "T1xT1_c1", "T1xT1_c2"]);
    expect(t.get("gene_bprodabs.tsv")!.split("\n")[0].split("\t")).toContain("T1xT2_c5");
    expect(t.get("association_types.tsv")!.split("\n").slice(0, 2)).toEqual(["CLUSTER\tPATTERN\tTRAITS\tN_VARIANTS\tSHARE_T1\tSHARE_T2", `1\t(1,1)\tT1+T2\t${res.clusterSizes[0]}\t1\t${res.patterns[0].shares[1]}`]);
    expect(t.get("gene_type_scores.tsv")!.split("\n")[0]).toBe("GENE\tT1\tT2\tT1+T2");
    expect(t.get("gene_type_scores.tsv")!.trim().split("\n").length).toBe(67);
  });
});

describeWith(SHARED)("mlmages genes", () => {
  const cli = (...args: string[]) => run("node", [packagePath("bin", "mlmages.js"), "genes", "--quiet", ...args]);

  /** mlmages cluster's files made from the published clustering. */
  function clusterFiles(set: SetName): string {
    const { traits, sigma, labels } = published(set);
    const prefix = join(out, set);
    writeFileSync(`${prefix}.clusters.json`, JSON.stringify({ traits, K: sigma.length, sigma }));
    writeFileSync(`${prefix}.labels.tsv`, `CLUSTER\n${Array.from(labels).join("\n")}\n`);
    return prefix;
  }

  it.each(Object.keys(SETS) as SetName[])("writes the tables of %s from clusters.json, from labels.tsv and from the published prefix alike", async (set) => {
    const prefix = clusterFiles(set);
    const effects = SETS[set].map((t) => sharedPath(`${REF}/shrink_T${t}.txt`));
    const genes = sharedPath("oracle/dev/input/genes.csv");
    const dirs = ["json", "labels", "published"].map((d) => join(out, `${set}-${d}`));
    await cli("--effects", ...effects, "--clusters", `${prefix}.clusters.json`, "--genes", genes, "--out", dirs[0]);
    await cli("--effects", ...effects, "--clusters", `${prefix}.labels.tsv`, "--genes", genes, "--out", dirs[1]);
    await cli("--effects", ...effects, "--clusters", sharedPath(`${REF}/cls_${set}`), "--genes", genes, "--out", dirs[2]);
    const expected = geneLevelTables(geneLevel(published(set)));
    for (const [name, text] of expected) for (const d of dirs) expect(readFileSync(join(d, name), "utf8"), `${d}/${name}`).toBe(text);
  });

  it("maps a gene.loc onto the GWAS positions with --gwas and --gene-window", async () => {
    const prefix = clusterFiles("T1-T2");
    const loc = join(out, "genes.loc");
    const rows = readFileSync(sharedPath("oracle/dev/input/genes.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    writeFileSync(loc, rows.map((r, i) => `${1000 + i} ${r[1]} ${r[3]} ${r[4]} + ${r[2]}`).join("\n") + "\n");
    const effects = [1, 2].map((t) => sharedPath(`${REF}/shrink_T${t}.txt`));
    const d0 = join(out, "loc0");
    await cli("--effects", ...effects, "--clusters", `${prefix}.clusters.json`, "--genes", loc, "--gwas", sharedPath("oracle/dev/input/gwas_T1.csv"), "--out", d0);
    expect(readFileSync(join(d0, "gene_bprod.tsv"), "utf8")).toBe(geneLevelTables(geneLevel(published("T1-T2"))).get("gene_bprod.tsv"));
    const d1 = join(out, "loc1");
    await cli("--effects", ...effects, "--clusters", `${prefix}.clusters.json`, "--genes", loc, "--gwas", sharedPath("oracle/dev/input/gwas_T1.csv"), "--gene-window", "10", "--out", d1);
    const n0 = readFileSync(join(d0, "gene_cluster_fractions.tsv"), "utf8").split("\n")[1].split("\t")[2];
    const n1 = readFileSync(join(d1, "gene_cluster_fractions.tsv"), "utf8").split("\n")[1].split("\t")[2];
    expect(Number(n1)).toBeGreaterThan(Number(n0));
    await expect(cli("--effects", ...effects, "--clusters", `${prefix}.clusters.json`, "--genes", loc, "--out", d1)).rejects.toThrow(/--gwas/);
  });

  it("fails with a clear message on mismatched inputs", async () => {
    const prefix = clusterFiles("T1-T2-T3");
    const effects = [1, 2].map((t) => sharedPath(`${REF}/shrink_T${t}.txt`));
    await expect(cli("--effects", ...effects, "--clusters", `${prefix}.clusters.json`, "--genes", sharedPath("oracle/dev/input/genes.csv"), "--out", join(out, "bad"))).rejects.toThrow(/3 traits.*2 --effects/s);
  });
});
