// Imhof's integral for the tail of a quadratic form Q = Σ λ_j χ²_1, on
// Gauss–Legendre panels: the integrand's atan, log1p and sin run here, in the
// module's own math, so every platform gets the same bits.
// see: Imhof (1961), Biometrika 48:419, eq. 3.2.

// 10-point Gauss–Legendre nodes and weights on [-1, 1]
const GL = memory.data<f64>([
  -0.9739065285171717, 0.0666713443086881,
  -0.8650633666889845, 0.1494513491505806,
  -0.6794095682990244, 0.219086362515982,
  -0.4333953941292472, 0.2692667193099963,
  -0.1488743389816312, 0.2955242247147529,
  0.1488743389816312, 0.2955242247147529,
  0.4333953941292472, 0.2692667193099963,
  0.6794095682990244, 0.219086362515982,
  0.8650633666889845, 0.1494513491505806,
  0.9739065285171717, 0.0666713443086881,
]);

const TWO_PI: f64 = 6.283185307179586;
const RESCALE: f64 = 1e-100;
const LOG_RESCALE: f64 = 230.25850929940458; // -ln(1e-100)

/** Quadrant of the angle of (re, im) in [0, 2π): 0 for [0, π/2), ..., 3 for [3π/2, 2π). */
@inline
function quadrant(re: f64, im: f64): i32 {
  if (im >= 0 && re > 0) return 0;
  if (re <= 0 && im > 0) return 1;
  if (im <= 0 && re < 0) return 2;
  return 3;
}

/**
 * Imhof's integrand at u > 0:
 *   sin θ(u) / (u ρ(u)),  θ(u) = ½ Σ atan(λ_j u) − ½ t u,  ρ(u) = Π (1 + λ_j² u²)^¼,
 * from the complex product P = Π (1 + i λ_j u): Σ atan(λ_j u) = arg P unwrapped
 * (each factor turns P by less than π/2, so its turns are counted as its
 * quadrant wraps from 3 to 0) and ρ = |P|^½ (P rescaled as it grows). One
 * atan2 and one log per point instead of an atan and a log1p per weight.
 */
// see: Imhof (1961), eqs. 3.2–3.3 (central case, unit multiplicities).
@inline
function integrand(lam: usize, k: i32, t: f64, u: f64): f64 {
  let re = 1.0;
  let im = 0.0;
  let logScale = 0.0;
  let turns = 0;
  let quad = 0;
  for (let j = 0; j < k; j++) {
    const lu = load<f64>(lam + (<usize>j << 3)) * u;
    const r = re - im * lu;
    im = im + re * lu;
    re = r;
    const q = quadrant(re, im);
    if (q < quad) turns++;
    quad = q;
    if (Math.abs(re) + Math.abs(im) > 1e100) {
      re *= RESCALE;
      im *= RESCALE;
      logScale += LOG_RESCALE;
    }
  }
  let angle = Math.atan2(im, re);
  if (angle < 0) angle += TWO_PI;
  const theta = 0.5 * (angle + TWO_PI * <f64>turns) - 0.5 * t * u;
  const logRho = 0.25 * (Math.log(re * re + im * im) + 2.0 * logScale);
  return Math.sin(theta) / (u * Math.exp(logRho));
}

/**
 * ∫ from a to a + panels·h of Imhof's integrand, by 10-point Gauss–Legendre
 * on each panel of width h.
 */
export function imhofPanels(lam: usize, k: i32, t: f64, a: f64, h: f64, panels: i32): f64 {
  let total = 0.0;
  const half = 0.5 * h;
  for (let i = 0; i < panels; i++) {
    const mid = a + (<f64>i + 0.5) * h;
    let s = 0.0;
    for (let q = 0; q < 10; q++) {
      const x = load<f64>(GL + (<usize>q << 4));
      const w = load<f64>(GL + (<usize>q << 4), 8);
      s += w * integrand(lam, k, t, mid + half * x);
    }
    total += half * s;
  }
  return total;
}

/** The integrand's envelope 1/ρ(u) = Π (1 + λ_j² u²)^(−¼). */
// see: Imhof (1961), eq. 3.3.
export function imhofEnvelope(lam: usize, k: i32, u: f64): f64 {
  let logRho = 0.0;
  for (let j = 0; j < k; j++) {
    const lu = load<f64>(lam + (<usize>j << 3)) * u;
    logRho += 0.25 * Math.log1p(lu * lu);
  }
  return Math.exp(-logRho);
}
