// The scalable restart schedule (src/core/cluster/schedule.ts) against the
// published one: the same bits at or below 2·SUBSAMPLE clustered variants, and
// past it the simulated clusters recovered, as the published schedule does.
import { beforeAll, describe, expect, it } from "vitest";
import "../src/node/wasm.js";
import { adjustedRandIndex } from "../src/core/cluster/ari.js";
import { clusterWith } from "../src/core/cluster/cluster.js";
import { scaledStart, stratifiedRows, SUBSAMPLE } from "../src/core/cluster/schedule.js";
import { Rng } from "../src/core/random.js";
import type { Core } from "../src/core/wasm/core.js";
import { getCore } from "../src/core/wasm/instance.js";

let core: Core;
beforeAll(async () => {
  core = await getCore();
});

/** n effects of one trait from zero-mean normals with these variances and weights; the true component of each. */
function mixture(n: number, variances: number[], weights: number[], seed: number): { effects: Float64Array; truth: Int32Array } {
  const rng = new Rng(seed);
  const effects = new Float64Array(n);
  const truth = new Int32Array(n);
  let at = 0;
  weights.forEach((w, k) => {
    const count = k === weights.length - 1 ? n - at : Math.round(w * n);
    for (let i = 0; i < count; i++, at++) {
      truth[at] = k;
      effects[at] = Math.sqrt(variances[k]) * rng.normal();
    }
  });
  return { effects, truth };
}

describe("the subsample", () => {
  it("takes the largest half whole and the middle of equal strata of the rest", () => {
    // 10 rows of 1 trait, norms 0..9 in shuffled order; m = 4: the largest 2 (8, 9), then the middles of 2 strata of 0..7 (rows 2 and 6)
    const x = Float64Array.of(5, 2, 9, 0, 7, 1, 8, 3, 6, 4);
    expect(Array.from(stratifiedRows(x, 10, 1, 4))).toEqual([2, 6, 8, 9]);
    // by the squared norm over traits, whole rows
    const x2 = Float64Array.of(0, 3, 1, 0, 0, -2, 4, 0);
    expect(Array.from(stratifiedRows(x2, 4, 2, 2))).toEqual([0, -2, 4, 0]);
  });

  it("scales a fit's sufficient statistics: f = 1 gives it back, f = 2 doubles N_k and S_k", () => {
    // a fit-like start: L_k = (I + S_k)⁻¹ with S_k = [[4k + 1, k], [k, k + 2]] (positive definite), N_k = k + 1
    const K = 3;
    const S = (k: number) => [4 * k + 1, k, k, k + 2];
    const L = new Float64Array(K * 4);
    for (let k = 0; k < K; k++) {
      const [a, b, , d] = S(k).map((v, i) => v + (i === 0 || i === 3 ? 1 : 0));
      const det = a * d - b * b;
      L.set([d / det, -b / det, -b / det, a / det], 4 * k);
    }
    const fit = { a: Float64Array.of(2, 3, 4), b: Float64Array.of(5.5, 3.5, 0.5), nu: Float64Array.of(6, 7, 8), L };
    const o = { alpha: 0.5, nu0: 5, p: 2 };
    const same = core.scoped((s) => scaledStart(s, fit, 1, o));
    expect(Array.from(same.a)).toEqual(Array.from(fit.a));
    same.L.forEach((l, i) => expect(l).toBeCloseTo(L[i], 12));
    const twice = core.scoped((s) => scaledStart(s, fit, 2, o));
    expect(Array.from(twice.a)).toEqual([3, 5, 7]);
    expect(Array.from(twice.b)).toEqual([10.5, 6.5, 0.5]);
    expect(Array.from(twice.nu)).toEqual([7, 9, 11]);
    for (let k = 0; k < K; k++) {
      // (I + 2 S_k)⁻¹
      const [a, b, , d] = S(k).map((v, i) => 2 * v + (i === 0 || i === 3 ? 1 : 0));
      const det = a * d - b * b;
      [d / det, -b / det, -b / det, a / det].forEach((w, i) => expect(twice.L[4 * k + i]).toBeCloseTo(w, 12));
    }
  });
});

describe("scalable against published", () => {
  it(`is the published schedule, bit for bit, at or below ${2 * SUBSAMPLE} clustered variants`, () => {
    const { effects } = mixture(2 * SUBSAMPLE, [1e-6, 1e-4, 4e-3], [0.8, 0.17, 0.03], 3);
    const a = clusterWith(core, [effects], { maxNonzero: -1, restarts: 6 });
    const b = clusterWith(core, [effects], { maxNonzero: -1, restarts: 6, schedule: "published" });
    expect(a.nNonzero).toBeGreaterThan(0.95 * 2 * SUBSAMPLE);
    expect(a.schedule).toEqual({ name: "scalable" });
    expect(a.K).toBe(b.K);
    expect(a.bic).toBe(b.bic);
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
  });

  it("past it, recovers the simulated clusters at least as well as the published schedule (K, ARI against the truth, π)", () => {
    const { effects, truth } = mixture(8000, [1e-6, 1e-4, 4e-3], [0.8, 0.17, 0.03], 6);
    const opts = { maxNonzero: -1, restarts: 6 };
    const a = clusterWith(core, [effects], opts);
    const b = clusterWith(core, [effects], { ...opts, schedule: "published" });
    expect(a.schedule.subsample).toBe(SUBSAMPLE);
    expect(a.schedule.refined).toEqual([0, 1, 2, 3, 4, 5]);
    // the simulated three components (here the published schedule's majority splits one: K = 4)
    expect(a.K).toBe(3);
    expect(adjustedRandIndex(a.labels, truth)).toBeGreaterThanOrEqual(adjustedRandIndex(b.labels, truth) - 0.02);
    // weights near the simulated ones (of the clustered variants: the cutoff drops some of the smallest)
    [0.03, 0.17, 0.8].forEach((w, k) => expect(Math.abs(a.pi[k] - w)).toBeLessThan(0.03));
  });
});
