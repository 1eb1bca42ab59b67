// Test access to the reference material in ../shared (read at run time, never copied).
// Groups that read it are declared with `describeWith(SHARED)` (requirements.ts) and
// read it only inside their tests or hooks, so that a clone without ../shared skips them.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The reference folder beside the project root. */
export const SHARED_DIR = fileURLToPath(new URL("../../../shared/", import.meta.url));

/** Absolute path of a file under ../shared (beside the project root). */
export function sharedPath(rel: string): string {
  return fileURLToPath(new URL(`../../../shared/${rel}`, import.meta.url));
}

/** A numeric text matrix (comma or whitespace separated), one row a line. */
export function readMatrix(rel: string): number[][] {
  return readFileSync(sharedPath(rel), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => l.trim().split(/[\s,]+/).map(Number));
}

/** One number a line. */
export function readVector(rel: string): Float64Array {
  return Float64Array.from(readMatrix(rel).map((r) => r[0]));
}

/** A CSV file with a header, as column arrays by name. */
export function readCsvColumns(rel: string): Record<string, string[]> {
  const lines = readFileSync(sharedPath(rel), "utf8").split("\n").filter((l) => l.trim() !== "");
  const head = lines[0].split(",");
  const cols: Record<string, string[]> = Object.fromEntries(head.map((h) => [h, [] as string[]]));
  for (const l of lines.slice(1)) l.split(",").forEach((v, i) => cols[head[i]].push(v));
  return cols;
}
