// Every published ensemble member's predictions, through mlmages' features and
// WASM forward pass, against the published implementation's.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import "../src/node/wasm.js";
import { blockFeatures, blockNeighbours, featureMajorF32 } from "../src/core/features.js";
import { readModels } from "../src/core/models/ensemble.js";
import { loadEnsemble, predict } from "../src/core/network.js";
import { getCore } from "../src/core/wasm/instance.js";
import { devBlocks, publishedModelPaths, tieRows } from "./helpers/dev.js";
import { describeWith, SHARED } from "./helpers/requirements.js";
import { readCsvColumns, readMatrix } from "./helpers/shared.js";

describeWith(SHARED).each(["s-0.25_w0_top15_2L", "s0_w-1_top15_3L", "s-0.25_w0_top5_3L", "s-0.25_w0_top10_2L", "s0_w0_top15_0L"])(
  "ensemble %s",
  (label) => {
    it("matches pred_T1_<model>_per_model.csv for every member", async () => {
      const blocks = devBlocks();
      const gwas = readCsvColumns("oracle/dev/input/gwas_T1.csv");
      const beta = gwas.BETA.map(Number);
      const se = gwas.SE.map(Number);
      const files = publishedModelPaths(label).map((name) => ({ name, bytes: new Uint8Array(readFileSync(name)) }));
      expect(files.length).toBe(10);
      const ensemble = readModels(files);
      const ref = readMatrix(`oracle/dev/reference/pred_T1_${label}_per_model.csv`);
      const core = await getCore();
      const got: number[][] = [];
      core.scoped((scope) => {
        const loaded = loadEnsemble(scope, ensemble);
        let lb = 0;
        for (const b of blocks) {
          const n = b.length;
          core.scoped((s) => {
            const f = blockFeatures(s, blockNeighbours(core, b.flat(), n, ensemble.topR), s.f64From(beta.slice(lb, lb + n)), s.f64From(se.slice(lb, lb + n)));
            const per: Float32Array[] = [];
            predict(s, loaded, featureMajorF32(s, f), n, per);
            for (let i = 0; i < n; i++) got.push(per.map((p) => p[i]));
          });
          lb += n;
        }
      });
      const ties = tieRows(blocks, ensemble.topR);
      for (let m = 0; m < 10; m++) {
        const tol = 2e-6 * Math.max(...ref.map((row) => Math.abs(row[m])));
        let worst = 0;
        for (let i = 0; i < ref.length; i++) if (!ties.has(i)) worst = Math.max(worst, Math.abs(got[i][m] - ref[i][m]));
        expect(worst, `member ${m}`).toBeLessThanOrEqual(tol);
      }
    });
  },
);
