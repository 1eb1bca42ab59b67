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

/**
 * Imhof's integrand at u > 0:
 *   sin θ(u) / (u ρ(u)),  θ(u) = ½ Σ atan(λ_j u) − ½ t u,  ρ(u) = Π (1 + λ_j² u²)^¼.
 */
// see: Imhof (1961), eqs. 3.2–3.3 (central case, unit multiplicities).
@inline
function integrand(lam: usize, k: i32, t: f64, u: f64): f64 {
  let theta = -0.5 * t * u;
  let logRho = 0.0;
  for (let j = 0; j < k; j++) {
    const lu = load<f64>(lam + (<usize>j << 3)) * u;
    theta += 0.5 * Math.atan(lu);
    logRho += 0.25 * Math.log1p(lu * lu);
  }
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
