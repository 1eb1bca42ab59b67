// Genes for gene-level simulations: runs of consecutive variants within LD
// blocks, some causal for one trait and some shared by several.
import type { Rng } from "../random.js";
import type { Gene } from "./effects.js";

export interface GeneOptions {
  /** Variants per gene, inclusive range. */
  size: [number, number];
  /** Variants between genes, inclusive range. */
  gap: [number, number];
  /** Fraction of genes that are causal. */
  causalFraction: number;
  /** Of the causal genes, the fraction shared by more than one trait. */
  sharedFraction: number;
}

export const DEFAULT_GENES: GeneOptions = { size: [4, 25], gap: [3, 30], causalFraction: 0.3, sharedFraction: 0.5 };

function between(rng: Rng, [lo, hi]: [number, number]): number {
  return lo + rng.int(hi - lo + 1);
}

/** Genes laid along the blocks (never across a block edge), with causal patterns over `traits` traits. */
export function layGenes(blockSizes: number[], traits: number, o: GeneOptions, rng: Rng): Gene[] {
  const genes: Gene[] = [];
  let lb = 0;
  for (const n of blockSizes) {
    let at = lb + between(rng, o.gap);
    for (;;) {
      const size = between(rng, o.size);
      if (at + size > lb + n) break;
      genes.push({ name: `G${String(genes.length + 1).padStart(4, "0")}`, start: at, end: at + size - 1, causal: "none" });
      at += size + between(rng, o.gap);
    }
    lb += n;
  }
  for (const g of genes) {
    if (rng.uniform() >= o.causalFraction) continue;
    const on = new Array<boolean>(traits).fill(false);
    if (traits > 1 && rng.uniform() < o.sharedFraction) {
      const k = 2 + rng.int(traits - 1);
      const order = Array.from({ length: traits }, (_, t) => t);
      rng.shuffle(order);
      for (let i = 0; i < k; i++) on[order[i]] = true;
    } else on[rng.int(traits)] = true;
    g.causal = on.map((x) => (x ? "1" : "0")).join("");
  }
  return genes;
}
