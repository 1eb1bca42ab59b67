// The regularised upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a), and
// its logarithm for tails too small for a double; chi-square tails from it.
// see: Press et al., Numerical Recipes (3rd ed.), Sec. 6.2 (series and Lentz's
//      continued fraction); Lanczos (1964) approximation of log Γ (g = 7, n = 9).
import * as dmath from "../math.js";

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return dmath.log(Math.PI / Math.abs(dmath.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * dmath.log(2 * Math.PI) + (z + 0.5) * dmath.log(t) - t + dmath.log(s);
}

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
