// ln Γ (src/core/special.ts) against Python's math.lgamma, at the edges of the
// shift (x just below and at 8), tiny and huge arguments. The variational
// mixture's ln Γ and ψ (assembly/special.ts) are checked against the same
// values in tests/kernels/special.spec.ts.
import { describe, expect, it } from "vitest";
import { logGamma } from "../src/core/special.js";

// x, math.lgamma(x)
const TABLE: [number, number][] = [
  [1e-10, 23.025850929882736],
  [0.5, 0.5723649429247004],
  [1, 0],
  [1.5, -0.12078223763524543],
  [2.5, 0.2846828704729196],
  [7.999, 8.523145786158915],
  [8, 8.525161361065415],
  [10, 12.801827480081467],
  [123.4, 469.3360974421906],
  [1e6, 12815504.569147611],
];

const close = (got: number, want: number, rel: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(want)));

describe("logGamma", () => {
  it.each(TABLE)("ln Γ at %s", (x, lg) => {
    close(logGamma(x), lg, 2e-15);
  });

  it("is 0 at 1 and 2, and satisfies ln Γ(x + 1) = ln Γ(x) + ln x", () => {
    expect(Math.abs(logGamma(1))).toBeLessThanOrEqual(2e-15);
    expect(Math.abs(logGamma(2))).toBeLessThanOrEqual(2e-15);
    for (const x of [0.01, 0.7, 3.3, 7.5, 20]) close(logGamma(x + 1), logGamma(x) + Math.log(x), 4e-15);
  });
});
