// Column names of GWAS summary statistics, case-insensitive: the published
// ML-MAGES tool's, plink2 --glm's, regenie's and the GWAS Catalog format's.

export const GWAS_COLUMNS = {
  chr: ["CHR", "CHROM", "CHROMOSOME", "#CHROM"],
  beta: ["BETA", "EFFECT", "B", "LOG_ODDS"],
  or: ["OR", "ODDS_RATIO"],
  se: ["SE", "STDERR", "STD_ERR", "STANDARD_ERROR", "LOG(OR)_SE"],
  pos: ["POS", "BP", "GENPOS", "BASE_PAIR_LOCATION", "POSITION"],
  id: ["ID", "SNP", "RSID", "VARIANT_ID", "MARKERNAME"],
} as const;

export type GwasColumn = keyof typeof GWAS_COLUMNS;

/** Index of the first header field matching one of the names, or -1. */
export function findColumn(header: string[], names: readonly string[]): number {
  const upper = header.map((h) => h.trim().toUpperCase());
  for (const name of names) {
    const i = upper.indexOf(name);
    if (i >= 0) return i;
  }
  return -1;
}
