// The inputs of a run, read the same way on every platform: the platform says
// how a named file is opened (a path in Node and Deno, a dropped File in a
// browser); this module reads GWAS, LD (blocks or *.txt lists), genes and
// models with the core readers, checks that they agree, and hashes every
// input file as it streams for the run record.
import { InputError } from "./errors.js";
import { splitBlocks, type LdSplit } from "./blocks/split.js";
import { readGeneAnnotation } from "./genetest/gene-loc.js";
import type { GeneRange } from "./genetest/gene-table.js";
import { readAllBytes } from "./io/bytes.js";
import { readGwas } from "./io/gwas.js";
import { expandLdLists, readLdMatrix } from "./io/ld.js";
import { readModels } from "./models/ensemble.js";
import { Sha256, hashingStream, type Hasher } from "./sha256.js";
import { panelRunLd, type PanelRunRecord, type PanelRunSpec } from "./panel/run-panel.js";
import { checkCoverage } from "./shrink.js";
import type { Ensemble, Gwas, LdBlock } from "./types.js";
import { getCore } from "./wasm/instance.js";

/** How a platform opens the files a user named. */
export interface FileProvider {
  /** The raw bytes of a file, by the name the user gave (InputError when it cannot be opened). */
  open(name: string): Promise<ReadableStream<Uint8Array>>;
  /** The name of an entry of a list file (default: relative to the list's folder). */
  resolve?(list: string, entry: string): string;
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
}

export interface InputRecord {
  path: string;
  sha256: string;
  bytes: number;
}

export interface RunInputs {
  traits: { name: string; gwas: Gwas }[];
  ldBlocks: LdBlock[];
  /** The split of a whole-chromosome matrix (with ldFull), and how long it took. */
  ldSplit?: { split: LdSplit; avgBlockSize: number; seconds: number };
  genes?: GeneRange[];
  models: Ensemble;
  /** Every file read, in order, with its SHA-256 (default models included). */
  inputs: InputRecord[];
  /** The reference panel the LD came from (with RunFiles.panel). */
  panel?: PanelRunRecord;
}

/** The default average block size of a whole-chromosome split, as published. */
export const DEFAULT_AVG_BLOCK_SIZE = 1000;

function hashOf(h: Hasher, bytes: Uint8Array): string {
  h.update(bytes);
  return h.hex();
}

/** Reads and checks a run's inputs; `onStep` hears "blocks" before a whole-chromosome matrix is split. */
export async function loadRunInputs(fp: FileProvider, files: RunFiles, onStep?: (step: string) => void): Promise<RunInputs> {
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
  const names = new Set(files.gwas.map((g) => g.name));
  if (names.size !== files.gwas.length) {
    throw InputError.mismatch(files.gwas.map((g) => g.file).join(", "), `trait names must differ (${files.gwas.map((g) => g.name).join(", ")})`);
  }
  const traits: RunInputs["traits"] = [];
  for (const g of files.gwas) traits.push({ name: g.name, gwas: await readGwas(await open(g.file), g.file) });
  for (const t of traits.slice(1)) {
    if (t.gwas.n !== traits[0].gwas.n) {
      throw InputError.mismatch(t.gwas.source, `${t.gwas.source} has ${t.gwas.n} variants but ${traits[0].gwas.source} has ${traits[0].gwas.n}`);
    }
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
  let panel: PanelRunRecord | undefined;
  if (files.panel) {
    if (ldBlocks.length) throw InputError.mismatch(`${files.panel.prefix}, ${ldFiles[0] ?? files.ldFull}`, "give the LD either as matrices or as a reference panel, not both");
    onStep?.("panel LD");
    const p = await panelRunLd(await getCore(), fp, files.panel, traits[0].gwas);
    ldBlocks.push(...p.ldBlocks);
    inputs.push(...p.inputs);
    panel = p.record;
  }
  if (!ldBlocks.length) throw InputError.mismatch(files.gwas.map((g) => g.file).join(", "), "no LD given: name LD block files (or a list of them), or one whole-chromosome matrix");

  for (const t of traits) checkCoverage(t.gwas, ldBlocks);
  const genes = files.genes ? readGeneAnnotation(await text(files.genes), files.genes, traits[0].gwas, files.geneWindowKb ?? 0) : undefined;

  let modelFiles: { name: string; bytes: Uint8Array }[];
  if (files.models?.length) {
    modelFiles = [];
    for (const name of files.models) modelFiles.push({ name, bytes: await readAllBytes(await open(name), name) });
  } else {
    modelFiles = await fp.defaultModels();
    for (const m of modelFiles) inputs.push({ path: m.name, sha256: hashOf(hasher(), m.bytes), bytes: m.bytes.length });
  }
  return { traits, ldBlocks, ldSplit, genes, models: readModels(modelFiles), inputs, panel };
}
