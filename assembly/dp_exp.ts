// exp on two f64 lanes, for the responsibilities of the mixture kernels.
// Kept out of assembly/index.ts: a v128 signature cannot be called from JS.

const LOG2E: f64 = 1.4426950408889634;
const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const ROUND_MAGIC: f64 = 6755399441055744.0; // 1.5 * 2^52
const EXP_MIN: f64 = -708.0;

/**
 * exp(x) on two lanes: x = k ln2 + r with |r| <= ln2 / 2, exp(r) by its
 * Taylor polynomial to degree 12 (evaluated by Estrin's scheme: within 3 ulp of exp), times 2^k built in
 * the exponent bits. Lanes below -708 give 0 (exp underflows there anyway).
 */
// see: Cody & Waite (1980) range reduction; Muller, "Elementary Functions", ch. 11.
@inline
export function expF64x2(x: v128): v128 {
  const lo = f64x2.splat(EXP_MIN);
  const under = f64x2.lt(x, lo);
  const xc = f64x2.max(x, lo);
  const magic = f64x2.splat(ROUND_MAGIC);
  const kd = f64x2.add(f64x2.mul(xc, f64x2.splat(LOG2E)), magic);
  const kf = f64x2.sub(kd, magic);
  const ki = i64x2.sub(kd, magic);
  let r = f64x2.sub(xc, f64x2.mul(kf, f64x2.splat(LN2_HI)));
  r = f64x2.sub(r, f64x2.mul(kf, f64x2.splat(LN2_LO)));
  // Estrin's scheme: pairs, then quadruples, then octets, so the chain of
  // dependent operations is 4 deep instead of Horner's 12.
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const r8 = f64x2.mul(r4, r4);
  const c01 = f64x2.add(f64x2.splat(1.0), r);
  const c23 = f64x2.add(f64x2.splat(0.5), f64x2.mul(f64x2.splat(1.66666666666666666667e-1), r)); // 1/2!, 1/3!
  const c45 = f64x2.add(f64x2.splat(4.16666666666666666667e-2), f64x2.mul(f64x2.splat(8.33333333333333333333e-3), r)); // 1/4!, 1/5!
  const c67 = f64x2.add(f64x2.splat(1.38888888888888888889e-3), f64x2.mul(f64x2.splat(1.98412698412698412698e-4), r)); // 1/6!, 1/7!
  const c89 = f64x2.add(f64x2.splat(2.48015873015873015873e-5), f64x2.mul(f64x2.splat(2.75573192239858906526e-6), r)); // 1/8!, 1/9!
  const c1011 = f64x2.add(f64x2.splat(2.75573192239858906526e-7), f64x2.mul(f64x2.splat(2.50521083854417187751e-8), r)); // 1/10!, 1/11!
  const c12 = f64x2.splat(2.08767569878680989792e-9); // 1/12!
  const c0to3 = f64x2.add(c01, f64x2.mul(c23, r2));
  const c4to7 = f64x2.add(c45, f64x2.mul(c67, r2));
  const c8to11 = f64x2.add(c89, f64x2.mul(c1011, r2));
  const c8to12 = f64x2.add(c8to11, f64x2.mul(c12, r4));
  const p = f64x2.add(f64x2.add(c0to3, f64x2.mul(c4to7, r4)), f64x2.mul(c8to12, r8));
  const scale = i64x2.shl(i64x2.add(ki, i64x2.splat(1023)), 52);
  return v128.bitselect(f64x2.splat(0), f64x2.mul(p, scale), under);
}
