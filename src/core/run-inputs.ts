// The inputs of a run, read the same way on every platform: the platform says
// how a named file is opened (a path in Node and Deno, a dropped File in a
// browser); this module reads GWAS, LD (blocks or *.txt lists), genes and
// models with the core readers, checks that they agree, and hashes every
// input file as it streams for the run record. With the LD's variant list (a
// .bim, .pvar, .vars or .snplist beside each LD file, or --ld-variants), every
// trait is harmonised against it (harmonise/) and the LD cut down to the
// variants every trait matched; without one, the rows must agree.
import { InputError } from "./errors.js";
import { splitBlocks, type LdSplit } from "./blocks/split.js";
import { annotateGenes, detectGeneFormat } from "./genetest/gene-loc.js";
import { readGeneTable, type GeneRange } from "./genetest/gene-table.js";
import { remapGenes, subsetBlocks } from "./harmonise/align.js";
import { referenceGeneRanges } from "./harmonise/gene-indices.js";
import { harmoniseTraits, type Harmonisation, type HarmoniseOptions } from "./harmonise/harmonise.js";
import { POSITIONAL_WARNING, checkSameRows } from "./harmonise/positional.js";
import { readAllBytes } from "./io/bytes.js";
import { readGwas } from "./io/gwas.js";
import { expandLdLists, readLdMatrix } from "./io/ld.js";
import { concatVariants, readRefVariants, variantFileCandidates } from "./io/ld-variants.js";
import { LdDigester, LdValueChecks, type LdDigest } from "./ld-digest.js";
import { readModels } from "./models/ensemble.js";
import { Sha256, hashingStream, type Hasher } from "./sha256.js";
import { panelRunLd, type PanelRunHooks, type PanelRunLd, type PanelRunRecord, type PanelRunSpec } from "./panel/run-panel.js";
import { checkCoverage } from "./shrink.js";
import { checkTraitName } from "./trait-name.js";
import type { Ensemble, Gwas, LdBlock, RefVariants } from "./types.js";
import { getCore } from "./wasm/instance.js";

/** How a platform opens the files a user named. */
export interface FileProvider {
  /** The raw bytes of a file, by the name the user gave (InputError when it cannot be opened). */
  open(name: string): Promise<ReadableStream<Uint8Array>>;
  /** The name of an entry of a list file (default: relative to the list's folder). */
  resolve?(list: string, entry: string): string;
  /** Whether a file exists (a variants file beside an LD file is looked for with it; without it, none is). */
  exists?(name: string): Promise<boolean>;
  /** A file's size in bytes, when known (a binary LD matrix streamed whole needs it). */
  size?(name: string): Promise<number | undefined>;
  /** Bytes [offset, offset + length) of a file (fewer only at its end): a plink .bed is read a block at a time, never whole. */
  readRange?(name: string, offset: number, length: number): Promise<Uint8Array>;
  /** The default ensemble's files, when no model is named. */
  defaultModels(): Promise<{ name: string; bytes: Uint8Array }[]>;
  /** A native SHA-256, when the platform has one (default: the portable Sha256, ~10 times slower). */
  sha256?(): Hasher;
}

export interface RunFiles {
  /** One GWAS file per trait, named. */
  gwas: { name: string; file: string }[];
  /** LD block files in order, or *.txt lists of them (or none, with ldFull). */
  ld: string[];
  /** One whole chromosome's LD matrix, to be split into blocks first. */
  ldFull?: string;
  /** The LD's variants (.bim, .pvar, .vars, .snplist or a CHR POS ID A1 A2 table): one per LD file, or together in the LD's order; default: found beside each LD file. */
  ldVariants?: string[];
  /** How traits are matched to the LD's variants. */
  harmonise?: HarmoniseOptions;
  /** Average block size of that split (default 1000). */
  avgBlockSize?: number;
  /** Gene annotation (optional): the published gene table, gene.loc, BED or GENE/CHR/START/END. */
  genes?: string;
  /** Window in kb on both sides of each gene, for location files (default 0). */
  geneWindowKb?: number;
  /** Model files (default: the provider's default ensemble). */
  models?: string[];
  /** Or the LD computed from a plink reference panel (the GWAS rows must be its block variants, in order). */
  panel?: PanelRunSpec;
  /** Read only the GWAS rows on this chromosome (one chromosome of a genome-wide workflow). */
  chrom?: string;
  /**
   * Use each LD block once it is read (or computed from the panel) and let it
   * go: the run gets RunInputs.ldDigest, not the blocks, and needs nothing but
   * the networks' shrinkage (not SuSiE). A panel's blocks are then never held
   * together. Not with ldFull (its band is kept for the genes).
   */
  releaseLd?: boolean;
}

export interface InputRecord {
  path: string;
  sha256: string;
  bytes: number;
}

export interface RunInputs {
  traits: { name: string; gwas: Gwas }[];
  /** The analysed LD blocks (none with releaseLd: see ldDigest). */
  ldBlocks: LdBlock[];
  /** With releaseLd: what the run needs of its LD blocks, made one block at a time. */
  ldDigest?: LdDigest;
  /** The split of a whole-chromosome matrix (with ldFull), and how long it took. */
  ldSplit?: { split: LdSplit; avgBlockSize: number; seconds: number };
  genes?: GeneRange[];
  models: Ensemble;
  /** Every file read, in order, with its SHA-256 (default models included). */
  inputs: InputRecord[];
  /** What harmonisation against the LD's variants did (absent without a variant list). */
  harmonisation?: Harmonisation;
  /** What is doubtful about the inputs but not refused (no variant list, r² given for r, an LD block that is not positive semi-definite, genes dropped). */
  warnings: string[];
  /** The reference panel the LD came from (with RunFiles.panel). */
  panel?: PanelRunRecord;
  /** The LD blocks with no negative value (named in the first warning). */
  unsignedLd: string[];
}

/** The number of analysed LD blocks, held or digested. */
export function ldBlockCount(inputs: { ldBlocks: { length: number }; ldDigest?: { blocks: { length: number } } }): number {
  return (inputs.ldDigest?.blocks ?? inputs.ldBlocks).length;
}

/** The default average block size of a whole-chromosome split, as published. */
export const DEFAULT_AVG_BLOCK_SIZE = 1000;

/** The warning for located genes that no analysed variant falls in. */
export function genesDroppedWarning(file: string, dropped: number, windowKb: number): string {
  return `${dropped} gene(s) of ${file} have no analysed variant within their location${windowKb ? ` ± ${windowKb} kb` : ""} (or lie on a chromosome the GWAS does not cover): they are not tested`;
}

function hashOf(h: Hasher, bytes: Uint8Array): string {
  h.update(bytes);
  return h.hex();
}

/**
 * Reads and checks a run's inputs; `onStep` hears "blocks" before a
 * whole-chromosome matrix is split, and the panel's steps; `panel` follows and
 * spreads a reference panel's work (progress, the threads computing its LD).
 */
export async function loadRunInputs(fp: FileProvider, files: RunFiles, onStep?: (step: string) => void, panel: Omit<PanelRunHooks, "onStep"> = {}): Promise<RunInputs> {
  const inputs: InputRecord[] = [];
  const hasher = (): Hasher => fp.sha256?.() ?? new Sha256();
  const open = async (name: string) => {
    const record: InputRecord = { path: name, sha256: "", bytes: 0 };
    inputs.push(record);
    return hashingStream(
      await fp.open(name),
      (hex, bytes) => {
        record.sha256 = hex;
        record.bytes = bytes;
      },
      hasher(),
    );
  };
  const text = async (name: string) => new TextDecoder().decode(await readAllBytes(await open(name), name));

  if (files.ldFull && files.ld.length) throw InputError.mismatch(`${files.ldFull}, ${files.ld[0]}`, "give the LD either as blocks or as one whole-chromosome matrix, not both");
  for (const g of files.gwas) checkTraitName(g.name, g.file);
  const names = new Set(files.gwas.map((g) => g.name));
  if (names.size !== files.gwas.length) {
    throw InputError.mismatch(files.gwas.map((g) => g.file).join(", "), `trait names must differ (${files.gwas.map((g) => g.name).join(", ")})`);
  }
  let traits: RunInputs["traits"] = [];
  for (const g of files.gwas) {
    traits.push({ name: g.name, gwas: await readGwas(await open(g.file), g.file, files.chrom !== undefined ? { chrom: [files.chrom] } : {}) });
  }

  const ldFiles = await expandLdLists(files.ld, text, fp.resolve);
  const ldBlocks: LdBlock[] = [];
  for (const name of ldFiles) ldBlocks.push(await readLdMatrix(await open(name), name));
  let ldSplit: RunInputs["ldSplit"];
  if (files.ldFull) {
    onStep?.("blocks");
    const t0 = performance.now();
    const avgBlockSize = files.avgBlockSize ?? DEFAULT_AVG_BLOCK_SIZE;
    const split = await splitBlocks(await open(files.ldFull), files.ldFull, { avgBlockSize, byteLength: await fp.size?.(files.ldFull) });
    ldSplit = { split, avgBlockSize, seconds: (performance.now() - t0) / 1000 };
    ldBlocks.push(...split.blocks);
  }
  // a panel's blocks are computed once the traits are harmonised against its variants (in its blocks' order)
  let panelLd: PanelRunLd | undefined;
  if (files.panel) {
    if (ldBlocks.length) throw InputError.mismatch(`${files.panel.prefix}, ${ldFiles[0] ?? files.ldFull}`, "give the LD either as matrices or as a reference panel, not both");
    panelLd = await panelRunLd(await getCore(), fp, files.panel, { ...panel, onStep });
    inputs.push(...panelLd.inputs);
  }
  if (!ldBlocks.length && !panelLd?.blockSizes.length) throw InputError.mismatch(files.gwas.map((g) => g.file).join(", "), "no LD given: name LD block files (or a list of them), or one whole-chromosome matrix");
  const checks = new LdValueChecks(await getCore());
  for (const b of ldBlocks) checks.check(b);
  const warnings: string[] = [];
  const ldNames = files.ldFull ? [files.ldFull] : ldFiles;
  const ldSizes = files.ldFull ? [ldBlocks.reduce((s, b) => s + b.n, 0)] : ldBlocks.map((b) => b.n);
  const ref = panelLd?.variants ?? (await referenceVariants(fp, files.ldVariants ?? [], ldNames, ldSizes, text));
  let harmonisation: Harmonisation | undefined;
  let analysedBlocks = ldBlocks;
  if (ref) {
    onStep?.("harmonise");
    const h = harmoniseTraits(ref, traits, files.harmonise);
    traits = h.traits;
    harmonisation = h.harmonisation;
    warnings.push(...harmonisation.warnings);
    analysedBlocks = subsetBlocks(ldBlocks, harmonisation.kept);
  } else {
    warnings.push(POSITIONAL_WARNING);
    for (const t of traits.slice(1)) {
      if (t.gwas.n !== traits[0].gwas.n) {
        throw InputError.mismatch(t.gwas.source, `${t.gwas.source} has ${t.gwas.n} variants but ${traits[0].gwas.source} has ${traits[0].gwas.n}`);
      }
    }
    checkSameRows(traits.map((t) => t.gwas));
    for (const t of traits) checkCoverage(t.gwas, ldBlocks);
  }
  let genes: GeneRange[] | undefined;
  if (files.genes) {
    const geneText = await text(files.genes);
    if (harmonisation && detectGeneFormat(geneText, files.genes) === "gene-table") {
      // the table's variant indices count the reference's (the LD's) variants of each gene's chromosome
      if ((files.geneWindowKb ?? 0) !== 0) throw new InputError({ file: files.genes }, "the gene table gives each gene's variants (start_idx_chr, N_SNPS), so a gene window does not apply");
      const placed = referenceGeneRanges(readGeneTable(geneText, files.genes, harmonisation.refN), ref!, files.genes);
      if (placed.dropped) warnings.push(`${placed.dropped} gene(s) of ${files.genes} are on chromosomes the LD does not have`);
      const remapped = remapGenes(placed.genes, harmonisation.kept);
      genes = remapped.genes;
      if (remapped.dropped) warnings.push(`${remapped.dropped} gene(s) of ${files.genes} have no analysed variant left after harmonisation`);
    } else {
      const annotated = annotateGenes(geneText, files.genes, traits[0].gwas, files.geneWindowKb ?? 0);
      genes = annotated.genes;
      if (annotated.dropped) warnings.push(genesDroppedWarning(files.genes, annotated.dropped, files.geneWindowKb ?? 0));
    }
  }

  let modelFiles: { name: string; bytes: Uint8Array }[];
  if (files.models?.length) {
    modelFiles = [];
    for (const name of files.models) modelFiles.push({ name, bytes: await readAllBytes(await open(name), name) });
  } else {
    modelFiles = await fp.defaultModels();
    for (const m of modelFiles) inputs.push({ path: m.name, sha256: hashOf(hasher(), m.bytes), bytes: m.bytes.length });
  }
  const models = readModels(modelFiles);
  let ldDigest: LdDigest | undefined;
  const release = files.releaseLd && !files.ldFull;
  const digester = release ? new LdDigester(await getCore(), { topR: models.topR, genes, kept: panelLd ? harmonisation?.kept : undefined }) : undefined;
  if (panelLd) {
    const all: LdBlock[] = [];
    await panelLd.forEachBlock((b) => {
      checks.check(b);
      if (digester) digester.add(b);
      else all.push(b);
    });
    analysedBlocks = harmonisation ? subsetBlocks(all, harmonisation.kept) : all;
  } else if (digester) {
    for (const b of analysedBlocks) digester.add(b);
    analysedBlocks = [];
  }
  if (digester) ldDigest = digester.finish();
  return { traits, ldBlocks: analysedBlocks, ldDigest, ldSplit, genes, models, inputs, harmonisation, warnings: [...checks.warnings(), ...warnings], panel: panelLd?.record, unsignedLd: checks.unsigned };
}

/**
 * The LD's variants, in its order: the named files (one per LD file, or
 * together for all), else those found beside each LD file (all or none), each
 * checked against its matrix's size; undefined when there are none.
 */
async function referenceVariants(
  fp: FileProvider,
  named: string[],
  ldNames: string[],
  ldSizes: number[],
  text: (name: string) => Promise<string>,
): Promise<RefVariants | undefined> {
  let names = named;
  if (!names.length) {
    if (!fp.exists) return undefined;
    const found: (string | undefined)[] = [];
    for (const ld of ldNames) {
      let hit: string | undefined;
      for (const c of variantFileCandidates(ld)) if (await fp.exists(c)) {
        hit = c;
        break;
      }
      found.push(hit);
    }
    const missing = ldNames.filter((_, i) => !found[i]);
    if (missing.length === ldNames.length) return undefined;
    if (missing.length) {
      throw InputError.mismatch(missing[0], `${found.find(Boolean)} lists the variants of its LD file but ${missing[0]} has no variants file beside it (.bim, .pvar, .vars, .snplist or .variants.tsv with the same stem): give every LD file one, or name them with --ld-variants`);
    }
    names = found as string[];
  }
  const parts: RefVariants[] = [];
  for (const name of names) parts.push(readRefVariants(await text(name), name));
  const total = ldSizes.reduce((a, b) => a + b, 0);
  if (parts.length === ldSizes.length) {
    parts.forEach((p, i) => {
      if (p.id.length !== ldSizes[i]) throw InputError.mismatch(p.source, `${p.source} lists ${p.id.length} variants but the LD matrix ${ldNames[i]} has ${ldSizes[i]}`);
    });
  }
  const ref = concatVariants(parts);
  if (ref.id.length !== total) throw InputError.mismatch(ref.source, `${ref.source} lists ${ref.id.length} variants but the LD (${ldNames.length} file(s)) has ${total}`);
  return ref;
}
