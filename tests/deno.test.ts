// Deno runs the CLI and the library: shrink, cluster and run on the example
// give the bytes Node gives (times aside), the Deno example runs, and the
// package's exports map sends each runtime to its entry.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { packagePath } from "../src/node/package-root.js";
import { filesUnder } from "./helpers/files.js";
import { testDir } from "./helpers/tmp.js";

const exec = promisify(execFile);
const cli = packagePath("bin", "mlmages.js");
const denoBin = packagePath("node_modules", ".bin", "deno");
/** The permissions docs/deno.md gives for the CLI. */
const DENO_CLI = ["run", "--allow-read", "--allow-write", "--allow-env=MLMAGES_DEBUG"];
const LONG = 300_000;

const dir = testDir("deno");
const ex = join(dir, "ex");
beforeAll(async () => {
  await exec("node", [cli, "example", "--quiet", "--out", ex]);
}, LONG);

async function node(args: string[], cwd = dir): Promise<string> {
  return (await exec("node", args, { cwd })).stdout;
}

async function deno(args: string[], cwd = dir): Promise<string> {
  return (await exec(denoBin, args, { cwd, env: { ...process.env, NO_COLOR: "1" } })).stdout;
}

/** A JSON document without its `seconds` fields (timings), at any depth. */
function withoutSeconds(json: string): unknown {
  return JSON.parse(json, (key, value) => (key === "seconds" ? undefined : value));
}

/** Paths of files whose content differs (JSON compared without timings). */
function differing(a: string, b: string, files: string[]): string[] {
  return files.filter((f) => {
    const x = readFileSync(join(a, f));
    const y = readFileSync(join(b, f));
    if (f.endsWith(".json")) return JSON.stringify(withoutSeconds(x.toString())) !== JSON.stringify(withoutSeconds(y.toString()));
    return !x.equals(y);
  });
}

describe("Deno", () => {
  it(
    "shrink writes the bytes Node writes",
    async () => {
      // Deno on one trait here (`run` below compares the shrinkage of all three); Node's T2 feeds the clustering
      const args = (t: string) => ["shrink", "--quiet", "--gwas", `ex/gwas_${t}.tsv`, "--ld", "ex/ld_blocks.txt"];
      await Promise.all([
        ...["T1", "T2"].map((t) => node([cli, ...args(t), "--out", `node_shrink_${t}.tsv`])),
        deno([...DENO_CLI, cli, ...args("T1"), "--out", "deno_shrink_T1.tsv"]),
      ]);
      expect(readFileSync(join(dir, "deno_shrink_T1.tsv")).equals(readFileSync(join(dir, "node_shrink_T1.tsv")))).toBe(true);
    },
    LONG,
  );

  it(
    "cluster writes the bytes Node writes (restarts on worker threads under Deno)",
    async () => {
      const effects = ["--effects", "node_shrink_T1.tsv", "node_shrink_T2.tsv"];
      await Promise.all([node([cli, "cluster", "--quiet", ...effects, "--out", "node_c"]), deno([...DENO_CLI, cli, "cluster", "--quiet", ...effects, "--threads", "2", "--out", "deno_c"])]);
      expect(readFileSync(join(dir, "deno_c.labels.tsv")).equals(readFileSync(join(dir, "node_c.labels.tsv")))).toBe(true);
      const json = (p: string) => withoutSeconds(readFileSync(join(dir, `${p}.clusters.json`), "utf8"));
      expect(json("deno_c")).toEqual(json("node_c"));
    },
    LONG,
  );

  it(
    "run writes the files Node writes, byte for byte (run.json: times aside)",
    async () => {
      // the same relative paths from twin folders, so run.json records the same command
      const args = ["run", "--quiet", "--gwas", "T1=../ex/gwas_T1.tsv", "T2=../ex/gwas_T2.tsv", "T3=../ex/gwas_T3.tsv", "--ld", "../ex/ld_blocks.txt", "--genes", "../ex/genes.tsv", "--threads", "2", "--out", "out"];
      for (const d of ["node_run", "deno_run"]) mkdirSync(join(dir, d));
      await Promise.all([node([cli, ...args], join(dir, "node_run")), deno([...DENO_CLI, cli, ...args], join(dir, "deno_run"))]);
      const a = join(dir, "node_run", "out");
      const b = join(dir, "deno_run", "out");
      const files = filesUnder(a);
      expect(files).toContain("run.json");
      expect(files).toContain("genes/enrich_T3.tsv");
      expect(filesUnder(b)).toEqual(files);
      expect(differing(a, b, files)).toEqual([]);
    },
    LONG,
  );

  it(
    "runs examples/deno.ts: the library's shrunk effects are the CLI's",
    async () => {
      const out = await deno(["run", "--allow-read", packagePath("examples", "deno.ts"), ex]);
      const lines = out.trim().split("\n");
      expect(lines[0]).toBe("1500 variants in 3 LD blocks");
      const table = readFileSync(join(dir, "node_shrink_T1.tsv"), "utf8").trim().split("\n");
      const col = table[0].split("\t").indexOf("BETA_SHRINK");
      const rows = table.slice(1, 4).map((l) => l.split("\t"));
      expect(lines.slice(1).map((l) => Number(l.split("shrunk ")[1]))).toEqual(rows.map((r) => Number(r[col])));
      expect(lines.slice(1).map((l) => l.split("\t")[0])).toEqual(rows.map((r) => r[2]));
      expect(await node([packagePath("examples", "node.mjs"), ex])).toBe(out);
    },
    LONG,
  );

  it(
    "the exports map resolves mlmages to the Node entry in Node and the Deno entry in Deno",
    async () => {
      const names = "readGwas readLd shrink cluster geneTest geneLevel splitBlocks runPipeline".split(" ");
      const probe = `const m = await import("mlmages"); console.log(import.meta.resolve("mlmages")); console.log(${JSON.stringify(names)}.filter((k) => typeof m[k] !== "function").join(",") || "all")`;
      const root = packagePath();
      const inNode = (await node(["--input-type=module", "-e", probe], root)).trim().split("\n");
      const inDeno = (await deno(["eval", probe], root)).trim().split("\n");
      expect(inNode).toEqual([pathToFileURL(packagePath("build", "js", "node", "index.js")).href, "all"]);
      expect(inDeno).toEqual([pathToFileURL(packagePath("build", "js", "deno", "index.js")).href, "all"]);
    },
    LONG,
  );
});
