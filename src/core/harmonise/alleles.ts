// Allele coding for harmonisation: upper-case allele strings of A, C, G, T
// (SNVs one letter, indels longer); anything else (I/D, -, *, <DEL>, N, ".")
// is "non-ACGT". The complement is taken base by base (see: bigsnpr
// snp_match's flip_strand); a palindromic variant is an SNV whose two alleles
// are each other's complement (A/T, C/G), so its strand cannot be told from
// its alleles.

const COMPLEMENT: Record<string, string> = { A: "T", C: "G", G: "C", T: "A" };

/** Whether an allele is a non-empty string of A, C, G, T only. */
export function isAcgt(a: string): boolean {
  if (a.length === 0) return false;
  if (a.length === 1) return a === "A" || a === "C" || a === "G" || a === "T";
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (c !== 0x41 && c !== 0x43 && c !== 0x47 && c !== 0x54) return false;
  }
  return true;
}

/** The allele on the other strand (A↔T, C↔G, base by base, same order as plink --flip). */
export function complement(a: string): string {
  if (a.length === 1) return COMPLEMENT[a];
  let s = "";
  for (let i = 0; i < a.length; i++) s += COMPLEMENT[a[i]];
  return s;
}

/** Whether an allele pair is A/T or C/G (either order). */
export function isPalindromic(a: string, b: string): boolean {
  return a.length === 1 && b.length === 1 && COMPLEMENT[a] === b;
}

/** How a GWAS allele pair (effect, other) relates to a reference pair (a1, a2). */
export const enum Relation {
  /** No way: different alleles. */
  None = 0,
  /** effect = a1, other = a2. */
  Same = 1,
  /** effect = a2, other = a1: BETA changes sign. */
  Swapped = 2,
  /** The pair on the other strand equals (a1, a2). */
  Flipped = 3,
  /** On the other strand and swapped. */
  FlippedSwapped = 4,
}

/**
 * The relation of (ea, oa) to (a1, a2), all ACGT and not palindromic. Strand
 * flips are tried only for SNVs (an indel's other-strand spelling is not what
 * tools write).
 */
export function relate(ea: string, oa: string, a1: string, a2: string): Relation {
  if (ea === a1 && oa === a2) return Relation.Same;
  if (ea === a2 && oa === a1) return Relation.Swapped;
  if (ea.length !== 1 || oa.length !== 1) return Relation.None;
  const ce = COMPLEMENT[ea];
  const co = COMPLEMENT[oa];
  if (ce === a1 && co === a2) return Relation.Flipped;
  if (ce === a2 && co === a1) return Relation.FlippedSwapped;
  return Relation.None;
}
