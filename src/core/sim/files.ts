// A simulation as the files `mlmages simulate --out DIR` writes: LD blocks as
// plink-style text (6 decimals) each with its variants as a plink .bim beside
// it (r signed for A1), a list file, one GWAS table per trait (effects for
// EA = A1), the true effects, a gene table for gene-level simulations, and
// the settings.
import type { Rng } from "../random.js";
import type { LdBlock } from "../types.js";
import type { Gene } from "./effects.js";
import type { GwasSim } from "./simulate.js";

export interface SimFile {
  path: string;
  content: string;
}

/** A square matrix as plink --r square writes it: space separated, 6 decimals. */
export function ldText(b: LdBlock): string {
  const lines: string[] = [];
  for (let i = 0; i < b.n; i++) {
    const row = new Array<string>(b.n);
    for (let j = 0; j < b.n; j++) row[j] = fixed6(b.data[i * b.n + j]);
    lines.push(row.join(" "));
  }
  return lines.join("\n") + "\n";
}

function fixed6(v: number): string {
  const s = v.toFixed(6);
  return s === "-0.000000" ? "0.000000" : s;
}

function num(v: number): string {
  return String(Number(v.toPrecision(9)));
}

/** Base-pair positions: increasing gaps of 100 to 5,000 bp from 1 Mb. */
export function simulatePositions(n: number, rng: Rng): Float64Array {
  const pos = new Float64Array(n);
  let at = 1_000_000;
  for (let i = 0; i < n; i++) pos[i] = at += 100 + rng.int(4901);
  return pos;
}

/** The ordered allele pairs that are not palindromic (A/T, C/G excluded). */
const PAIRS = ["AC", "AG", "CA", "CT", "GA", "GT", "TC", "TG"];

/** Each variant's alleles (A1, A2), a non-palindromic pair chosen from its position (no random draw, so the simulation is unchanged). */
export function simulatedAlleles(pos: Float64Array): { a1: string[]; a2: string[] } {
  const pick = Array.from(pos, (p) => PAIRS[(Math.imul(p >>> 0, 0x9e3779b1) >>> 29) & 7]);
  return { a1: pick.map((p) => p[0]), a2: pick.map((p) => p[1]) };
}

/** A plink .bim of variants `from` to `to` (exclusive): CHR, ID, cM (0), POS, A1, A2. */
export function bimText(chrom: string, ids: string[], pos: Float64Array, alleles: { a1: string[]; a2: string[] }, from: number, to: number): string {
  const lines: string[] = [];
  for (let j = from; j < to; j++) lines.push(`${chrom}\t${ids[j]}\t0\t${pos[j]}\t${alleles.a1[j]}\t${alleles.a2[j]}`);
  return lines.join("\n") + "\n";
}

/** Every output file of a simulation. */
export function simulationFiles(blocks: LdBlock[], sim: GwasSim, pos: Float64Array, chrom: string, meta: Record<string, unknown>, writeLd = true): SimFile[] {
  const files: SimFile[] = [];
  const ids = Array.from(pos, (p) => `${chrom}:${p}`);
  const alleles = simulatedAlleles(pos);
  if (writeLd) {
    let at = 0;
    blocks.forEach((b, k) => {
      files.push({ path: `ld/block_${k}.ld`, content: ldText(b) });
      files.push({ path: `ld/block_${k}.bim`, content: bimText(chrom, ids, pos, alleles, at, (at += b.n)) });
    });
    files.push({ path: "ld_blocks.txt", content: blocks.map((_, k) => `ld/block_${k}.ld`).join("\n") + "\n" });
  }
  sim.beta.forEach((beta, t) => {
    const lines = ["CHR\tPOS\tID\tEA\tOA\tBETA\tSE"];
    for (let j = 0; j < beta.length; j++) lines.push(`${chrom}\t${pos[j]}\t${ids[j]}\t${alleles.a1[j]}\t${alleles.a2[j]}\t${num(beta[j])}\t${num(sim.se[t][j])}`);
    files.push({ path: `gwas_T${t + 1}.tsv`, content: lines.join("\n") + "\n" });
  });
  const head = sim.truth.map((_, t) => `T${t + 1}`);
  const truth = [head.join("\t")];
  for (let j = 0; j < pos.length; j++) truth.push(sim.truth.map((c) => num(c[j])).join("\t"));
  files.push({ path: "truth.tsv", content: truth.join("\n") + "\n" });
  if (sim.genes) files.push({ path: "genes.tsv", content: geneTable(sim.genes, pos, chrom) });
  files.push({ path: "meta.json", content: JSON.stringify(meta, null, 1) + "\n" });
  return files;
}

/** The gene table in the published format (0-based inclusive variant indices). */
export function geneTable(genes: Gene[], pos: Float64Array, chrom: string): string {
  const lines = ["gene\tCHR\tGENE\tSTART\tEND\tN_SNPS\tstart_idx_chr\tend_idx_chr\tchr_start_idx_gw\tcausal_type"];
  for (const g of genes) {
    lines.push([g.name, chrom, g.name, pos[g.start], pos[g.end], g.end - g.start + 1, g.start, g.end, 0, g.causal].join("\t"));
  }
  return lines.join("\n") + "\n";
}
