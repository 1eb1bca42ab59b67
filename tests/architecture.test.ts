// The shape the code promises: the core is platform-neutral and computes with
// its own elementary functions (so every platform writes the same bytes), and
// the platform adapters never import each other.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { packagePath } from "../src/node/package-root.js";

const src = packagePath("src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** Relative imports of a file, resolved to paths under src/. */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^"']*?from\s+["'](\.[^"']+)["']/g)].map((m) => relative(src, resolve(dirname(file), m[1])));
}

/** Code lines (comments dropped) of a file. */
function code(file: string): string[] {
  return readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " "))
    .split("\n")
    .map((l) => l.replace(/\/\/.*$/, ""));
}

const ADAPTERS = ["node", "web", "browser", "deno"];

describe("the code's shape", () => {
  it("adapters import the core, never each other", () => {
    const bad: string[] = [];
    for (const a of ADAPTERS) {
      for (const f of files(join(src, a))) {
        for (const target of imports(f)) {
          const top = target.split("/")[0];
          if (ADAPTERS.includes(top) && top !== a) bad.push(`${relative(src, f)} imports ${target}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it("the core imports no adapter and no Node module", () => {
    const bad: string[] = [];
    for (const f of files(join(src, "core"))) {
      for (const target of imports(f)) if (!target.startsWith("core/")) bad.push(`${relative(src, f)} imports ${target}`);
      if (/from\s+["']node:/.test(readFileSync(f, "utf8"))) bad.push(`${relative(src, f)} imports a node: module`);
    }
    expect(bad).toEqual([]);
  });

  it("the core calls none of the engine's implementation-approximated Math functions (only src/core/math.ts)", () => {
    // Math.sqrt, abs, floor, min, max... are exact in IEEE 754; log, exp, pow, trigonometry are not,
    // and neither is ** with a non-integer or variable exponent
    const approximated = /\bMath\.(log|log1p|log2|log10|exp|expm1|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|cbrt|hypot)\b/;
    const power = /\*\*\s*(?!\d+\b)[^\s;,)]/;
    const bad: string[] = [];
    for (const f of files(join(src, "core"))) {
      if (f.endsWith(join("core", "math.ts"))) continue;
      code(f).forEach((line, i) => {
        if (approximated.test(line) || power.test(line)) bad.push(`${relative(src, f)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(bad).toEqual([]);
  });

  it("catches what it looks for (a planted call of each kind is found)", () => {
    expect(/\bMath\.(log|exp)\b/.test("x = Math.log(y)")).toBe(true);
    expect(/\*\*\s*(?!\d+\b)[^\s;,)]/.test("a ** s")).toBe(true);
    expect(/\*\*\s*(?!\d+\b)[^\s;,)]/.test("a ** 2;")).toBe(false);
  });
});
