// The tail Pr(Q > t) of Q = Σ λ_j χ²_1 (λ_j ≥ 0) computed without moment
// matching: the Lugannani–Rice saddlepoint formula in both far tails (relative
// accuracy; the upper tail as a logarithm, so it never underflows); between
// them, 1 − Ruben's series for Pr(Q ≤ t) below the mean (ruben.ts), else
// Imhof's inversion of the characteristic function.
// see: Imhof (1961), Biometrika 48:419, eq. 3.2;
//      Kuonen (1999), Biometrika 86:929 (saddlepoint for quadratic forms).

import type { Core } from "../wasm/core.js";
import { quadraticFormCdfRuben } from "./ruben.js";
import * as dmath from "../math.js";

export interface TailResult {
  p: number;
  /** log10 of the tail probability (finite when p underflows). */
  log10P: number;
  method: "imhof" | "saddlepoint" | "ruben";
}

interface ImhofKernels {
  imhofPanels(lam: number, k: number, t: number, a: number, h: number, panels: number): number;
  imhofEnvelope(lam: number, k: number, u: number): number;
}

/** Most Gauss–Legendre panels Imhof's integral may take before the saddlepoint is used instead. */
const MAX_PANELS = 100000;
/** Most panels per summed piece (pieces are half periods 2π/t when t is not tiny). */
const PIECE_PANELS = 64;
/** Partial sums the ε-algorithm looks at. */
const WYNN_TERMS = 24;

/**
 * Wynn's ε-algorithm on partial sums s_0..s_{n-1}: ε_{k+1}^(i) = ε_{k−1}^(i+1) + 1/(ε_k^(i+1) − ε_k^(i)),
 * ε_{−1} = 0, ε_0 = s; the last entry of the highest even column is the limit's estimate.
 */
// see: Wynn (1956), Math. Tables Aids Comput. 10:91; Press et al., Numerical Recipes, sec. 5.3.
export function wynnEpsilon(s: number[]): number {
  let prev = new Array<number>(s.length + 1).fill(0);
  let cur = s.slice();
  let best = s[s.length - 1];
  for (let k = 1; cur.length > 1; k++) {
    const next: number[] = [];
    for (let i = 0; i + 1 < cur.length; i++) {
      const d = cur[i + 1] - cur[i];
      if (d === 0) return k % 2 === 1 ? cur[i + 1] : best;
      next.push(prev[i + 1] + 1 / d);
    }
    prev = cur;
    cur = next;
    if (k % 2 === 0) best = cur[cur.length - 1];
  }
  return best;
}

/**
 * Imhof's integral for scaled weights (max 1). Far out, the phase θ(u) turns
 * at nearly t/2, so the integrand's sign alternates every half period 2π/t:
 * the integral is summed a half period at a time (at most PIECE_PANELS
 * 10-point Gauss–Legendre panels of at most 2 radians, in WASM:
 * assembly/gene_test.ts), and the
 * partial sums are extrapolated by Wynn's ε-algorithm once the envelope has
 * decayed, or summed out until the rest is below 1e-9 (the rest is at most
 * about 4·A(U)/t with A(u) = 1/(u ρ(u)), and never more than ρ(U)⁻¹).
 * Null when neither settles within MAX_PANELS panels.
 */
export function imhofTail(core: Core, lam: Float64Array, t: number): number | null {
  let sum = 0;
  for (const l of lam) sum += l;
  // the phase turns at most (Σλ + t)/2 per unit of u: panels of at most 2 radians
  const h = 4 / (sum + t);
  const panels = Math.min(PIECE_PANELS, Math.max(1, Math.ceil((2 * Math.PI) / t / h)));
  const piece = Math.min((2 * Math.PI) / t, panels * h);
  const k = core.kernels<ImhofKernels>();
  return core.scoped((s) => {
    const lp = s.f64From(lam);
    const rest = (u: number) => k.imhofEnvelope(lp.ptr, lam.length, u) * Math.min(1, 4 / (u * t));
    const sums: number[] = [];
    let total = 0;
    let last = NaN;
    let agreed = 0;
    for (let n = 0; (n + 1) * panels <= MAX_PANELS; n++) {
      total += k.imhofPanels(lp.ptr, lam.length, t, n * piece, piece / panels, panels);
      sums.push(total);
      const r = rest((n + 1) * piece);
      if (r < 1e-9) return 0.5 + total / Math.PI;
      if (n < 8 || r > 1e-2) continue;
      const est = wynnEpsilon(sums.slice(-WYNN_TERMS));
      agreed = Math.abs(est - last) < 1e-11 ? agreed + 1 : 0;
      if (agreed >= 2) return 0.5 + est / Math.PI;
      last = est;
    }
    return null;
  });
}

/** log of the upper normal tail 1 − Φ(z), accurate for large z. */
function logNormalTail(z: number): number {
  if (z < 5) return dmath.log(0.5 * erfc(z / Math.SQRT2));
  // asymptotic series of Mills' ratio
  const z2 = z * z;
  return -0.5 * z2 - dmath.log(z) - 0.5 * dmath.log(2 * Math.PI) + dmath.log(1 - 1 / z2 + 3 / (z2 * z2) - 15 / (z2 * z2 * z2));
}

/** Complementary error function (Numerical Recipes erfcc, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * dmath.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/**
 * Barndorff-Nielsen's r* of the Lugannani–Rice saddlepoint approximation:
 * Pr(Q > t) ≈ 1 − Φ(r*) and Pr(Q ≤ t) ≈ Φ(r*), relative accuracy in both tails.
 */
function saddlepointRStar(lam: Float64Array, t: number): number {
  const max = Math.max(...lam);
  // K(s) = -½ Σ log(1 − 2 s λ) for s < 1/(2 max λ); solve K'(s) = t by bisection
  const k1 = (s: number) => lam.reduce((a, l) => a + l / (1 - 2 * s * l), 0);
  const k2 = (s: number) => lam.reduce((a, l) => a + (2 * l * l) / (1 - 2 * s * l) ** 2, 0);
  let lo = -1;
  while (k1(lo) > t && lo > -1e300) lo *= 2;
  let hi = 1 / (2 * max);
  let s = 0;
  for (let i = 0; i < 200; i++) {
    s = 0.5 * (lo + hi);
    if (s === lo || s === hi) break; // no double between them: every further step gives this s
    if (k1(s) > t) hi = s;
    else lo = s;
  }
  const k = lam.reduce((a, l) => a - 0.5 * dmath.log1p(-2 * s * l), 0);
  const w = Math.sign(s) * Math.sqrt(Math.max(0, 2 * (s * t - k)));
  if (Math.abs(w) < 1e-6) return 0;
  const v = s * Math.sqrt(k2(s));
  return w + dmath.log(v / w) / w;
}

/** Smallest tail the saddlepoint stands in for Imhof's integral (Imhof's absolute error is ~1e-9). */
const SADDLEPOINT_BELOW = 1e-6;

/** Pr(Σ λ_j χ²_1 > t). */
export function quadraticFormTail(core: Core, t: number, lambdas: ArrayLike<number>): TailResult {
  const max = Math.max(0, ...Array.from(lambdas));
  if (t <= 0) return { p: 1, log10P: 0, method: "imhof" };
  if (!(max > 0)) return { p: t < 0 ? 1 : 0, log10P: t < 0 ? 0 : -Infinity, method: "imhof" };
  const lam = Float64Array.from(Array.from(lambdas, (l) => l / max).filter((l) => l > 1e-8));
  const ts = t / max;
  const mean = lam.reduce((a, b) => a + b, 0);
  const upper = (logP: number): TailResult => ({ p: dmath.exp(logP), log10P: logP / Math.LN10, method: "saddlepoint" });
  // far in either tail, the saddlepoint: the upper tail as a logarithm (it may
  // underflow), the lower as 1 − Pr(Q ≤ t) (there Imhof's oscillating integral converges slowest)
  const rStar = saddlepointRStar(lam, ts);
  const logUpper = logNormalTail(rStar);
  if (ts > mean && logUpper < dmath.log(SADDLEPOINT_BELOW)) return upper(logUpper);
  const logLower = logNormalTail(-rStar);
  if (ts < mean && logLower < dmath.log(SADDLEPOINT_BELOW)) {
    const lower = dmath.exp(logLower);
    return { p: 1 - lower, log10P: dmath.log1p(-lower) / Math.LN10, method: "saddlepoint" };
  }
  // below the mean, Ruben's series for Pr(Q ≤ t) settles where Imhof's integral is slowest
  if (ts < mean) {
    const lower = quadraticFormCdfRuben(ts, lam);
    if (lower !== null) return { p: 1 - lower, log10P: dmath.log1p(-lower) / Math.LN10, method: "ruben" };
  }
  const integral = imhofTail(core, lam, ts);
  if (integral === null) return upper(logUpper);
  const p = Math.min(1, Math.max(0, integral));
  return { p, log10P: dmath.log10(p), method: "imhof" };
}
