// Every published ensemble member's predictions, through mlmages' features and
// WASM forward pass, against the published implementation's.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import "../src/node/wasm.js";
import { blockFeatures, featureMajorF32 } from "../src/core/features.js";
import { readModels } from "../src/core/models/ensemble.js";
import { loadEnsemble, predict } from "../src/core/network.js";
import { getCore } from "../src/core/wasm/instance.js";
import { readCsvColumns, readMatrix, sharedPath } from "./helpers/shared.js";

const blocks = [readMatrix("data/ukb-chr22/chr22_block0.ld"), readMatrix("data/ukb-chr22/chr22_block5.ld")];
const gwas = readCsvColumns("oracle/dev/input/gwas_T1.csv");
const beta = gwas.BETA.map(Number);
const se = gwas.SE.map(Number);

/** Published ensemble files of one architecture, members 0..9 in order. */
function ensembleFiles(label: string): { name: string; bytes: Uint8Array }[] {
  const dir = sharedPath("models/published");
  const [, s, w, arch] = /^s(-?[\d.]+)_w(-?\d+)_(top\d+_\d+L)$/.exec(label)!;
  const prefix = `s=${s},w=${w}_${arch}_`;
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix))
    .sort((a, b) => Number(a.slice(prefix.length, -6)) - Number(b.slice(prefix.length, -6)))
    .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(`${dir}/${f}`)) }));
}

/** Rows whose top-r LD values tie (their neighbour order is arbitrary in the published code). */
function tieRows(r: number): Set<number> {
  const ties = new Set<number>();
  let lb = 0;
  for (const b of blocks) {
    b.forEach((row, i) => {
      const vals = row.filter((_, j) => j !== i).sort((x, y) => y - x);
      for (let k = 1; k <= Math.min(r, vals.length - 1); k++) if (vals[k] === vals[k - 1]) ties.add(lb + i);
    });
    lb += b.length;
  }
  return ties;
}

describe.each(["s-0.25_w0_top15_2L", "s0_w-1_top15_3L", "s-0.25_w0_top5_3L", "s-0.25_w0_top10_2L", "s0_w0_top15_0L"])(
  "ensemble %s",
  (label) => {
    it("matches pred_T1_<model>_per_model.csv for every member", async () => {
      const files = ensembleFiles(label);
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
            const f = blockFeatures(s, s.f64From(b.flat()), s.f64From(beta.slice(lb, lb + n)), s.f64From(se.slice(lb, lb + n)), ensemble.topR);
            const per: Float32Array[] = [];
            predict(s, loaded, featureMajorF32(s, f), n, per);
            for (let i = 0; i < n; i++) got.push(per.map((p) => p[i]));
          });
          lb += n;
        }
      });
      const ties = tieRows(ensemble.topR);
      for (let m = 0; m < 10; m++) {
        const tol = 2e-6 * Math.max(...ref.map((row) => Math.abs(row[m])));
        let worst = 0;
        for (let i = 0; i < ref.length; i++) if (!ties.has(i)) worst = Math.max(worst, Math.abs(got[i][m] - ref[i][m]));
        expect(worst, `member ${m}`).toBeLessThanOrEqual(tol);
      }
    });
  },
);
