// Synthetic report inputs: correlated effects of p traits with a few large
// shared or trait-specific effects, clusters with known Σ, gene tests and a gene level.
import { seededUniform } from "../../src/core/random.js";
import type { ReportClusterSet, ReportGeneTests, ReportInput, ReportTrait } from "../../src/core/report/types.js";

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export interface SyntheticOptions {
  n?: number;
  names?: string[];
  seed?: number;
  genes?: number;
  /** Positions (default) or none. */
  positions?: boolean;
}

/** Clusters of the given traits from labels: Σ_k the empirical second moments of its variants. */
function clusterSet(name: string, idx: number[], names: string[], shrunk: Float64Array[], labels: Int32Array, K: number): ReportClusterSet {
  const p = idx.length;
  const sigma = Array.from({ length: K }, () => Array.from({ length: p }, () => new Array<number>(p).fill(0)));
  const count = new Array<number>(K).fill(0);
  labels.forEach((k, v) => {
    if (k < 0) return;
    count[k]++;
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) sigma[k][i][j] += shrunk[idx[i]][v] * shrunk[idx[j]][v];
  });
  sigma.forEach((s, k) => s.forEach((row) => row.forEach((_, j) => (row[j] /= Math.max(1, count[k])))));
  const nz = count.reduce((a, b) => a + b, 0);
  return { name, traits: idx.map((t) => names[t]), K, pi: count.map((c) => c / nz), sigma, labels, zeroCutoff: 0.004 };
}

/** A ReportInput of `n` variants and the given traits (default T1, T2). */
export function syntheticReport(o: SyntheticOptions = {}): ReportInput {
  const n = o.n ?? 3000;
  const names = o.names ?? ["T1", "T2"];
  const p = names.length;
  const u = seededUniform(o.seed ?? 7);
  // Per variant an effect class: 0 none, 1 shared, 2+t specific to trait t.
  const cls = Int32Array.from({ length: n }, () => {
    const r = u();
    return r < 0.02 ? 1 : r < 0.02 + 0.03 * p ? 2 + Math.floor(u() * p) : 0;
  });
  const shared = Float64Array.from({ length: n }, () => normal(u) * 0.05);
  const beta: Float64Array[] = [];
  const shrunk: Float64Array[] = [];
  for (let t = 0; t < p; t++) {
    const b = new Float64Array(n);
    const s = new Float64Array(n);
    for (let v = 0; v < n; v++) {
      const c = cls[v];
      const truth = c === 1 ? shared[v] * (1 + 0.3 * t) : c === 2 + t ? normal(u) * 0.03 : 0;
      b[v] = truth + normal(u) * 0.01;
      s[v] = truth * 0.8 + normal(u) * 0.001;
    }
    beta.push(b);
    shrunk.push(s);
  }
  const positions = Float64Array.from({ length: n }, (_, v) => 16_050_000 + v * 11_000 + Math.floor(u() * 5000));
  const traits: ReportTrait[] = names.map((name, t) => ({ name, chr: "22", pos: o.positions === false ? null : positions, beta: beta[t], shrunk: shrunk[t] }));
  const labelOf = (tr: number[]) =>
    Int32Array.from({ length: n }, (_, v) => {
      const c = cls[v];
      if (c === 1) return 0;
      if (c >= 2 && tr.includes(c - 2)) return 1 + tr.indexOf(c - 2);
      return tr.some((t) => Math.abs(shrunk[t][v]) > 0.004) ? tr.length + 1 : -1;
    });
  const clusters: ReportClusterSet[] = names.map((name, t) => {
    const l = labelOf([t]);
    return clusterSet(name, [t], names, shrunk, l, 3);
  });
  const all = names.map((_, t) => t);
  const sets = p >= 3 ? [...all.flatMap((i) => all.filter((j) => j > i).map((j) => [i, j])), all] : p === 2 ? [all] : [];
  for (const s of sets) clusters.push(clusterSet(s.map((t) => names[t]).join("-"), s, names, shrunk, labelOf(s), s.length + 2));
  const G = o.genes ?? 60;
  const size = Math.floor(n / G);
  const genes = Array.from({ length: G }, (_, g) => ({ name: `GENE${g + 1}`, first: g * size, count: size }));
  const geneTests: ReportGeneTests[] = names.map((trait, t) => ({
    trait,
    rows: genes.map((g, i) => {
      let stat = 0;
      for (let v = g.first; v < g.first + g.count; v++) stat += shrunk[t][v] ** 2;
      // Uniform p under the null, a signal in every 7th gene, and one p far below a double's range.
      const m = i === 3 && t === 1 ? 342.5 : -Math.log10(1 - u()) + (i % 7 === 0 ? 3 + 12 * u() : 0);
      return { gene: g.name, nVariants: g.count, stat, pLiu: 10 ** -(m * 0.98), mlog10pLiu: m * 0.98, pExact: 10 ** -m, mlog10pExact: m };
    }),
  }));
  const joint = clusters[clusters.length - 1];
  const geneLevel =
    p >= 2
      ? [
          {
            set: joint.name,
            genes: genes.map((g) => ({ name: g.name, count: g.count })),
            K: joint.K,
            fractions: Float64Array.from({ length: G * joint.K }, (_, i) => {
              const g = Math.floor(i / joint.K);
              const k = i % joint.K;
              let c = 0;
              for (let v = genes[g].first; v < genes[g].first + genes[g].count; v++) if (joint.labels[v] === k) c++;
              return c / genes[g].count;
            }),
            types: Array.from({ length: joint.K }, (_, k) => {
              const tr = k === 0 || k === joint.K - 1 ? all : [k - 1];
              return { cluster: k, pattern: `(${all.map((t) => (tr.includes(t) ? 1 : 0)).join(",")})`, traits: tr.map((t) => names[t]) };
            }),
          },
        ]
      : undefined;
  return {
    traits,
    clusters,
    geneTests,
    geneLevel,
    settings: [
      { label: "Seed", value: "1" },
      { label: "LD", value: "block_1.ld.gz … block_8.ld.gz (8 blocks)" },
    ],
    warnings: [],
    note: "mlmages 0.1.0 (test)",
  };
}
