// vitest's globalSetup: one root folder for every file the run's tests write
// (tests/helpers/tmp.ts), and after the run the scan of all of them for NaN and
// Infinity (scan-outputs.ts), which fails the run naming file and line, and
// one line per skipped requirement (requirements.ts). Under `npm test`,
// scripts/test.js makes the root, prints what this writes to SUMMARY_FILE and
// removes the root; under a bare `npx vitest run` this file prints and removes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { scanOutputs } from "./scan-outputs.js";
import { BAD_INPUTS, RUN_RECORDS, SKIPS_DIR, SUMMARY_FILE } from "./tmp.js";

// Each vitest project runs this setup and teardown: the first makes the root (unless
// scripts/test.js gave one), the first teardown scans, through process.env.

export function setup(): void {
  if (process.env.MLMAGES_TEST_TMP) return;
  process.env.MLMAGES_TEST_TMP = mkdtempSync(join(tmpdir(), "mlmages-test-"));
  process.env.MLMAGES_TEST_TMP_OWNED = "1";
}

export function teardown(): void {
  if (process.env.MLMAGES_TEST_SCANNED) return;
  process.env.MLMAGES_TEST_SCANNED = "1";
  const root = process.env.MLMAGES_TEST_TMP!;
  const { files, findings } = scanOutputs(root, [BAD_INPUTS, RUN_RECORDS]);
  const skips = skipLines(root);
  const summary = join(root, SUMMARY_FILE);
  mkdirSync(dirname(summary), { recursive: true });
  writeFileSync(summary, JSON.stringify({ scanned: files, findings, skips }));
  if (findings.length) {
    console.error(`NaN/Infinity in the tests' outputs (under ${root}):`);
    for (const f of findings) console.error(`  ${f.file}, line ${f.line}: ${f.token}`);
    process.exitCode = 1;
  }
  if (!process.env.MLMAGES_TEST_TMP_OWNED) return;
  for (const line of skips) console.log(line);
  if (!findings.length) rmSync(root, { recursive: true, force: true });
}

/** One line per missing requirement: "skipped: what (reason): N groups". */
function skipLines(root: string): string[] {
  const dir = join(root, SKIPS_DIR);
  const groups = new Map<string, number>();
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  for (const f of names) {
    for (const l of readFileSync(join(dir, f), "utf8").split("\n").filter(Boolean)) {
      const [what, reason] = l.split("\t");
      const key = `${what} (${reason})`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
  }
  return [...groups].map(([k, n]) => `skipped: ${k}: ${n} group${n === 1 ? "" : "s"}`);
}
