// A gene's score for one association type: Σ |β_t| over the gene's variants in
// the type's clusters, summed over the type's traits t.
// see: ML-MAGES mlmages/multivar_gene_analysis.py (genes_beta_abs_sum_*). The
// published code turns the 1-based cluster numbers into 0-based indices and
// then subtracts 1 again (genes_cls_sum[i_g][cls_indices-1, i]), so it sums the
// cluster before each listed one, and for cluster 1 the last cluster (numpy's
// index −1). `publishedIndexing` reproduces that; the default sums the listed clusters.

export interface TypeScoreOptions {
  /** Apply the published off-by-one cluster index (to reproduce its files). */
  publishedIndexing?: boolean;
}

/**
 * Per gene: Σ over `traits` and `clusters` (0-based) of absSums, a genes x K x p
 * row-major array of Σ |β_t| per gene and cluster.
 */
export function typeScores(absSums: Float64Array, K: number, p: number, clusters: number[], traits: number[], opts: TypeScoreOptions = {}): Float64Array {
  const G = absSums.length / (K * p);
  const index = opts.publishedIndexing ? clusters.map((k) => (k - 1 + K) % K) : clusters;
  const out = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    let s = 0;
    for (const t of traits) for (const k of index) s += absSums[(g * K + k) * p + t];
    out[g] = s;
  }
  return out;
}
