// `mlmages run` end to end on the bundled example, and on the dev data against
// the published outputs of its steps.
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { packagePath } from "../src/node/package-root.js";
import { pathToFileURL } from "node:url";
import { adjustedRandIndex } from "../src/core/cluster/ari.js";
import { launchChromium, openPage } from "./helpers/browser.js";
import { devBlocks, publishedModelPaths, tieRows } from "./helpers/dev.js";
import { worstMatchedDifference } from "./helpers/clusters.js";
import { CHROMIUM, describeWith, itWith, SHARED } from "./helpers/requirements.js";
import { readCsvColumns, readMatrix, readVector, sharedPath } from "./helpers/shared.js";
import { testDir } from "./helpers/tmp.js";

/** Spearman's rank correlation (average ranks for ties). */
function spearman(a: number[], b: number[]): number {
  const ranks = (x: number[]) => {
    const order = x.map((v, i) => [v, i]).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(x.length);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
      for (let k = i; k <= j; k++) r[order[k][1]] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const [ra, rb] = [ranks(a), ranks(b)];
  const mean = (a.length - 1) / 2;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (ra[i] - mean) * (rb[i] - mean);
    saa += (ra[i] - mean) ** 2;
    sbb += (rb[i] - mean) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

const run = promisify(execFile);
const cli = packagePath("bin", "mlmages.js");
const dir = testDir("run");

describe("mlmages run", () => {
  it("runs the whole analysis of the example and records it", async () => {
    const ex = join(dir, "example");
    const out = join(dir, "out");
    await run("node", [cli, "example", "--quiet", "--out", ex]);
    await run("node", [cli, "run", "--quiet", "--gwas", `T1=${ex}/gwas_T1.tsv`, `T2=${ex}/gwas_T2.tsv`, `T3=${ex}/gwas_T3.tsv`, "--ld", `${ex}/ld_blocks.txt`, "--genes", `${ex}/genes.tsv`, "--out", out]);
    for (const f of ["shrinkage/shrink_T3.tsv", "clustering/T1.labels.tsv", "clustering/T1-T2.clusters.json", "clustering/T2-T3.clusters.json", "clustering/T1-T2-T3.labels.tsv", "genes/enrich_T2.tsv"]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const record = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
    expect(record.inputs.map((i: { sha256: string }) => i.sha256.length)).toEqual(new Array(record.inputs.length).fill(64));
    expect(record.steps.map((s: { step: string }) => s.step)).toContain("cluster T1-T2-T3");
    const labels = readFileSync(join(out, "clustering/T1-T2-T3.labels.tsv"), "utf8").trim().split("\n");
    expect(labels.length).toBe(1501);
    // the blocks are digested and released: the report still counts them, as the list names them
    const blocks = readFileSync(join(ex, "ld_blocks.txt"), "utf8").trim().split("\n").length;
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain(`<tr><th>LD blocks</th><td>${blocks}</td></tr>`);
  });

  it("fails with a clear message when an output folder cannot be made", async () => {
    // the timeout only catches a hang: on a loaded 2-core machine the example's simulation alone can take 20 s
    const err = await run("node", [cli, "example", "--quiet", "--out", "/proc/no-such-folder/example"], { timeout: 100_000 }).then(
      () => "",
      (e: { stderr: string; code: number }) => `${e.code} ${e.stderr.trim()}`,
    );
    expect(err).toBe("1 mlmages: error: /proc/no-such-folder: cannot create this output folder (ENOENT)");
  });
});

describeWith(SHARED)("mlmages run on the dev input (whole-chromosome LD as gz text, 3 traits, genes)", () => {
  const out = join(dir, "dev");
  beforeAll(async () => {
    const input = (f: string) => sharedPath(`oracle/dev/input/${f}`);
    const models = publishedModelPaths("s-0.25_w0_top15_2L");
    // at the seed the reference's clusterings were made with (tests/cluster.test.ts), so ε matches too
    await run("node", [cli, "run", "--quiet", "--published-indexing", "--seed", "1234", "--gwas", ...[1, 2, 3].map((t) => `T${t}=${input(`gwas_T${t}.csv`)}`), "--ld-full", input("chr22_full.ld.gz"), "--genes", input("genes.csv"), "--model", ...models, "--out", out]);
  });

  it("agrees with the published outputs", () => {
    // the split finds the two real blocks
    expect(readFileSync(join(out, "blocks/blocks.tsv"), "utf8")).toBe("idx\tlb\tub\tsize\n0\t0\t603\t603\n1\t603\t1191\t588\n");
    const ties = tieRows(devBlocks(), 15);
    const column = (file: string, name: string) => {
      const [head, ...rows] = readFileSync(join(out, file), "utf8").trimEnd().split("\n").map((l) => l.split("\t"));
      const c = head.indexOf(name);
      return rows.map((r) => Number(r[c]));
    };
    for (const t of ["T1", "T2", "T3"]) {
      // shrinkage: as `mlmages shrink` reproduces it (tie rows aside)
      const ref = readVector(`oracle/dev/reference/shrink_${t}.txt`);
      const got = column(`shrinkage/shrink_${t}.tsv`, "BETA_SHRINK");
      const tol = 2e-6 * Math.max(...Array.from(ref, Math.abs));
      got.forEach((g, v) => ties.has(v) || expect(Math.abs(g - ref[v]), `${t} variant ${v}`).toBeLessThanOrEqual(tol));
      // gene tests: STAT follows the shrinkage; Liu's p ranks the genes as published (ε comes from mlmages' own clustering)
      const enrich = readCsvColumns(`oracle/dev/reference/enrich_${t}.csv`);
      const stat = column(`genes/enrich_${t}.tsv`, "STAT");
      stat.forEach((x, g) => expect(Math.abs(x / Number(enrich.STAT[g]) - 1), `${t} ${enrich.GENE[g]}`).toBeLessThan(1e-3));
      const mlog = column(`genes/enrich_${t}.tsv`, "MLOG10P_LIU");
      expect(spearman(mlog, enrich.P.map((p) => -Math.log10(Math.max(Number(p), 1e-300))))).toBeGreaterThan(0.98);
    }
    // clusters: K in the published range, labels as published (ARI); at this seed every set
    // but T1-T2 (K = 6 here, as the published code gives at 1234) finds the reference's K,
    // and then π and Σ of matched clusters are within 15%
    for (const [set, [lo, hi]] of Object.entries({ T1: [2, 4], T2: [2, 4], T3: [3, 7], "T1-T2": [4, 8], "T1-T2-T3": [6, 9] })) {
      const clusters = JSON.parse(readFileSync(join(out, `clustering/${set}.clusters.json`), "utf8"));
      expect(clusters.K, set).toBeGreaterThanOrEqual(lo);
      expect(clusters.K, set).toBeLessThanOrEqual(hi);
      const ref = readVector(`oracle/dev/reference/cls_${set}_cls.txt`);
      const got = column(`clustering/${set}.labels.tsv`, "CLUSTER");
      const nz = [...ref.keys()].filter((v) => ref[v] >= 0 && got[v] >= 0);
      expect(adjustedRandIndex(nz.map((v) => ref[v]), nz.map((v) => got[v])), set).toBeGreaterThanOrEqual(0.85);
      if (set === "T1-T2") continue;
      const refPi = Array.from(readVector(`oracle/dev/reference/cls_${set}_pi.txt`));
      expect(clusters.K, set).toBe(refPi.length);
      expect(worstMatchedDifference(got, clusters.pi, clusters.sigma, ref, refPi, readMatrix(`oracle/dev/reference/cls_${set}_Sigma.txt`)), set).toBeLessThan(0.15);
    }
  });

  itWith(CHROMIUM)("writes a report that renders in headless chromium: every figure drawn, no error, no request but the page's own files", async () => {
    const browser = await launchChromium();
    try {
      const { page, errors, requests } = await openPage(browser, pathToFileURL(join(out, "report.html")).href);
      const boxes = await page.$$eval("svg", (svgs) => svgs.map((s) => s.getBoundingClientRect()).map((r) => r.width * r.height));
      expect(boxes.length).toBeGreaterThanOrEqual(12);
      for (const area of boxes) expect(area).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      expect(requests.filter((r) => !r.startsWith("file://"))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
