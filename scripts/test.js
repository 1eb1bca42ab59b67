#!/usr/bin/env node
// `npm test`: the build (skipped when build/ is newer than all its sources, as
// after `npm install`), the AssemblyScript kernel tests (as-pect), the host
// tests (vitest), then what was skipped and why, the time taken, and one
// closing line `tests: N passed, N failed, N skipped`. Exits non-zero on any
// failure. The host tests write only under one root folder made here
// (MLMAGES_TEST_TMP, tests/helpers/tmp.ts); their outputs are scanned for
// NaN/Infinity after the run (tests/helpers/global-setup.ts), which counts as
// one more test. MLMAGES_REQUIRE_ALL=1 (set by .ci/run) turns every skip into
// a failure. Arguments are passed to vitest (e.g. `npm test -- tests/sim.test.ts`).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (name) => join(root, "node_modules", ".bin", name);
const started = Date.now();
function seconds(ms) {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** Runs a command, its output shown as it comes (and kept when `keep`); resolves to its exit code and output. */
function exec(cmd, args, { env = process.env, keep = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: keep ? ["ignore", "pipe", "inherit"] : ["ignore", "inherit", "inherit"] });
    let out = "";
    child.stdout?.on("data", (d) => {
      process.stdout.write(d);
      out += d;
    });
    child.on("error", (e) => {
      console.error(`${cmd}: ${e.message}`);
      resolve({ code: 1, out });
    });
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

const counts = { passed: 0, failed: 0, skipped: 0 };
const times = [];
const notes = [];

async function step(name, run) {
  const t = Date.now();
  await run();
  times.push(`${name} ${seconds(Date.now() - t)}`);
}

function finish() {
  for (const n of notes) console.log(n);
  console.log(`time: ${seconds(Date.now() - started)} (${times.join(", ")})`);
  console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exit(counts.failed > 0 ? 1 : 0);
}

/** Modification times of the files under `rel` (a file or a folder), [] when absent. */
function mtimes(rel) {
  const path = join(root, rel);
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [statSync(path).mtimeMs];
  return readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs);
}

/** Whether every file of build/ is newer than every file it is built from (as after `npm install`). */
function buildUpToDate() {
  const outputs = mtimes("build");
  const inputs = ["assembly", "src", "models", "scripts/build-cli.js", "scripts/build-web.js", "package.json", "asconfig.json", "tsconfig.json"].flatMap(mtimes);
  return outputs.length > 0 && Math.min(...outputs) > Math.max(...inputs);
}

if (process.env.MLMAGES_REQUIRE_ALL === "1") console.log("MLMAGES_REQUIRE_ALL=1: a test group that would be skipped fails instead");

await step("build", async () => {
  if (buildUpToDate()) {
    console.log("build: up to date (build/ is newer than its sources), not rebuilt");
    return;
  }
  const { code } = await exec("npm", ["run", "--silent", "build"]);
  if (code !== 0) {
    counts.failed++;
    notes.push("failed: the build (npm run build); no test was run");
  }
});
if (counts.failed) finish();

await step("kernel tests", async () => {
  const { code, out } = await exec(bin("asp"), ["--summary", "--no-logo"], { keep: true });
  // as-pect's summary: "[Tests]: 38 / 38" (passed / all)
  const m = /\[Tests\]: (?:\x1b\[[0-9;]*m)*(\d+)(?:\x1b\[[0-9;]*m)* \/ (\d+)/.exec(out);
  if (m) {
    counts.passed += Number(m[1]);
    counts.failed += Number(m[2]) - Number(m[1]);
  }
  if (code !== 0 && (!m || m[1] === m[2])) {
    counts.failed++;
    notes.push(`failed: the kernel tests (asp exited with ${code})`);
  }
});

await step("host tests", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "mlmages-test-"));
  const json = join(tmp, ".run", "vitest.json");
  const env = { ...process.env, MLMAGES_TEST_TMP: tmp };
  const { code } = await exec(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${json}`, ...process.argv.slice(2)], { env });
  const failedBefore = counts.failed;
  if (existsSync(json)) {
    const r = JSON.parse(readFileSync(json, "utf8"));
    counts.passed += r.numPassedTests;
    counts.failed += r.numFailedTests;
    counts.skipped += r.numPendingTests + r.numTodoTests;
    // a file that fails to load has no failed test: count it as one
    for (const f of r.testResults) {
      if (f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed")) {
        counts.failed++;
        notes.push(`failed: ${f.name.slice(root.length + 1)}: ${(f.message || "").split("\n")[0]}`);
      }
    }
  }
  const summary = join(tmp, ".run", "summary.json");
  if (existsSync(summary)) {
    const s = JSON.parse(readFileSync(summary, "utf8"));
    notes.unshift(...s.skips);
    if (s.findings.length) {
      counts.failed++;
      notes.push(`failed: NaN/Infinity in ${new Set(s.findings.map((f) => f.file)).size} test output file(s) (listed above)`);
    } else counts.passed++;
  }
  if (code !== 0 && counts.failed === failedBefore) {
    counts.failed++;
    notes.push(`failed: vitest exited with ${code}`);
  }
  if (counts.failed > failedBefore) notes.push(`the host tests' files are kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
});

finish();
