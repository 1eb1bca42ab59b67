// Every trait harmonised against one reference: matched (match.ts), checked
// (enough matched, some overlap, alleles that agree), then expressed on the
// variants every trait matched, aligned to the reference's A1.
import { InputError } from "../errors.js";
import type { Gwas, RefVariants } from "../types.js";
import { alignTrait, analysedVariants, keptVariants } from "./align.js";
import type { TraitCounts } from "./counts.js";
import { RefIndex, hasAlleles, hasPositions, idOverlap, matchTrait, type MatchBy, type MatchOptions, type PalindromicRule, type TraitMatch } from "./match.js";

/** Below this fraction of a trait's variants matched, the run stops (bigsnpr's snp_match errors below 50 matches; we ask for a fraction). */
export const DEFAULT_MIN_MATCH = 0.2;

export interface HarmoniseOptions extends MatchOptions {
  /** The least fraction of a trait's variants (on the reference's chromosomes) that must match (default 0.2). */
  minMatch?: number;
}

/** What harmonisation did, for the outputs and the run record. */
export interface Harmonisation {
  /** The reference's file(s). */
  reference: string;
  matchBy: MatchBy;
  palindromic: PalindromicRule;
  minMatch: number;
  /** False when a side had no alleles (matched on position or ID alone). */
  allelesChecked: boolean;
  /** Number of reference variants. */
  refN: number;
  /** Reference indices (increasing) of the analysed variants. */
  kept: Int32Array;
  /** Per trait: counts, and how each analysed variant's alleles related to the reference's (alleles.ts Relation). */
  traits: (TraitCounts & { relation: Uint8Array })[];
  warnings: string[];
}

export interface HarmonisedTraits {
  /** The traits on the analysed variants, aligned to the reference's A1. */
  traits: { name: string; gwas: Gwas }[];
  harmonisation: Harmonisation;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** The error for a trait that matched too little, with the likely cause. */
function tooFewMatched(ref: RefVariants, gwas: Gwas, m: TraitMatch, matchBy: MatchBy, minMatch: number): InputError {
  const c = m.counts;
  const considered = gwas.n - c.otherChromosome;
  if (considered === 0) {
    return InputError.mismatch(gwas.source, `no variant of ${gwas.source} is on a chromosome of the reference ${ref.source} (${[...new Set(ref.chr)].slice(0, 5).join(", ")}): give the LD of the GWAS's chromosome`);
  }
  const head = `only ${c.matched} of the ${considered} variants of ${gwas.source} (${pct(c.matched / considered)}) match the reference ${ref.source} (at least ${pct(minMatch)} needed, --min-match)`;
  const atVariants = c.matched + c.alleleMismatch + c.palindromic + c.duplicate;
  if (c.matched === 0 && atVariants === 0 && c.nonAcgt === 0) {
    const ids = matchBy === "pos" ? idOverlap(ref, gwas) : 0;
    if (ids > 0) {
      return InputError.mismatch(gwas.source, `no variant of ${gwas.source} is at a position of the reference ${ref.source}, but ${ids} of its IDs are in the reference: the two are probably on different genome builds (e.g. GRCh37 and GRCh38); lift one over to the other's build, or match by ID (--match-by id)`);
    }
    return InputError.mismatch(gwas.source, `no variant of ${gwas.source} is in the reference ${ref.source} (matching by ${matchBy === "pos" ? "chromosome and position" : "ID"}): the GWAS and the LD cover different variants`);
  }
  if (matchBy === "pos") {
    const ids = idOverlap(ref, gwas);
    if (ids > 2 * c.matched && ids / considered >= minMatch && c.notInReference > c.matched + c.alleleMismatch) {
      return InputError.mismatch(gwas.source, `${head}, but ${ids} of its IDs are in the reference: the two are probably on different genome builds (e.g. GRCh37 and GRCh38); lift one over, or match by ID (--match-by id)`);
    }
  }
  if (c.alleleMismatch > c.matched) {
    return InputError.mismatch(gwas.source, `${head}: ${c.alleleMismatch} are at reference variants but their alleles match neither way (nor on the other strand); check that the GWAS and the reference describe the same variants`);
  }
  return InputError.mismatch(gwas.source, `${head}; see the reasons with a lower --min-match`);
}

/** Harmonises every trait against the reference; InputError when a trait matches too little or no variant is matched by all. */
export function harmoniseTraits(ref: RefVariants, traits: { name: string; gwas: Gwas }[], opts: HarmoniseOptions = {}): HarmonisedTraits {
  const warnings: string[] = [];
  let matchBy = opts.matchBy ?? "pos";
  if (matchBy === "pos" && !hasPositions(ref)) {
    matchBy = "id";
    warnings.push(`the reference ${ref.source} lists variant IDs only: variants are matched by ID`);
  }
  if (!hasAlleles(ref)) warnings.push(`the reference ${ref.source} has no alleles: alleles are not checked and the LD is assumed signed for each GWAS's effect allele`);
  const minMatch = opts.minMatch ?? DEFAULT_MIN_MATCH;
  const index = new RefIndex(ref, matchBy);
  const nRef = ref.id.length;
  const matches = traits.map(({ gwas }) => {
    const m = matchTrait(index, gwas, { ...opts, matchBy });
    const considered = gwas.n - m.counts.otherChromosome;
    if (considered === 0 || m.counts.matched < minMatch * considered || m.counts.matched === 0) throw tooFewMatched(ref, gwas, m, matchBy, minMatch);
    if (hasAlleles(ref) && !m.allelesChecked) warnings.push(`${gwas.source} names no alleles: its variants are matched on ${matchBy === "pos" ? "position" : "ID"} alone and the effects assumed to be for the reference's A1`);
    return m;
  });
  const kept = analysedVariants(matches, nRef);
  if (kept.length === 0) {
    throw InputError.mismatch(traits.map((t) => t.gwas.source).join(", "), `no variant of the reference ${ref.source} is matched by every trait: the traits' GWAS files cover different variants`);
  }
  const v = keptVariants(ref, kept);
  const aligned = traits.map((t, i) => ({ name: t.name, ...alignTrait(v, t.gwas, matches[i]) }));
  return {
    traits: aligned.map((a) => ({ name: a.name, gwas: a.gwas })),
    harmonisation: {
      reference: ref.source,
      matchBy,
      palindromic: opts.palindromic ?? "drop",
      minMatch,
      allelesChecked: matches.every((m) => m.allelesChecked),
      refN: nRef,
      kept,
      traits: aligned.map((a, i) => ({ name: a.name, counts: matches[i].counts, used: kept.length, relation: a.relation })),
      warnings,
    },
  };
}
