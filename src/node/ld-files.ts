// Node adapters for the readers: LD arguments (files or *.txt lists) and GWAS files.
import { open, readFile } from "node:fs/promises";
import { InputError } from "../core/errors.js";
import { readGwas, type GwasOptions } from "../core/io/gwas.js";
import { expandLdLists, readLdMatrix } from "../core/io/ld.js";
import type { Gwas, LdBlock } from "../core/types.js";
import { fileStream } from "./files.js";

/**
 * Fails with a clear message when a file is missing or unreadable. It opens
 * the file rather than calling access(), which under Deno needs --allow-sys.
 */
export async function ensureReadable(path: string): Promise<void> {
  try {
    await (await open(path, "r")).close();
  } catch {
    throw new InputError({ file: path }, "no such file (or it cannot be read)");
  }
}

/** A text file's content (UTF-8), with ensureReadable's message when it cannot be read. */
export async function readTextFile(path: string): Promise<string> {
  await ensureReadable(path);
  return readFile(path, "utf8");
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
