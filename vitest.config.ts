import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Host tests only: tests/kernels/*.spec.ts are AssemblyScript, run by as-pect.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One root folder for every file the tests write, scanned for NaN/Infinity after the run (tests/helpers/tmp.ts).
    globalSetup: ["tests/helpers/global-setup.ts"],
    // vitest's default is one worker fewer than the CPUs: one on a 2-core machine, where
    // most test files wait on a child process (the CLI, Deno) half of the time.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
