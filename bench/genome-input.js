// The simulated genome-wide input of bench/genome.js, from one seeded
// generator, written block by block (nothing genome-sized is held but the
// truth): a 500-sample plink panel (panel.bed/.bim/.fam) of 22 chromosomes,
// a BED of its blocks (300-700 variants each), one GWAS table per trait
// (CHR POS ID EA OA BETA SE, effects for the panel's A1) and genes as a
// GENE CHR START END table. The GWAS are drawn on the panel's own LD without
// forming it: with X the block's standardised genotypes (n samples) and
// R = XᵀX / n, z = √N·R·b + Xᵀg / √n with g ~ N(0, I_n) (so ε ~ N(0, R)),
// β = z·SE, SE = 1 / √(2f(1−f)N). See bench/genome.js.
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";

const { Rng } = await import("../build/js/core/random.js");
const { simulateBlockGenotypes, bedBody, simFam, simBim } = await import("../build/js/core/sim/panel.js");
const { simulatedAlleles } = await import("../build/js/core/sim/files.js");
const { DEFAULT_HAPLOTYPES } = await import("../build/js/core/sim/haplotypes.js");

const CHROMOSOMES = 22;
const SAMPLES = 500;
const N_GWAS = 50_000;
const CAUSAL = 0.003;
/** Effect SD in standardised units: |z| of a causal variant about 5. */
const EFFECT_SD = 5 / Math.sqrt(N_GWAS);
/** The simulated clusters' traits (1 = T1 only, ..., 4 = T1 and T2, 5 = all three) and correlation. */
const CLUSTERS = [
  { traits: [1, 0, 0], rho: 0 },
  { traits: [0, 1, 0], rho: 0 },
  { traits: [0, 0, 1], rho: 0 },
  { traits: [1, 1, 0], rho: 0.8 },
  { traits: [1, 1, 1], rho: 0.8 },
];

/** Variants per block: 300 to 700, summing to m. */
function blockSizes(m, rng) {
  const sizes = [];
  let left = m;
  while (left > 0) {
    let s = 300 + rng.int(401);
    if (left - s < 300) s = left <= 700 ? left : left - 300;
    sizes.push(s);
    left -= s;
  }
  return sizes;
}

/** Appends text to a file descriptor in pieces. */
class Out {
  constructor(path) {
    this.fd = openSync(path, "w");
    this.parts = [];
    this.size = 0;
  }
  write(s) {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush() {
    writeSync(this.fd, this.parts.join(""));
    this.parts = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Writes the input into `dir`; returns its paths, the number of blocks and
 * genes, and each variant's simulated cluster by ID (0 = null).
 */
export function writeGenomeInput(dir, { variants, seed }) {
  const rng = new Rng(seed);
  const h = { ...DEFAULT_HAPLOTYPES };
  const panel = join(dir, "panel");
  const bed = openSync(`${panel}.bed`, "w");
  writeSync(bed, Uint8Array.of(0x6c, 0x1b, 0x01));
  const bim = new Out(`${panel}.bim`);
  const blocksBed = new Out(`${panel}.blocks.bed`);
  const gwas = [1, 2, 3].map((t) => join(dir, `gwas_T${t}.tsv`));
  const gwasOut = gwas.map((f) => new Out(f));
  for (const o of gwasOut) o.write("CHR\tPOS\tID\tEA\tOA\tBETA\tSE\n");
  const genesFile = join(dir, "genes.tsv");
  const genesOut = new Out(genesFile);
  genesOut.write("GENE\tCHR\tSTART\tEND\n");
  const truth = new Map();
  let blocks = 0;
  let genes = 0;
  const x = new Float64Array(700 * SAMPLES);
  const w = new Float64Array(3 * SAMPLES);
  for (let c = 1; c <= CHROMOSOMES; c++) {
    const m = Math.floor(variants / CHROMOSOMES) + (c <= variants % CHROMOSOMES ? 1 : 0);
    const pos = Float64Array.from({ length: m }, (_, j) => 10_000 + 100 * j);
    bim.write(simBim(String(c), pos));
    const { a1, a2 } = simulatedAlleles(pos);
    let at = 0;
    for (const size of blockSizes(m, rng)) {
      blocks++;
      blocksBed.write(`chr${c}\t${pos[at] - 1}\t${pos[at + size - 1] + 1}\n`);
      const dose = simulateBlockGenotypes(size, SAMPLES, h, rng);
      writeSync(bed, bedBody(dose, SAMPLES));
      // standardised genotypes, variant-major; allele frequencies of A1
      const freq = new Float64Array(size);
      for (let j = 0; j < size; j++) {
        let s = 0;
        let s2 = 0;
        for (let i = 0; i < SAMPLES; i++) {
          const d = dose[j * SAMPLES + i];
          s += d;
          s2 += d * d;
        }
        const mean = s / SAMPLES;
        const sd = Math.sqrt(Math.max(s2 / SAMPLES - mean * mean, 0));
        freq[j] = Math.min(Math.max(mean / 2, 0.005), 0.995);
        for (let i = 0; i < SAMPLES; i++) x[j * SAMPLES + i] = sd > 0 ? (dose[j * SAMPLES + i] - mean) / sd : 0;
      }
      // true standardised effects per trait, from each causal variant's cluster
      const b = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
      for (let j = 0; j < size; j++) {
        const id = `${c}:${pos[at + j]}`;
        let k = 0;
        if (rng.uniform() < CAUSAL) {
          k = 1 + rng.int(CLUSTERS.length);
          const { traits, rho } = CLUSTERS[k - 1];
          const shared = rng.normal();
          for (let t = 0; t < 3; t++) if (traits[t]) b[t][j] = EFFECT_SD * (Math.sqrt(rho) * shared + Math.sqrt(1 - rho) * rng.normal());
        }
        truth.set(id, k);
      }
      // per trait w = √N/n · X b + g / √n, then z = Xᵀ w
      for (let t = 0; t < 3; t++) {
        const wt = w.subarray(t * SAMPLES, (t + 1) * SAMPLES);
        for (let i = 0; i < SAMPLES; i++) wt[i] = rng.normal() / Math.sqrt(SAMPLES);
        for (let j = 0; j < size; j++) {
          if (!b[t][j]) continue;
          const k = (Math.sqrt(N_GWAS) / SAMPLES) * b[t][j];
          for (let i = 0; i < SAMPLES; i++) wt[i] += k * x[j * SAMPLES + i];
        }
      }
      for (let j = 0; j < size; j++) {
        let z0 = 0;
        let z1 = 0;
        let z2 = 0;
        for (let i = 0, xj = j * SAMPLES; i < SAMPLES; i++) {
          const v = x[xj + i];
          z0 += v * w[i];
          z1 += v * w[SAMPLES + i];
          z2 += v * w[2 * SAMPLES + i];
        }
        const se = 1 / Math.sqrt(2 * freq[j] * (1 - freq[j]) * N_GWAS);
        const p = pos[at + j];
        const head = `${c}\t${p}\t${c}:${p}\t${a1[at + j]}\t${a2[at + j]}\t`;
        const tail = `\t${se.toPrecision(6)}\n`;
        gwasOut[0].write(head + (z0 * se).toPrecision(6) + tail);
        gwasOut[1].write(head + (z1 * se).toPrecision(6) + tail);
        gwasOut[2].write(head + (z2 * se).toPrecision(6) + tail);
      }
      at += size;
    }
    // genes: every 30-50 variants one of 5-30 variants
    for (let j = rng.int(40); j < m - 30; j += 30 + rng.int(21)) {
      const len = 5 + rng.int(26);
      genesOut.write(`G${c}_${++genes}\t${c}\t${pos[j]}\t${pos[j + len - 1]}\n`);
    }
  }
  closeSync(bed);
  for (const o of [bim, blocksBed, genesOut, ...gwasOut]) o.close();
  writeFileSync(`${panel}.fam`, simFam(SAMPLES));
  return { panel, blocksBed: `${panel}.blocks.bed`, gwas, genesFile, blocks, genes, truth };
}
