// The shipped default ensemble, trained only on mlmages' own simulations (N from
// 1,000 to 1,000,000, in z units), on the dev data (real UK Biobank LD it
// never saw): its RMSE to the true effects as stored when it was trained (README's
// table), below the unshrunk BETA's and no worse than the published ensemble's.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { readNativeMeta, readNativeModel } from "../src/core/models/native.js";
import { rmse } from "../src/core/metrics/regression.js";
import { packagePath } from "../src/node/package-root.js";
import { describeWith, SHARED } from "./helpers/requirements.js";
import { readCsvColumns, readMatrix, readVector, sharedPath } from "./helpers/shared.js";
import { testDir } from "./helpers/tmp.js";

const run = promisify(execFile);

/** RMSE of the default ensemble's BETA_SHRINK on the dev traits T1..T3 (README's table). */
const STORED_RMSE = [0.002906, 0.0022383, 0.0032837];

describe("default ensemble", () => {
  it("records a recipe of its own simulations, in z units", () => {
    const bytes = readFileSync(packagePath("models", "default", "default.mlm"));
    const meta = readNativeMeta(bytes, "default.mlm") as { recipe: string; simulation: { seed: number; n: number[] } };
    expect(meta.recipe).toBe("scripts/train-default.js");
    expect(typeof meta.simulation.seed).toBe("number");
    expect(meta.simulation.n).toEqual([1000, 1_000_000]);
    expect(readNativeModel(bytes, "default.mlm").units).toBe("z");
  });

  describeWith(SHARED)("on the dev data", () => {
    it.each([1, 2, 3])("has the stored RMSE on trait T%i, below the unshrunk BETA's and the published ensemble's", async (trait) => {
      const t = trait - 1;
      const file = join(testDir("default"), `T${trait}.tsv`);
      const gwas = sharedPath(`oracle/dev/input/gwas_T${trait}.csv`);
      const { stderr } = await run("node", [packagePath("bin", "mlmages.js"), "shrink", "--quiet", "--gwas", gwas, "--ld", sharedPath("oracle/dev/input/ld_blocks.txt"), "--out", file]);
      expect(stderr).toBe(""); // the dev traits lie within the training range: no warning
      const got = readFileSync(file, "utf8").trim().split("\n").slice(1).map((l) => Number(l.split("\t")[5]));
      const y = readMatrix("oracle/dev/input/truth_beta.csv").slice(1).map((r) => r[t]);
      const unshrunk = rmse(y, readCsvColumns(`oracle/dev/input/gwas_T${trait}.csv`).BETA.map(Number));
      const published = rmse(y, readVector(`oracle/dev/reference/shrink_T${trait}.txt`));
      expect(published).toBeCloseTo([0.00391, 0.00385, 0.00418][t], 5);
      const ours = rmse(y, got);
      expect(ours).toBeCloseTo(STORED_RMSE[t], 7);
      expect(ours).toBeLessThan(0.6 * unshrunk);
      expect(ours).toBeLessThanOrEqual(published);
    });
  });
});
