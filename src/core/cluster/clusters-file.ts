// Reading a clustering back from PREFIX.clusters.json (as output.ts writes it)
// for the gene test and the gene level, refusing any document that is not a
// coherent mixture: K, pi and sigma must agree in count; every Σ_k must be a
// p x p matrix of finite numbers, symmetric and positive semi-definite (a
// Cholesky factorisation with round-off tolerance); pi must be K weights ≥ 0
// that sum to 1.
import { InputError } from "../errors.js";

export interface ClustersFile {
  /** Trait names when the file gives p of them. */
  traits: string[] | null;
  K: number;
  /** Cluster weights, or null when the file has none (and none was required). */
  pi: number[] | null;
  /** K x p x p covariances in the effects' units. */
  sigma: number[][][];
}

/** Relative round-off allowed in symmetry, the weights' sum and the PSD check. */
const TOLERANCE = 1e-6;

function describe(x: unknown): string {
  return x === null ? "null" : Array.isArray(x) ? `a list of ${x.length}` : typeof x;
}

/** Throws unless the symmetric p x p matrix m is positive semi-definite (LDLᵀ pivots ≥ −tolerance · largest diagonal). */
function checkPsd(m: number[][], fail: (problem: string) => never, what: string): void {
  const p = m.length;
  const scale = Math.max(...m.map((r, i) => r[i]));
  const a = m.map((r) => r.slice());
  for (let j = 0; j < p; j++) {
    const d = a[j][j];
    if (d < -TOLERANCE * scale) fail(`${what} is not positive semi-definite (a covariance matrix must be)`);
    if (d <= TOLERANCE * scale) {
      // a zero pivot: its column must be zero too
      for (let i = j + 1; i < p; i++) if (Math.abs(a[i][j]) > TOLERANCE * scale) fail(`${what} is not positive semi-definite (a covariance matrix must be)`);
      continue;
    }
    for (let i = j + 1; i < p; i++) {
      const f = a[i][j] / d;
      for (let k = j; k < p; k++) a[i][k] -= f * a[j][k];
    }
  }
}

/** The clustering in a clusters JSON's text; `needPi`: refuse a file without weights. */
export function parseClustersFile(text: string, source: string, o: { needPi?: boolean } = {}): ClustersFile {
  const fail = (problem: string): never => {
    throw new InputError({ file: source }, problem);
  };
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail("not a JSON file (expected PREFIX.clusters.json of mlmages cluster)");
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return fail("not a clusters object (expected PREFIX.clusters.json of mlmages cluster)");
  const sigma = doc.sigma;
  if (!Array.isArray(sigma) || sigma.length === 0) return fail(`sigma is ${describe(sigma)}, not a list of K covariance matrices (expected PREFIX.clusters.json of mlmages cluster)`);
  const first = sigma[0];
  const p = Array.isArray(first) ? first.length : 0;
  if (p === 0) fail("sigma[0] is not a p x p matrix");
  sigma.forEach((m: unknown, k) => {
    const what = `sigma of cluster ${k + 1}`;
    if (!Array.isArray(m) || m.length !== p) fail(`${what} is ${describe(m)}, not a ${p} x ${p} matrix`);
    (m as unknown[]).forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== p) fail(`${what}, row ${i + 1} is ${describe(row)}, not ${p} numbers`);
      (row as unknown[]).forEach((x, j) => {
        if (typeof x !== "number" || !Number.isFinite(x)) fail(`${what}[${i + 1}][${j + 1}] is ${JSON.stringify(x)}, not a finite number`);
      });
    });
    const s = m as number[][];
    for (let i = 0; i < p; i++) {
      if (s[i][i] < 0) fail(`${what} has a negative variance ${s[i][i]} (trait ${i + 1})`);
      for (let j = 0; j < i; j++) {
        const bound = TOLERANCE * Math.sqrt(s[i][i] * s[j][j]) + Number.MIN_VALUE;
        if (Math.abs(s[i][j] - s[j][i]) > bound) fail(`${what} is not symmetric ([${i + 1}][${j + 1}] = ${s[i][j]} but [${j + 1}][${i + 1}] = ${s[j][i]})`);
      }
    }
    checkPsd(s, fail, what);
  });
  const K = sigma.length;
  if (doc.K !== undefined && doc.K !== K) fail(`K is ${JSON.stringify(doc.K)} but sigma has ${K} cluster covariance${K === 1 ? "" : "s"}`);
  let pi: number[] | null = null;
  if (doc.pi !== undefined || o.needPi) {
    const w = doc.pi;
    if (!Array.isArray(w)) return fail(`pi is ${describe(w)}, not a list of ${K} cluster weights`);
    if (w.length !== K) fail(`pi has ${w.length} weight${w.length === 1 ? "" : "s"} but sigma has ${K} clusters`);
    w.forEach((x: unknown, k) => {
      if (typeof x !== "number" || !Number.isFinite(x) || x < 0) fail(`pi[${k + 1}] is ${JSON.stringify(x)}, not a weight ≥ 0`);
    });
    const sum = (w as number[]).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > TOLERANCE) fail(`the weights pi sum to ${sum}, not 1`);
    pi = w as number[];
  }
  const t = doc.traits;
  const traits = Array.isArray(t) && t.length === p && t.every((x) => typeof x === "string") ? (t as string[]) : null;
  return { traits, K, pi, sigma: sigma as number[][][] };
}
