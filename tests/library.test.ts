// The library entry: parse bytes, shrink, get the same numbers as the CLI path.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readGwas, readLdMatrix, readModels, shrink } from "../src/node/index.js";
import { packagePath } from "../src/node/package-root.js";
import { itWith, SHARED } from "./helpers/requirements.js";
import { readVector, sharedPath } from "./helpers/shared.js";
import { publishedModelPaths } from "./helpers/dev.js";

describe("library API", () => {
  itWith(SHARED)("shrinks from parsed bytes like the published tool (with its indexing)", async () => {
    const gwas = await readGwas(readFileSync(sharedPath("oracle/dev/input/gwas_T3.csv")), "gwas_T3.csv");
    const ldBlocks = await Promise.all(["chr22_block0.ld", "chr22_block5.ld"].map((f) => readLdMatrix(readFileSync(sharedPath(`data/ukb-chr22/${f}`)), f)));
    const models = readModels(publishedModelPaths("s-0.25_w0_top15_2L").map((name) => ({ name, bytes: readFileSync(name) })));
    const { betaShrink } = await shrink({ gwas, ldBlocks, models, publishedIndexing: true });
    const ref = readVector("oracle/dev/reference/shrink_T3.txt");
    expect(Math.abs(betaShrink[0] - ref[0])).toBeLessThan(1e-9);
    expect(Math.abs(betaShrink[1000] - ref[1000])).toBeLessThan(1e-9);
  });

  it("loads the shipped default ensemble", () => {
    const e = readModels([{ name: "default.mlm", bytes: readFileSync(packagePath("models", "default", "default.mlm")) }]);
    expect([e.topR, e.hiddenLayers, e.members.length]).toEqual([15, 2, 10]);
  });
});
