// Special functions for positive arguments: log-gamma, log-gamma together with
// digamma, and the log Beta function (the variational mixture's expectations
// and normalisers, the chi-square tails of the gene tests).
// see: Abramowitz & Stegun 6.1.41 (Stirling series for ln Γ) and 6.3.18
//      (asymptotic series for ψ), with the recurrences 6.1.15 / 6.3.5 to shift
//      small arguments up.
import * as dmath from "./math.js";

const HALF_LOG_2PI = 0.5 * dmath.log(2 * Math.PI);

// The two series (after the shift to y = x + s ≥ 8, z = 1/y²).
function digammaSeries(z: number): number {
  return z * (1 / 12 - z * (1 / 120 - z * (1 / 252 - z * (1 / 240 - z * (1 / 132 - z * (691 / 32760 - z * (1 / 12 - z * (3617 / 8160))))))));
}

function stirlingSeries(y: number, z: number): number {
  return (1 / y) * (1 / 12 - z * (1 / 360 - z * (1 / 1260 - z * (1 / 1680 - z * (1 / 1188 - z * (691 / 360360 - z * (1 / 156 - z * (3617 / 122400))))))));
}

/**
 * ln Γ(x), x > 0: ln Γ(x) = ln Γ(x + s) − ln Π_{i<s} (x + i), one log of the
 * product (at most 8 · 9 ⋯ 15 < 3e8: no overflow), then Stirling's series
 * (y − ½) ln y − y + ½ ln 2π + Σ_{k=1..8} B_2k / (2k (2k − 1) y^(2k−1)) at
 * y = x + s ≥ 8 (next term < 1e-16).
 */
export function logGamma(x: number): number {
  let prod = 1;
  while (x < 8) {
    prod *= x;
    x += 1;
  }
  return (x - 0.5) * dmath.log(x) - x + HALF_LOG_2PI + stirlingSeries(x, 1 / (x * x)) - (prod === 1 ? 0 : dmath.log(prod));
}

/**
 * ln Γ(x) into out[at] (the very bits of logGamma(x)) and ψ(x) = d/dx ln Γ(x)
 * into out[at + 1], x > 0, sharing the shift and ln y: ψ(x) = ψ(x + s) −
 * Σ_{i<s} 1/(x + i), then the series ln y − 1/(2y) − Σ_{k=1..8} B_2k / (2k y^2k)
 * at y = x + s ≥ 8 (next term < 2e-16).
 */
export function logGammaDigamma(x: number, out: Float64Array, at: number): void {
  let acc = 0;
  let prod = 1;
  while (x < 8) {
    acc -= 1 / x;
    prod *= x;
    x += 1;
  }
  const z = 1 / (x * x);
  const ly = dmath.log(x);
  out[at] = (x - 0.5) * ly - x + HALF_LOG_2PI + stirlingSeries(x, z) - (prod === 1 ? 0 : dmath.log(prod));
  out[at + 1] = acc + ly - 0.5 / x - digammaSeries(z);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}
