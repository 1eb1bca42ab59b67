// ln Γ and ψ of assembly/special.ts against Python's math.lgamma and
// scipy.special.digamma, at the edges of the shift (x just below and at 8),
// tiny and huge arguments, and their recurrences.
import { digammaOut, lgammaOut, logGammaDigamma } from "../../assembly/special";

// x, math.lgamma(x), scipy.special.digamma(x)
const X: f64[] = [1e-10, 0.5, 1, 1.5, 2.5, 7.999, 8, 10, 123.4, 1e6];
const LG: f64[] = [23.025850929882736, 0.5723649429247004, 0, -0.12078223763524543, 0.2846828704729196, 8.523145786158915, 8.525161361065415, 12.801827480081467, 469.3360974421906, 12815504.569147611];
const PSI: f64[] = [-10000000000.577215, -1.9635100260214235, -0.5772156649015329, 0.03648997397857652, 0.7031566406452432, 2.015508332090348, 2.0156414779556098, 2.251752589066721, 4.8113737751162775, 13.81551005796419];

function lgamma(x: f64): f64 {
  logGammaDigamma(x);
  return lgammaOut;
}

function digamma(x: f64): f64 {
  logGammaDigamma(x);
  return digammaOut;
}

function scaled(want: f64): f64 {
  return Math.max(1.0, Math.abs(want));
}

describe("logGammaDigamma", () => {
  it("equals math.lgamma and scipy's digamma", () => {
    for (let i = 0; i < X.length; i++) {
      expect(Math.abs(lgamma(X[i]) - LG[i])).toBeLessThanOrEqual(2e-15 * scaled(LG[i]));
      expect(Math.abs(digamma(X[i]) - PSI[i])).toBeLessThanOrEqual(1e-15 * scaled(PSI[i]));
    }
  });

  it("satisfies ln Γ(x + 1) = ln Γ(x) + ln x and ψ(x + 1) = ψ(x) + 1/x", () => {
    const xs: f64[] = [0.01, 0.7, 3.3, 7.5, 20];
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      expect(Math.abs(lgamma(x + 1) - lgamma(x) - Math.log(x))).toBeLessThanOrEqual(4e-15 * scaled(lgamma(x + 1)));
      const scale = Math.max(Math.max(1.0, Math.abs(digamma(x))), 1 / x);
      expect(Math.abs(digamma(x + 1) - digamma(x) - 1 / x)).toBeLessThanOrEqual(4e-16 * scale);
    }
  });
});
