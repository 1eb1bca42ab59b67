// What a run keeps of its LD once each block has been used and released: the
// blocks' names and sizes, their LD scores and top-r neighbours (the networks'
// features need nothing else), the spectrum of every gene, and the warnings
// about the blocks' values. Blocks are handed over one at a time, in order,
// and not held: memory is the largest block plus per-variant arrays, whatever
// the genome's size. A gene that straddles a block edge keeps only its own
// count x count LD (zero across the edge, as geneLd gives it) until its last
// block has passed.
import type { BlockNeighbours } from "./features.js";
import { blockNeighbours } from "./features.js";
import type { GeneRange } from "./genetest/gene-table.js";
import { geneSpectrum, type GeneSpectrum } from "./genetest/gene-test.js";
import { subsetSquare } from "./harmonise/align.js";
import { indefiniteBlockWarnings } from "./io/ld-definite.js";
import type { BlockShape } from "./shrink.js";
import type { LdBlock } from "./types.js";
import type { Core } from "./wasm/core.js";

export interface LdDigest {
  /** The analysed blocks' names and sizes, in order. */
  blocks: BlockShape[];
  /** Their LD scores and top-r neighbours. */
  neighbours: BlockNeighbours[];
  /** Each gene's spectrum, in the genes' order (with genes). */
  spectra?: GeneSpectrum[];
}

/** The warning for LD blocks with no negative value (r² given where r is needed), or undefined when there are none. */
export function unsignedLdWarning(sources: string[]): string | undefined {
  if (!sources.length) return undefined;
  return `${sources.length === 1 ? sources[0] : `${sources.length} LD blocks (${sources[0]}, ...)`} has no negative value: it looks like r² where signed r is needed (plink --r, not --r2)`;
}

/** The warnings about LD values (r² given for r, a block not positive semi-definite), gathered a block at a time. */
export class LdValueChecks {
  /** The blocks with no negative value, and the warnings of those not positive semi-definite. */
  readonly unsigned: string[] = [];
  private readonly indefinite: string[] = [];

  constructor(private core: Core) {}

  /** Checks one block as read (before harmonisation cuts it down). */
  check(b: LdBlock): void {
    if (!b.data.some((v) => v < 0)) this.unsigned.push(b.source);
    this.indefinite.push(...indefiniteBlockWarnings(this.core, [b]));
  }

  /** The warnings, in the order loadRunInputs lists them. */
  warnings(): string[] {
    const unsigned = unsignedLdWarning(this.unsigned);
    return [...(unsigned ? [unsigned] : []), ...this.indefinite];
  }
}

export interface DigestOptions {
  /** Neighbours per variant (the ensemble's topR). */
  topR: number;
  /** Genes as ranges of the analysed variants. */
  genes?: GeneRange[];
  /** The reference variants kept by harmonisation (ascending), when blocks are handed over before being cut down to them. */
  kept?: Int32Array;
}

/** Digests blocks handed over in order (`add`), then gives the digest (`finish`). */
export class LdDigester {
  private blocks: BlockShape[] = [];
  private neighbours: BlockNeighbours[] = [];
  private spectra: GeneSpectrum[] = [];
  /** Genes by first variant; the next to open; the open genes' LD so far. */
  private order: number[];
  private next = 0;
  private open = new Map<number, Float64Array>();
  /** Analysed variants and reference variants handed over so far; the next kept index. */
  private at = 0;
  private refAt = 0;
  private keptAt = 0;

  constructor(
    private core: Core,
    private o: DigestOptions,
  ) {
    const genes = o.genes ?? [];
    this.order = genes.map((_, g) => g).sort((a, b) => genes[a].first - genes[b].first || a - b);
  }

  /** One block, in order: cut down to the kept variants when `kept` was given, then used and dropped. */
  add(block: LdBlock): void {
    let b = block;
    if (this.o.kept) {
      const kept = this.o.kept;
      const local: number[] = [];
      while (this.keptAt < kept.length && kept[this.keptAt] < this.refAt + block.n) local.push(kept[this.keptAt++] - this.refAt);
      this.refAt += block.n;
      if (!local.length) return;
      if (local.length < block.n) b = { source: block.source, n: local.length, data: subsetSquare(block.data, block.n, local) };
    }
    this.blocks.push({ source: b.source, n: b.n });
    this.neighbours.push(blockNeighbours(this.core, b.data, b.n, this.o.topR));
    if (this.o.genes) this.addGenes(b);
    this.at += b.n;
  }

  private addGenes(b: LdBlock): void {
    const genes = this.o.genes!;
    const lb = this.at;
    const end = lb + b.n;
    while (this.next < this.order.length && genes[this.order[this.next]].first < end) {
      const g = this.order[this.next++];
      this.open.set(g, new Float64Array(genes[g].count * genes[g].count));
    }
    for (const [g, r] of this.open) {
      const { first, count } = genes[g];
      const lo = Math.max(first, lb);
      const hi = Math.min(first + count, end);
      for (let i = lo; i < hi; i++) for (let j = lo; j < hi; j++) r[(i - first) * count + (j - first)] = b.data[(i - lb) * b.n + (j - lb)];
      if (first + count <= end) {
        this.spectra[g] = geneSpectrum(this.core, genes[g], r);
        this.open.delete(g);
      }
    }
  }

  finish(): LdDigest {
    const genes = this.o.genes;
    if (genes) {
      // genes running past the last block (their LD there is zero, as geneLd gives it)
      for (const g of this.order.slice(this.next)) this.open.set(g, new Float64Array(genes[g].count * genes[g].count));
      for (const [g, r] of this.open) this.spectra[g] = geneSpectrum(this.core, genes[g], r);
      this.open.clear();
    }
    return { blocks: this.blocks, neighbours: this.neighbours, spectra: genes ? this.spectra : undefined };
  }
}
