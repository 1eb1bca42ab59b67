// The scan of every file the tests wrote (tests/helpers/tmp.ts) for NaN and
// Infinity: an output of mlmages must never hold one (NA is how a missing value
// is written). Text files only (a NUL byte in the first 8 kB marks a binary file:
// gzip, zip, png, .mlm).
import { openSync, readFileSync, readSync, closeSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

/** A NaN or Infinity token in a file. */
export interface Finding {
  /** Path relative to the scanned root. */
  file: string;
  /** 1-based line. */
  line: number;
  token: string;
}

/** nan, NaN, inf, -Inf, Infinity, INF ... as a whole token (not inside a word such as isNaN or info). */
const TOKEN = /(?<![A-Za-z0-9_])[-+]?(?:nan|inf|infinity)(?![A-Za-z0-9_])/gi;

function isBinary(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(8192);
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n).includes(0);
  } finally {
    closeSync(fd);
  }
}

/** The tokens in one text, at most `limit` of them. */
export function findTokens(text: string, file: string, limit = 10): Finding[] {
  const out: Finding[] = [];
  if (text.search(TOKEN) === -1) return out;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length && out.length < limit; i++) {
    for (const m of lines[i].matchAll(TOKEN)) if (out.length < limit) out.push({ file, line: i + 1, token: m[0] });
  }
  return out;
}

/** Every finding in the text files under `root`, skipping the top-level folders in `skip`; and how many files were read. */
export function scanOutputs(root: string, skip: string[]): { files: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let files = 0;
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    const rel = relative(root, path);
    if (skip.some((s) => rel === s || rel.startsWith(`${s}/`))) continue;
    if (isBinary(path)) continue;
    files++;
    findings.push(...findTokens(readFileSync(path, "utf8"), rel));
  }
  return { files, findings };
}
