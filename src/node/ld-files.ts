// Node adapters for the readers: LD arguments (files or *.txt lists) and GWAS files.
import { open } from "node:fs/promises";
import { readGwas, type GwasOptions } from "../core/io/gwas.js";
import { expandLdLists, readLdMatrix } from "../core/io/ld.js";
import type { Gwas, LdBlock } from "../core/types.js";
import { checkInputFile, fileStream, fileText } from "./files.js";
import { mapFileError } from "./fs-errors.js";

/**
 * Fails with a one-line message naming the path when a file is missing, not a
 * regular file, or unreadable. It opens the file rather than calling access(),
 * which under Deno needs --allow-sys.
 */
export async function ensureReadable(path: string): Promise<void> {
  await checkInputFile(path);
  await (await mapFileError(path, () => open(path, "r"))).close();
}

/** A text file's content (UTF-8), with ensureReadable's message when it cannot be read. */
export function readTextFile(path: string): Promise<string> {
  return fileText(path);
}

/** LD arguments as block files: a `*.txt` argument is a list of files relative to its folder. */
export function expandLdArgs(paths: string[]): Promise<string[]> {
  return expandLdLists(paths, readTextFile);
}

/** Reads LD block files in order. */
export async function readLdFiles(paths: string[]): Promise<LdBlock[]> {
  const blocks: LdBlock[] = [];
  for (const p of paths) {
    await ensureReadable(p);
    blocks.push(await readLdMatrix(fileStream(p), p));
  }
  return blocks;
}

/** Reads one GWAS file. */
export async function readGwasFile(path: string, opts?: GwasOptions): Promise<Gwas> {
  await ensureReadable(path);
  return readGwas(fileStream(path), path, opts);
}
