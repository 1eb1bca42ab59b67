// Special functions for the variational mixture: digamma, log-gamma and the
// log Beta function, for positive arguments (all the model ever needs).
// see: Abramowitz & Stegun 6.1.41 (Stirling series for ln Γ) and 6.3.18
//      (asymptotic series for ψ), with the recurrences 6.1.15 / 6.3.5 to shift
//      small arguments up.
import * as dmath from "../math.js";

const HALF_LOG_2PI = 0.5 * dmath.log(2 * Math.PI);

/** ψ(x) = d/dx ln Γ(x), x > 0. */
export function digamma(x: number): number {
  let acc = 0;
  while (x < 8) {
    acc -= 1 / x;
    x += 1;
  }
  const z = 1 / (x * x);
  const series = z * (1 / 12 - z * (1 / 120 - z * (1 / 252 - z * (1 / 240 - z * (1 / 132)))));
  return acc + dmath.log(x) - 0.5 / x - series;
}

/** ln Γ(x), x > 0. */
export function logGamma(x: number): number {
  let shift = 0;
  while (x < 8) {
    shift -= dmath.log(x);
    x += 1;
  }
  const z = 1 / (x * x);
  const series = (1 / x) * (1 / 12 - z * (1 / 360 - z * (1 / 1260 - z * (1 / 1680 - z * (1 / 1188)))));
  return shift + (x - 0.5) * dmath.log(x) - x + HALF_LOG_2PI + series;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}
