// The after-run scan of the tests' outputs for NaN/Infinity (tests/helpers/
// scan-outputs.ts, run by global-setup.ts over the folders of tests/helpers/tmp.ts):
// which tokens it reports, with file and line, and which files it leaves alone.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { findTokens, scanOutputs } from "./helpers/scan-outputs.js";
import { BAD_INPUTS, badInputDir, testDir, testRoot } from "./helpers/tmp.js";

describe("NaN/Infinity scan of test outputs", () => {
  it("finds NaN, nan, inf, -Inf, Infinity and INF as whole tokens, with their lines", () => {
    const text = "GENE\tP\nA\t0.5\nB\tNaN\nC\t-inf\nD\t1e-300\tInfinity\nE\t+INF\nF\tnan\n";
    expect(findTokens(text, "t.tsv").map((f) => [f.line, f.token])).toEqual([[3, "NaN"], [4, "-inf"], [5, "Infinity"], [6, "+INF"], [7, "nan"]]);
    expect(findTokens('{"p":[NaN,1],"q":-Infinity}', "x.json").map((f) => [f.file, f.line, f.token])).toEqual([["x.json", 1, "NaN"], ["x.json", 1, "-Infinity"]]);
  });

  it("leaves words that contain the letters, and NA, alone", () => {
    expect(findTokens("NA\tinfo\tisNaN(x)\tinference\tnanometre\tINFO=1\tbinf\tinf_rate\n", "r.txt")).toEqual([]);
  });

  it("reads the text files under a root, skipping binary files and the given folders", () => {
    const root = testDir("scan-probe");
    mkdirSync(join(root, "sub"));
    writeFileSync(join(root, "ok.tsv"), "a\t1\n");
    writeFileSync(join(root, "sub", "bad.tsv"), "a\t1\nb\tnan\n");
    writeFileSync(join(root, "z.gz"), gzipSync("nan\n".repeat(100)));
    mkdirSync(join(root, "inputs"));
    writeFileSync(join(root, "inputs", "x.ld"), "1 nan\nnan 1\n");
    expect(scanOutputs(root, ["inputs"])).toEqual({ files: 2, findings: [{ file: "sub/bad.tsv", line: 2, token: "nan" }] });
    // mend the probe's bad file (the inputs folder is not skipped by the run's own scan), so that the run's scan passes
    writeFileSync(join(root, "sub", "bad.tsv"), "a\t1\n");
    writeFileSync(join(root, "inputs", "x.ld"), "1 0\n0 1\n");
  });

  it("puts bad inputs made on purpose where the run's scan does not look", () => {
    const bad = badInputDir("nan-ld");
    writeFileSync(join(bad, "x.ld"), "1 nan\nnan 1\n");
    expect(bad.startsWith(join(testRoot(), BAD_INPUTS) + "/")).toBe(true);
  });
});
