// ln Γ of a positive argument, for the chi-square tails of the gene tests. (The variational mixture's ln Γ and ψ are in WASM:
// assembly/special.ts, the same series.)
// see: Abramowitz & Stegun 6.1.41 (Stirling series for ln Γ), with the
//      recurrence 6.1.15 to shift small arguments up.
import * as dmath from "./math.js";

const HALF_LOG_2PI = 0.5 * dmath.log(2 * Math.PI);

// Stirling's series after the shift to y = x + s ≥ 8, z = 1/y².
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
