// What a test group needs from outside the repository, and the one way to skip
// a group that lacks it:
//
//   import { describeWith, itWith, SHARED, CHROMIUM } from "./helpers/requirements.js";
//   describeWith(SHARED)("shrink against the published outputs", () => { ... });
//   describeWith(SHARED).each([1, 2, 3])("trait T%i", (t) => { ... });
//   itWith(CHROMIUM)("renders in chromium", async () => { ... });
//
// A group's body runs at collection even when it is skipped: read ../shared only
// inside its tests and hooks (beforeAll), never in the body or at module top level.
// Without the requirement the group is skipped and recorded; `npm test`
// (scripts/test.js) prints one line per requirement with its reason. With
// MLMAGES_REQUIRE_ALL=1 (set by .ci/run) a missing requirement is a failed test
// instead, so CI runs everything.
import { appendFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { CHROMIUM_PATH } from "./chromium-path.js";
import { SHARED_DIR } from "./shared.js";
import { SKIPS_DIR, testRoot } from "./tmp.js";

export interface Requirement {
  /** What the skipped tests are, e.g. "reference comparisons". */
  what: string;
  /** What they need, e.g. "../shared". */
  needs: string;
  /** Whether it is there. */
  present: boolean;
  /** Why they are skipped and how to run them. */
  reason: string;
}

export const SHARED: Requirement = {
  what: "reference comparisons",
  needs: "../shared",
  present: existsSync(SHARED_DIR),
  reason: `../shared not found (${SHARED_DIR.replace(/\/$/, "")}); they compare with the published implementation`,
};

export const CHROMIUM: Requirement = {
  what: "browser tests",
  needs: "Chromium",
  present: existsSync(CHROMIUM_PATH),
  reason: `no Chromium at ${CHROMIUM_PATH}; to run them: apt-get install chromium (or set CHROMIUM=/path/to/chromium)`,
};

/** Set by .ci/run: a missing requirement fails instead of skipping. */
const REQUIRE_ALL = process.env.MLMAGES_REQUIRE_ALL === "1";

function missing(reqs: Requirement[]): Requirement[] {
  return reqs.filter((r) => !r.present);
}

/** Records a skipped group (one line: what, reason, title). */
function record(reqs: Requirement[], title: string): void {
  const dir = join(testRoot(), SKIPS_DIR);
  mkdirSync(dir, { recursive: true });
  for (const r of reqs) appendFileSync(join(dir, `${process.pid}.tsv`), `${r.what}\t${r.reason}\t${title}\n`);
}

/** A test that fails in place of a group whose requirement is missing under MLMAGES_REQUIRE_ALL=1. */
function failInstead(reqs: Requirement[], title: string): void {
  it(`${title}: needs ${reqs.map((r) => r.needs).join(" and ")}`, () => {
    throw new Error(`MLMAGES_REQUIRE_ALL=1 but ${reqs.map((r) => r.reason).join("; ")}`);
  });
}

type Suite = typeof describe | typeof it;

function guarded<T extends Suite>(run: T, reqs: Requirement[]): T {
  const lacking = missing(reqs);
  if (!lacking.length) return run;
  const skip = run.skip as unknown as ((...a: unknown[]) => unknown) & { each: (t: unknown) => (...a: unknown[]) => unknown };
  const note = (title: string) => (REQUIRE_ALL ? failInstead(lacking, title) : record(lacking, title));
  const fn = (title: string, ...args: unknown[]) => {
    note(title);
    return skip(title, ...args);
  };
  fn.each = (table: unknown) => (title: string, ...args: unknown[]) => {
    note(title);
    return skip.each(table)(title, ...args);
  };
  return fn as unknown as T;
}

/** `describe`, or `describe.skip` recorded with its reason when a requirement is missing. */
export function describeWith(...reqs: Requirement[]): typeof describe {
  return guarded(describe, reqs);
}

/** `it`, or `it.skip` recorded with its reason when a requirement is missing. */
export function itWith(...reqs: Requirement[]): typeof it {
  return guarded(it, reqs);
}

/** Whether an executable of this name is on the PATH. */
function onPath(name: string): boolean {
  return (process.env.PATH ?? "").split(":").some((d) => d !== "" && existsSync(join(d, name)));
}

export const SNAKEMAKE: Requirement = {
  what: "workflow tests",
  needs: "snakemake",
  present: onPath("snakemake"),
  reason: "no snakemake on the PATH; to run them: apt-get install snakemake",
};
