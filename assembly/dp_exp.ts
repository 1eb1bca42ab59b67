// exp on two f64 lanes, for the responsibilities of the mixture kernels.
// Kept out of assembly/index.ts: a v128 signature cannot be called from JS.

const N_LN2: f64 = 92.33248261689366; // 64 / ln 2
const LN2_N_HI: f64 = 0.01083042469326756; // ln 2 / 64 to 32 bits (k * LN2_N_HI is exact)
const LN2_N_LO: f64 = 2.9815858269852933e-12; // ln 2 / 64 - LN2_N_HI
const ROUND_MAGIC: f64 = 6755399441055744.0; // 1.5 * 2^52
const EXP_MIN: f64 = -708.0;

// 2^(j/64), j = 0..63
const EXP2_TABLE = memory.data<f64>([
  1.0, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284,
  1.0442737824274138, 1.0556451783605572, 1.0671404006768237, 1.0787607977571199,
  1.0905077326652577, 1.102382583307841, 1.1143867425958924, 1.1265216186082418,
  1.1387886347566916, 1.1511892299529827, 1.1637248587775775, 1.1763969916502812,
  1.189207115002721, 1.202156731452703, 1.215247359980469, 1.22848053610687,
  1.241857812073484, 1.255380757024691, 1.2690509571917332, 1.2828700160787783,
  1.2968395546510096, 1.3109612115247644, 1.3252366431597413, 1.339667524053303,
  1.3542555469368927, 1.3690024229745905, 1.383909881963832, 1.3989796725383112,
  1.4142135623730951, 1.42961333839197, 1.4451808069770467, 1.460917794180647,
  1.4768261459394993, 1.4929077282912648, 1.5091644275934228, 1.5255981507445384,
  1.5422108254079407, 1.559004400237837, 1.5759808451078865, 1.593142151342267,
  1.6104903319492543, 1.6280274218573478, 1.645755478153965, 1.6636765803267364,
  1.681792830507429, 1.7001063537185235, 1.718619298122478, 1.7373338352737062,
  1.7562521603732995, 1.7753764925265212, 1.7947090750031072, 1.8142521755003989,
  1.8340080864093424, 1.8539791250833855, 1.8741676341103, 1.8945759815869656,
  1.9152065613971474, 1.9360617934922943, 1.9571441241754002, 1.978456026387951,
]);

// bits(2^(j/64)) - (j << 46), so that adding k << 46 for k = 64 m + j (two's
// complement, wrapping) gives bits(2^m * 2^(j/64)): the exponent's m lands in
// bits 52.. and j's share cancels.
const EXP2_BITS = memory.data(64 << 3);
for (let j = 0; j < 64; j++) store<i64>(EXP2_BITS + (<usize>j << 3), reinterpret<i64>(load<f64>(EXP2_TABLE + (<usize>j << 3))) - (<i64>j << 46));

// The constants as two-lane pairs, loaded where used: cheaper than rebuilding
// a v128 constant at every use inside the callers' loops.
const C = memory.data<f64>([EXP_MIN, EXP_MIN, ROUND_MAGIC, ROUND_MAGIC, N_LN2, N_LN2, LN2_N_HI, LN2_N_HI, LN2_N_LO, LN2_N_LO, 1.0, 1.0, 0.5, 0.5, 1.66666666666666666667e-1, 1.66666666666666666667e-1, 4.16666666666666666667e-2, 4.16666666666666666667e-2, 8.33333333333333333333e-3, 8.33333333333333333333e-3]);

/**
 * exp(x) on two lanes: x = (64 m + j) ln2/64 + r with |r| <= ln2/128, so
 *   exp(x) = 2^m * 2^(j/64) * exp(r),
 * 2^m * 2^(j/64) from one table entry plus k = 64 m + j shifted into the
 * exponent bits, exp(r) by its Taylor polynomial to degree 5 (the next term is
 * below 4e-17). Within 2 ulp of exp; lanes below -708 give 0 (exp underflows
 * there anyway).
 * k is rounded by adding 1.5 * 2^52, whose low bits are zero: the sum's bits
 * are bits(magic) + k, so its low six bits are j and, shifted left by 46, it is
 * k << 46 exactly (bits(magic) << 46 wraps to zero). The clamp is pmax
 * (f64x2.max's NaN rules cost eight instructions); above it m >= -1022, so
 * 2^m * 2^(j/64) is a normal double.
 */
// see: Tang (1989), "Table-driven implementation of the exponential function
//      in IEEE floating-point arithmetic", ACM TOMS 15(2):144; the shifted-table
//      form as in ARM optimized-routines math/exp.c.
@inline
export function expF64x2(x: v128): v128 {
  const lo = v128.load(C);
  const keep = f64x2.ge(x, lo);
  const xc = f64x2.pmax(lo, x);
  const magic = v128.load(C, 16);
  const kd = f64x2.add(f64x2.mul(xc, v128.load(C, 32)), magic);
  const kf = f64x2.sub(kd, magic);
  let r = f64x2.sub(xc, f64x2.mul(kf, v128.load(C, 48)));
  r = f64x2.sub(r, f64x2.mul(kf, v128.load(C, 64)));
  const j0 = <usize>(i64x2.extract_lane(kd, 0) & 63);
  const j1 = <usize>(i64x2.extract_lane(kd, 1) & 63);
  const t = v128.load64_lane(EXP2_BITS + (j1 << 3), v128.load64_splat(EXP2_BITS + (j0 << 3)), 1);
  const scale = i64x2.add(t, i64x2.shl(kd, 46));
  const r2 = f64x2.mul(r, r);
  // 1 + r + r^2/2 + r^3/6 + r^4/24 + r^5/120, by Estrin's scheme
  const c01 = f64x2.add(v128.load(C, 80), r);
  const c23 = f64x2.add(v128.load(C, 96), f64x2.mul(v128.load(C, 112), r));
  const c45 = f64x2.add(v128.load(C, 128), f64x2.mul(v128.load(C, 144), r));
  const p = f64x2.add(c01, f64x2.mul(r2, f64x2.add(c23, f64x2.mul(r2, c45))));
  return v128.and(f64x2.mul(p, scale), keep);
}
