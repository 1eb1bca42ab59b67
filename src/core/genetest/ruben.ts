// The lower tail Pr(Q ≤ t) of Q = Σ λ_j χ²_1 (λ_j > 0) as Ruben's mixture of
// chi-square distributions:
//   Pr(Q ≤ t) = Σ_{j≥0} a_j F_{k+2j}(t/β),  β = min λ,
//   a_0 = Π (β/λ_i)^½,  a_j = (1/j) Σ_{m=1}^{j} g_m a_{j−m},  g_m = ½ Σ_i (1 − β/λ_i)^m,
// with Σ a_j = 1 and F_ν the χ²_ν distribution function, which falls with ν:
// after J terms the rest is at most (1 − Σ_{j<J} a_j)·F_{k+2J}(t/β). Where t is
// small against the weights (Imhof's integral oscillates slowest there) it
// settles in a few terms; p = 1 − Pr(Q ≤ t) is then exact to rounding.
// see: Ruben (1962), Ann. Math. Statist. 33:542; Kotz, Johnson & Boyd (1967),
//      Ann. Math. Statist. 38:823 (the coefficients' recursion).
import * as dmath from "../math.js";
import { logGamma } from "../special.js";
import { lowerGamma } from "./gamma.js";

/** Rest below which the series stops. */
const TOLERANCE = 1e-15;

/** F_ν is updated by subtracting the step above this, and evaluated directly below it. */
const SUBTRACT_ABOVE = 1e-6;

/** Pr(Σ λ_j χ²_1 ≤ t) for λ_j > 0, or null when the series has not settled within `maxTerms` terms. */
export function quadraticFormCdfRuben(t: number, lambdas: Float64Array, maxTerms = 2000): number | null {
  const k = lambdas.length;
  let beta = Infinity;
  for (const l of lambdas) beta = Math.min(beta, l);
  if (!(beta > 0) || k === 0) return null;
  const x = t / beta;
  // F_{k+2j}(x) only falls once k + 2j passes x: beyond reach, do not start
  if (x > maxTerms) return null;
  const ratio = Float64Array.from(lambdas, (l) => 1 - beta / l);
  const power = Float64Array.from(ratio);
  let logA0 = 0;
  for (const l of lambdas) logA0 += 0.5 * dmath.log(beta / l);
  const a = [dmath.exp(logA0)];
  const g: number[] = [0];
  // F_ν(x) and the step F_ν − F_{ν+2} = (x/2)^{ν/2} e^{−x/2} / Γ(ν/2 + 1)
  let f = lowerGamma(k / 2, x / 2);
  let step = dmath.exp((k / 2) * dmath.log(x / 2) - x / 2 - logGamma(k / 2 + 1));
  let cdf = a[0] * f;
  let mass = a[0];
  for (let j = 1; j <= maxTerms; j++) {
    let gm = 0;
    for (let i = 0; i < k; i++) {
      gm += power[i];
      power[i] *= ratio[i];
    }
    g.push(0.5 * gm);
    let aj = 0;
    for (let m = 1; m <= j; m++) aj += g[m] * a[j - m];
    aj /= j;
    a.push(aj);
    const nu = k + 2 * (j - 1);
    // F_{k+2j} by the step while it is large; once small, where the
    // subtraction would leave only rounding, from its own series
    f = f > SUBTRACT_ABOVE ? Math.max(0, f - step) : lowerGamma(nu / 2 + 1, x / 2);
    step *= x / 2 / (nu / 2 + 1);
    cdf += aj * f;
    mass += aj;
    if ((1 - mass) * f < TOLERANCE) return Math.min(1, cdf);
  }
  return null;
}
