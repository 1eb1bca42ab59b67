// Which tool wrote a GWAS file, told from its header, and so which allele its
// effects belong to. Checked in order; the first match wins. Names are
// compared upper-cased. (GWAS-VCF is told from its first line: gwas-vcf.ts.)
import { InputError } from "../errors.js";

export interface GwasFormat {
  /** The tool or layout, for the run's record ("regenie", "SAIGE", ...). */
  name: string;
  /** The column (or rule) naming the allele each effect belongs to, for messages. */
  effectAllele: string;
  /** Effect-allele column names, first found wins; empty: the file names no alleles. */
  ea: readonly string[];
  /** Other-allele column names. */
  oa: readonly string[];
  /** Effect-allele frequency column names. */
  eaf: readonly string[];
}

interface Rule extends GwasFormat {
  /** Whether a header (upper-case names) is this format's. */
  test(h: Set<string>): boolean;
}

const has = (h: Set<string>, ...names: string[]) => names.every((n) => h.has(n));

const RULES: Rule[] = [
  // plink2 --glm: A1 is the tested (effect) allele, one of REF/ALT; the other is AX when written, else the other of REF/ALT.
  { name: "plink2 --glm", effectAllele: "A1", ea: ["A1"], oa: ["AX"], eaf: ["A1_FREQ"], test: (h) => has(h, "REF", "ALT", "A1") },
  // plink 1.9 --linear/--logistic: A1 is the tested allele; no other allele is written.
  { name: "plink 1.9 --linear/--logistic", effectAllele: "A1", ea: ["A1"], oa: ["A2"], eaf: [], test: (h) => has(h, "A1", "TEST", "NMISS") },
  // BOLT-LMM: ALLELE1 is the effect allele (A1FREQ is its frequency); told from regenie by SNP/BP or its P_BOLT columns.
  {
    name: "BOLT-LMM",
    effectAllele: "ALLELE1",
    ea: ["ALLELE1"],
    oa: ["ALLELE0"],
    eaf: ["A1FREQ"],
    test: (h) => has(h, "ALLELE1", "ALLELE0") && (has(h, "SNP", "BP") || [...h].some((c) => c.startsWith("P_BOLT") || c.startsWith("CHISQ_BOLT"))),
  },
  // regenie: ALLELE1 is the effect allele (A1FREQ is its frequency).
  { name: "regenie", effectAllele: "ALLELE1", ea: ["ALLELE1"], oa: ["ALLELE0"], eaf: ["A1FREQ"], test: (h) => has(h, "ALLELE1", "ALLELE0") },
  // SAIGE: BETA belongs to Allele2 (AF_Allele2 is its frequency).
  {
    name: "SAIGE",
    effectAllele: "Allele2",
    ea: ["ALLELE2"],
    oa: ["ALLELE1"],
    eaf: ["AF_ALLELE2"],
    test: (h) => has(h, "ALLELE1", "ALLELE2") && (h.has("MARKERID") || h.has("AF_ALLELE2") || h.has("AC_ALLELE2")),
  },
  // METAL: Effect belongs to Allele1 (Freq1 is its frequency); alleles written in lower case.
  {
    name: "METAL",
    effectAllele: "Allele1",
    ea: ["ALLELE1"],
    oa: ["ALLELE2"],
    eaf: ["FREQ1"],
    test: (h) => has(h, "ALLELE1", "ALLELE2") && (h.has("MARKERNAME") || h.has("DIRECTION") || h.has("FREQ1")),
  },
  // LDSC .sumstats (munge_sumstats.py): Z for A1, and N.
  { name: "LDSC .sumstats", effectAllele: "A1", ea: ["A1"], oa: ["A2"], eaf: [], test: (h) => has(h, "SNP", "A1", "A2", "Z", "N") && !h.has("BETA") && !h.has("OR") },
  // GWAS-SSF (GWAS Catalog): effect_allele / other_allele.
  { name: "GWAS-SSF", effectAllele: "effect_allele", ea: ["EFFECT_ALLELE"], oa: ["OTHER_ALLELE"], eaf: ["EFFECT_ALLELE_FREQUENCY"], test: (h) => has(h, "EFFECT_ALLELE") },
  // Other tables with plink's A1/A2 (A1 the effect allele, as in plink and LDSC).
  { name: "A1/A2 table", effectAllele: "A1", ea: ["A1"], oa: ["A2"], eaf: ["A1FREQ", "A1_FREQ", "FRQ", "EAF", "FREQ1"], test: (h) => h.has("A1") },
  // Other tables that say which allele is the effect's (REF/ALT: the effect is ALT's, as in VCF and FinnGen).
  { name: "EA/OA table", effectAllele: "EA", ea: ["EA"], oa: ["OA", "NEA"], eaf: ["EAF"], test: (h) => h.has("EA") },
  { name: "REF/ALT table", effectAllele: "ALT", ea: ["ALT"], oa: ["REF"], eaf: ["ALT_FREQ", "ALT_FREQS", "AF_ALT", "AF"], test: (h) => has(h, "REF", "ALT") },
];

/** A file without allele columns (the published ML-MAGES layout): variants are matched by position in the file. */
export const NO_ALLELES: GwasFormat = { name: "no allele columns", effectAllele: "none", ea: [], oa: [], eaf: [] };

const AMBIGUOUS = ["ALLELE1", "ALLELE2", "ALLELE0", "A2", "OA", "NEA", "OTHER_ALLELE", "REF", "ALT", "A0"];

/** The format of a header (upper-case names), or an InputError when it names alleles without saying which is the effect's. */
export function detectFormat(header: string[], where: { file: string; line: number }): GwasFormat {
  const h = new Set(header.map((c) => c.trim().toUpperCase()));
  const rule = RULES.find((r) => r.test(h));
  if (rule) return rule;
  const alleles = AMBIGUOUS.filter((a) => h.has(a));
  if (alleles.length) {
    throw new InputError(
      where,
      `allele columns ${alleles.join(", ")} but no way to tell which allele the effects belong to: name the effect allele's column EA (or A1, or effect_allele) and the other OA (or A2, other_allele)`,
    );
  }
  return NO_ALLELES;
}
