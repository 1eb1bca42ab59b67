// Per gene and joint cluster: the share of the gene's variants in the cluster,
// Σ βᵢβⱼ and Σ |βᵢ||βⱼ| over the gene's variants in the cluster divided by the
// gene's variant count (every trait pair i ≤ j), and Σ |βᵢ| per trait (not
// divided). Variants labelled −1 (thresholded to zero) are in no cluster.
// see: ML-MAGES mlmages/multivar_gene_analysis.py (genes_cls_frac, genes_beta_prod,
// genes_beta_prod_abs, genes_cls_sum).
import type { GeneRange } from "../genetest/gene-table.js";

/** Sums of one gene set; matrices are row-major, genes x K (x p for absSums). */
export interface GeneSums {
  /** Trait pairs (i ≤ j, 0-based) in order (0,0), (0,1), ..., (p−1,p−1). */
  pairs: [number, number][];
  /** Per gene and cluster: variants in the cluster / the gene's variant count. */
  fractions: Float64Array;
  /** Per gene: variants labelled −1 / the gene's variant count. */
  zeroFractions: Float64Array;
  /** Per pair: genes x K, Σ βᵢβⱼ over the gene's variants in the cluster / variant count. */
  bprod: Float64Array[];
  /** Per pair: genes x K, Σ |βᵢ||βⱼ| likewise. */
  bprodAbs: Float64Array[];
  /** genes x K x p: Σ |β_t| over the gene's variants in the cluster. */
  absSums: Float64Array;
}

/** All trait pairs i ≤ j of p traits, in the published order. */
export function traitPairs(p: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < p; i++) for (let j = i; j < p; j++) pairs.push([i, j]);
  return pairs;
}

/** The sums for each gene; `effects` holds one array per trait, `labels` a 0-based cluster or −1 per variant. */
export function geneSums(effects: Float64Array[], labels: ArrayLike<number>, K: number, genes: GeneRange[]): GeneSums {
  const p = effects.length;
  const G = genes.length;
  const pairs = traitPairs(p);
  const fractions = new Float64Array(G * K);
  const zeroFractions = new Float64Array(G);
  const bprod = pairs.map(() => new Float64Array(G * K));
  const bprodAbs = pairs.map(() => new Float64Array(G * K));
  const absSums = new Float64Array(G * K * p);
  genes.forEach((gene, g) => {
    let zeros = 0;
    for (let v = gene.first; v < gene.first + gene.count; v++) {
      const k = labels[v];
      if (k < 0) {
        zeros++;
        continue;
      }
      fractions[g * K + k]++;
      for (let t = 0; t < p; t++) absSums[(g * K + k) * p + t] += Math.abs(effects[t][v]);
      pairs.forEach(([i, j], q) => {
        const bi = effects[i][v];
        const bj = effects[j][v];
        bprod[q][g * K + k] += bi * bj;
        bprodAbs[q][g * K + k] += Math.abs(bi) * Math.abs(bj);
      });
    }
    zeroFractions[g] = zeros / gene.count;
    for (let k = 0; k < K; k++) {
      fractions[g * K + k] /= gene.count;
      for (let q = 0; q < pairs.length; q++) {
        bprod[q][g * K + k] /= gene.count;
        bprodAbs[q][g * K + k] /= gene.count;
      }
    }
  });
  return { pairs, fractions, zeroFractions, bprod, bprodAbs, absSums };
}
