// One trait's variants matched to a reference's, with bigsnpr snp_match's and
// TwoSampleMR harmonise_data's conventions: on chromosome and position (or on
// ID) plus alleles; an effect allele equal to the reference's A2 negates BETA
// (and takes 1 − EAF); a pair on the other strand is accepted unless it is
// palindromic (A/T, C/G); palindromic pairs are dropped, or, with the
// frequency rule, kept when the effect allele's frequency is outside
// [0.42, 0.58] (see decidePalindromic); rows sharing a reference variant,
// or matching several, and alleles other than A, C, G, T are dropped.
// Every row ends in exactly one count (counts.ts).
import { InputError } from "../errors.js";
import type { Gwas, RefVariants } from "../types.js";
import { Relation, isAcgt, isPalindromic, relate } from "./alleles.js";
import { ChromCodes, isPosition } from "./chrom-key.js";
import { MISSING_VALUE, emptyCounts, type MatchCounts } from "./counts.js";

export type MatchBy = "pos" | "id";
export type PalindromicRule = "drop" | "freq";

/** Effect-allele frequencies in this range leave a palindromic variant's strand undecided (TwoSampleMR's default maf_threshold 0.42). */
export const AMBIGUOUS_FREQ = [0.42, 0.58] as const;

export interface MatchOptions {
  /** "pos": chromosome and position plus alleles (default); "id": variant ID plus alleles. */
  matchBy?: MatchBy;
  /** "drop" (default) or "freq". */
  palindromic?: PalindromicRule;
  /** The frequency of each reference variant's A1, when known (decides a palindromic variant's strand under "freq"). */
  refA1Freq?: Float64Array;
}

/** Whether a reference knows its alleles (a --write-snplist file does not). */
export function hasAlleles(ref: RefVariants): boolean {
  return ref.a1.length > 0 && ref.a1[0] !== "";
}

/** Whether a reference knows its positions. */
export function hasPositions(ref: RefVariants): boolean {
  return ref.pos.length > 0 && !Number.isNaN(ref.pos[0]);
}

/** A reference's variants by key: the first variant of a key, then a chain through `next`. */
export class RefIndex {
  readonly codes = new ChromCodes();
  readonly chromosomes = new Set<number>();
  /** Per chromosome code, position → first variant (small-integer keys hash fast). */
  private readonly byPos: Map<number, number>[] = [];
  private readonly byId = new Map<string, number>();
  readonly next: Int32Array;
  /** Per variant: 0 ACGT, 1 non-ACGT alleles. */
  readonly badAlleles: Uint8Array;

  constructor(readonly ref: RefVariants, readonly matchBy: MatchBy) {
    const n = ref.id.length;
    this.next = new Int32Array(n).fill(-1);
    this.badAlleles = new Uint8Array(n);
    const next = this.next;
    const link = <K>(map: Map<K, number>, key: K, i: number) => {
      let r = map.get(key);
      if (r === undefined) return void map.set(key, i);
      while (next[r] >= 0) r = next[r];
      next[r] = i;
    };
    const alleles = hasAlleles(ref);
    for (let i = 0; i < n; i++) {
      if (alleles && !(isAcgt(ref.a1[i]) && isAcgt(ref.a2[i]))) this.badAlleles[i] = 1;
      if (matchBy === "id") {
        link(this.byId, ref.id[i], i);
      } else {
        const code = this.codes.code(ref.chr[i]);
        if (!this.byPos[code]) {
          this.chromosomes.add(code);
          this.byPos[code] = new Map();
        }
        const p = ref.pos[i];
        if (isPosition(p)) link(this.byPos[code], p, i);
      }
    }
  }

  /** The first reference variant at a chromosome code's position, or -1. */
  atPosition(code: number, pos: number): number {
    return this.byPos[code]?.get(pos) ?? -1;
  }

  /** The first reference variant with an ID, or -1. */
  withId(id: string): number {
    return this.byId.get(id) ?? -1;
  }
}

/** One trait matched to a reference: per reference variant, the GWAS row (or −1) and how its alleles relate. */
export interface TraitMatch {
  row: Int32Array;
  relation: Uint8Array;
  counts: MatchCounts;
  /** False when either side names no alleles: matched on key alone. */
  allelesChecked: boolean;
}

/**
 * A palindromic pair's relation under the frequency rule, or None when it
 * stays undecided. `literal` is the relation of the alleles as written (Same
 * or Swapped). With the reference's A1 frequency, the GWAS is on the
 * reference's strand when both put A1 on the same side of 0.5, else on the
 * other strand (so the effect allele is the complement of the one written).
 * Without it, the GWAS is assumed to be on the forward strand (the alleles as
 * written) and only the ambiguous frequencies are dropped.
 */
export function decidePalindromic(rule: PalindromicRule, literal: Relation, eaf: number, refA1: number): Relation {
  if (rule === "drop" || !(eaf >= 0 && eaf <= 1)) return Relation.None;
  const [lo, hi] = AMBIGUOUS_FREQ;
  if (eaf >= lo && eaf <= hi) return Relation.None;
  if (!(refA1 >= 0 && refA1 <= 1)) return literal;
  if (refA1 >= lo && refA1 <= hi) return Relation.None;
  const gwasA1 = literal === Relation.Same ? eaf : 1 - eaf;
  if (gwasA1 > 0.5 === refA1 > 0.5) return literal;
  return literal === Relation.Same ? Relation.FlippedSwapped : Relation.Flipped;
}

function keyColumns(gwas: Gwas, matchBy: MatchBy): void {
  if (matchBy === "id" && !gwas.id) throw new InputError({ file: gwas.source }, "no variant ID column to match the reference by (--match-by id): add ID/SNP/RSID, or match by position (--match-by pos)");
  if (matchBy === "pos" && !(gwas.chr && gwas.pos)) {
    throw new InputError({ file: gwas.source }, "no chromosome and position columns to match the reference by: add CHR and POS, or match by ID (--match-by id)");
  }
}

/** Matches one trait's variants to the indexed reference. */
export function matchTrait(index: RefIndex, gwas: Gwas, opts: MatchOptions = {}): TraitMatch {
  const { ref, matchBy } = index;
  keyColumns(gwas, matchBy);
  const rule = opts.palindromic ?? "drop";
  const nRef = ref.id.length;
  const row = new Int32Array(nRef).fill(-1);
  const relation = new Uint8Array(nRef);
  const claims = new Int32Array(nRef);
  const counts = emptyCounts();
  for (const [reason, k] of Object.entries(gwas.dropped ?? {})) {
    if (reason === MISSING_VALUE) counts.missingValue += k;
    else counts.otherDropped[reason] = k;
    counts.rows += k;
  }
  counts.rows += gwas.n;
  const allelesChecked = hasAlleles(ref) && Boolean(gwas.ea && gwas.oa);
  const { ea, oa, eaf, chr, pos, id } = gwas;
  const refFreq = opts.refA1Freq;
  const codes = index.codes;
  for (let g = 0; g < gwas.n; g++) {
    let r: number;
    if (matchBy === "id") {
      r = index.withId(id![g]);
    } else {
      const code = codes.known(chr![g]);
      if (!index.chromosomes.has(code)) {
        counts.otherChromosome++;
        continue;
      }
      r = index.atPosition(code, pos![g]);
    }
    if (r < 0) {
      counts.notInReference++;
      continue;
    }
    if (!allelesChecked) {
      if (index.next[r] >= 0) counts.duplicate++;
      else claim(r, g, Relation.Same);
      continue;
    }
    const e = ea![g];
    const o = oa![g];
    if (!isAcgt(e) || !isAcgt(o)) {
      counts.nonAcgt++;
      continue;
    }
    const palindromic = isPalindromic(e, o);
    let found = -1;
    let foundRel = Relation.None;
    let nFound = 0;
    let sawPalindromic = false;
    let sawBad = false;
    for (; r >= 0; r = index.next[r]) {
      if (index.badAlleles[r]) {
        sawBad = true;
        continue;
      }
      let rel = relate(e, o, ref.a1[r], ref.a2[r]);
      if (rel !== Relation.None && palindromic) {
        rel = decidePalindromic(rule, rel, eaf ? eaf[g] : NaN, refFreq ? refFreq[r] : NaN);
        if (rel === Relation.None) sawPalindromic = true;
      }
      if (rel === Relation.None) continue;
      nFound++;
      found = r;
      foundRel = rel;
    }
    if (nFound === 1) claim(found, g, foundRel);
    else if (nFound > 1) counts.duplicate++;
    else if (sawPalindromic) counts.palindromic++;
    else if (sawBad) counts.nonAcgt++;
    else counts.alleleMismatch++;
  }
  for (let r = 0; r < nRef; r++) {
    if (claims[r] === 0) continue;
    if (claims[r] > 1) {
      counts.duplicate += claims[r];
      row[r] = -1;
      continue;
    }
    counts.matched++;
    const rel = relation[r];
    if (rel === Relation.Swapped || rel === Relation.FlippedSwapped) counts.swapped++;
    if (rel === Relation.Flipped || rel === Relation.FlippedSwapped) counts.strandFlipped++;
  }
  return { row, relation, counts, allelesChecked };

  function claim(r: number, g: number, rel: Relation): void {
    claims[r]++;
    row[r] = g;
    relation[r] = rel;
  }
}

/** How many of a trait's IDs the reference has (for the genome-build hint when positions match poorly). */
export function idOverlap(ref: RefVariants, gwas: Gwas): number {
  if (!gwas.id || !ref.id.length) return 0;
  const ids = new Set(ref.id);
  let k = 0;
  for (const id of gwas.id) if (ids.has(id)) k++;
  return k;
}
