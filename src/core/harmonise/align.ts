// The analysed variants (those every trait matched, in the reference's
// order) and everything re-expressed on them: each trait's effects aligned to
// the reference's A1, the LD blocks cut down block by block (never a whole
// chromosome's matrix), and genes given as reference indices.
import type { GeneRange } from "../genetest/gene-table.js";
import type { LdBand } from "../io/ld-band.js";
import type { Gwas, LdBlock, RefVariants } from "../types.js";
import { Relation } from "./alleles.js";
import { hasAlleles, type TraitMatch } from "./match.js";

/** Reference indices (increasing) of the variants every trait matched. */
export function analysedVariants(matches: TraitMatch[], nRef: number): Int32Array {
  const all = new Uint8Array(nRef).fill(1);
  for (const m of matches) for (let r = 0; r < nRef; r++) if (m.row[r] < 0) all[r] = 0;
  const keep = new Int32Array(all.reduce((s, v) => s + v, 0));
  for (let r = 0, k = 0; r < nRef; r++) if (all[r]) keep[k++] = r;
  return keep;
}

/** The reference's CHR, POS, ID and alleles of the kept variants, shared by every trait's aligned table. */
export interface KeptVariants {
  kept: Int32Array;
  chr: string[] | null;
  pos: Float64Array | null;
  id: string[];
  a1: string[] | null;
  a2: string[] | null;
}

function pick<T>(a: T[], kept: Int32Array): T[] {
  const out = new Array<T>(kept.length);
  for (let k = 0; k < kept.length; k++) out[k] = a[kept[k]];
  return out;
}

/** The kept variants' identity from the reference (positions and alleles only when it has them). */
export function keptVariants(ref: RefVariants, kept: Int32Array): KeptVariants {
  const positions = ref.pos.length > 0 && !Number.isNaN(ref.pos[0]);
  const alleles = hasAlleles(ref);
  const pos = positions ? new Float64Array(kept.length) : null;
  if (pos) for (let k = 0; k < kept.length; k++) pos[k] = ref.pos[kept[k]];
  return { kept, chr: positions ? pick(ref.chr, kept) : null, pos, id: pick(ref.id, kept), a1: alleles ? pick(ref.a1, kept) : null, a2: alleles ? pick(ref.a2, kept) : null };
}

/**
 * A trait's analysed variants in the reference's order, aligned: CHR, POS, ID
 * and alleles from the reference (EA = A1, OA = A2), BETA negated and EAF
 * complemented where the effect allele was A2. A reference without alleles
 * (an ID list) keeps the GWAS's own alleles and, without positions, its CHR/POS.
 */
export function alignTrait(v: KeptVariants, gwas: Gwas, match: TraitMatch): { gwas: Gwas; relation: Uint8Array } {
  const { kept } = v;
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
  const fromGwas = <T>(a: T[] | null | undefined): T[] | null => (a ? pick(a, rows) : null);
  return {
    gwas: {
      source: gwas.source,
      n: m,
      chr: v.chr ?? fromGwas(gwas.chr),
      pos: v.pos ?? (gwas.pos ? Float64Array.from(rows, (g) => gwas.pos![g]) : null),
      id: v.id,
      beta,
      se,
      ea: v.a1 ?? fromGwas(gwas.ea),
      oa: v.a2 ?? fromGwas(gwas.oa),
      eaf,
      format: gwas.format,
      scale: gwas.scale,
      dropped: gwas.dropped,
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

/** A gene's LD from the whole-chromosome band when the analysed variants are a subset (kept) of the band's: R at kept[first..first+count), 0 beyond the band. */
export function keptBandRange(band: LdBand, kept: Int32Array, first: number, count: number): Float64Array {
  const { width: w, data } = band;
  const out = new Float64Array(count * count);
  for (let a = 0; a < count; a++) {
    const i = kept[first + a];
    out[a * count + a] = data[i * w];
    for (let b = a + 1; b < count && kept[first + b] - i < w; b++) {
      const v = data[i * w + (kept[first + b] - i)];
      out[a * count + b] = v;
      out[b * count + a] = v;
    }
  }
  return out;
}
