// The gene level as plain TSV tables (gene name first): cluster fractions,
// effect products per trait pair and cluster, association types, type scores.
import { formatTsv, type Column } from "../output/tsv.js";
import type { GeneLevelResult } from "./gene-level.js";
import { patternKey } from "./patterns.js";

/** The name of a trait set: "T1+T3". */
export function traitSetName(traits: string[], set: number[]): string {
  return set.map((t) => traits[t]).join("+");
}

/** Columns k of a genes x K row-major matrix. */
function clusterColumns(m: Float64Array, G: number, K: number): Float64Array[] {
  return Array.from({ length: K }, (_, k) => Float64Array.from({ length: G }, (_, g) => m[g * K + k]));
}

function productsTable(res: GeneLevelResult, per: Float64Array[]): string {
  const G = res.genes.length;
  const header = ["GENE"];
  const cols: Column[] = [res.genes.map((g) => g.gene)];
  res.pairs.forEach(([i, j], q) => {
    clusterColumns(per[q], G, res.K).forEach((c, k) => {
      header.push(`${res.traits[i]}x${res.traits[j]}_c${k + 1}`);
      cols.push(c);
    });
  });
  return formatTsv(header, cols);
}

/**
 * The tables by file name:
 * gene_cluster_fractions.tsv (GENE, CHR, N_SNPS, zero, c1..cK),
 * gene_bprod.tsv and gene_bprodabs.tsv (GENE, then TixTj_ck per pair i ≤ j and cluster k),
 * association_types.tsv (CLUSTER, PATTERN, TRAITS, N_VARIANTS, SHARE_<trait>...),
 * gene_type_scores.tsv (GENE, then one column per association type, named by its traits).
 */
export function geneLevelTables(res: GeneLevelResult): Map<string, string> {
  const G = res.genes.length;
  const names = res.genes.map((g) => g.gene);
  const files = new Map<string, string>();
  files.set(
    "gene_cluster_fractions.tsv",
    formatTsv(
      ["GENE", "CHR", "N_SNPS", "zero", ...Array.from({ length: res.K }, (_, k) => `c${k + 1}`)],
      [names, res.genes.map((g) => g.chr), res.genes.map((g) => g.count), res.zeroFractions, ...clusterColumns(res.fractions, G, res.K)],
    ),
  );
  files.set("gene_bprod.tsv", productsTable(res, res.bprod));
  files.set("gene_bprodabs.tsv", productsTable(res, res.bprodAbs));
  const p = res.traits.length;
  files.set(
    "association_types.tsv",
    formatTsv(
      ["CLUSTER", "PATTERN", "TRAITS", "N_VARIANTS", ...res.traits.map((t) => `SHARE_${t}`)],
      [
        res.patterns.map((c) => String(c.cluster + 1)),
        res.patterns.map((c) => patternKey(c.traits, p)),
        res.patterns.map((c) => traitSetName(res.traits, c.traits)),
        res.clusterSizes,
        ...res.traits.map((_, t) => res.patterns.map((c) => c.shares[t])),
      ],
    ),
  );
  files.set(
    "gene_type_scores.tsv",
    formatTsv(["GENE", ...res.types.map((ty) => traitSetName(res.traits, ty.traits))], [names, ...res.types.map((ty) => ty.scores)]),
  );
  return files;
}
