// ψ, ln Γ and ln B (src/core/special.ts) against values from Python's
// math.lgamma and scipy.special.digamma / betaln, at the edges of the shift
// (x just below and at 8), tiny and huge arguments, and the sticks' values.
import { describe, expect, it } from "vitest";
import { logBeta, logGamma, logGammaDigamma } from "../src/core/special.js";

const pair = new Float64Array(2);
/** ψ(x) from logGammaDigamma. */
function digamma(x: number): number {
  logGammaDigamma(x, pair, 0);
  return pair[1];
}

// x, math.lgamma(x), scipy.special.digamma(x)
const TABLE: [number, number, number][] = [
  [1e-10, 23.025850929882736, -10000000000.577215],
  [0.5, 0.5723649429247004, -1.9635100260214235],
  [1, 0, -0.5772156649015329],
  [1.5, -0.12078223763524543, 0.03648997397857652],
  [2.5, 0.2846828704729196, 0.7031566406452432],
  [7.999, 8.523145786158915, 2.015508332090348],
  [8, 8.525161361065415, 2.0156414779556098],
  [10, 12.801827480081467, 2.251752589066721],
  [123.4, 469.3360974421906, 4.8113737751162775],
  [1e6, 12815504.569147611, 13.81551005796419],
];

const close = (got: number, want: number, rel: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(want)));

describe("special functions", () => {
  it.each(TABLE)("ln Γ and ψ at %s", (x, lg, dg) => {
    close(logGamma(x), lg, 2e-15);
    close(digamma(x), dg, 1e-15);
  });

  it("logGammaDigamma gives logGamma's very bits, shift or none", () => {
    const out = new Float64Array(2);
    for (const x of [...TABLE.map((t) => t[0]), 0.3, 1.0000001, 3.7, 5.5, 7.5]) {
      logGammaDigamma(x, out, 0);
      expect(out[0]).toBe(logGamma(x));
    }
  });

  it("ln Γ is 0 at 1 and 2, and satisfies ln Γ(x + 1) = ln Γ(x) + ln x", () => {
    expect(Math.abs(logGamma(1))).toBeLessThanOrEqual(2e-15);
    expect(Math.abs(logGamma(2))).toBeLessThanOrEqual(2e-15);
    for (const x of [0.01, 0.7, 3.3, 7.5, 20]) close(logGamma(x + 1), logGamma(x) + Math.log(x), 4e-15);
  });

  it("ψ satisfies ψ(x + 1) = ψ(x) + 1/x (to rounding of the larger term)", () => {
    for (const x of [0.01, 0.7, 3.3, 7.5, 20]) {
      const scale = Math.max(1, Math.abs(digamma(x)), 1 / x);
      expect(Math.abs(digamma(x + 1) - digamma(x) - 1 / x)).toBeLessThanOrEqual(4e-16 * scale);
    }
  });

  it("ln B against scipy.special.betaln", () => {
    close(logBeta(1, 0.5), 0.6931471805599452, 2e-15);
    close(logBeta(2513.5, 0.5), -3.3423010671904194, 1e-14);
    close(logBeta(0.3, 7.2), 0.518281837947683, 2e-15);
  });
});
