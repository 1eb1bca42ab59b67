// Which traits a joint cluster is associated with, for any number of traits.
// A cluster's pattern is the set of traits carrying a non-negligible share of
// its variance: trait t's extent is the longest projection onto t's axis of
// the cluster's principal axes, each scaled by its variance,
//   e_t = max_k λ_k |v_k[t]|      (λ_k, v_k the eigenpairs of Σ),
// and t belongs to the pattern when e_t ≥ max_s e_s / ratio (ratio 5, the
// published eigenvalue-ratio threshold). For 3 traits this is the published
// "shared by all" rule; docs/genelevel.md compares it with the published 2- and
// 3-trait rules.
// see: ML-MAGES mlmages/_gene_funcs.py check_specific_trivar (max projections).
import { symmetricEigen } from "./eigen.js";

/** The published ratio between a dominant and a negligible share. */
export const DEFAULT_SHARE_RATIO = 5;

/** One cluster's association pattern. */
export interface ClusterPattern {
  /** The cluster (0-based). */
  cluster: number;
  /** Traits in the pattern (0-based, ascending). */
  traits: number[];
  /** Each trait's extent e_t relative to the largest (1 for the largest trait). */
  shares: number[];
}

/** e_t = max_k λ_k |v_k[t]| for each trait t of the covariance `sigma`. */
export function traitExtents(sigma: number[][]): number[] {
  const { values, vectors } = symmetricEigen(sigma);
  return sigma.map((_, t) => Math.max(...values.map((l, k) => Math.abs(l * vectors[k][t]))));
}

/** The pattern of cluster `cluster` with covariance `sigma`. */
export function clusterPattern(cluster: number, sigma: number[][], ratio = DEFAULT_SHARE_RATIO): ClusterPattern {
  const e = traitExtents(sigma);
  const top = Math.max(...e);
  const shares = e.map((x) => (top > 0 ? x / top : 1));
  const traits = shares.flatMap((s, t) => (s * ratio >= 1 ? [t] : []));
  return { cluster, traits, shares };
}

/** The published notation of a trait set: "(1,0,1)" for traits 1 and 3 of 3. */
export function patternKey(traits: number[], p: number): string {
  const on = new Set(traits);
  return `(${Array.from({ length: p }, (_, t) => (on.has(t) ? 1 : 0)).join(",")})`;
}
