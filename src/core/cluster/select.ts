// Choosing among restarts as published: the majority K̂ across runs (ties go
// to the larger K̂; when K̂ = 1 is the most frequent, the smallest K̂ above 1
// that occurred), then the run with the lowest BIC among those with that K̂
// (the first such run on equal BIC).
// see: ML-MAGES mlmages/_cls_funcs.py infmix_clustering ("choose best run").
import type { RestartResult } from "./restart.js";

/** The chosen K̂ of a set of restarts. */
export function majorityK(ks: number[]): number {
  const counts = new Map<number, number>();
  for (const k of ks) counts.set(k, (counts.get(k) ?? 0) + 1);
  const sorted = [...counts.keys()].sort((a, b) => a - b);
  const top = Math.max(...counts.values());
  // The published code takes the first most frequent K̂ in ascending order.
  const major = sorted.find((k) => counts.get(k) === top)!;
  if (major === 1) return sorted.find((k) => k > 1) ?? 1;
  return Math.max(...sorted.filter((k) => counts.get(k) === top));
}

/** The representative restart: lowest BIC among those with the majority K̂. */
export function chooseRestart(results: RestartResult[]): RestartResult {
  const K = majorityK(results.map((r) => r.K));
  let best: RestartResult | undefined;
  for (const r of results) if (r.K === K && (!best || r.bic < best.bic)) best = r;
  return best!;
}
