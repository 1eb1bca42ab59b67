// The published classification of joint clusters into association types, for 2
// and 3 traits, as ML-MAGES writes it to *_cls_association_types.txt.
// see: ML-MAGES mlmages/multivar_gene_analysis.py (sig_cls, results) and
// mlmages/_gene_funcs.py check_specific_or_shared_bivar, check_specific_trivar;
// mlmages/_util_funcs.py get_eiginfo, angle_between.
//
// Two readings differ from the published code, both documented in docs/genelevel.md:
// - An eigenvector's sign is arbitrary (the published code takes LAPACK's), so
//   angles are taken sign-free: a principal axis is near a trait's axis when it
//   is within the tolerance of either direction.
// - For 3 traits the published code measures angles against the reference
//   vectors in itertools.product order, (0,0,1), (0,1,0), (0,1,1), ..., and uses
//   the first three as the axes of traits 1, 2, 3. `axes: "published"` keeps that
//   (it reproduces the published files); `axes: "traits"` uses the traits' unit
//   axes, as the published code means to.
import { symmetricEigen } from "./eigen.js";
import { patternKey } from "./patterns.js";
import * as dmath from "../math.js";

/** One published association type: its key, e.g. "(1,0,1)", and its clusters (0-based). */
export interface PublishedType {
  key: string;
  /** Traits the type names (0-based). */
  traits: number[];
  clusters: number[];
}

export interface PublishedTypeOptions {
  /** Which vectors stand for the traits' axes in the 3-trait rule (default "published"). */
  axes?: "published" | "traits";
  /** Keep clusters up to this cumulative share of the non-zero variants (published default 1). */
  prioritizedProportion?: number;
}

const DEG = Math.PI / 180;

/** Angle (radians, in [0, π/2]) between the lines of unit vector `v` and of `ref`. */
function lineAngle(v: number[], ref: number[]): number {
  const norm = Math.sqrt(ref.reduce((s, x) => s + x * x, 0));
  const c = v.reduce((s, x, i) => s + x * ref[i], 0) / norm;
  return dmath.acos(Math.min(1, Math.abs(c)));
}

/** Published 2-trait rule (angle 15°, ratios 2 and 1.5): [trait-1 specific, trait-2 specific, shared]. */
export function bivariateFlags(sigma: number[][]): [boolean, boolean, boolean] {
  const { values, vectors } = symmetricEigen(sigma);
  const ratio = values[0] / values[1];
  const tol = 15 * DEG;
  let flags: [boolean, boolean, boolean] = [false, false, false];
  if (ratio > 2) {
    if (lineAngle(vectors[0], [1, 0]) < tol) flags = [true, false, false];
    else if (lineAngle(vectors[0], [0, 1]) < tol) flags = [false, true, false];
    else flags = [false, false, true];
  }
  if (ratio < 1.5) flags[2] = true;
  return flags;
}

/** Reference vectors of the published 3-trait rule: the non-zero 0/1 vectors in itertools.product order. */
function referenceVectors(p: number): number[][] {
  const out: number[][] = [];
  for (let m = 1; m < 1 << p; m++) out.push(Array.from({ length: p }, (_, t) => (m >> (p - 1 - t)) & 1));
  return out;
}

/** Published 3-trait rule (angle π/12, ratio 5): [A, B, C, AB, AC, BC, ABC]. */
export function trivariateFlags(sigma: number[][], axes: "published" | "traits" = "published"): boolean[] {
  const { values, vectors } = symmetricEigen(sigma);
  const ref = axes === "published" ? referenceVectors(3).slice(0, 3) : [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const thr = 5;
  const specific = [false, false, false];
  if (values.slice(1).every((e) => values[0] / e > thr)) {
    for (let a = 0; a < 3; a++) if (lineAngle(vectors[0], ref[a]) < Math.PI / 12) specific[a] = true;
  }
  const m = ref.map((r) => Math.max(...values.map((l, k) => Math.abs(l * dmath.cos(lineAngle(vectors[k], r))))));
  const ab = m[0] / m[2] > thr && m[1] / m[2] > thr;
  const ac = m[0] / m[1] > thr && m[2] / m[1] > thr;
  const bc = m[1] / m[0] > thr && m[2] / m[0] > thr;
  let abc = true;
  for (let i = 0; i < 3; i++) {
    for (let j = i + 1; j < 3; j++) {
      const r = m[i] / m[j];
      if (r > thr || 1 / r > thr) abc = false;
    }
  }
  if (specific.some((s) => s)) abc = false;
  return [...specific, ab, ac, bc, abc];
}

/** Clusters the published code considers: cumulative share of the non-zero variants, in cluster order, ≤ proportion. */
function prioritizedClusters(labels: ArrayLike<number>, K: number, proportion: number): Set<number> {
  const counts = new Array<number>(K).fill(0);
  let total = 0;
  for (let v = 0; v < labels.length; v++) {
    if (labels[v] >= 0) {
      counts[labels[v]]++;
      total++;
    }
  }
  const keep = new Set<number>();
  let cum = 0;
  for (let k = 0; k < K; k++) {
    cum += counts[k] / total;
    if (cum <= proportion) keep.add(k);
  }
  return keep;
}

/**
 * The published association types of 2 or 3 traits, in the published order
 * ((1,0), (0,1), (1,1); or (1,0,0), (0,1,0), (0,0,1), (1,1,0), (1,0,1), (0,1,1), (1,1,1)).
 */
export function publishedAssociationTypes(sigma: number[][][], labels: ArrayLike<number>, opts: PublishedTypeOptions = {}): PublishedType[] {
  const p = sigma[0]?.length;
  if (p !== 2 && p !== 3) throw new Error(`the published association types are defined for 2 or 3 traits, not ${p}`);
  const keep = prioritizedClusters(labels, sigma.length, opts.prioritizedProportion ?? 1);
  const sets = p === 2 ? [[0], [1], [0, 1]] : [[0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2]];
  const flags = sigma.map((s) => (p === 2 ? bivariateFlags(s) : trivariateFlags(s, opts.axes)));
  return sets.map((traits, i) => ({
    key: patternKey(traits, p),
    traits,
    clusters: flags.flatMap((f, k) => (f[i] && keep.has(k) ? [k] : [])),
  }));
}
