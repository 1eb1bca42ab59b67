// Every numeric option of every command has a stated range, in --help and
// enforced by parseOptions; unknown options and stray arguments are refused.
// The CLI cases run the built command line: exit code 2, one line naming the
// option (and its range), and no output written.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testDir } from "./helpers/tmp.js";
import { inRange, parseOptions, range, UsageError, type NumberRange, type OptionSpec } from "../src/cli/args.js";
import type { Command } from "../src/cli/command.js";
import { packagePath } from "../src/node/package-root.js";

const NAMES = ["run", "shrink", "convert-model", "simulate", "example", "train", "evaluate", "enrich", "cluster", "blocks", "genes", "prepare", "merge", "report"];
const commands: Command[] = await Promise.all(NAMES.map(async (n) => (await import(`../src/cli/commands/${n}.ts`)).command as Command));

type NumberSpec = Extract<OptionSpec, { type: "number" }>;
const numeric: [string, string, NumberSpec, Command][] = commands.flatMap((c) =>
  Object.entries(c.options)
    .filter((e): e is [string, NumberSpec] => e[1].type === "number")
    .map(([name, s]) => [c.name, name, s, c] as [string, string, NumberSpec, Command]),
);

/** The help text of one option: from its line to the next option's. */
function helpOf(help: string, name: string): string {
  const lines = help.split("\n");
  const at = lines.findIndex((l) => new RegExp(`^\\s+--${name}(\\s|$)`).test(l));
  if (at < 0) return "";
  const end = lines.findIndex((l, i) => i > at && /^\s+(--|-h)/.test(l));
  return lines.slice(at, end < 0 ? undefined : end).join(" ").replace(/\s+/g, " ");
}

/** A value just outside each end of the range (or the excluded end itself). */
function outside(r: NumberRange): number[] {
  const step = r.integer ? 1 : Math.max(1e-9, (r.max - r.min) * 1e-6);
  return [r.aboveMin ? r.min : r.min - step, r.belowMax ? r.max : r.max + step];
}

describe("every numeric option", () => {
  it("is found on 11 commands, 40 or more options in all", () => {
    expect(commands.map((c) => c.name)).toEqual(NAMES);
    expect(numeric.length).toBeGreaterThanOrEqual(40);
  });

  it.each(numeric.map(([c, n, s]) => [c, n, s] as const))("%s --%s has a finite range that --help states", (_c, name, s) => {
    const command = commands.find((c) => c.name === _c)!;
    expect(Number.isFinite(s.min) && Number.isFinite(s.max) && s.min < s.max).toBe(true);
    if (s.default !== undefined) expect(inRange(s.default, s)).toBe(true);
    expect(helpOf(command.help, name)).toContain(range(s));
  });

  it.each(numeric.map(([c, n, s]) => [c, n, s] as const))("%s --%s refuses values outside its range, naming the option and the range", (_c, name, s) => {
    const spec = { [name]: s };
    for (const v of outside(s)) {
      expect(() => parseOptions([`--${name}`, String(v)], spec)).toThrow(new UsageError(`--${name} must be ${s.integer ? "a whole number" : "a number"} in ${range(s)}, not '${v}'`));
    }
    for (const bad of ["NaN", "Infinity", "1e400", "ten", ""]) expect(() => parseOptions([`--${name}=${bad}`], spec)).toThrow(UsageError);
    expect(parseOptions([`--${name}`, String(s.aboveMin ? (s.min + s.max) / 2 : s.min)], spec).values[name]).toBeTypeOf("number");
  });
});

describe("parseOptions", () => {
  const spec = { out: { type: "string" }, ld: { type: "string", multiple: true }, s: { type: "number", min: -5, max: 5 }, quiet: { type: "boolean" } } as const;

  it("refuses an unknown short option, also where a value could be", () => {
    expect(() => parseOptions(["-x"], spec)).toThrow(new UsageError("unknown option -x"));
    expect(() => parseOptions(["--ld", "a.ld", "-x"], spec)).toThrow(new UsageError("unknown option -x"));
    expect(() => parseOptions(["--out", "-q"], spec)).toThrow(new UsageError("--out needs a value"));
  });

  it("refuses a stray argument unless the command takes bare arguments", () => {
    expect(() => parseOptions(["--out", "o", "stray"], spec)).toThrow(new UsageError("unexpected argument 'stray' (every value follows its option, e.g. --out DIR)"));
    expect(parseOptions(["a.model", "--out", "o", "b.model"], spec, { positionals: true }).positionals).toEqual(["a.model", "b.model"]);
  });

  it("still takes negative numbers and '-' as values", () => {
    expect(parseOptions(["--s", "-0.25"], spec).values.s).toBe(-0.25);
    expect(parseOptions(["--out", "-"], spec).values.out).toBe("-");
  });

  it("states ranges as a..b for whole numbers and as intervals otherwise", () => {
    expect(range({ min: 1, max: 1000, integer: true })).toBe("1..1000");
    expect(range({ min: 0, max: 1, aboveMin: true, belowMax: true })).toBe("(0, 1)");
    expect(range({ min: 0, max: 1e6, aboveMin: true })).toBe("(0, 1000000]");
    expect(range({ min: 0, max: 2 ** 53 - 1, integer: true })).toBe("0..9.007199254740991e15");
  });
});

describe("the command line refuses bad options at once", () => {
  const cli = packagePath("bin", "mlmages.js");
  const dir = testDir("options");

  // each case: the arguments and the one line expected on stderr; nothing is read, so no input file need exist
  const cases: [string, string[], string][] = [
    ["run --restarts 1e9", ["run", "--gwas", "g.tsv", "--ld", "l.ld", "--restarts", "1e9"], "--restarts must be a whole number in 1..1000, not '1e9' (see mlmages run --help)"],
    ["run --k 1e9", ["run", "--gwas", "g.tsv", "--ld", "l.ld", "--k", "1e9"], "--k must be a whole number in 2..100, not '1e9' (see mlmages run --help)"],
    ["run --gene-window 1e12", ["run", "--gwas", "g.tsv", "--ld", "l.ld", "--gene-window", "1e12"], "--gene-window must be a number in [0, 10000], not '1e12' (see mlmages run --help)"],
    ["run --threads 0", ["run", "--gwas", "g.tsv", "--ld", "l.ld", "--threads", "0"], "--threads must be a whole number in 1..64, not '0' (see mlmages run --help)"],
    ["run -x", ["run", "--gwas", "g.tsv", "--ld", "l.ld", "-x"], "unknown option -x (see mlmages run --help)"],
    ["run with a stray argument", ["run", "--gwas", "g.tsv", "--out", "o", "stray"], "unexpected argument 'stray' (every value follows its option, e.g. --out DIR) (see mlmages run --help)"],
    ["cluster --k 1e9", ["cluster", "--effects", "e.txt", "--k", "1e9"], "--k must be a whole number in 1..100, not '1e9' (see mlmages cluster --help)"],
    ["cluster --restarts 0", ["cluster", "--effects", "e.txt", "--restarts", "0"], "--restarts must be a whole number in 1..1000, not '0' (see mlmages cluster --help)"],
    ["simulate --h2 2", ["simulate", "--h2", "2"], "--h2 must be a number in [0, 1], not '2' (see mlmages simulate --help)"],
    ["simulate --traits 1e9", ["simulate", "--traits", "1e9"], "--traits must be a whole number in 1..100, not '1e9' (see mlmages simulate --help)"],
    ["simulate --blocks 1e12", ["simulate", "--blocks", "1e12"], "--blocks must be a whole number in 1..1000, not '1e12' (see mlmages simulate --help)"],
    ["simulate --block-size 1e9", ["simulate", "--block-size", "1e9"], "--block-size must be a whole number in 2..5000, not '1e9' (see mlmages simulate --help)"],
    ["simulate too much LD in all", ["simulate", "--blocks", "100", "--block-size", "5000"], "--blocks 100 of --block-size 5000 make 2.50e+9 LD values; at most 5e+7 (fewer or smaller blocks) (see mlmages simulate --help)"],
    ["enrich --epsilon 0", ["enrich", "--effects", "e.txt", "--ld", "l.ld", "--genes", "g.tsv", "--epsilon", "0"], "--epsilon must be a number in (0, 1000000], not '0' (see mlmages enrich --help)"],
    ["enrich --epsilon -1", ["enrich", "--effects", "e.txt", "--ld", "l.ld", "--genes", "g.tsv", "--epsilon", "-1"], "--epsilon must be a number in (0, 1000000], not '-1' (see mlmages enrich --help)"],
    ["blocks --avg-block-size 1e9", ["blocks", "--ld", "l.ld", "--avg-block-size", "1e9"], "--avg-block-size must be a whole number in 2..10000, not '1e9' (see mlmages blocks --help)"],
    ["train --val-fraction 1", ["train", "--sim", "s", "--val-fraction", "1"], "--val-fraction must be a number in (0, 1), not '1' (see mlmages train --help)"],
    ["convert-model -x", ["convert-model", "a.model", "-x"], "unknown option -x (see mlmages convert-model --help)"],
  ];

  it.each(cases)("%s: exit 2, one line, no output", (_what, args, message) => {
    const out = join(dir, _what.replace(/[^a-z0-9]+/gi, "_"));
    const r = spawnSync("node", [cli, ...args, "--out", out], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`mlmages: error: ${message}\n`);
    expect(r.stdout).toBe("");
    expect(existsSync(out)).toBe(false);
  });

  it("left nothing in the folder", () => {
    expect(readdirSync(dir)).toEqual([]);
  });
});
