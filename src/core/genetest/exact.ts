// The tail Pr(Q > t) of Q = Σ λ_j χ²_1 (λ_j ≥ 0) computed without moment
// matching: Imhof's inversion of the characteristic function where the tail is
// not tiny, and the Lugannani–Rice saddlepoint formula (relative accuracy in
// the far tail, as a logarithm, so it never underflows) beyond.
// see: Imhof (1961), Biometrika 48:419, eq. 3.2;
//      Kuonen (1999), Biometrika 86:929 (saddlepoint for quadratic forms).

export interface TailResult {
  p: number;
  /** log10 of the tail probability (finite when p underflows). */
  log10P: number;
  method: "imhof" | "saddlepoint";
}

const GL_X = [-0.9739065285171717, -0.8650633666889845, -0.6794095682990244, -0.4333953941292472, -0.1488743389816312, 0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845, 0.9739065285171717];
const GL_W = [0.0666713443086881, 0.1494513491505806, 0.219086362515982, 0.2692667193099963, 0.2955242247147529, 0.2955242247147529, 0.2692667193099963, 0.219086362515982, 0.1494513491505806, 0.0666713443086881];

/** Imhof's integrand sin θ(u) / (u ρ(u)). */
function integrand(u: number, lam: number[], t: number): number {
  let theta = -0.5 * t * u;
  let logRho = 0;
  for (const l of lam) {
    theta += 0.5 * Math.atan(l * u);
    logRho += 0.25 * Math.log1p(l * l * u * u);
  }
  return Math.sin(theta) / (u * Math.exp(logRho));
}

/** Most Gauss–Legendre panels Imhof's integral may take before the saddlepoint is used instead. */
const MAX_PANELS = 100000;

/**
 * Imhof's integral for scaled weights (max 1), integrated up to a U where the
 * rest is below 1e-9: the amplitude A(u) = 1/(u ρ(u)) decreases and, past U, the
 * phase turns at a rate of nearly t/2, so the rest is at most about 4·A(U)/t
 * (and never more than ρ(U)⁻¹). Null when that takes more than MAX_PANELS panels.
 */
function imhof(lam: number[], t: number): number | null {
  const sum = lam.reduce((a, b) => a + b, 0);
  // the phase θ(u) turns at most (Σλ + t)/2 per unit of u: panels of 2 radians suit 10-point Gauss–Legendre
  const h = 4 / (sum + t);
  let upper = 1;
  const envelope = (u: number) => Math.exp(-lam.reduce((s, l) => s + 0.25 * Math.log1p(l * l * u * u), 0));
  const rest = (u: number) => envelope(u) * Math.min(1, 4 / (u * t));
  while (rest(upper) > 1e-9) {
    upper *= 2;
    if (upper / h > MAX_PANELS) return null;
  }
  let total = 0;
  for (let a = 0; a < upper; a += h) {
    const mid = a + h / 2;
    for (let k = 0; k < 10; k++) {
      const u = mid + (h / 2) * GL_X[k];
      total += GL_W[k] * (h / 2) * integrand(u, lam, t);
    }
  }
  return 0.5 + total / Math.PI;
}

/** log of the upper normal tail 1 − Φ(z), accurate for large z. */
function logNormalTail(z: number): number {
  if (z < 5) return Math.log(0.5 * erfc(z / Math.SQRT2));
  // asymptotic series of Mills' ratio
  const z2 = z * z;
  return -0.5 * z2 - Math.log(z) - 0.5 * Math.log(2 * Math.PI) + Math.log(1 - 1 / z2 + 3 / (z2 * z2) - 15 / (z2 * z2 * z2));
}

/** Complementary error function (Numerical Recipes erfcc, relative error < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** Barndorff-Nielsen's form of the Lugannani–Rice saddlepoint approximation of log Pr(Q > t). */
function saddlepointLog(lam: number[], t: number): number {
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
    if (k1(s) > t) hi = s;
    else lo = s;
  }
  const k = lam.reduce((a, l) => a - 0.5 * Math.log1p(-2 * s * l), 0);
  const w = Math.sign(s) * Math.sqrt(Math.max(0, 2 * (s * t - k)));
  if (Math.abs(w) < 1e-6) return Math.log(0.5);
  const v = s * Math.sqrt(k2(s));
  const z = w + Math.log(v / w) / w;
  return logNormalTail(z);
}

/** Pr(Σ λ_j χ²_1 > t). */
export function quadraticFormTail(t: number, lambdas: ArrayLike<number>): TailResult {
  const max = Math.max(0, ...Array.from(lambdas));
  if (t <= 0) return { p: 1, log10P: 0, method: "imhof" };
  if (!(max > 0)) return { p: t < 0 ? 1 : 0, log10P: t < 0 ? 0 : -Infinity, method: "imhof" };
  const lam = Array.from(lambdas, (l) => l / max).filter((l) => l > 1e-8);
  const ts = t / max;
  const mean = lam.reduce((a, b) => a + b, 0);
  if (ts > mean) {
    const logP = saddlepointLog(lam, ts);
    if (logP < Math.log(1e-6)) return { p: Math.exp(logP), log10P: logP / Math.LN10, method: "saddlepoint" };
  }
  const integral = imhof(lam, ts);
  if (integral === null) {
    const logP = saddlepointLog(lam, ts);
    return { p: Math.exp(logP), log10P: logP / Math.LN10, method: "saddlepoint" };
  }
  const p = Math.min(1, Math.max(0, integral));
  return { p, log10P: Math.log10(p), method: "imhof" };
}
