// The training LD looks like real LD: the default recipe's LD ranges span the
// real 1000 Genomes panel (tests/data/panel, in-sample LD of 489 people) at their
// strong-LD end and the UK Biobank blocks (../shared) at their weak-LD end, in r²
// between neighbouring variants and in the r² of each variant's 15th best LD
// neighbour (what the networks' features see); the independent founder alleles
// of the simulator's default give the r² ≈ 1/K of unrelated sites instead.
import "../src/node/wasm.js";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { blockLd, openPanel } from "../src/core/panel/panel.js";
import { Rng } from "../src/core/random.js";
import { simulateLd } from "../src/core/sim/simulate.js";
import { DEFAULT_RECIPE } from "../src/core/train/default-recipe.js";
import { getCore } from "../src/core/wasm/instance.js";
import { nodeFiles } from "../src/node/file-provider.js";
import { packagePath } from "../src/node/package-root.js";
import { describeWith, SHARED } from "./helpers/requirements.js";
import { sharedPath } from "./helpers/shared.js";

const M = 600;
const ranges = DEFAULT_RECIPE.ld!;

/** Mean r² between variants d apart and mean r² of each variant's 15th best neighbour. */
function profile(r: ArrayLike<number>, m: number): { d1: number; d10: number; top15: number } {
  const at = (d: number): number => {
    let s = 0;
    for (let i = 0; i + d < m; i++) s += r[i * m + i + d] ** 2;
    return s / (m - d);
  };
  let top = 0;
  for (let i = 0; i < m; i++) {
    const v = Array.from({ length: m }, (_, j) => (j === i ? 0 : r[i * m + j] ** 2)).sort((a, b) => b - a);
    top += v[14];
  }
  return { d1: at(1), d10: at(10), top15: top / m };
}

/** The simulated profile of a 600-variant block with the given haplotype options, averaged over 3 seeds. */
function simulated(haplotypes: Parameters<typeof simulateLd>[0]["haplotypes"]): { d1: number; d10: number; top15: number } {
  const ps = [1, 2, 3].map((seed) => profile(simulateLd({ blockSizes: [M], haplotypes }, new Rng(seed)).blocks[0].data, M));
  return { d1: ps.reduce((s, p) => s + p.d1, 0) / 3, d10: ps.reduce((s, p) => s + p.d10, 0) / 3, top15: ps.reduce((s, p) => s + p.top15, 0) / 3 };
}

const within2 = (got: number, real: number): void => {
  expect(got).toBeGreaterThan(real / 2);
  expect(got).toBeLessThan(real * 2);
};

describe("training LD against the real 1000 Genomes panel", () => {
  it("the strong-LD end of the recipe matches the panel's in-sample LD within 2x; independent founders fall far below", async () => {
    const panel = await openPanel(nodeFiles, packagePath("tests", "data", "panel", "eur22"));
    const real = profile(await blockLd(await getCore(), panel, Array.from({ length: M }, (_, i) => i)), M);
    expect(real.d1).toBeCloseTo(0.22, 2); // measured: 0.220, 0.118 at distance 10, 0.606 for the 15th best neighbour
    const strong = simulated({ founders: 100, treeChange: ranges.treeChange[0], background: ranges.background[0], hotspotsPer100: ranges.hotspotsPer100[0], individuals: ranges.individuals[0] });
    within2(strong.d1, real.d1);
    within2(strong.d10, real.d10);
    within2(strong.top15, real.top15);
    const independent = simulated({});
    expect(independent.d1).toBeLessThan(real.d1 / 3);
    expect(independent.top15).toBeLessThan(real.top15 / 10);
  });
});

describeWith(SHARED)("training LD against the UK Biobank blocks", () => {
  it("the weak-LD end of the recipe matches the UK Biobank blocks within 2x", () => {
    const v = readFileSync(sharedPath("data/ukb-chr22/chr22_block0.ld"), "utf8").trim().split(/\s+/).map(Number);
    const m = Math.round(Math.sqrt(v.length));
    const real = profile(v, m);
    expect(real.d1).toBeCloseTo(0.108, 2);
    const weak = simulated({ founders: 100, treeChange: ranges.treeChange[1], background: ranges.background[1], hotspotsPer100: ranges.hotspotsPer100[1], individuals: ranges.individuals[1] });
    within2(weak.d1, real.d1);
    within2(weak.d10, real.d10);
    within2(weak.top15, real.top15);
  });
});
