// Gene annotation from a location file: MAGMA's gene.loc (GENE_ID CHR START
// STOP [STRAND] [SYMBOL], 1-based inclusive, white space, no header), BED
// (chrom, chromStart 0-based, chromEnd exclusive, name; optional track/browser/
// comment/header lines) or a table with a header naming GENE, CHR, START and END
// (1-based inclusive, as the published gene table), mapped onto the GWAS
// variants' CHR and POS. A gene gets the variants with
// START − window ≤ POS ≤ END + window, the published rule (get_chr_genes in
// ML-MAGES mlmages/_process_funcs.py, with the buffer in base pairs).
// The published gene table itself (start_idx_chr, N_SNPS) is read as it is.
import { InputError } from "../errors.js";
import { checkUtf8Line, columnIndex, readTextTable } from "../io/delimited.js";
import { normChrom } from "../io/gwas.js";
import { stripBom } from "../io/lines.js";
import type { Gwas } from "../types.js";
import { readGeneTable, type GeneRange } from "./gene-table.js";

/** The kinds of gene annotation readGeneAnnotation recognises. */
export type GeneFormat = "gene-table" | "location-table" | "gene.loc" | "bed";

/** What a location file gives for a gene: 1-based inclusive coordinates. */
export interface GeneLocation {
  gene: string;
  chr: string;
  start: number;
  end: number;
}

/** The variants' chromosomes and positions, as a Gwas has them. */
export type VariantPositions = Pick<Gwas, "source" | "n" | "chr" | "pos">;

/** Genes as variant ranges, with how many genes of the file got no variant. */
export interface GeneAnnotation {
  format: GeneFormat;
  /**
   * Genes in file order; `first` indexes the GWAS variants in file order (for
   * a one-chromosome GWAS, the chromosome index of the published table).
   */
  genes: GeneRange[];
  /** Genes of the file with no variant in their window (or on no GWAS chromosome). */
  dropped: number;
}

interface Line {
  fields: string[];
  line: number;
}

function isComment(l: string): boolean {
  const t = l.trimStart();
  return t === "" || t.startsWith("#") || /^(track|browser)(\s|$)/.test(t);
}

function dataLines(text: string, source: string, split: (l: string) => string[]): Line[] {
  const out: Line[] = [];
  stripBom(text)
    .split(/\r?\n/)
    .forEach((l, i) => {
      if (isComment(l)) return;
      checkUtf8Line(l, source, i + 1);
      out.push({ fields: split(l), line: i + 1 });
    });
  return out;
}

const isInt = (s: string | undefined) => s !== undefined && /^[+-]?\d+$/.test(s);
const splitWhite = (l: string) => l.trim().split(/\s+/);
const splitBed = (l: string) => (l.includes("\t") ? l.split("\t").map((s) => s.trim()) : splitWhite(l));

/** Which kind of gene annotation `text` is, from its first lines (and a .bed or .loc name). */
export function detectGeneFormat(text: string, source: string): GeneFormat {
  const lines = dataLines(text, source, splitBed);
  if (!lines.length) throw new InputError({ file: source }, "no genes (the file is empty)");
  const head = lines[0].fields.length > 1 ? lines[0].fields : lines[0].fields[0].split(",");
  const upper = head.map((h) => h.trim().toUpperCase());
  if (upper.includes("START_IDX_CHR")) return "gene-table";
  if (upper.includes("GENE") && upper.includes("CHR") && upper.includes("START") && (upper.includes("END") || upper.includes("STOP"))) return "location-table";
  const name = source.toLowerCase().replace(/\.gz$/, "");
  if (name.endsWith(".bed")) return "bed";
  if (name.endsWith(".loc")) return "gene.loc";
  const first = lines.find((l) => isInt(l.fields[1]) && isInt(l.fields[2])) ?? lines.find((l) => isInt(l.fields[2]) && isInt(l.fields[3]));
  if (first && isInt(first.fields[2]) && isInt(first.fields[3])) return "gene.loc";
  if (first && isInt(first.fields[1]) && isInt(first.fields[2])) return "bed";
  throw new InputError({ file: source, line: lines[0].line }, "not a gene annotation: expected the gene table (with start_idx_chr), a table with GENE, CHR, START and END, a MAGMA gene.loc (GENE_ID CHR START STOP ...) or a BED file (chrom chromStart chromEnd name)");
}

function coordinate(l: Line, i: number, source: string, what: string): number {
  const s = l.fields[i];
  if (!isInt(s) || Number(s) < 0) throw new InputError({ file: source, line: l.line, column: i + 1 }, `${what} '${s ?? ""}' is not a whole number ≥ 0`);
  return Number(s);
}

/** A MAGMA gene.loc: GENE_ID CHR START STOP [STRAND] [SYMBOL]; the gene is named by SYMBOL when given, else GENE_ID. */
export function readGeneLoc(text: string, source: string): GeneLocation[] {
  return dataLines(text, source, splitWhite).map((l) => {
    if (l.fields.length < 4) throw new InputError({ file: source, line: l.line }, `${l.fields.length} fields; gene.loc lines are GENE_ID CHR START STOP [STRAND] [SYMBOL]`);
    const start = coordinate(l, 2, source, "START");
    const end = coordinate(l, 3, source, "STOP");
    if (end < start) throw new InputError({ file: source, line: l.line }, `STOP ${end} is before START ${start}`);
    return { gene: l.fields[5] ?? l.fields[0], chr: l.fields[1], start, end };
  });
}

/** A BED file (chrom, chromStart 0-based, chromEnd exclusive, name, ...); coordinates become 1-based inclusive. */
export function readBed(text: string, source: string): GeneLocation[] {
  const lines = dataLines(text, source, splitBed);
  if (lines.length && !(isInt(lines[0].fields[1]) && isInt(lines[0].fields[2]))) lines.shift();
  return lines.map((l) => {
    if (l.fields.length < 4) throw new InputError({ file: source, line: l.line }, `${l.fields.length} fields; the genes need BED's name (4th) column`);
    const start = coordinate(l, 1, source, "chromStart");
    const end = coordinate(l, 2, source, "chromEnd");
    if (end < start) throw new InputError({ file: source, line: l.line }, `chromEnd ${end} is before chromStart ${start}`);
    return { gene: l.fields[3], chr: l.fields[0], start: start + 1, end };
  });
}

/** A delimited table with a header naming GENE, CHR, START and END (or STOP), 1-based inclusive. */
export function readLocationTable(text: string, source: string): GeneLocation[] {
  const t = readTextTable(text, source);
  const [gene, chr, start, end] = [["GENE"], ["CHR"], ["START"], ["END", "STOP"]].map((n) => columnIndex(t, n));
  if (Math.min(gene, chr, start, end) < 0) throw new InputError({ file: source, line: 1 }, "the header must name GENE, CHR, START and END");
  return t.rows.map((r, i) => {
    const l = { fields: r, line: i + 2 };
    const s = coordinate(l, start, source, "START");
    const e = coordinate(l, end, source, "END");
    if (e < s) throw new InputError({ file: source, line: l.line }, `END ${e} is before START ${s}`);
    return { gene: r[gene], chr: r[chr], start: s, end: e };
  });
}

/** Per chromosome, the GWAS variants' index range; checks each chromosome is contiguous and sorted by POS. */
function chromosomeRuns(gwas: VariantPositions): Map<string, { from: number; to: number }> {
  const { chr, pos, source } = gwas;
  if (!chr || !pos) {
    throw new InputError({ file: source }, `no ${chr ? "position (POS)" : "chromosome (CHR)"} column: mapping genes from a location file needs each variant's CHR and POS`);
  }
  const runs = new Map<string, { from: number; to: number }>();
  let current = "";
  for (let v = 0; v < gwas.n; v++) {
    // the name is normalised only where the raw text changes (a handful of times)
    const c = v > 0 && chr[v] === chr[v - 1] ? current : normChrom(chr[v]);
    if (v === 0 || c !== current) {
      if (runs.has(c)) throw new InputError({ file: source }, `chromosome ${chr[v]} is not contiguous: variant ${v + 1} is on it again after other chromosomes; sort the GWAS by chromosome and position`);
      runs.set(c, { from: v, to: v + 1 });
      current = c;
      continue;
    }
    if (pos[v] < pos[v - 1]) throw new InputError({ file: source }, `positions are not sorted: variant ${v + 1} (chromosome ${chr[v]}, POS ${pos[v]}) comes after POS ${pos[v - 1]}; sort the GWAS by chromosome and position`);
    runs.get(c)!.to = v + 1;
  }
  return runs;
}

/** First index in [lo, hi) with pos ≥ x (strict: pos > x). */
function bound(pos: Float64Array, lo: number, hi: number, x: number, strict: boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pos[mid] < x || (strict && pos[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The distinct chromosomes of a list, normalised ("chr22" is 22), in first-seen order. */
function chromosomeSet(chrs: Iterable<string>): string[] {
  return [...new Set([...chrs].map(normChrom))];
}

/** "1, 2, 3" (at most 10, then how many more). */
function listed(items: string[]): string {
  return items.length > 10 ? `${items.slice(0, 10).join(", ")} and ${items.length - 10} more` : items.join(", ");
}

/** Refuses genes on none of the GWAS's chromosomes (`all`: refuses any gene on another chromosome), naming both sets. */
function checkChromosomes(geneChrs: string[], gwas: VariantPositions, source: string, all: boolean): void {
  if (!gwas.chr) return;
  const ours = chromosomeSet(gwas.chr);
  const theirs = chromosomeSet(geneChrs);
  const have = new Set(ours);
  const foreign = theirs.filter((c) => !have.has(c));
  if (foreign.length === theirs.length || (all && foreign.length)) {
    throw InputError.mismatch(
      `${source}, ${gwas.source}`,
      `${source} has genes on chromosome(s) ${listed(theirs)} but ${gwas.source} has variants on chromosome(s) ${listed(ours)}: give the genes of the GWAS's chromosome(s)`,
    );
  }
}

/** Maps genes onto the variants within `windowKb` kilobases of them; genes without a variant are dropped. */
export function mapGeneLocations(locations: GeneLocation[], gwas: VariantPositions, windowKb = 0): { genes: GeneRange[]; dropped: number } {
  if (!(windowKb >= 0 && Number.isFinite(windowKb))) throw new RangeError(`the gene window must be a finite number of kilobases ≥ 0, not ${windowKb}`);
  const runs = chromosomeRuns(gwas);
  const pos = gwas.pos!;
  const w = windowKb * 1000;
  const genes: GeneRange[] = [];
  let dropped = 0;
  for (const g of locations) {
    const run = runs.get(normChrom(g.chr));
    const first = run ? bound(pos, run.from, run.to, g.start - w, false) : 0;
    const count = run ? bound(pos, run.from, run.to, g.end + w, true) - first : 0;
    if (count > 0) genes.push({ gene: g.gene, chr: g.chr, start: g.start, end: g.end, first, count });
    else dropped++;
  }
  return { genes, dropped };
}

/** Reads any gene annotation and maps it onto the variants (the published gene table needs no mapping, and no window). */
export function annotateGenes(text: string, source: string, gwas: VariantPositions, windowKb = 0, format = detectGeneFormat(text, source)): GeneAnnotation {
  if (format === "gene-table") {
    if (windowKb !== 0) throw new InputError({ file: source }, "the gene table gives each gene's variants (start_idx_chr, N_SNPS), so a gene window does not apply; give a location file (gene.loc, BED, or GENE/CHR/START/END) to map with a window");
    const genes = readGeneTable(text, source, gwas.n);
    checkChromosomes(genes.map((g) => g.chr), gwas, source, true);
    return { format, genes, dropped: 0 };
  }
  const read = format === "bed" ? readBed : format === "gene.loc" ? readGeneLoc : readLocationTable;
  const locations = read(text, source);
  if (!locations.length) throw new InputError({ file: source }, "no genes in the file");
  checkChromosomes(locations.map((g) => g.chr), gwas, source, false);
  return { format, ...mapGeneLocations(locations, gwas, windowKb) };
}

/** The genes of a gene table, gene.loc, BED or location table, as variant ranges of `gwas`. */
export function readGeneAnnotation(text: string, source: string, gwas: VariantPositions, windowKb = 0): GeneRange[] {
  return annotateGenes(text, source, gwas, windowKb).genes;
}
