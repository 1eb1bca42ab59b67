import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/** Browser tests that time the page's main thread: run alone, after the rest, so that other test files do not slow the page. */
const ALONE = ["tests/web.test.ts", "tests/report-browser.test.ts"];

// Host tests only: tests/kernels/*.spec.ts are AssemblyScript, run by as-pect.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // One root folder for every file the tests write, scanned for NaN/Infinity after the run (tests/helpers/tmp.ts).
    globalSetup: ["tests/helpers/global-setup.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "host",
          include: ["tests/**/*.test.ts"],
          exclude: ALONE,
          // vitest's default is one worker fewer than the CPUs: one on a 2-core machine, where
          // most test files wait on a child process (the CLI, Deno) much of the time.
          maxWorkers: Math.max(2, availableParallelism()),
        },
      },
      { extends: true, test: { name: "browser", include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
