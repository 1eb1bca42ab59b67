// Column names of GWAS summary statistics, case-insensitive, by role: the
// published ML-MAGES tool's, plink 1.9's and plink2's, regenie's, BOLT-LMM's,
// SAIGE's, METAL's, LDSC's and the GWAS Catalog's (GWAS-SSF). The allele
// columns and the effect-allele frequency depend on the tool: gwas-formats.ts.
// Within a role the first name found wins (BOLT-LMM has BP and GENPOS, a
// genetic position: BP comes first).

export const GWAS_COLUMNS = {
  chr: ["CHR", "CHROM", "#CHROM", "CHROMOSOME", "#CHR"],
  pos: ["POS", "BP", "BASE_PAIR_LOCATION", "POSITION", "GENPOS"],
  id: ["ID", "SNP", "SNPID", "MARKERNAME", "MARKERID", "MARKER", "RSID", "VARIANT_ID"],
  beta: ["BETA", "EFFECT", "B", "LOG_ODDS"],
  or: ["OR", "ODDS_RATIO"],
  z: ["Z", "ZSCORE", "Z-SCORE", "Z_SCORE"],
  se: ["SE", "STDERR", "STD_ERR", "STANDARD_ERROR", "LOG(OR)_SE", "SEBETA"],
  stat: ["STAT", "T_STAT", "Z_STAT", "TSTAT"],
  p: ["P", "PVAL", "PVALUE", "P-VALUE", "P_VALUE", "P.VALUE", "P_BOLT_LMM", "P_BOLT_LMM_INF"],
  log10p: ["LOG10P", "LP", "NEG_LOG_10_P_VALUE", "MLOG10P", "LOG10_P", "MLOGP"],
  n: ["N", "OBS_CT", "NMISS", "N_TOTAL", "TOTALSAMPLESIZE", "SAMPLE_SIZE", "WEIGHT"],
  info: ["INFO", "IMPINFO", "INFO_SCORE"],
  test: ["TEST"],
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

/** 1-based columns of the header named `name` (any case), for messages about duplicates. */
export function columnsNamed(header: string[], name: string): number[] {
  const out: number[] = [];
  header.forEach((h, i) => {
    if (h.trim().toUpperCase() === name) out.push(i + 1);
  });
  return out;
}
