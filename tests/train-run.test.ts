// A small training run on simulated data: the validation loss falls, and the
// trained ensemble's shrunk effects (through the inference path of
// `mlmages shrink`) are closer to the true effects of held-out traits than
// the raw GWAS effects are (and than all zeros).
import { describe, expect, it } from "vitest";
import "../src/node/wasm.js";
import { shrinkWith } from "../src/core/shrink.js";
import { simulatedSamples } from "../src/core/train/samples.js";
import { trainWith } from "../src/core/train/train.js";
import { getCore } from "../src/core/wasm/instance.js";
import { simulateTrait } from "./helpers/train-data.js";

function rmse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / a.length);
}

describe("training on simulated traits", () => {
  it("lowers the validation loss and shrinks held-out effects closer to the truth than raw BETA", async () => {
    const core = await getCore();
    const topR = 5;
    const traits = [1, 2, 3, 4, 5, 6].map((seed) => ({ ...simulateTrait(seed, 10, 100), truthSource: `truth${seed}` }));
    const samples = simulatedSamples(core, traits, topR);
    expect(samples.n).toBe(6000);
    // sample of variant 3 in block 2 of trait 2: BETA, SE, LD score sum_j R_ij^2 - 1, its target
    const t = traits[1];
    const i = 2 * 100 + 3;
    const row = samples.x.subarray((1000 + i) * samples.width, (1001 + i) * samples.width);
    const ld = t.ldBlocks[2].data.subarray(3 * 100, 4 * 100);
    expect(row[0]).toBe(Math.fround(t.gwas.beta[i]));
    expect(row[1]).toBe(Math.fround(t.gwas.se[i]));
    expect(row[2]).toBeCloseTo(ld.reduce((s, r) => s + r * r, 0) - 1, 5);
    expect(samples.y[1000 + i]).toBe(Math.fround(t.truth[i]));
    const epochs: number[] = [];
    const res = trainWith(core, {
      samples, topR, layers: 2, members: 2, epochs: 150, lr: 1e-3, patience: 25, seed: 1,
      onEpoch: (p) => epochs.push(p.epoch),
    });
    for (const m of res.members) {
      expect(m.history[m.bestEpoch].valLoss).toBeLessThan(0.5 * m.history[0].valLoss);
      expect(m.bestValLoss).toBe(m.history[m.bestEpoch].valLoss);
    }
    expect(epochs.length).toBe(res.members[0].epochsRun + res.members[1].epochsRun);
    const heldOut = [7, 8].map((seed) => simulateTrait(seed, 5, 100));
    for (const t of heldOut) {
      const { betaShrink } = shrinkWith(core, { gwas: t.gwas, ldBlocks: t.ldBlocks, models: res.ensemble });
      const raw = rmse(t.gwas.beta, t.truth);
      const shrunk = rmse(betaShrink, t.truth);
      expect(shrunk).toBeLessThan(0.5 * raw);
      // and better than shrinking everything to zero
      expect(shrunk).toBeLessThan(rmse(new Float64Array(t.truth.length), t.truth));
    }
  }, 60_000);
});
