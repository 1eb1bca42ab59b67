// The scalable restart schedule. The published schedule runs every restart
// over every clustered variant (restarts × iterations × variants × K); at a
// genome's 200,000 clustered variants that is hours. Here, past 2·SUBSAMPLE
// clustered variants:
//   1. every restart (the same drawn starts) runs on a subsample of SUBSAMPLE
//      variants, by ‖x‖²: the largest SUBSAMPLE/2 whole (the rare large-effect
//      clusters live there), and the middle variant of each of SUBSAMPLE/2
//      equal strata of the rest (deterministic, no draw);
//   2. K̂ is chosen as published (the majority over restarts), and the REFINED
//      restarts of that K̂ with the lowest BIC continue on all variants from
//      where they ended, their sufficient statistics scaled to the full size
//      (N_k and S_k × n / m, so the first E-step sees the same proportions);
//   3. the refined run with the majority K̂ and the lowest BIC is chosen (the
//      lowest BIC of all when none keeps that K̂).
// At or below 2·SUBSAMPLE variants nothing changes: the published schedule,
// the same restarts, the same bits (the dev data's 550–980 clustered variants
// are clustered exactly as published). docs/clustering.md has the measured error.
import type { Scope } from "../wasm/core.js";
import type { MixtureParameters } from "./init.js";
import type { RestartJob, RestartResult } from "./restart.js";
import { majorityK } from "./select.js";
import { spdInverse } from "./spd.js";

/** Which restart schedule clusters: scalable (default) or published (every restart on every variant). */
export type Schedule = "scalable" | "published";

export const SCHEDULES: readonly Schedule[] = ["scalable", "published"];

/** Variants the restarts see under the scalable schedule. */
export const SUBSAMPLE = 1000;

/** Restarts refined on all variants. */
export const REFINED = 3;

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

/** The restarts to refine: those of the majority K̂, lowest BIC first (the first on equal BIC), at most REFINED. */
export function refinementCandidates(results: RestartResult[]): RestartResult[] {
  const K = majorityK(results.map((r) => r.K));
  return results
    .filter((r) => r.K === K)
    .sort((a, b) => a.bic - b.bic || a.index - b.index)
    .slice(0, REFINED);
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

/** The refinement's job: the full data, starting from the candidates' scaled fits (restart i = candidate i). */
export function refinementJob(s: Scope, job: RestartJob, candidates: RestartResult[]): RestartJob {
  const f = job.n / SUBSAMPLE;
  return { ...job, starts: candidates.map((c) => scaledStart(s, c.fitted, f, { alpha: job.alpha, nu0: job.nu0, p: job.p })) };
}

/** The refined run chosen: the majority K̂ of the subsample, lowest BIC (else the lowest BIC of all); its index the candidate's. */
export function chooseRefined(candidates: RestartResult[], refined: RestartResult[]): RestartResult {
  const K = candidates[0].K;
  const pool = refined.some((r) => r.K === K) ? refined.filter((r) => r.K === K) : refined;
  const best = pool.reduce((a, b) => (b.bic < a.bic || (b.bic === a.bic && b.index < a.index) ? b : a));
  return { ...best, index: candidates[best.index].index };
}
