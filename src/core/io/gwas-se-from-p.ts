// Standard errors of files that give an effect and a two-sided P but no SE:
// SE = |β| / z with z = Φ⁻¹(1 − P/2), the normal quantile by Wichura's
// algorithm AS 241 (PPND16, relative error about 1e-16), fed with ln(P/2) in
// the tails so that P below the smallest double (e.g. 1e-400 written out, or
// a −log10 P of 400) still gives its z.
// see: M. J. Wichura, "Algorithm AS 241: The percentage points of the normal
//      distribution", Applied Statistics 37(3), 477–484 (1988).
import * as dmath from "../math.js";

const LN2 = dmath.log(2);
const LN10 = dmath.log(10);

// Rational approximations of AS 241: Φ⁻¹(q) near the centre (|q − ½| ≤ 0.425), then in r = √(−ln q) for r ≤ 5 and r > 5.
const A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
const C = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const E = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

/** c[0] + c[1]·x + ... + c[7]·x⁷ (Horner). */
function poly(c: number[], x: number): number {
  let s = c[7];
  for (let k = 6; k >= 0; k--) s = s * x + c[k];
  return s;
}

/**
 * z > 0 with P(|Z| > z) = p for a standard normal Z, given p and ln p (ln p
 * is used in the tails, where p itself may have underflowed to 0).
 * Requires 0 < p < 1 or (p = 0 and ln p finite).
 */
export function zFromTwoSidedP(p: number, lnP: number): number {
  const q = p / 2; // lower tail: z = −Φ⁻¹(q)
  if (q >= 0.075) {
    const d = q - 0.5;
    const r = 0.180625 - d * d;
    return -((d * poly(A, r)) / poly(B, r));
  }
  const r = Math.sqrt(-(lnP - LN2));
  return r <= 5 ? poly(C, r - 1.6) / poly(D, r - 1.6) : poly(E, r - 5) / poly(F, r - 5);
}

/** ln p of a P-value p written as `text`, exact also when p underflowed to 0 (e.g. "3.2e-400"). */
export function lnPFromText(text: string, p: number): number {
  if (p > 0) return dmath.log(p);
  const m = /^\+?(\d+\.?\d*|\.\d+)[eE]([+-]?\d+)$/.exec(text.trim());
  if (!m) return -Infinity;
  const mant = Number(m[1]);
  return mant > 0 ? dmath.log(mant) + Number(m[2]) * LN10 : -Infinity;
}

/** ln p from −log10 p. */
export function lnPFromMinusLog10(lp: number): number {
  return -lp * LN10;
}
