// `mlmages run` end to end on the bundled example, and on the dev data against
// the published outputs of its steps.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { packagePath } from "../src/node/package-root.js";
import { readCsvColumns, sharedPath } from "./helpers/shared.js";

const run = promisify(execFile);
const cli = packagePath("bin", "mlmages.js");
const dir = mkdtempSync(join(tmpdir(), "mlmages-run-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
  });

  it("on the dev data, its gene tests match the published enrich_T1.csv closely", async () => {
    const out = join(dir, "dev");
    await run("node", [cli, "run", "--quiet", "--gwas", `T1=${sharedPath("oracle/dev/input/gwas_T1.csv")}`, "--ld", sharedPath("oracle/dev/input/ld_blocks.txt"), "--genes", sharedPath("oracle/dev/input/genes.csv"), "--model", ...["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"].map((i) => sharedPath(`models/published/s=-0.25,w=0_top15_2L_${i}.model`)), "--out", out]);
    const got = readFileSync(join(out, "genes/enrich_T1.tsv"), "utf8").trim().split("\n").slice(1).map((l) => l.split("\t"));
    const ref = readCsvColumns("oracle/dev/reference/enrich_T1.csv");
    // the published tool's neighbour lookup differs in block 2, so compare the genes of block 1 (first 603 variants)
    const genes = readCsvColumns("oracle/dev/input/genes.csv");
    let compared = 0;
    got.forEach((g, i) => {
      if (Number(genes.end_idx_chr[i]) >= 603) return;
      compared++;
      expect(g[0]).toBe(ref.GENE[i]);
      expect(Math.abs(Number(g[5]) / Number(ref.STAT[i]) - 1), g[0]).toBeLessThan(1e-5);
    });
    expect(compared).toBeGreaterThan(20);
  });
});
