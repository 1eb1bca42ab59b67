// LD features against the published implementation's feature matrices.
import { beforeAll, expect, it } from "vitest";
import "../src/node/wasm.js";
import { blockFeatures, blockNeighbours } from "../src/core/features.js";
import { getCore } from "../src/core/wasm/instance.js";
import { devBlocks, tieRows } from "./helpers/dev.js";
import { describeWith, SHARED } from "./helpers/requirements.js";
import { readCsvColumns, readMatrix } from "./helpers/shared.js";

/** The dev LD blocks and trait T1's BETA and SE, read in beforeAll. */
let blocks: number[][][];
let beta: number[];
let se: number[];
function readDev(): void {
  if (blocks) return;
  blocks = devBlocks();
  const gwas = readCsvColumns("oracle/dev/input/gwas_T1.csv");
  beta = gwas.BETA.map(Number);
  se = gwas.SE.map(Number);
}

async function features(r: number): Promise<{ rows: number[][]; ld: number[][][] }> {
  const core = await getCore();
  const rows: number[][] = [];
  let lb = 0;
  for (const b of blocks) {
    const n = b.length;
    core.scoped((s) => {
      const f = blockFeatures(s, blockNeighbours(core, b.flat(), n, r), s.f64From(beta.slice(lb, lb + n)), s.f64From(se.slice(lb, lb + n)));
      const v = f.rows.view();
      for (let i = 0; i < n; i++) rows.push(Array.from(v.subarray(i * f.width, (i + 1) * f.width)));
    });
    lb += n;
  }
  return { rows, ld: blocks };
}

// Rows with tied LD values at or within the top r, counted independently of the kernel.
const TIE_ROWS: Record<number, number> = { 5: 0, 10: 1, 15: 1 };

describeWith(SHARED).each([
  [5, "s-0.25_w0_top5_3L"],
  [10, "s-0.25_w0_top10_2L"],
  [15, "s-0.25_w0_top15_2L"],
])("features, r = %i", (r, model) => {
  beforeAll(readDev);

  it(`equal features_T1_${model}.csv (ties aside)`, async () => {
    const ref = readMatrix(`oracle/dev/reference/features_T1_${model}.csv`);
    const { rows } = await features(r);
    expect(rows.length).toBe(1191);
    const w = 2 * r + 3;
    const colMax = Array.from({ length: w }, (_, c) => Math.max(...ref.map((row) => Math.abs(row[c]))));
    const ties = tieRows(blocks, r);
    let tieCount = 0;
    let lb = 0;
    for (const [bi, b] of blocks.entries()) {
      for (let i = 0; i < b.length; i++) {
        const got = rows[lb + i];
        const want = ref[lb + i];
        const tie = ties.has(lb + i);
        for (let c = 0; c < w; c++) {
          const isBetaCol = c >= 3 && c < 3 + r;
          if (tie && isBetaCol) continue;
          expect(Math.abs(got[c] - want[c]), `block ${bi} row ${i} col ${c}`).toBeLessThanOrEqual(1e-7 * colMax[c]);
        }
        if (tie) {
          tieCount++;
          expect(bi, "ties are expected only in chr22_block5").toBe(1);
          const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
          const differ = got.slice(3, 3 + r).some((v, k) => v !== want[3 + k]);
          if (differ) expect(sorted(got.slice(3, 3 + r))).toEqual(sorted(want.slice(3, 3 + r)));
        }
      }
      lb += b.length;
    }
    expect(tieCount).toBe(TIE_ROWS[r]);
  });
});
