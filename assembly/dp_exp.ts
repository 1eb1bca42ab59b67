// exp on two f64 lanes, for the responsibilities of the mixture kernels.
// Kept out of assembly/index.ts: a v128 signature cannot be called from JS.

const LOG2E: f64 = 1.4426950408889634;
const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const ROUND_MAGIC: f64 = 6755399441055744.0; // 1.5 * 2^52
const EXP_MIN: f64 = -708.0;

/**
 * exp(x) on two lanes: x = k ln2 + r with |r| <= ln2 / 2, exp(r) by its
 * Taylor polynomial to degree 12 (relative error < 2e-16), times 2^k built in
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
  let p = f64x2.splat(2.08767569878680989792e-9); // 1/12!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(2.50521083854417187751e-8)); // 1/11!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(2.75573192239858906526e-7)); // 1/10!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(2.75573192239858906526e-6)); // 1/9!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(2.48015873015873015873e-5)); // 1/8!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.98412698412698412698e-4)); // 1/7!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.38888888888888888889e-3)); // 1/6!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(8.33333333333333333333e-3)); // 1/5!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(4.16666666666666666667e-2)); // 1/4!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.66666666666666666667e-1)); // 1/3!
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(0.5));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0));
  p = f64x2.add(f64x2.mul(p, r), f64x2.splat(1.0));
  const scale = i64x2.shl(i64x2.add(ki, i64x2.splat(1023)), 52);
  return v128.bitselect(f64x2.splat(0), f64x2.mul(p, scale), under);
}
