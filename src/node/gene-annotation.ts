// Genes for the CLI commands that take effects rather than a GWAS: the
// published gene table as it is, or a location file (gene.loc, BED, GENE/CHR/
// START/END) placed on the variants' CHR and POS from --gwas or from the
// effects file when it is a shrink table that has them.
import { InputError } from "../core/errors.js";
import { annotateGenes, detectGeneFormat, type GeneAnnotation, type VariantPositions } from "../core/genetest/gene-loc.js";
import { readGwas } from "../core/io/gwas.js";
import { fileStream } from "./files.js";
import { ensureReadable, readTextFile } from "./ld-files.js";

/** CHR and POS of the variants, from `gwasFile` or from `effectsFile` when it is a shrink table that has them. */
async function variantPositions(gwasFile: string | undefined, effectsFile: string, genesFile: string, format: string): Promise<VariantPositions> {
  if (gwasFile) {
    await ensureReadable(gwasFile);
    return readGwas(fileStream(gwasFile), gwasFile);
  }
  const hint = new InputError({ file: genesFile }, `a ${format} file: give --gwas FILE (a GWAS or shrink table with CHR and POS) to place the genes on the variants`);
  const table = await readGwas(fileStream(effectsFile), effectsFile).catch((e: unknown) => {
    throw e instanceof InputError ? hint : e;
  });
  if (!table.chr || !table.pos) throw hint;
  return table;
}

/** The genes of `genesFile` as ranges of the `n` variants of `effectsFile`. */
export async function genesForEffects(genesFile: string, effectsFile: string, n: number, gwasFile: string | undefined, windowKb: number): Promise<GeneAnnotation> {
  const genesText = await readTextFile(genesFile);
  const format = detectGeneFormat(genesText, genesFile);
  const positions = format === "gene-table" ? { source: effectsFile, n, chr: null, pos: null } : await variantPositions(gwasFile, effectsFile, genesFile, format);
  if (positions.n !== n) throw InputError.mismatch(`${positions.source}, ${effectsFile}`, `${positions.source} has ${positions.n} variants but ${effectsFile} has ${n} effects`);
  return annotateGenes(genesText, genesFile, positions, windowKb, format);
}
