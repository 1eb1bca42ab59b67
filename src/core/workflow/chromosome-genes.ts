// One chromosome's genes of a location file (gene.loc, BED, GENE/CHR/START/END),
// placed on that chromosome's variants as a run over the whole genome places
// them (mapGeneLocations), each with its index in the file so that the
// chromosomes' genes can be put back in the file's order.
import { InputError } from "../errors.js";
import { detectGeneFormat, mapGeneLocations, readBed, readGeneLoc, readLocationTable, type VariantPositions } from "../genetest/gene-loc.js";
import type { GeneRange } from "../genetest/gene-table.js";
import { normChrom } from "../io/gwas.js";

export function chromosomeGenes(text: string, source: string, chrom: string, variants: VariantPositions, windowKb: number): { index: number; gene: GeneRange }[] {
  const format = detectGeneFormat(text, source);
  if (format === "gene-table") {
    throw new InputError({ file: source }, "the workflow places genes by location: give a gene.loc, BED or GENE/CHR/START/END file (the published gene table's variant indices are per chromosome of one run)");
  }
  const all = (format === "bed" ? readBed : format === "gene.loc" ? readGeneLoc : readLocationTable)(text, source);
  if (!all.length) throw new InputError({ file: source }, "no genes in the file");
  const c = normChrom(chrom);
  const here = all.flatMap((l, index) => (normChrom(l.chr) === c ? [{ l, index }] : []));
  const { genes } = mapGeneLocations(
    here.map((h) => h.l),
    variants,
    windowKb,
  );
  // mapGeneLocations keeps the placed genes in order: walk both lists to give each its index
  const out: { index: number; gene: GeneRange }[] = [];
  let j = 0;
  for (const g of genes) {
    while (here[j].l.gene !== g.gene || here[j].l.start !== g.start || here[j].l.end !== g.end) j++;
    out.push({ index: here[j++].index, gene: g });
  }
  return out;
}
