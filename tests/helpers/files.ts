// The files under an output folder, for comparing two runs' folders.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file under `root`, as paths relative to it, sorted. */
export function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

/** Every file under `root` with its bytes, by path relative to it. */
export function filesWithBytes(root: string): Map<string, Uint8Array> {
  return new Map(filesUnder(root).map((f) => [f, new Uint8Array(readFileSync(join(root, f)))]));
}
