// The clustering's output files: PREFIX.clusters.json (the mixture) and
// PREFIX.labels.tsv (per variant: CLUSTER, −1 when thresholded to zero, then
// the posterior probability of each cluster P1..PK, 0 for thresholded variants).
import { formatTsv, type Column } from "../output/tsv.js";
import type { ClusterResult } from "./cluster.js";

/**
 * The mixture as JSON: traits, K, pi, sigma (K x p x p), zero_cutoff, n_nonzero,
 * elbo, bic, seed, the restart schedule, and seconds when given (`run` leaves times to run.json, so its
 * files are the same bytes on every platform).
 */
export function clustersJson(res: ClusterResult, seconds?: number): string {
  const doc = {
    traits: res.traits,
    K: res.K,
    pi: res.pi,
    sigma: res.sigma,
    zero_cutoff: res.zeroCutoff,
    n_nonzero: res.nNonzero,
    elbo: res.elbo,
    bic: res.bic,
    seed: res.seed,
    schedule: res.schedule,
    seconds,
  };
  return JSON.stringify(doc, null, 1) + "\n";
}

/** One row per variant: CLUSTER, P1..PK. */
export function labelsTsv(res: ClusterResult): string {
  const { header, cols } = labelsColumns(res);
  return formatTsv(header, cols);
}

/** The labels table's header and columns: CLUSTER, P1..PK. */
export function labelsColumns(res: ClusterResult): { header: string[]; cols: Column[] } {
  const K = res.K;
  const n = res.labels.length;
  const cols: Float64Array[] = Array.from({ length: K }, (_, k) => {
    const c = new Float64Array(n);
    for (let v = 0; v < n; v++) c[v] = res.posterior[v * K + k];
    return c;
  });
  return { header: ["CLUSTER", ...cols.map((_, k) => `P${k + 1}`)], cols: [res.labels, ...cols] };
}
