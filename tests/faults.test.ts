// Faults: `mlmages run` killed with SIGKILL at random moments, a second run
// into a folder holding a complete run, two runs into one folder at once, a
// SIGINT, and a full disk. After each, every output file is either absent or
// byte-identical to a complete run's (run.json aside for its times), and a
// folder never mixes two runs. The runs use the bundled example with 3
// clustering restarts (about a second each).
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDir } from "./helpers/tmp.js";
import { packagePath } from "../src/node/package-root.js";
import { RunFolder } from "../src/node/run-folder.js";
import { removeTrackedTempsSync } from "../src/node/temp-files.js";

const cli = packagePath("bin", "mlmages.js");
const root = testDir("faults");

const ex = join(root, "ex");
/** Run A: the example's three traits. Run B: two of them, another seed. Both into `--out out` from their folder. */
const argsA = () => ["run", "--quiet", "--restarts", "3", "--gwas", ...[1, 2, 3].map((t) => `T${t}=${ex}/gwas_T${t}.tsv`), "--ld", `${ex}/ld_blocks.txt`, "--genes", `${ex}/genes.tsv`, "--out", "out"];
const argsB = () => ["run", "--quiet", "--restarts", "3", "--seed", "7", "--gwas", `T1=${ex}/gwas_T1.tsv`, `T2=${ex}/gwas_T2.tsv`, "--ld", `${ex}/ld_blocks.txt`, "--genes", `${ex}/genes.tsv`, "--out", "out"];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
}

/** Runs the CLI in `cwd`; `kill` sends a signal after a delay or when stderr shows a text. */
function cliRun(args: string[], cwd: string, kill?: { signal: NodeJS.Signals; afterMs?: number; onText?: string }): Promise<Exit> {
  const t0 = performance.now();
  const child = spawn("node", [cli, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  let sent = false;
  const send = () => {
    if (!sent && child.exitCode === null) child.kill(kill!.signal);
    sent = true;
  };
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
    if (kill?.onText && stderr.includes(kill.onText)) send();
  });
  const timer = kill?.afterMs !== undefined ? setTimeout(send, kill.afterMs) : undefined;
  return new Promise((resolve) =>
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, ms: performance.now() - t0 });
    }),
  );
}

/** Every file under `dir` by relative path; run.json without its times. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, rel);
    if (!statSync(path).isFile()) continue;
    let text = readFileSync(path, "latin1");
    if (rel === "run.json") {
      const r = JSON.parse(text);
      text = JSON.stringify({ ...r, seconds: 0, steps: r.steps.map((s: { step: string }) => s.step) });
    }
    files.set(rel, text);
  }
  return files;
}

/** Which complete run `dir` holds ("A" or "B"), failing when a file differs or is missing. */
function whichRun(dir: string, refs: Record<string, Map<string, string>>, context: string): string {
  const got = snapshot(dir);
  for (const [name, ref] of Object.entries(refs)) {
    if (got.size === ref.size && [...ref].every(([rel, text]) => got.get(rel) === text)) return name;
  }
  const names = [...got.keys()].sort().join(", ");
  throw new Error(`${context}: ${dir} holds neither complete run: ${names}`);
}

/** What a killed run may leave beside `out`: only its own temporaries and lock (removed by the next run). */
function leftovers(parent: string): string[] {
  return readdirSync(parent).filter((e) => e !== "out");
}

let refs: Record<string, Map<string, string>>;
let runMs = 0;

beforeAll(async () => {
  expect((await cliRun(["example", "--quiet", "--out", ex], root)).code).toBe(0);
  refs = {};
  for (const [name, args] of [["A", argsA()], ["B", argsB()]] as const) {
    const dir = join(root, `ref${name}`);
    mkdirSync(dir);
    const res = await cliRun(args, dir);
    expect(res.code, res.stderr).toBe(0);
    refs[name] = snapshot(join(dir, "out"));
    if (name === "A") runMs = res.ms;
  }
  expect(refs.A.has("shrinkage/shrink_T3.tsv") && !refs.B.has("shrinkage/shrink_T3.tsv")).toBe(true);
}, 180_000);

describe("faults", () => {
  it("a run killed with SIGKILL at 20 moments spread over its duration leaves every output file absent or complete", async () => {
    const dir = join(root, "kill");
    mkdirSync(dir);
    const out = join(dir, "out");
    for (let i = 0; i < 20; i++) {
      // one moment in each twentieth of a run's duration (plus a little, past its end)
      const at = Math.round((runMs * 1.1 * (i + Math.random())) / 20);
      rmSync(out, { recursive: true, force: true });
      const res = await cliRun(argsA(), dir, { signal: "SIGKILL", afterMs: at });
      const context = `kill ${i + 1} at ${at} ms (a run takes ${Math.round(runMs)} ms; ${res.signal ?? `exit ${res.code}`})`;
      if (existsSync(out)) expect(whichRun(out, refs, context), context).toBe("A");
      // temporaries of killed runs never pile up: the next run removes them (at most a run's
      // temporary folder, old folder, lock and lock temporary, with the previous one's folder)
      expect(leftovers(dir).length, `${context}: ${leftovers(dir).join(", ")}`).toBeLessThanOrEqual(4);
    }
    const res = await cliRun(argsA(), dir);
    expect(res.code, res.stderr).toBe(0);
    expect(whichRun(out, refs, "after the kills")).toBe("A");
    expect(leftovers(dir)).toEqual([]);
  }, 240_000);

  it("a second run into a folder holding a complete run, killed at 20 moments, leaves one complete run, never a mix", async () => {
    const dir = join(root, "second");
    mkdirSync(dir);
    const out = join(dir, "out");
    cpSync(join(root, "refA", "out"), out, { recursive: true });
    let holds = "A";
    for (let i = 0; i < 20; i++) {
      // the other run (3 traits over 2, or 2 over 3): B's folder must not keep A's T3 files
      const next = holds === "A" ? "B" : "A";
      const at = Math.round((runMs * 1.1 * (i + Math.random())) / 20);
      const res = await cliRun(next === "A" ? argsA() : argsB(), dir, { signal: "SIGKILL", afterMs: at });
      const context = `run ${next} into ${holds}'s folder, killed at ${at} ms (${res.signal ?? `exit ${res.code}`})`;
      if (!existsSync(out)) {
        // killed between the two renames of the swap: the next run into the folder puts the complete one back
        await RunFolder.open(out, []);
        removeTrackedTempsSync();
      }
      const now = whichRun(out, refs, context);
      expect([holds, next], context).toContain(now);
      holds = now;
      expect(leftovers(dir).length, `${context}: ${leftovers(dir).join(", ")}`).toBeLessThanOrEqual(4);
    }
    const next = holds === "A" ? "B" : "A";
    const res = await cliRun(next === "A" ? argsA() : argsB(), dir);
    expect(res.code, res.stderr).toBe(0);
    expect(whichRun(out, refs, "after the kills")).toBe(next);
    expect(leftovers(dir)).toEqual([]);
  }, 240_000);

  it("a replacement killed between its two renames is finished by the next run; an old folder alone is never put back", async () => {
    const dir = join(root, "recover");
    mkdirSync(dir);
    const dead = spawnSync("true").pid!;
    // killed after renaming the previous run (B) aside, before renaming the complete new one (A) in
    cpSync(join(root, "refB", "out"), join(dir, `.out.mlmages-old-${dead}-k1`), { recursive: true });
    cpSync(join(root, "refA", "out"), join(dir, `.out.mlmages-tmp-${dead}-k1`), { recursive: true });
    await RunFolder.open(join(dir, "out"), []);
    removeTrackedTempsSync();
    expect(whichRun(join(dir, "out"), refs, "recovered")).toBe("A");
    expect(leftovers(dir)).toEqual([]);
    // what remains of a finished replacement (the old folder, half removed) when the user has deleted --out
    rmSync(join(dir, "out"), { recursive: true });
    cpSync(join(root, "refB", "out", "shrinkage"), join(dir, `.out.mlmages-old-${dead}-k2`, "shrinkage"), { recursive: true });
    await RunFolder.open(join(dir, "out"), []);
    removeTrackedTempsSync();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("two runs started at once into one folder: one writes it, the other refuses; never a mix", async () => {
    for (let i = 0; i < 2; i++) {
      const dir = join(root, `concurrent${i}`);
      mkdirSync(dir);
      const [a, b] = await Promise.all([cliRun(argsA(), dir), cliRun(argsB(), dir)]);
      const ok = [a, b].filter((r) => r.code === 0);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      for (const r of [a, b].filter((r) => r.code !== 0)) expect(r.stderr).toMatch(/^mlmages: error: out: another mlmages run \(process \d+\) is writing this folder; .*\n$/);
      const now = whichRun(join(dir, "out"), refs, `concurrent runs ${i + 1}`);
      // the folder holds the run that finished last among those that succeeded
      expect(ok.length === 2 || now === (a.code === 0 ? "A" : "B")).toBe(true);
      expect(leftovers(dir)).toEqual([]);
    }
  }, 120_000);

  it("SIGINT stops a run with one line and exit code 130, leaving no output (and a previous run's folder intact)", async () => {
    const dir = join(root, "sigint");
    mkdirSync(dir);
    const fresh = await cliRun(argsA().filter((a) => a !== "--quiet"), dir, { signal: "SIGINT", onText: "cluster T1\n" });
    expect(fresh.code).toBe(130);
    expect(fresh.stderr.trimEnd().split("\n").pop()).toBe("mlmages: interrupted (SIGINT); stopped without leaving a partial output");
    expect(fresh.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual([]);
    cpSync(join(root, "refB", "out"), join(dir, "out"), { recursive: true });
    const second = await cliRun(argsA().filter((a) => a !== "--quiet"), dir, { signal: "SIGINT", onText: "gene level T1-T2\n" });
    expect(second.code).toBe(130);
    expect(whichRun(join(dir, "out"), refs, "after SIGINT")).toBe("B");
    expect(leftovers(dir)).toEqual([]);
  }, 60_000);
});

describe("a full disk (a 200 kB tmpfs)", () => {
  const mnt = join(root, "tmpfs");
  let mounted = false;
  let why = "";
  beforeAll(() => {
    mkdirSync(mnt);
    const res = spawnSync("mount", ["-t", "tmpfs", "-o", "size=200k", "tmpfs", mnt], { encoding: "utf8" });
    mounted = res.status === 0;
    why = res.error?.message ?? res.stderr.trim();
  });
  afterAll(() => {
    if (mounted) spawnSync("umount", [mnt]);
  });

  it("run: a one-line error naming the file, and nothing left on the disk", async (ctx) => {
    if (!mounted) ctx.skip(`mounting a tmpfs is not permitted here (${why})`);
    const res = await cliRun([...argsA().slice(0, -1), join(mnt, "out")], root);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(new RegExp(`^mlmages: error: ${mnt}/out/[^ ]+: no space left on the device: free some space or write elsewhere \\(ENOSPC\\)\\n$`));
    expect(readdirSync(mnt)).toEqual([]);
  });

  it("single-file commands: no partial file, each file written whole or not at all", async (ctx) => {
    if (!mounted) ctx.skip(`mounting a tmpfs is not permitted here (${why})`);
    // example writes ~230 kB: the files that fit are complete, the one that did not is absent
    const res = await cliRun(["example", "--quiet", "--out", join(mnt, "ex")], root);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(new RegExp(`^mlmages: error: ${mnt}/ex/[^ ]+: no space left on the device.*\\(ENOSPC\\)\\n$`));
    const left = snapshot(join(mnt, "ex"));
    for (const [rel, text] of left) expect(text, rel).toBe(readFileSync(join(ex, rel), "latin1"));
    expect(left.size).toBeLessThan(snapshot(ex).size);
    expect(readdirSync(join(mnt, "ex"), { recursive: true }).filter((e) => String(e).includes("mlmages-tmp"))).toEqual([]);
    rmSync(join(mnt, "ex"), { recursive: true });
    // a 129 kB model file into the ~60 kB left
    writeFileSync(join(mnt, "filler"), new Uint8Array(140 * 1024));
    const convert = await cliRun(["convert-model", packagePath("models", "default", "default.mlm"), "--out", join(mnt, "m.mlm")], root);
    expect(convert.code).toBe(1);
    expect(convert.stderr).toBe(`mlmages: error: ${mnt}/m.mlm: no space left on the device: free some space or write elsewhere (ENOSPC)\n`);
    expect(readdirSync(mnt)).toEqual(["filler"]);
  });
});
