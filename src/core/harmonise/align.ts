// The analysed variants (those every trait matched, in the reference's
// order) and everything re-expressed on them: each trait's effects aligned to
// the reference's A1, the LD blocks cut down block by block (never a whole
// chromosome's matrix), and genes given as reference indices.
import type { GeneRange } from "../genetest/gene-table.js";
import type { Gwas, LdBlock, RefVariants } from "../types.js";
import { Relation } from "./alleles.js";
import { hasAlleles, type TraitMatch } from "./match.js";

/** Reference indices (increasing) of the variants every trait matched. */
export function analysedVariants(matches: TraitMatch[], nRef: number): Int32Array {
  const keep: number[] = [];
  for (let r = 0; r < nRef; r++) if (matches.every((m) => m.row[r] >= 0)) keep.push(r);
  return Int32Array.from(keep);
}

/**
 * A trait's analysed variants in the reference's order, aligned: CHR, POS, ID
 * and alleles from the reference (EA = A1, OA = A2), BETA negated and EAF
 * complemented where the effect allele was A2. A reference without alleles
 * (an ID list) keeps the GWAS's own alleles and, without positions, its CHR/POS.
 */
export function alignTrait(ref: RefVariants, gwas: Gwas, match: TraitMatch, kept: Int32Array): { gwas: Gwas; relation: Uint8Array } {
  const m = kept.length;
  const beta = new Float64Array(m);
  const se = new Float64Array(m);
  const relation = new Uint8Array(m);
  const rows = new Int32Array(m);
  const eaf = gwas.eaf ? new Float64Array(m) : null;
  for (let k = 0; k < m; k++) {
    const r = kept[k];
    const g = match.row[r];
    const rel = match.relation[r];
    const swapped = rel === Relation.Swapped || rel === Relation.FlippedSwapped;
    rows[k] = g;
    relation[k] = rel;
    beta[k] = swapped ? -gwas.beta[g] : gwas.beta[g];
    se[k] = gwas.se[g];
    if (eaf) eaf[k] = swapped ? 1 - gwas.eaf![g] : gwas.eaf![g];
  }
  const pick = <T>(a: ArrayLike<T>): T[] => Array.from(kept, (r) => a[r]);
  const fromGwas = <T>(a: ArrayLike<T> | null | undefined): T[] | null => (a ? Array.from(rows, (g) => a[g]) : null);
  const alleles = hasAlleles(ref);
  const positions = ref.pos.length > 0 && !Number.isNaN(ref.pos[0]);
  return {
    gwas: {
      source: gwas.source,
      n: m,
      chr: positions ? pick(ref.chr) : fromGwas(gwas.chr),
      pos: positions ? Float64Array.from(kept, (r) => ref.pos[r]) : gwas.pos ? Float64Array.from(rows, (g) => gwas.pos![g]) : null,
      id: pick(ref.id),
      beta,
      se,
      ea: alleles ? pick(ref.a1) : fromGwas(gwas.ea),
      oa: alleles ? pick(ref.a2) : fromGwas(gwas.oa),
      eaf,
    },
    relation,
  };
}

/** The blocks (consecutive over the reference) cut down to the kept variants; blocks left empty disappear. */
export function subsetBlocks(blocks: LdBlock[], kept: Int32Array): LdBlock[] {
  const out: LdBlock[] = [];
  let k = 0;
  let offset = 0;
  for (const b of blocks) {
    const local: number[] = [];
    while (k < kept.length && kept[k] < offset + b.n) local.push(kept[k++] - offset);
    offset += b.n;
    if (local.length === b.n) out.push(b);
    else if (local.length) out.push({ source: b.source, n: local.length, data: subsetSquare(b.data, b.n, local) });
  }
  return out;
}

/** The rows and columns `idx` of an n × n row-major matrix. */
export function subsetSquare(data: Float64Array, n: number, idx: ArrayLike<number>): Float64Array {
  const m = idx.length;
  const out = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const base = idx[a] * n;
    for (let b = 0; b < m; b++) out[a * m + b] = data[base + idx[b]];
  }
  return out;
}

/** Genes given as reference index ranges, as ranges of the kept variants; genes left with none are dropped. */
export function remapGenes(genes: GeneRange[], kept: Int32Array): { genes: GeneRange[]; dropped: number } {
  const out: GeneRange[] = [];
  let dropped = 0;
  for (const g of genes) {
    const first = lowerBound(kept, g.first);
    const count = lowerBound(kept, g.first + g.count) - first;
    if (count > 0) out.push({ ...g, first, count });
    else dropped++;
  }
  return { genes: out, dropped };
}

/** The first index i with a[i] ≥ x. */
export function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
