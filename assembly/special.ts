// ln Γ and ψ of a positive argument, together (they share the shift and ln y),
// for the variational mixture's expectations and normalisers. The same series
// and shift as src/core/special.ts, with this module's Math.log.
// see: Abramowitz & Stegun 6.1.41 (Stirling series for ln Γ) and 6.3.18
//      (asymptotic series for ψ), with the recurrences 6.1.15 / 6.3.5.

const HALF_LOG_2PI: f64 = 0.9189385332046727; // ½ ln 2π

/** ln Γ of the last logGammaDigamma argument. */
export let lgammaOut: f64 = 0;
/** ψ of the last logGammaDigamma argument. */
export let digammaOut: f64 = 0;

/**
 * ln Γ(x) into lgammaOut and ψ(x) into digammaOut, x > 0: shift to y = x + s ≥ 8,
 *   ln Γ(x) = (y − ½) ln y − y + ½ ln 2π + Σ_{k=1..8} B_2k / (2k (2k − 1) y^(2k−1)) − ln Π_{i<s} (x + i),
 *   ψ(x)    = ln y − 1/(2y) − Σ_{k=1..8} B_2k / (2k y^2k) − Σ_{i<s} 1/(x + i)
 * (next terms below 2e-16; the product is at most 8 · 9 ⋯ 15 < 3e8).
 */
export function logGammaDigamma(x: f64): void {
  let acc = 0.0;
  let prod = 1.0;
  while (x < 8) {
    acc -= 1 / x;
    prod *= x;
    x += 1;
  }
  const z = 1 / (x * x);
  const ly = Math.log(x);
  const stirling = (1 / x) * (1.0 / 12 - z * (1.0 / 360 - z * (1.0 / 1260 - z * (1.0 / 1680 - z * (1.0 / 1188 - z * (691.0 / 360360 - z * (1.0 / 156 - z * (3617.0 / 122400))))))));
  const series = z * (1.0 / 12 - z * (1.0 / 120 - z * (1.0 / 252 - z * (1.0 / 240 - z * (1.0 / 132 - z * (691.0 / 32760 - z * (1.0 / 12 - z * (3617.0 / 8160))))))));
  lgammaOut = (x - 0.5) * ly - x + HALF_LOG_2PI + stirling - (prod == 1 ? 0 : Math.log(prod));
  digammaOut = acc + ly - 0.5 / x - series;
}
