// The published gene table's variant indices (start_idx_chr, N_SNPS) count a
// chromosome's variants: over a reference of several chromosomes, each gene's
// range is moved to its chromosome's place in the reference (whose variants
// come chromosome by chromosome), before being mapped onto the analysed ones.
import { InputError } from "../errors.js";
import type { GeneRange } from "../genetest/gene-table.js";
import type { RefVariants } from "../types.js";
import { ChromCodes } from "./chrom-key.js";

/** Genes' chromosome-local ranges as reference-wide ones; genes on chromosomes the reference lacks are dropped. */
export function referenceGeneRanges(genes: GeneRange[], ref: RefVariants, source: string): { genes: GeneRange[]; dropped: number } {
  const codes = new ChromCodes();
  const runs = new Map<number, { from: number; to: number }>();
  for (let i = 0; i < ref.chr.length; i++) {
    const c = codes.code(ref.chr[i]);
    const run = runs.get(c);
    if (!run) runs.set(c, { from: i, to: i + 1 });
    else if (run.to === i) run.to = i + 1;
    else throw InputError.mismatch(ref.source, `${ref.source} lists chromosome ${ref.chr[i]} in several places: give the LD chromosome by chromosome`);
  }
  if (runs.size <= 1) return { genes, dropped: 0 };
  const out: GeneRange[] = [];
  let dropped = 0;
  for (const g of genes) {
    const run = runs.get(codes.known(g.chr));
    if (!run) {
      dropped++;
      continue;
    }
    if (g.first + g.count > run.to - run.from) {
      throw InputError.mismatch(source, `${source}: gene ${g.gene} covers variants ${g.first + 1}..${g.first + g.count} of chromosome ${g.chr}, which has ${run.to - run.from} in ${ref.source}`);
    }
    out.push({ ...g, first: run.from + g.first });
  }
  return { genes: out, dropped };
}
