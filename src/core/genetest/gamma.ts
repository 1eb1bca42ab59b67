// The regularised upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a), and
// its logarithm for tails too small for a double; chi-square tails from it.
// see: Press et al., Numerical Recipes (3rd ed.), Sec. 6.2 (series and Lentz's
//      continued fraction).
import * as dmath from "../math.js";
import { logGamma } from "../special.js";

/** log P(a, x) by its series (x < a + 1). */
function logLowerSeries(a: number, x: number): number {
  let sum = 1 / a;
  let term = sum;
  for (let n = 1; n < 10000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
  }
  return dmath.log(sum) - x + a * dmath.log(x) - logGamma(a);
}

/** log Q(a, x) by Lentz's continued fraction (x ≥ a + 1). */
function logUpperFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return dmath.log(h) - x + a * dmath.log(x) - logGamma(a);
}

/** log Q(a, x), finite even where Q underflows. */
export function logUpperGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x < a + 1) return dmath.log1p(-dmath.exp(logLowerSeries(a, x)));
  return logUpperFraction(a, x);
}

/** The regularised lower incomplete gamma function P(a, x) = 1 − Q(a, x), accurate where it is small. */
export function lowerGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x < a + 1) return dmath.exp(logLowerSeries(a, x));
  return -dmath.expm1(logUpperFraction(a, x));
}

/** Pr(χ²_k > x) for real k > 0, and its natural logarithm. */
export function chiSquareTail(x: number, k: number): { p: number; logP: number } {
  const logP = logUpperGamma(k / 2, x / 2);
  return { p: dmath.exp(logP), logP };
}
