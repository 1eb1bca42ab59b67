// The shipped default ensemble, trained only on mlmages' own simulations, is at
// least as accurate as the published ensemble on the dev data (real UK Biobank
// LD it never saw).
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { readNativeMeta } from "../src/core/models/native.js";
import { rmse } from "../src/core/metrics/regression.js";
import { packagePath } from "../src/node/package-root.js";
import { itWith, SHARED } from "./helpers/requirements.js";
import { readMatrix, readVector, sharedPath } from "./helpers/shared.js";
import { testDir } from "./helpers/tmp.js";

const run = promisify(execFile);
const out = testDir("default");

describe("default ensemble", () => {
  it("records a recipe of its own simulations", () => {
    const meta = readNativeMeta(readFileSync(packagePath("models", "default", "default.mlm")), "default.mlm") as { recipe: string; simulation: { seed: number } };
    expect(meta.recipe).toBe("scripts/train-default.js");
    expect(typeof meta.simulation.seed).toBe("number");
  });

  itWith(SHARED).each([1, 2, 3])("is no less accurate than the published ensemble on trait T%i", async (trait) => {
    const t = trait - 1;
    const file = join(out, `T${t + 1}.tsv`);
    await run("node", [packagePath("bin", "mlmages.js"), "shrink", "--quiet", "--gwas", sharedPath(`oracle/dev/input/gwas_T${t + 1}.csv`), "--ld", sharedPath("oracle/dev/input/ld_blocks.txt"), "--out", file]);
    const got = readFileSync(file, "utf8").trim().split("\n").slice(1).map((l) => Number(l.split("\t")[5]));
    const y = readMatrix("oracle/dev/input/truth_beta.csv").slice(1).map((r) => r[t]);
    const published = rmse(y, readVector(`oracle/dev/reference/shrink_T${t + 1}.txt`));
    expect(published).toBeCloseTo([0.00391, 0.00385, 0.00418][t], 5);
    expect(rmse(y, got)).toBeLessThanOrEqual(published);
  });
});
