// The simulator: reproducible from its seed, LD that is a correlation matrix
// with block structure, summary statistics with the stated heritability.
import { describe, expect, it } from "vitest";
import { Rng } from "../src/core/random.js";
import { choleskyJitter } from "../src/core/sim/cholesky.js";
import { geneticVariance } from "../src/core/sim/effects.js";
import { exampleFiles } from "../src/core/sim/example.js";
import { summaryStats, factorBlocks } from "../src/core/sim/gwas.js";
import { laplaceMap, laplaceQuantile, laplaceScale, quantile, scaleByQuantile, scaleTruth } from "../src/core/sim/real-scale.js";
import { simulateGwas, simulateLd } from "../src/core/sim/simulate.js";

describe("seeded generator", () => {
  it("repeats for a seed and differs between seeds", () => {
    const a = new Rng(5);
    const b = new Rng(5);
    const c = new Rng(6);
    const xs = Array.from({ length: 100 }, () => a.uniform());
    expect(Array.from({ length: 100 }, () => b.uniform())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.uniform())).not.toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it("draws standard normals", () => {
    const r = new Rng(1);
    const z = Array.from({ length: 20000 }, () => r.normal());
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const v = z.reduce((s, x) => s + (x - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(v - 1)).toBeLessThan(0.04);
  });
});

describe("simulated LD", () => {
  const { blocks, freq } = simulateLd({ blockSizes: [120, 80], haplotypes: { individuals: 400 } }, new Rng(3));

  it("is a symmetric correlation matrix with unit diagonal, per block", () => {
    expect(blocks.map((b) => b.n)).toEqual([120, 80]);
    for (const b of blocks) {
      for (let i = 0; i < b.n; i++) {
        expect(b.data[i * b.n + i]).toBe(1);
        for (let j = 0; j < b.n; j++) {
          expect(b.data[i * b.n + j]).toBe(b.data[j * b.n + i]);
          expect(Math.abs(b.data[i * b.n + j])).toBeLessThanOrEqual(1);
        }
      }
      // it factors with little or no jitter: L Lᵀ = R + jitter·I, entry by entry
      const { l, jitter } = choleskyJitter(b.data, b.n);
      expect(jitter).toBeLessThan(1e-4);
      let worst = 0;
      for (let i = 0; i < b.n; i++) {
        for (let j = i + 1; j < b.n; j++) expect(l[i * b.n + j]).toBe(0);
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let k = 0; k <= j; k++) s += l[i * b.n + k] * l[j * b.n + k];
          worst = Math.max(worst, Math.abs(s - b.data[i * b.n + j] - (i === j ? jitter : 0)));
        }
      }
      expect(worst).toBeLessThan(1e-12);
    }
    expect(freq.every((f) => f > 0 && f <= 0.5)).toBe(true);
  });

  it("factors a singular correlation matrix with the smallest jitter that works, and refuses one far from positive definite", () => {
    // [[1, 1], [1, 1]] is singular: no factor without jitter, one with 1e-8 (L = [[√(1+ε), 0], [1/√(1+ε), √(1+ε − 1/(1+ε))]])
    const { l, jitter } = choleskyJitter(Float64Array.of(1, 1, 1, 1), 2);
    expect(jitter).toBe(1e-8);
    expect(l[0]).toBe(Math.sqrt(1 + 1e-8));
    expect(l[2] * l[0]).toBeCloseTo(1, 15);
    expect(l[2] * l[2] + l[3] * l[3]).toBeCloseTo(1 + 1e-8, 15);
    // r = 30 off the diagonal: eigenvalue −29, beyond every jitter tried (up to 10)
    expect(() => choleskyJitter(Float64Array.of(1, 30, 30, 1), 2)).toThrow(/far from positive definite/);
  });

  it("has more LD between near than between distant variants", () => {
    const b = blocks[0];
    const meanR2 = (d: number) => {
      let s = 0;
      for (let i = 0; i + d < b.n; i++) s += b.data[i * b.n + i + d] ** 2;
      return s / (b.n - d);
    };
    expect(meanR2(1)).toBeGreaterThan(3 * meanR2(100));
  });

  it("is the same for the same seed", () => {
    const again = simulateLd({ blockSizes: [120, 80], haplotypes: { individuals: 400 } }, new Rng(3));
    expect(again.blocks[1].data).toEqual(blocks[1].data);
    const other = simulateLd({ blockSizes: [120, 80], haplotypes: { individuals: 400 } }, new Rng(4));
    expect(other.blocks[1].data).not.toEqual(blocks[1].data);
  });
});

describe("simulated summary statistics", () => {
  const { blocks, freq } = simulateLd({ blockSizes: [150, 150], haplotypes: { individuals: 400 } }, new Rng(9));

  it("give effects with the stated heritability b'Rb", () => {
    const sim = simulateGwas(blocks, { traits: 2, n: 100000, h2: [0.01, 0.02], s: -0.25, w: 0, p: 0.05, freq }, new Rng(1));
    // truth on the BETA scale is b·SE·√N: undo it to get standardized b
    sim.truth.forEach((t, k) => {
      const b = t.map((v, j) => v / (sim.se[k][j] * Math.sqrt(100000)));
      expect(geneticVariance(b, blocks)).toBeCloseTo([0.01, 0.02][k], 12);
    });
  });

  it("have z-scores with covariance R around √N·R·b", () => {
    const factors = factorBlocks(blocks);
    const b = new Float64Array(300);
    const se = new Float64Array(300).fill(1);
    const rng = new Rng(2);
    const reps = 400;
    const i = 10;
    const j = 11;
    let sii = 0;
    let sij = 0;
    for (let r = 0; r < reps; r++) {
      const z = summaryStats(blocks, factors, b, se, 1000, rng).z;
      sii += z[i] * z[i];
      sij += z[i] * z[j];
    }
    expect(sii / reps).toBeGreaterThan(0.85);
    expect(sii / reps).toBeLessThan(1.15);
    expect(Math.abs(sij / reps - blocks[0].data[i * 150 + j])).toBeLessThan(0.15);
  });

  it("puts gene-level causal variants only inside causal genes", () => {
    const sim = simulateGwas(blocks, { traits: 3, n: 290000, h2: 0.003, s: 0, w: 0, p: 0, genes: {}, freq }, new Rng(4));
    const genes = sim.genes!;
    expect(genes.length).toBeGreaterThan(5);
    for (let t = 0; t < 3; t++) {
      sim.truth[t].forEach((v, j) => {
        if (v === 0) return;
        const g = genes.find((x) => x.start <= j && j <= x.end);
        expect(g, `variant ${j}`).toBeDefined();
        expect(g!.causal[t]).toBe("1");
      });
    }
  });

});

describe("the example", () => {
  it("is byte-identical every time and complete", () => {
    const a = exampleFiles("x");
    const b = exampleFiles("x");
    expect(a.map((f) => f.path)).toEqual(["ld/block_0.ld", "ld/block_0.bim", "ld/block_1.ld", "ld/block_1.bim", "ld/block_2.ld", "ld/block_2.bim", "ld_blocks.txt", "gwas_T1.tsv", "gwas_T2.tsv", "gwas_T3.tsv", "truth.tsv", "genes.tsv", "meta.json", "README.txt"]);
    a.forEach((f, i) => expect(f.content === b[i].content, f.path).toBe(true));
    expect(a[7].content.split("\n").length).toBe(1502);
  });
});

describe("transform to a real GWAS's scale", () => {
  it("quantiles interpolate linearly as numpy's default", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.01)).toBeCloseTo(0.1, 15);
  });

  it("fits and inverts the Laplace distribution", () => {
    expect(laplaceScale([1, -3, 2])).toBe(2);
    // F(x) = 1/2 exp(x/b) below 0, so F^-1(0.25) = b ln(1/2)
    expect(laplaceQuantile(0.25, 2)).toBeCloseTo(2 * Math.log(0.5), 15);
    expect(laplaceQuantile(0.75, 2)).toBeCloseTo(-2 * Math.log(0.5), 15);
  });

  it("maps effects by rank onto Laplace quantiles, the largest to the largest finite value", () => {
    const [m] = laplaceMap([Float64Array.from([0.3, -1, 5, 0.1])], 1);
    // ECDF values: 0.75, 0.25, 1, 0.5
    expect(m[1]).toBeCloseTo(Math.log(0.5), 15);
    expect(m[3]).toBeCloseTo(0, 15);
    expect(m[0]).toBeCloseTo(-Math.log(0.5), 15);
    expect(m[2]).toBe(m[0]);
  });

  it("rescales SEs between quantiles and truth by the ratio of ranges", () => {
    const se = scaleByQuantile(Float64Array.from([1, 2, 3]), [10, 20, 30], 0);
    expect(Array.from(se)).toEqual([10, 20, 30]);
    expect(Array.from(scaleTruth(Float64Array.from([0, 1, -1]), Float64Array.from([0, 4, 0])))).toEqual([0, 2, -2]);
  });
});
