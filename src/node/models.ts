// Model files for the CLI: the given files, or the shipped default ensemble.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readModels } from "../core/models/ensemble.js";
import type { Ensemble } from "../core/types.js";
import { fileBytes } from "./files.js";
import { packagePath } from "./package-root.js";

/** The shipped default ensemble's files (models/default/*.mlm), or none. */
export function defaultModelFiles(): string[] {
  const dir = packagePath("models", "default");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".mlm"))
    .sort()
    .map((f) => join(dir, f));
}

export const NO_DEFAULT_MODEL =
  "no default model is installed with this copy of mlmages; pass --model FILE... " +
  "(mlmages .mlm files, or the published ML-MAGES .model files)";

/** The bytes of model files (or, when none are given, of the default ensemble's). */
export async function modelFileBytes(paths: string[]): Promise<{ name: string; bytes: Uint8Array }[]> {
  const files = paths.length ? paths : defaultModelFiles();
  if (!files.length) throw new Error(NO_DEFAULT_MODEL);
  return Promise.all(files.map(async (name) => ({ name, bytes: await fileBytes(name) })));
}

/** Reads model files (or, when none are given, the default ensemble) as one ensemble. */
export async function loadModelFiles(paths: string[]): Promise<{ ensemble: Ensemble; files: string[] }> {
  const inputs = await modelFileBytes(paths);
  return { ensemble: readModels(inputs), files: inputs.map((i) => i.name) };
}
