import { defineConfig } from "vitest/config";

// Host tests only: tests/kernels/*.spec.ts are AssemblyScript, run by as-pect.
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 120_000,
  },
});
