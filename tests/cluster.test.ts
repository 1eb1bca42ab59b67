// Clustering of shrunk effects: the published dev references (zero cutoff,
// counts, K, labels, π and Σ) at the seed they were made with, every restart
// of the published code at that seed, the ELBO's monotonicity, recovery of
// simulated covariance patterns, and the same result serially or on threads.
import "../src/node/wasm.js";
import { beforeAll, describe, expect, it } from "vitest";
import { adjustedRandIndex } from "../src/core/cluster/ari.js";
import { cluster, clusterWith, type ClusterResult } from "../src/core/cluster/cluster.js";
import { parseEffects } from "../src/core/cluster/effects-file.js";
import { majorityK } from "../src/core/cluster/select.js";
import { InputError } from "../src/core/errors.js";
import { Rng } from "../src/core/random.js";
import type { Core } from "../src/core/wasm/core.js";
import { getCore } from "../src/core/wasm/instance.js";
import { threadedRestarts } from "../src/node/cluster-workers.js";
import { worstMatchedDifference } from "./helpers/clusters.js";
import { describeWith, SHARED } from "./helpers/requirements.js";
import { readMatrix, readVector } from "./helpers/shared.js";

const REF = "oracle/dev/reference";
// K the published code gives across seeds (README table, and the reference run), widened by 1.
const K_RANGE: Record<string, [number, number]> = {
  T1: [2, 4],
  T2: [2, 4],
  T3: [3, 7],
  "T1-T2": [4, 8],
  "T1-T2-T3": [6, 9],
};

// The seed the dev reference was made with: of 15 seeds tried with the published
// code, the one that gives T3's K = 4 with 99% of its labels (scripts/published-restarts.py).
const REFERENCE_SEED = 1234;

// The published code's 25 restarts (K̂ and BIC) after np.random.seed(1234), run on
// this machine: python3 scripts/published-restarts.py <ML-MAGES> ../shared 1234 T1 T2 T3 T1-T2 T1-T2-T3
const PUBLISHED_RESTARTS: Record<string, { K: number; Ks: number[]; bic: number[] }> = {
"T1": { K: 3, Ks: [3, 3, 8, 4, 9, 4, 4, 6, 4, 4, 3, 5, 6, 7, 7, 5, 3, 6, 3, 3, 6, 4, 8, 3, 7], bic: [-377.687, -377.667, -397.654, -440.167, -384.192, -438.206, -446.162, -419.651, -440.167, -440.168, -377.962, -438.322, -422.165, -411.085, -415.529, -437.426, -377.334, -410.654, -376.862, -377.687, -422.573, -440.253, -396.484, -378.666, -394.011] },
"T2": { K: 3, Ks: [3, 3, 8, 4, 9, 4, 4, 6, 4, 4, 3, 5, 6, 7, 7, 5, 3, 3, 3, 3, 6, 4, 8, 3, 7], bic: [-447.806, -447.777, -446.646, -493.412, -433.161, -492.185, -495.324, -471.116, -493.413, -493.413, -447.459, -485.027, -471.352, -454.572, -462.587, -485.224, -447.776, -447.428, -446.230, -447.807, -472.303, -493.413, -445.247, -449.003, -457.601] },
"T3": { K: 4, Ks: [3, 4, 7, 4, 6, 4, 4, 6, 4, 4, 3, 5, 6, 7, 5, 5, 7, 5, 3, 3, 6, 4, 8, 3, 6], bic: [-599.366, -652.360, -626.136, -662.112, -549.492, -666.118, -666.656, -641.159, -662.112, -662.113, -599.232, -657.008, -639.824, -627.478, -649.681, -656.980, -631.417, -652.346, -598.219, -599.366, -639.942, -662.090, -615.383, -600.330, -638.475] },
"T1-T2": { K: 6, Ks: [6, 9, 6, 6, 5, 6, 5, 6, 6, 7, 5, 7, 7, 7, 7, 4, 5, 8, 6, 6, 5, 8, 7, 6, 8], bic: [-1928.935, -2148.501, -2134.388, -2158.379, -1949.207, -2098.070, -1892.503, -2115.431, -2128.086, -2163.602, -2056.727, -2180.094, -2174.893, -2147.540, -2163.194, -1828.931, -1952.394, -2111.075, -2127.675, -1969.875, -2071.719, -2188.171, -2161.909, -2131.315, -2149.130] },
"T1-T2-T3": { K: 7, Ks: [7, 7, 8, 8, 8, 6, 5, 6, 7, 7, 10, 6, 8, 6, 7, 6, 10, 8, 8, 5, 8, 7, 7, 7, 6], bic: [-3758.858, -3788.193, -4072.977, -3875.598, -3208.699, -3982.181, -3705.465, -3993.565, -3815.408, -4033.707, -4160.633, -3799.562, -3845.930, -3984.091, -4145.004, -3754.131, -4193.041, -3787.851, -3668.679, -3326.931, -4112.764, -3876.931, -3847.497, -3930.624, -3916.817] },
};

let core: Core;
beforeAll(async () => {
  core = await getCore();
});

function effectsOf(set: string): Float64Array[] {
  return set.split("-").map((t) => readVector(`${REF}/shrink_${t}.txt`));
}

describeWith(SHARED).each(Object.keys(K_RANGE))("cluster %s against the published reference", (set) => {
  let res: ClusterResult;
  const refLabels = () => readVector(`${REF}/cls_${set}_cls.txt`);
  beforeAll(() => {
    res = clusterWith(core, effectsOf(set), { seed: REFERENCE_SEED });
  });

  it("runs the published code's 25 restarts at its seed: each restart's K̂ and BIC", () => {
    const pub = PUBLISHED_RESTARTS[set];
    expect(res.restarts.map((r) => r.K)).toEqual(pub.Ks);
    res.restarts.forEach((r, i) => expect(Math.abs(r.bic - pub.bic[i])).toBeLessThan(1e-3));
    expect(res.K).toBe(pub.K);
  });

  it("finds the published zero cutoff and non-zero count", () => {
    const meta = readVector(`${REF}/cls_${set}_meta.txt`);
    expect(res.zeroCutoff).toBe(meta[0]);
    expect(res.nNonzero).toBe(meta[1]);
    const ref = refLabels();
    for (let v = 0; v < ref.length; v++) expect(res.labels[v] < 0).toBe(ref[v] < 0);
  });

  it("chooses K within the published range across seeds (widened by 1)", () => {
    const [lo, hi] = K_RANGE[set];
    expect(res.K).toBeGreaterThanOrEqual(lo);
    expect(res.K).toBeLessThanOrEqual(hi);
  });

  it("labels the non-zero variants like the published code (ARI >= 0.85)", () => {
    const ref = refLabels();
    const nz = [...ref.keys()].filter((v) => ref[v] >= 0);
    expect(adjustedRandIndex(nz.map((v) => ref[v]), nz.map((v) => res.labels[v]))).toBeGreaterThanOrEqual(0.85);
  });

  // π and Σ can only be compared between runs that found the same clusters. At the
  // reference's seed every set but T1-T2 finds the reference's K; T1-T2 finds 6 there
  // (as the published code does on this machine: the test above), so its runs are
  // those of seeds 2, 4, 5 and 6, which find 5. Other seeds can split the large-effect
  // clusters of T3 and T1-T2-T3 differently (docs/clustering.md).
  it("gives matched clusters' π and Σ within 15% of the published ones when K agrees", () => {
    const ref = refLabels();
    const refPi = readVector(`${REF}/cls_${set}_pi.txt`);
    const refSigma = readMatrix(`${REF}/cls_${set}_Sigma.txt`);
    const runs = set === "T1-T2" ? [2, 4, 5, 6].map((seed) => clusterWith(core, effectsOf(set), { seed })) : [res];
    for (const run of runs) {
      expect(run.K).toBe(refPi.length);
      expect(worstMatchedDifference(run.labels, run.pi, run.sigma, ref, Array.from(refPi), refSigma)).toBeLessThan(0.15);
    }
  });
});

// Effects drawn from zero-mean Gaussians with the given covariances (n_k each).
function simulate(sigmas: number[][][], counts: number[], seed: number): { effects: Float64Array[]; truth: number[] } {
  const rng = new Rng(seed);
  const p = sigmas[0].length;
  const effects = Array.from({ length: p }, () => new Float64Array(counts.reduce((a, b) => a + b)));
  const truth: number[] = [];
  let v = 0;
  sigmas.forEach((s, k) => {
    // Cholesky factor of s
    const l = s.map((r) => r.map(() => 0));
    for (let j = 0; j < p; j++) {
      let d = s[j][j];
      for (let t = 0; t < j; t++) d -= l[j][t] ** 2;
      l[j][j] = Math.sqrt(d);
      for (let i = j + 1; i < p; i++) {
        let x = s[i][j];
        for (let t = 0; t < j; t++) x -= l[i][t] * l[j][t];
        l[i][j] = x / l[j][j];
      }
    }
    for (let c = 0; c < counts[k]; c++, v++) {
      const z = Array.from({ length: p }, () => rng.normal());
      for (let i = 0; i < p; i++) effects[i][v] = l[i].reduce((acc, lij, j) => acc + lij * z[j], 0);
      truth.push(k);
    }
  });
  return { effects, truth };
}

// Covariance 4e-4 on the traits a cluster affects, fully correlated among them,
// plus 1e-10 on every trait: zero-mean clusters only meet near the origin.
function pattern(p: number, on: number[]): number[][] {
  return Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (on.includes(i) && on.includes(j) ? 4e-4 : 0) + (i === j ? 1e-10 : 0)));
}

const PATTERNS: Record<number, number[][][]> = {
  2: [pattern(2, [0]), pattern(2, [1]), pattern(2, [0, 1])], // trait 1 only, trait 2 only, shared
  3: [pattern(3, [0]), pattern(3, [1, 2]), pattern(3, [0, 1, 2])],
};

describe.each([2, 3])("simulated covariance patterns in %i dimensions", (p) => {
  const { effects, truth } = simulate(PATTERNS[p], [500, 400, 300], 7 + p);
  let res: ClusterResult;
  beforeAll(() => {
    res = clusterWith(core, effects, { maxNonzero: -1, restarts: 10, traceElbo: true });
  });

  it("recovers the three clusters (K = 3, ARI >= 0.95)", () => {
    expect(res.nNonzero).toBeGreaterThan(1190);
    expect(res.K).toBe(3);
    const nz = truth.map((_, v) => v).filter((v) => res.labels[v] >= 0);
    expect(adjustedRandIndex(nz.map((v) => truth[v]), nz.map((v) => res.labels[v]))).toBeGreaterThanOrEqual(0.95);
  });

  it("never lowers the ELBO within a run", () => {
    for (const r of res.restarts) {
      const t = r.elboTrace!;
      expect(t.length).toBe(r.iterations);
      for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1] - 1e-9 * Math.abs(t[i - 1]));
    }
  });
});

describe("restarts", () => {
  // simulated effects of 1 to 3 traits (the patterns above): no reference data needed
  const simEffects = (p: 1 | 2 | 3, seed: number) => (p === 1 ? simulate(PATTERNS[2], [500, 400, 300], seed).effects.slice(0, 1) : simulate(PATTERNS[p], [500, 400, 300], seed).effects);

  it("give the same result for the same seed, serially or on worker threads", async () => {
    const effects = simEffects(2, 21);
    const serial = await cluster(effects, { seed: 5, restarts: 8 });
    const threaded = await cluster(effects, { seed: 5, restarts: 8, runRestarts: threadedRestarts(2) });
    expect(threaded.restarts).toEqual(serial.restarts);
    expect(threaded.K).toBe(serial.K);
    expect(threaded.sigma).toEqual(serial.sigma);
    expect(Array.from(threaded.labels)).toEqual(Array.from(serial.labels));
    const other = await cluster(effects, { seed: 6, restarts: 8 });
    expect(other.restarts.map((r) => r.bic)).not.toEqual(serial.restarts.map((r) => r.bic));
  });

  it("report each restart as it ends, serially and on threads", async () => {
    for (const runRestarts of [undefined, threadedRestarts(2)]) {
      const heard: [number, number][] = [];
      await cluster(simEffects(1, 22), { seed: 3, restarts: 6, runRestarts, onRestart: (done, total) => heard.push([done, total]) });
      expect(heard).toEqual([1, 2, 3, 4, 5, 6].map((d) => [d, 6]));
    }
  });

  it("on three threads, one runner serves one job after another (its workers reused) with the serial results", async () => {
    const runner = threadedRestarts(3);
    for (const [p, seed] of [[1, 2], [3, 3], [1, 4]] as const) {
      const effects = simEffects(p, 30 + seed);
      const serial = await cluster(effects, { seed, restarts: 7 });
      const threaded = await cluster(effects, { seed, restarts: 7, runRestarts: runner });
      expect(threaded.restarts).toEqual(serial.restarts);
      expect(Array.from(threaded.labels)).toEqual(Array.from(serial.labels));
    }
  });

  it("choose the majority K, ties to the larger, never 1 when another K occurred", () => {
    expect(majorityK([3, 3, 4, 5])).toBe(3);
    expect(majorityK([3, 4, 4, 3])).toBe(4);
    expect(majorityK([1, 1, 1, 4, 2])).toBe(2);
    expect(majorityK([1, 1])).toBe(1);
  });
});

describe("input checks", () => {
  it("names the files whose lengths differ, and non-finite effects", () => {
    expect(() => clusterWith(core, [new Float64Array(5), new Float64Array(6)], { sources: ["a.tsv", "b.tsv"] })).toThrow(/a\.tsv has 5 effects but b\.tsv has 6/);
    expect(() => clusterWith(core, [Float64Array.of(1, NaN)], { sources: ["a.txt"] })).toThrow(/a\.txt: effect 2 is NaN/);
    expect(() => clusterWith(core, [new Float64Array(2000)], { sources: ["zeros.txt"] })).toThrow(InputError);
  });

  it("reads a shrink table's BETA_SHRINK column or one number a line", () => {
    expect(Array.from(parseEffects("CHR\tBETA\tBETA_SHRINK\n22\t0.5\t0.25\n22\t1\t-1e-3\n", "s.tsv"))).toEqual([0.25, -1e-3]);
    expect(Array.from(parseEffects("1.5e-05\n-2\n\n", "v.txt"))).toEqual([1.5e-5, -2]);
    expect(() => parseEffects("CHR\tBETA\n1\t2\n", "s.tsv")).toThrow(/s\.tsv, line 1: no BETA_SHRINK column/);
    expect(() => parseEffects("1\nx\n", "v.txt")).toThrow(/v\.txt, line 2, column 1: 'x' is not a finite number/);
  });
});
