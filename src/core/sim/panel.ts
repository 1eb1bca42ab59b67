// A simulated reference panel in plink 1 binary format: genotypes of the
// haplotype-mosaic model of haplotypes.ts (founder haplotypes copied with
// switches at a background rate and at hot spots, and copying errors), block
// by block, written as .bed bytes (SNP-major, A1 = the founder allele 1,
// counted) with a .bim and a .fam. Blocks are made one at a time, so a panel
// of any length is written without holding its genotypes.
// see: haplotypes.ts (the same model, there reduced to its correlation matrix).
import { bimText, simulatedAlleles } from "./files.js";
import type { Rng } from "../random.js";
import { blockFounders, DEFAULT_HAPLOTYPES, type HaplotypeOptions } from "./haplotypes.js";

export interface SimPanelOptions {
  /** Variants per block. */
  blockSizes: number[];
  /** Samples (two haplotypes each). */
  individuals: number;
  haplotypes?: Partial<HaplotypeOptions>;
}

/** A1 dosages (0, 1, 2) of one block, variant-major: dose[j * individuals + i]. */
export function simulateBlockGenotypes(m: number, individuals: number, o: HaplotypeOptions, rng: Rng): Uint8Array {
  const K = o.founders;
  const { founder, rate } = blockFounders(m, o, rng);
  const dose = new Uint8Array(m * individuals);
  for (let h = 0; h < 2 * individuals; h++) {
    let c = rng.int(K);
    const i = h >> 1;
    for (let j = 0; j < m; j++) {
      if (rng.uniform() < rate[j]) c = rng.int(K);
      let a = founder[c * m + j];
      if (rng.uniform() < o.mutation) a ^= 1;
      dose[j * individuals + i] += a;
    }
  }
  return dose;
}

/** .bed bytes of variant-major dosages (without the 3 magic bytes): 2 → 00, 1 → 10, 0 → 11. */
export function bedBody(dose: Uint8Array, individuals: number): Uint8Array {
  const m = dose.length / individuals;
  const stride = Math.ceil(individuals / 4);
  const out = new Uint8Array(m * stride);
  const code = [3, 2, 0];
  for (let j = 0; j < m; j++) {
    for (let i = 0; i < individuals; i++) out[j * stride + (i >> 2)] |= code[dose[j * individuals + i]] << ((i & 3) * 2);
  }
  return out;
}

/** The .fam of `individuals` unrelated samples S1, S2, ... */
export function simFam(individuals: number): string {
  let s = "";
  for (let i = 1; i <= individuals; i++) s += `S${i}\tS${i}\t0\t0\t0\t-9\n`;
  return s;
}

/** The .bim of variants at `pos` on `chrom` (IDs chrom:pos, alleles as the simulator's GWAS files give them: simulatedAlleles). */
export function simBim(chrom: string, pos: ArrayLike<number>): string {
  const p = Float64Array.from(pos);
  return bimText(chrom, Array.from(p, (x) => `${chrom}:${x}`), p, simulatedAlleles(p), 0, p.length);
}

/** The panel's .bed in pieces: the magic bytes, then one piece per block. */
export function* simulatePanelBed(o: SimPanelOptions, rng: Rng): Generator<Uint8Array> {
  const h = { ...DEFAULT_HAPLOTYPES, ...o.haplotypes };
  yield Uint8Array.of(0x6c, 0x1b, 0x01);
  for (const m of o.blockSizes) yield bedBody(simulateBlockGenotypes(m, o.individuals, h, rng), o.individuals);
}
