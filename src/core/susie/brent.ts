// Brent's one-dimensional minimiser on [lower, upper] (golden section with
// parabolic interpolation), step for step as R's optimize() — the method
// susieR reaches through optim(method = "Brent"), with tol = optim's default
// reltol, sqrt(machine epsilon). A non-finite f counts as the largest double,
// as R's wrapper does.
// see: Brent (1973), Algorithms for Minimization without Derivatives, ch. 5
//      (localmin); R src/library/stats/src/optimize.c (Brent_fmin, fcn1).

const EPS = 2.220446049250313e-16;
const SQRT_EPS = Math.sqrt(EPS);
/** optim()'s default reltol, which it hands to optimize() as tol. */
export const OPTIM_RELTOL = SQRT_EPS;

/** The x in [lower, upper] that Brent's method ends on when minimising f. */
export function brentMin(f: (x: number) => number, lower: number, upper: number, tol = OPTIM_RELTOL): number {
  const fin = (x: number) => {
    const y = f(x);
    return Number.isFinite(y) ? y : Number.MAX_VALUE;
  };
  const c = (3 - Math.sqrt(5)) * 0.5; // squared inverse of the golden ratio
  let a = lower;
  let b = upper;
  let v = a + c * (b - a);
  let w = v;
  let x = v;
  let d = 0;
  let e = 0;
  let fx = fin(x);
  let fv = fx;
  let fw = fx;
  const tol3 = tol / 3;
  for (;;) {
    const xm = (a + b) * 0.5;
    const tol1 = SQRT_EPS * Math.abs(x) + tol3;
    const t2 = tol1 * 2;
    if (Math.abs(x - xm) <= t2 - (b - a) * 0.5) break;
    let p = 0;
    let q = 0;
    let r = 0;
    if (Math.abs(e) > tol1) {
      // fit a parabola through x, w, v
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = (q - r) * 2;
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
    }
    if (Math.abs(p) >= Math.abs(q * 0.5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
      // golden-section step
      e = x < xm ? b - x : a - x;
      d = c * e;
    } else {
      // parabolic step, not too close to the ends
      d = p / q;
      const u = x + d;
      if (u - a < t2 || b - u < t2) d = x >= xm ? -tol1 : tol1;
    }
    // not too close to x
    const u = Math.abs(d) >= tol1 ? x + d : d > 0 ? x + tol1 : x - tol1;
    const fu = fin(u);
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      w = x;
      x = u;
      fv = fw;
      fw = fx;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return x;
}
