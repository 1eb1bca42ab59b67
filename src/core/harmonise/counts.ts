// What harmonisation did to one trait's variants, by reason: the counts of
// harmonisation.tsv, run.json, the report's table and the terminal line.

export interface MatchCounts {
  /** Rows of the file: the variants read plus those the reader dropped. */
  rows: number;
  /** Matched to one reference variant (as they are, swapped or on the other strand). */
  matched: number;
  /** Of the matched, those whose effect allele is the reference's A2 (BETA negated, EAF → 1 − EAF). */
  swapped: number;
  /** Of the matched, those given on the other strand (alleles complemented). */
  strandFlipped: number;
  /** Palindromic (A/T, C/G) variants dropped: by default all, with the frequency rule the ambiguous ones. */
  palindromic: number;
  /** On a chromosome the reference does not have. */
  otherChromosome: number;
  /** On the reference's chromosomes but at no reference variant (position, or ID with --match-by id). */
  notInReference: number;
  /** Several rows for one reference variant, or one row matching several (all dropped). */
  duplicate: number;
  /** Rows the reader dropped for a missing BETA, SE or allele. */
  missingValue: number;
  /** An allele that is not a string of A, C, G, T (on either side). */
  nonAcgt: number;
  /** At a reference variant, but the alleles match neither way (nor on the other strand). */
  alleleMismatch: number;
  /** Rows the reader dropped for other reasons, by reason. */
  otherDropped: Record<string, number>;
}

export function emptyCounts(): MatchCounts {
  return { rows: 0, matched: 0, swapped: 0, strandFlipped: 0, palindromic: 0, otherChromosome: 0, notInReference: 0, duplicate: 0, missingValue: 0, nonAcgt: 0, alleleMismatch: 0, otherDropped: {} };
}

/** The reason a reader gives for rows with a missing value (Gwas.dropped). */
export const MISSING_VALUE = "missing value";

/** The counts' columns in harmonisation.tsv (and run.json's keys), in order. */
export const COUNT_COLUMNS: [keyof Omit<MatchCounts, "otherDropped">, string][] = [
  ["rows", "ROWS"],
  ["matched", "MATCHED"],
  ["swapped", "SWAPPED"],
  ["strandFlipped", "STRAND_FLIPPED"],
  ["palindromic", "PALINDROMIC"],
  ["otherChromosome", "OTHER_CHROMOSOME"],
  ["notInReference", "NOT_IN_REFERENCE"],
  ["duplicate", "DUPLICATE"],
  ["missingValue", "MISSING_VALUE"],
  ["nonAcgt", "NON_ACGT"],
  ["alleleMismatch", "ALLELE_MISMATCH"],
];

/** One trait's counts with how many of its matched variants the analysis used (those every trait matched). */
export interface TraitCounts {
  name: string;
  counts: MatchCounts;
  used: number;
}

function otherReasons(traits: TraitCounts[]): string[] {
  return [...new Set(traits.flatMap((t) => Object.keys(t.counts.otherDropped)))].sort();
}

/** harmonisation.tsv: one row per trait; rows = matched + every reason; matched = used + not in every trait. */
export function harmonisationTsv(traits: TraitCounts[]): string {
  const other = otherReasons(traits);
  const head = ["TRAIT", ...COUNT_COLUMNS.map(([, h]) => h), ...other.map((r) => r.toUpperCase().replace(/[^A-Z0-9]+/g, "_")), "NOT_IN_EVERY_TRAIT", "USED"];
  const lines = [head.join("\t")];
  for (const t of traits) {
    const c = t.counts;
    lines.push([t.name, ...COUNT_COLUMNS.map(([k]) => c[k]), ...other.map((r) => c.otherDropped[r] ?? 0), c.matched - t.used, t.used].join("\t"));
  }
  return lines.join("\n") + "\n";
}

/** The counts as run.json records them. */
export function countsRecord(traits: TraitCounts[]): Record<string, unknown>[] {
  return traits.map((t) => ({ trait: t.name, ...t.counts, notInEveryTrait: t.counts.matched - t.used, used: t.used }));
}

/** One terminal line per trait. */
export function countsLine(t: TraitCounts): string {
  const c = t.counts;
  const parts = [`${t.name}: ${c.matched} of ${c.rows} rows matched (${c.swapped} swapped, ${c.strandFlipped} strand-flipped), ${t.used} used`];
  const dropped: [number, string][] = [
    [c.palindromic, "palindromic"],
    [c.otherChromosome, "on other chromosomes"],
    [c.notInReference, "not in the reference"],
    [c.duplicate, "duplicate"],
    [c.missingValue, "missing value"],
    [c.nonAcgt, "non-ACGT"],
    [c.alleleMismatch, "allele mismatch"],
    ...Object.entries(c.otherDropped).map(([r, n]): [number, string] => [n, r]),
  ];
  const listed = dropped.filter(([n]) => n > 0).map(([n, r]) => `${n} ${r}`);
  return listed.length ? `${parts[0]}; dropped: ${listed.join(", ")}` : parts[0];
}
