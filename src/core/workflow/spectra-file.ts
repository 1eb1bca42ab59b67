// Each gene's LD spectrum, computed per chromosome (mlmages prepare) and read
// back by the gene test of the whole genome (mlmages enrich --spectra): the
// eigenvalues of R_gene and Σ R², with the gene and its index in the gene file
// so that the chromosomes' genes are put back in the file's order. Numbers are
// written the shortest way that reads back to the same double.
import { InputError } from "../errors.js";
import type { GeneRange } from "../genetest/gene-table.js";
import type { GeneSpectrum } from "../genetest/gene-test.js";

export interface IndexedSpectrum {
  /** The gene's index among the gene file's genes (0-based). */
  index: number;
  gene: GeneRange;
  spectrum: GeneSpectrum;
}

export function spectraJson(chrom: string, genes: IndexedSpectrum[]): string {
  const doc = {
    chrom,
    genes: genes.map((g) => ({ index: g.index, gene: g.gene.gene, chr: g.gene.chr, start: g.gene.start, end: g.gene.end, count: g.gene.count, sumR2: g.spectrum.sumR2, eigenvalues: Array.from(g.spectrum.eigenvalues) })),
  };
  return JSON.stringify(doc) + "\n";
}

export interface SpectraFile {
  chrom: string;
  genes: { index: number; gene: string; chr: string; count: number; spectrum: GeneSpectrum }[];
}

export function parseSpectra(text: string, source: string): SpectraFile {
  let doc: { chrom?: unknown; genes?: unknown };
  try {
    doc = JSON.parse(text);
  } catch {
    throw new InputError({ file: source }, "not a JSON file (expected gene-spectra.json of mlmages prepare)");
  }
  if (typeof doc?.chrom !== "string" || !Array.isArray(doc.genes)) throw new InputError({ file: source }, "not a gene spectra file (expected gene-spectra.json of mlmages prepare)");
  const genes = doc.genes.map((g: Record<string, unknown>, i: number) => {
    const ev = g.eigenvalues;
    if (!Number.isInteger(g.index) || typeof g.gene !== "string" || !Number.isInteger(g.count) || typeof g.sumR2 !== "number" || !Array.isArray(ev) || ev.length !== g.count || ev.some((x) => typeof x !== "number")) {
      throw new InputError({ file: source }, `gene ${i + 1} is not a gene spectrum (index, gene, count, sumR2, count eigenvalues)`);
    }
    return { index: g.index as number, gene: g.gene, chr: String(g.chr), count: g.count as number, spectrum: { eigenvalues: Float64Array.from(ev as number[]), sumR2: g.sumR2 } };
  });
  return { chrom: doc.chrom, genes };
}

/**
 * The spectra of `genes` (the whole genome's, in the gene file's order) from
 * the chromosomes' files: all their genes put in index order must be `genes`,
 * name and variant count alike.
 */
export function spectraForGenes(files: { file: SpectraFile; source: string }[], genes: GeneRange[]): GeneSpectrum[] {
  const all = files.flatMap(({ file, source }) => file.genes.map((g) => ({ ...g, source }))).sort((a, b) => a.index - b.index);
  const names = files.map((f) => f.source).join(", ");
  if (all.length !== genes.length) throw InputError.mismatch(names, `the spectra files hold ${all.length} genes but the gene file places ${genes.length} on the effects' variants: give one spectra file per chromosome of the effects, made with the same --genes and --gene-window`);
  return all.map((s, i) => {
    const g = genes[i];
    if (s.gene !== g.gene || s.count !== g.count) throw InputError.mismatch(`${s.source}, ${names}`, `${s.source} has gene ${s.gene} with ${s.count} variants where the effects have ${g.gene} with ${g.count}: the spectra were made for other variants or genes`);
    return s.spectrum;
  });
}
