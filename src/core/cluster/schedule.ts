// The scalable restart schedule. The published schedule runs every restart
// over every clustered variant from its random start (restarts × iterations ×
// variants × K, most iterations spent finding the clusters); at a genome's
// 200,000 clustered variants that is hours. Here, past 2·SUBSAMPLE clustered
// variants:
//   1. every restart (the same drawn starts) runs on a subsample of SUBSAMPLE
//      variants, by ‖x‖²: the largest SUBSAMPLE/2 whole (the rare large-effect
//      clusters live there), and the middle variant of each of SUBSAMPLE/2
//      equal strata of the rest (deterministic, no draw);
//   2. every restart then continues on all variants from where it ended, its
//      sufficient statistics scaled to the full size (N_k and S_k × n / m, so
//      the first E-step sees the same proportions), with only the components
//      that still hold mass, for at most REFINE_ITERATIONS iterations (the
//      clusters are found; this settles their weights and covariances);
//   3. the run is chosen among them as published: the majority K̂, then the
//      lowest BIC.
// At or below 2·SUBSAMPLE variants nothing changes: the published schedule,
// the same restarts, the same bits (the dev data's 550–980 clustered variants
// are clustered exactly as published). docs/clustering.md has the measured error.
import type { Scope } from "../wasm/core.js";
import type { MixtureParameters } from "./init.js";
import type { RestartJob, RestartResult } from "./restart.js";
import { chooseRestart } from "./select.js";
import { spdInverse } from "./spd.js";

/** Which restart schedule clusters: scalable (default) or published (every restart on every variant). */
export type Schedule = "scalable" | "published";

export const SCHEDULES: readonly Schedule[] = ["scalable", "published"];

/** Variants the restarts see under the scalable schedule. */
export const SUBSAMPLE = 500;

/** Whether a job of n clustered variants is subsampled under a schedule. */
export function subsampled(schedule: Schedule, n: number): boolean {
  return schedule === "scalable" && n > 2 * SUBSAMPLE;
}

/** Share of the subsample taken whole from the largest effects (the rare large-effect clusters live there). */
export const TAIL_SHARE = 0.5;

/**
 * Rows (m x p) of x (n x p), by squared norm: the largest ⌊TAIL_SHARE·m⌋ rows whole, and of the
 * rest the middle row of each of the remaining equal strata.
 */
export function stratifiedRows(x: Float64Array, n: number, p: number, m: number): Float64Array {
  const norm = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    let s = 0;
    for (let t = 0; t < p; t++) s += x[v * p + t] * x[v * p + t];
    norm[v] = s;
  }
  const order = Int32Array.from({ length: n }, (_, v) => v).sort((a, b) => norm[a] - norm[b] || a - b);
  const tail = Math.floor(TAIL_SHARE * m);
  const body = m - tail;
  const rest = n - tail;
  const out = new Float64Array(m * p);
  for (let i = 0; i < m; i++) {
    const v = i < body ? order[Math.floor(((i + 0.5) * rest) / body)] : order[rest + i - body];
    for (let t = 0; t < p; t++) out[i * p + t] = x[v * p + t];
  }
  return out;
}

/** The subsample's job: the same starts and settings on SUBSAMPLE stratified rows. */
export function subsampleJob(job: RestartJob): RestartJob {
  return { ...job, x: stratifiedRows(job.x, job.n, job.p, SUBSAMPLE), n: SUBSAMPLE };
}

/** The restarts to refine: all of them, in order. */
export function refinementCandidates(results: RestartResult[]): RestartResult[] {
  return [...results].sort((a, b) => a.index - b.index);
}

/**
 * A fit's parameters with its sufficient statistics scaled by f:
 * a = 1 + f N, b = α + f (b − α), ν = ν₀ + f N, L = (I + f (L⁻¹ − I))⁻¹ (L⁻¹ = I + S).
 */
export function scaledStart(s: Scope, fit: MixtureParameters, f: number, o: { alpha: number; nu0: number; p: number }): MixtureParameters {
  const { p } = o;
  const K = fit.a.length;
  const pp = p * p;
  const L = new Float64Array(K * pp);
  for (let k = 0; k < K; k++) {
    const inv = spdInverse(s, fit.L.subarray(k * pp, (k + 1) * pp), p).inverse;
    for (let i = 0; i < pp; i++) inv[i] = (i % (p + 1) === 0 ? 1 : 0) + f * (inv[i] - (i % (p + 1) === 0 ? 1 : 0));
    L.set(spdInverse(s, inv, p).inverse, k * pp);
  }
  return {
    a: fit.a.map((a) => 1 + f * (a - 1)),
    b: fit.b.map((b) => o.alpha + f * (b - o.alpha)),
    nu: fit.nu.map((nu) => o.nu0 + f * (nu - o.nu0)),
    L,
  };
}

/** Most iterations of a refinement (the published tolerance is absolute, 1e-3 on an ELBO that grows with n). */
export const REFINE_ITERATIONS = 20;

/** A subsample fit's components worth refining: at least MIN_MASS variants' worth of responsibility (N_k = a_k − 1). */
export const MIN_MASS = 0.5;

/** Components k of a fit in stick order, the `count` of largest N_k. */
function heaviest(fit: MixtureParameters, count: number): number[] {
  return Array.from(fit.a, (_, k) => k)
    .sort((x, y) => fit.a[y] - fit.a[x] || x - y)
    .slice(0, count)
    .sort((x, y) => x - y);
}

/** The components `keep` of a fit, in stick order. */
function components(fit: MixtureParameters, keep: number[], pp: number): MixtureParameters {
  const L = new Float64Array(keep.length * pp);
  keep.forEach((k, i) => L.set(fit.L.subarray(k * pp, (k + 1) * pp), i * pp));
  return { a: Float64Array.from(keep, (k) => fit.a[k]), b: Float64Array.from(keep, (k) => fit.b[k]), nu: Float64Array.from(keep, (k) => fit.nu[k]), L };
}

/**
 * The refinement's job: the full data, starting from the candidates' scaled fits (restart i = candidate i),
 * each cut to its K' heaviest components (K' the most any candidate has with N_k ≥ MIN_MASS; emptied
 * components cost a refinement iteration as much as kept ones and would stay empty).
 */
export function refinementJob(s: Scope, job: RestartJob, candidates: RestartResult[]): RestartJob {
  const f = job.n / SUBSAMPLE;
  const pp = job.p * job.p;
  const K = Math.max(2, ...candidates.map((c) => c.fitted.a.filter((a) => a - 1 >= MIN_MASS).length));
  const starts = candidates.map((c) => scaledStart(s, components(c.fitted, heaviest(c.fitted, K), pp), f, { alpha: job.alpha, nu0: job.nu0, p: job.p }));
  return { ...job, K, starts, maxIter: Math.min(job.maxIter, REFINE_ITERATIONS) };
}

/** The refined run chosen as published (majority K̂, then lowest BIC); its index the candidate's. */
export function chooseRefined(candidates: RestartResult[], refined: RestartResult[]): RestartResult {
  const best = chooseRestart([...refined].sort((a, b) => a.index - b.index));
  return { ...best, index: candidates[best.index].index };
}
