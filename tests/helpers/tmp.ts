// The one place tests make folders to write into.
//
//   import { testDir, badInputDir } from "./helpers/tmp.js";
//   const dir = testDir("blocks");          // a new empty folder, e.g. /tmp/mlmages-test-XXXX/blocks-YYYY
//   const bad = badInputDir("nan-ld");      // for inputs that contain NaN/inf on purpose
//
// Every folder lies under one root per test run ($MLMAGES_TEST_TMP, made by
// tests/helpers/global-setup.ts, or by scripts/test.js for `npm test`). After the
// run, every text file left under the root, except under badInputDir folders, is
// scanned for NaN / Infinity / inf tokens (tests/helpers/scan-outputs.ts): one
// fails the run, naming the file and line. So do not delete what a tool wrote
// (the root goes as a whole after the scan), and use testDir for every output a
// test makes, whether by the CLI, the library or Deno.
import { mkdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";

/** Where bad inputs made on purpose go, under the root; the scan skips it. */
export const BAD_INPUTS = "bad-inputs";
/** The run's own records under the root (skipped groups, the scan's result); not scanned. */
export const RUN_RECORDS = ".run";
/** Skipped groups, one file per test process (requirements.ts). */
export const SKIPS_DIR = `${RUN_RECORDS}/skips`;
/** The skip lines and the scan's result, for scripts/test.js (global-setup.ts). */
export const SUMMARY_FILE = `${RUN_RECORDS}/summary.json`;

/** The run's root folder. */
export function testRoot(): string {
  const root = process.env.MLMAGES_TEST_TMP;
  if (!root) throw new Error("MLMAGES_TEST_TMP is not set: run the tests with `npm test` or `npx vitest run` (vitest.config.ts's globalSetup makes the root)");
  return root;
}

/** A new empty folder under the run's root, named after `label`; scanned for NaN/Infinity after the run. */
export function testDir(label: string): string {
  return mkdtempSync(join(testRoot(), `${label}-`));
}

/** A new empty folder for inputs that hold NaN/Infinity on purpose (bad-input tests); never scanned. */
export function badInputDir(label: string): string {
  const parent = join(testRoot(), BAD_INPUTS);
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, `${label}-`));
}
