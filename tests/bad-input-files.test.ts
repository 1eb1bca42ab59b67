// Bad files and names given to the CLI (issue 15's list, items 1, 7, 10, 12,
// 14, 16, 20, 24, 26): each gets a one-line error naming the path or the
// mismatch, a non-zero exit, and leaves no output file behind.
import { execFile, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badInputDir } from "./helpers/tmp.js";
import { InputError } from "../src/core/errors.js";
import { checkTraitName } from "../src/core/trait-name.js";
import { jointSets, jointSetName } from "../src/core/pipeline.js";
import { main } from "../src/cli/main.js";
import { fileError } from "../src/node/fs-errors.js";
import { packagePath } from "../src/node/package-root.js";

const cli_ = packagePath("bin", "mlmages.js");
const root = badInputDir("bad-files");
const ex = join(root, "ex");

interface Result {
  code: number;
  stderr: string;
}

/** Runs the CLI in this process (fast: no Node start), capturing what it prints on stderr. */
async function cli(args: string[]): Promise<Result> {
  let stderr = "";
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof write;
  try {
    return { code: await main(args), stderr };
  } finally {
    process.stderr.write = write;
  }
}

/** Runs the CLI as a process in `cwd`, with a time limit: a hang fails the test. */
function cliProcess(args: string[], cwd: string): Promise<Result> {
  return new Promise((resolve) =>
    execFile("node", [cli_, ...args], { cwd, timeout: 20_000 }, (err, _stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stderr });
    }),
  );
}

/** A one-line error message, as the CLI prints it. */
function oneLine(r: Result): string {
  expect(r.stderr.endsWith("\n") && r.stderr.indexOf("\n") === r.stderr.length - 1, r.stderr).toBe(true);
  return r.stderr;
}

const runArgs = (gwas: string[], out: string) => ["run", "--quiet", "--restarts", "2", "--gwas", ...gwas, "--ld", `${ex}/ld_blocks.txt`, "--out", out];

beforeAll(async () => {
  expect((await cli(["example", "--quiet", "--out", ex])).code).toBe(0);
}, 120_000);

describe("trait names (items 1, 24, 26)", () => {
  it("a name that leaves the output folder, or holds a TAB, is refused before anything is written", async () => {
    const dir = join(root, "names");
    mkdirSync(dir);
    for (const name of ["../../../X", "a\tb", ".hidden", "a/b"]) {
      const r = await cli(runArgs([`${name}=${ex}/gwas_T1.tsv`], join(dir, "out")));
      expect(r.code).toBe(1);
      expect(oneLine(r)).toBe(`mlmages: error: ${ex}/gwas_T1.tsv: trait name ${JSON.stringify(name)} has a character outside the allowed set: use 1 to 64 letters, digits, '.' and '_', not starting with '.' ('-' joins the names of traits clustered together, as in T1-T2)\n`);
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(root, "..", "X"))).toBe(false);
  });

  it("A, B and A-B: '-' is refused, so joint set names never collide", async () => {
    const r = await cli(runArgs([`A=${ex}/gwas_T1.tsv`, `B=${ex}/gwas_T2.tsv`, `A-B=${ex}/gwas_T3.tsv`], join(root, "ab")));
    expect(r.code).toBe(1);
    expect(oneLine(r)).toContain(`${ex}/gwas_T3.tsv: trait name "A-B" has a character outside the allowed set`);
    expect(existsSync(join(root, "ab"))).toBe(false);
    // with names that pass the check, every joint set has its own name
    const names = ["A", "B", "A_B", "A.B"];
    for (const n of names) expect(() => checkTraitName(n, "f")).not.toThrow();
    const labels = [...names, ...jointSets(names).map(jointSetName)];
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("a name of 300 characters is refused by its length, not by the file system (ENAMETOOLONG)", async () => {
    const name = "x".repeat(300);
    const r = await cli(runArgs([`${name}=${ex}/gwas_T1.tsv`], join(root, "long")));
    expect(r.code).toBe(1);
    expect(oneLine(r)).toContain(`trait name "${"x".repeat(80)}..." is 300 characters long: use 1 to 64 letters`);
    expect(() => checkTraitName("x".repeat(64), "f")).not.toThrow();
    expect(() => checkTraitName("x".repeat(65), "f")).toThrow(InputError);
  });
});

describe("input files that are not regular files (items 10, 12)", () => {
  it("a folder given as a GWAS file: the path and 'is a folder'", async () => {
    const r = await cli(["shrink", "--gwas", ex, "--ld", `${ex}/ld_blocks.txt`, "--out", join(root, "s.tsv")]);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toBe(`mlmages: error: ${ex}: is a folder, not a file (EISDIR)\n`);
    expect(existsSync(join(root, "s.tsv"))).toBe(false);
  });

  it("a FIFO given as a GWAS file is refused at once, without waiting for a writer", async () => {
    const fifo = join(root, "gwas.fifo");
    const made = spawnSync("mkfifo", [fifo]);
    expect(made.status).toBe(0);
    const t0 = performance.now();
    const r = await cli(["shrink", "--gwas", fifo, "--ld", `${ex}/ld_blocks.txt`, "--out", join(root, "s.tsv")]);
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toBe(`mlmages: error: ${fifo}: is not a regular file (a FIFO, socket or device); give the file itself (gzipped files are read as they are)\n`);
    rmSync(fifo);
  });

  it("a missing file and a too-long file name each name the path", async () => {
    const missing = join(root, "missing.tsv");
    const r = await cli(["shrink", "--gwas", missing, "--ld", `${ex}/ld_blocks.txt`, "--out", join(root, "s.tsv")]);
    expect(oneLine(r)).toBe(`mlmages: error: ${missing}: no such file or folder (ENOENT)\n`);
    const long = join(root, "y".repeat(300));
    const r2 = await cli(["shrink", "--gwas", long, "--ld", `${ex}/ld_blocks.txt`, "--out", join(root, "s.tsv")]);
    expect(oneLine(r2)).toBe(`mlmages: error: ${long}: the file name is too long (ENAMETOOLONG)\n`);
  });

  it("the file system's error codes become one line naming the path (EACCES cannot be made as root: the mapping itself)", () => {
    const fake = (code: string) => Object.assign(new Error(`${code}: something, open '/x/y'`), { code, path: "/x/y" });
    expect((fileError(fake("EACCES")) as Error).message).toBe("/x/y: permission denied (EACCES)");
    expect((fileError(fake("ENOSPC"), "/out/z.tsv") as Error).message).toBe("/out/z.tsv: no space left on the device: free some space or write elsewhere (ENOSPC)");
    expect((fileError(fake("EISDIR")) as Error).message).toBe("/x/y: is a folder, not a file (EISDIR)");
    expect(fileError(fake("EWHATEVER"))).toBeInstanceOf(InputError);
    const plain = new Error("not a file error");
    expect(fileError(plain)).toBe(plain);
  });
});

describe("--out (items 16, 26)", () => {
  it("--out= (empty) is refused; nothing is written into the current folder", async () => {
    const dir = join(root, "empty-out");
    mkdirSync(dir);
    for (const args of [runArgs([`${ex}/gwas_T1.tsv`], ""), ["shrink", "--gwas", `${ex}/gwas_T1.tsv`, "--ld", `${ex}/ld_blocks.txt`, "--out="], ["example", "--out="]]) {
      const r = await cliProcess(args, dir);
      expect(r.code).toBe(2);
      expect(oneLine(r)).toMatch(/^mlmages: error: --out is empty: give the name of the file or folder to write \(see mlmages \w+ --help\)\n$/);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("--out equal to an input file is refused and the input is unchanged", async () => {
    const gwas = join(root, "input.tsv");
    cpSync(`${ex}/gwas_T1.tsv`, gwas);
    const before = readFileSync(gwas, "utf8");
    const r = await cli(["shrink", "--gwas", gwas, "--ld", `${ex}/ld_blocks.txt`, "--out", gwas]);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe(`mlmages: error: --out ${gwas} is also an input (${gwas}); give another file name, an input is never overwritten (see mlmages shrink --help)\n`);
    const r2 = await cli(runArgs([gwas], gwas));
    expect(r2.code).toBe(1);
    expect(oneLine(r2)).toBe(`mlmages: error: ${gwas}: is a file, not a folder; give a folder as --out\n`);
    expect(readFileSync(gwas, "utf8")).toBe(before);
  });

  it("a command writing into a folder never replaces an input there (blocks --ld DIR/block_0.ld --out DIR)", async () => {
    const dir = join(root, "blocks-in-place");
    mkdirSync(dir);
    const n = 8;
    const rows = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : Math.floor(i / 4) === Math.floor(j / 4) ? 0.5 : 0)).join(" "));
    const ld = join(dir, "block_0.ld");
    writeFileSync(ld, rows.join("\n") + "\n");
    const r = await cli(["blocks", "--quiet", "--ld", ld, "--avg-block-size", "4", "--out", dir]);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toBe(`mlmages: error: ${ld}: is the input ${ld}; an input is never overwritten: write elsewhere\n`);
    expect(readFileSync(ld, "utf8")).toBe(rows.join("\n") + "\n");
  });

  it("shrink --out naming a folder says so (not EISDIR ... rename)", async () => {
    const r = await cli(["shrink", "--gwas", `${ex}/gwas_T1.tsv`, "--ld", `${ex}/ld_blocks.txt`, "--out", ex]);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toBe(`mlmages: error: --out ${ex} is a folder: give the name of the file to write (see mlmages shrink --help)\n`);
  });

  it("run --out naming a folder of other files is refused rather than replaced", async () => {
    const r = await cli(runArgs([`${ex}/gwas_T1.tsv`], root));
    expect(r.code).toBe(1);
    expect(oneLine(r)).toMatch(new RegExp(`^mlmages: error: ${root}: (the input .* is inside this output folder|holds files that are not a complete mlmages run)`));
    const mine = join(root, "mine");
    mkdirSync(mine);
    writeFileSync(join(mine, "notes.txt"), "keep me");
    const r2 = await cli(runArgs([`${ex}/gwas_T1.tsv`], mine));
    expect(oneLine(r2)).toBe(`mlmages: error: ${mine}: holds files that are not a complete mlmages run (notes.txt); give a new or empty folder as --out (a run replaces a previous run's folder as a whole, and never deletes other files)\n`);
    expect(readdirSync(mine)).toEqual(["notes.txt"]);
  });
});

describe("failed runs leave nothing (items 7, 14)", () => {
  it("a run with two variants fails with a clear error and leaves no shrinkage files", async () => {
    const dir = join(root, "tiny");
    mkdirSync(dir);
    writeFileSync(join(dir, "g.tsv"), readFileSync(`${ex}/gwas_T1.tsv`, "utf8").split("\n").slice(0, 3).join("\n") + "\n");
    writeFileSync(join(dir, "ld.ld"), "1 0.5\n0.5 1\n");
    const r = await cli(["run", "--quiet", "--gwas", join(dir, "g.tsv"), "--ld", join(dir, "ld.ld"), "--out", join(dir, "out")]);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toMatch(/^mlmages: error: .*2 of 2 variants/);
    expect(readdirSync(dir).sort()).toEqual(["g.tsv", "ld.ld"]);
  });

  it("a run that fails on a bad GWAS (Inf) leaves the previous run's folder as it was", async () => {
    const dir = join(root, "inf");
    mkdirSync(dir);
    const out = join(dir, "out");
    expect((await cli(runArgs([`T1=${ex}/gwas_T1.tsv`], out))).code).toBe(0);
    const before = readdirSync(join(dir, "out"), { recursive: true }).sort();
    const shrinkBefore = readFileSync(join(dir, "out/shrinkage/shrink_T1.tsv"), "utf8");
    const lines = readFileSync(`${ex}/gwas_T2.tsv`, "utf8").split("\n");
    lines[4] = lines[4].replace(/\t[^\t]+\t([^\t]+)$/, "\tInf\t$1");
    writeFileSync(join(dir, "bad.tsv"), lines.join("\n"));
    const r = await cli(runArgs([`T1=${ex}/gwas_T1.tsv`, `T2=${join(dir, "bad.tsv")}`], out));
    expect(r.code).toBe(1);
    oneLine(r);
    expect(readdirSync(join(dir, "out"), { recursive: true }).sort()).toEqual(before);
    expect(readFileSync(join(dir, "out/shrinkage/shrink_T1.tsv"), "utf8")).toBe(shrinkBefore);
    expect(readdirSync(dir).sort()).toEqual(["bad.tsv", "out"]);
  });
});

describe("temporaries of killed processes (item 20)", () => {
  it("a file command removes the temporaries that dead processes left in its output folder, and no others", async () => {
    const dir = join(root, "stale");
    mkdirSync(dir);
    // a PID that is surely dead: a process that has exited
    const dead = spawnSync("true").pid!;
    const stale = `.s.tsv.mlmages-tmp-${dead}-abc123`;
    const live = `.s.tsv.mlmages-tmp-${process.pid}-def456`;
    const other = "notes.mlmages-tmp";
    for (const f of [stale, live, other]) writeFileSync(join(dir, f), "partial");
    const r = await cli(["shrink", "--quiet", "--gwas", `${ex}/gwas_T1.tsv`, "--ld", `${ex}/ld_blocks.txt`, "--out", join(dir, "s.tsv")]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([live, other, "s.tsv"].sort());
  });
});
