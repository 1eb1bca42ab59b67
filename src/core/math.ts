// Deterministic elementary functions: the same bits on every JavaScript engine.
//
// Math.log, Math.exp, Math.cos, ... are "implementation-approximated" in
// ECMAScript, and the V8 builds in Node, Chromium and Deno return different
// last bits for a few percent of arguments. The functions here (exp, expm1,
// log, log10, log1p, acos, cos: the ones the analysis calls) use only
// operations IEEE 754 rounds correctly (+ − × ÷, Math.sqrt, Math.abs, integer
// conversions, comparisons) and bit access through one typed-array view, so
// they give identical results everywhere. Each result is at most 1 ulp from
// the correctly rounded one (measured against 200-bit references: errors below
// 0.9 ulp of the exact value), and the special values (NaN, ±Infinity, ±0) are
// those of Math.*. cos reduces its argument with a Cody–Waite π/2 and is
// therefore limited to |x| < 2^20·π/2 (it throws a RangeError beyond).
//
// The algorithms are fdlibm's (Sun Microsystems, 1993), as kept in FreeBSD msun
// and musl; each function names its source file. Their constants are given as
// the shortest decimals that round to fdlibm's hexadecimal values (17 digits
// at most, which every engine parses exactly); the bit patterns are in the
// comments.

// ---------------------------------------------------------------- bit access

// Bits are only ever read after the double is stored whole: a 32-bit store
// followed by a 64-bit load of the same slot defeats store forwarding and
// costs more than the rest of a log. Bits are changed by exact arithmetic
// instead (clearLow subtracts the low bits' value; scaling multiplies by a
// power of two from a table).

const word = new Float64Array(1);
const half = new Uint32Array(word.buffer);
word[0] = 1;
if (half[1] !== 0x3ff00000) throw new Error("mlmages math: a little-endian Float64Array layout is required");

/** The high 32 bits (sign, exponent, top of the mantissa) of x, unsigned. */
function highWord(x: number): number {
  word[0] = x;
  return half[1];
}

// POW2[k + 1074] = 2^k for every integer k in [−1074, 1023].
const POW2 = new Float64Array(2098);
for (let k = -1022; k <= 1023; k++) {
  half[1] = (k + 1023) << 20;
  half[0] = 0;
  POW2[k + 1074] = word[0];
}
for (let k = -1074; k < -1022; k++) POW2[k + 1074] = POW2[k + 1074 + 52] * POW2[1074 - 52];

// (Signs are applied by multiplying with ±1, not by branching: these run on
// values of random sign, where a mispredicted branch costs more than the rest.)

/** x with its low 32 bits cleared (its top 21 mantissa bits kept), for finite x. */
function clearLow(x: number): number {
  word[0] = x;
  const hi = half[1];
  const e = (hi >>> 20) & 0x7ff;
  return x - (1 - 2 * (hi >>> 31)) * half[0] * POW2[Math.max(e, 1) - 1]; // minus the low bits' value, lo · 2^(e − 1075): exact
}

const TWO54 = POW2[54 + 1074];
const TWO1023 = POW2[1023 + 1074];
const TWOM969 = POW2[-969 + 1074]; // 2^-1022 · 2^53

/** x · 2^n with one rounding (the last multiplication), for n in [−2098, 2046]. */
function scalbn(x: number, n: number): number {
  let y = x;
  if (n > 1023) {
    y *= TWO1023;
    n -= 1023;
    if (n > 1023) {
      y *= TWO1023;
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    // Scale by 2^(53-1022), not 2^-1022, so the intermediate stays normal and
    // only the final product rounds (no double rounding into subnormals).
    y *= TWOM969;
    n += 969;
    if (n < -1022) {
      y *= TWOM969;
      n += 969;
      if (n < -1022) n = -1022;
    }
  }
  return y * POW2[n + 1074];
}

// ---------------------------------------------------------------- exp, expm1

const LN2_HI = 0.6931471803691238; //     0x3fe62e42 fee00000, ln 2 to 32 bits
const LN2_LO = 1.9082149292705877e-10; // 0x3dea39ef 35793c76
const INVLN2 = 1.4426950408889634; //     0x3ff71547 652b82fe
const P1 = 0.16666666666666602; //        0x3fc55555 5555553e
const P2 = -0.0027777777777015593; //     0xbf66c16c 16bebd93
const P3 = 6.613756321437934e-5; //       0x3f11566a af25de2c
const P4 = -1.6533902205465252e-6; //     0xbebbbd41 c5d26bf1
const P5 = 4.1381367970572385e-8; //      0x3e663769 72bea4d0
const EXP_OVERFLOW = 709.782712893384; // 0x40862e42 fefa39ef, ln(MAX_VALUE)
const EXP_UNDERFLOW = -745.1332191019411; // below: exp(x) < MIN_VALUE / 2
const E = 2.718281828459045; //           0x4005bf0a 8b145769, e correctly rounded

/**
 * e^x. Overflows to Infinity above 709.78, gives subnormals down to
 * exp(-745.13) = 5e-324 and 0 below.
 */
export function exp(x: number): number {
  // see: fdlibm e_exp.c (musl src/math/exp.c): x = k·ln2 + r, |r| ≤ ln2/2,
  // e^r = 1 + r + r·c/(2 - c) with c = r - r²·P(r²) (Remez, error < 2^-59).
  const hw = highWord(x);
  const sign = hw >>> 31;
  const hx = hw & 0x7fffffff;
  if (hx >= 0x4086232b) {
    // |x| ≥ 708.39
    if (x !== x) return x;
    if (x > EXP_OVERFLOW) return Infinity;
    if (x < EXP_UNDERFLOW) return 0;
  }
  let hi: number;
  let lo: number;
  let k: number;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2
    if (x === 1) return E; // the one common argument the method rounds the wrong way (as V8 does)
    k = hx >= 0x3ff0a2b2 ? (INVLN2 * x + (0.5 - sign)) | 0 : 1 - sign - sign;
    hi = x - k * LN2_HI; // exact: k·LN2_HI has at most 43 bits
    lo = k * LN2_LO;
    x = hi - lo;
  } else if (hx > 0x3e300000) {
    // |x| > 2^-28
    k = 0;
    hi = x;
    lo = 0;
  } else {
    return 1 + x;
  }
  const xx = x * x;
  const c = x - xx * (P1 + xx * (P2 + xx * (P3 + xx * (P4 + xx * P5))));
  const y = 1 + ((x * c) / (2 - c) - lo + hi);
  return k === 0 ? y : scalbn(y, k);
}

// Q1..Q5 approximate R1(2z) = 6/r·((e^r + 1)/(e^r - 1) - 2/r) with z = r²/2.
const Q1 = -0.03333333333333313; //       0xbfa11111 111110f4
const Q2 = 0.0015873015872548146; //      0x3f5a01a0 19fe5585
const Q3 = -7.93650757867488e-5; //       0xbf14ce19 9eaadbb7
const Q4 = 4.008217827329362e-6; //       0x3ed0cfca 86e65239
const Q5 = -2.0109921818362437e-7; //     0xbe8afdb7 6e09c32d

/** e^x − 1, accurate for small |x| where exp(x) − 1 cancels. */
export function expm1(x: number): number {
  // see: fdlibm s_expm1.c (musl src/math/expm1.c): x = k·ln2 + r with a
  // correction c for the rounding of r; expm1(r) by a rational form in r²;
  // 2^k·(expm1(r) + 1) − 1 rearranged per k to avoid cancellation.
  const hw = highWord(x);
  const sign = hw >>> 31;
  const hx = hw & 0x7fffffff;
  if (hx >= 0x4043687a) {
    // |x| ≥ 56·ln2
    if (x !== x) return x;
    if (sign) return -1;
    if (x > EXP_OVERFLOW) return Infinity;
  }
  let k: number;
  let c = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2
    let hi: number;
    let lo: number;
    if (hx < 0x3ff0a2b2) {
      // |x| < 1.5·ln2
      if (!sign) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = (INVLN2 * x + (0.5 - sign)) | 0;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (hx < 0x3c900000) {
    // |x| < 2^-54
    return x;
  } else {
    k = 0;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k < 0 || k > 56) {
    const y = x - e + 1;
    return (k === 1024 ? y * 2 * TWO1023 : y * POW2[k + 1074]) - 1;
  }
  const twopk = POW2[k + 1074];
  const twomk = POW2[-k + 1074];
  return k < 20 ? (x - e + (1 - twomk)) * twopk : (x - (e + twomk) + 1) * twopk;
}

// ---------------------------------------------------------------- log, log1p, log10

// Lg1..Lg7 approximate R(s²) in log(1+f) = 2s + s·R, s = f/(2+f) (Remez, 2^-58.45).
const Lg1 = 0.6666666666666735; //        0x3fe55555 55555593
const Lg2 = 0.3999999999940942; //        0x3fd99999 9997fa04
const Lg3 = 0.2857142874366239; //        0x3fd24924 94229359
const Lg4 = 0.22222198432149784; //       0x3fcc71c5 1d8e78af
const Lg5 = 0.1818357216161805; //        0x3fc74664 96cb03de
const Lg6 = 0.15313837699209373; //       0x3fc39a09 d078c69f
const Lg7 = 0.14798198605116586; //       0x3fc2f112 df3e5244

// The reduction both logarithms share (fdlibm e_log.c): x = 2^k·(1+f) with
// √2/2 < 1+f < √2, and R = s·(f²/2 + R(s²)), s = f/(2+f), so that
// log(1+f) = f − f²/2 + R. Left in these variables (no allocation per call).
let redK = 0;
let redF = 0;
let redHfsq = 0;
let redR = 0;

/** Reduces a finite x > 0 into redK, redF, redHfsq, redR; for any other x returns log's result (NaN, ±Infinity). */
function reduceLog(x: number): number {
  let hx = highWord(x);
  let k = 0;
  if ((hx - 0x00100000) >>> 0 >= 0x7fe00000) {
    // zero, subnormal, negative, infinite or NaN
    if (x !== x || x === Infinity) return x;
    if (x === 0) return -Infinity;
    if (x < 0) return NaN;
    k = -54; // subnormal: scale up
    x *= TWO54;
    hx = highWord(x);
  }
  const e = ((hx + (0x3ff00000 - 0x3fe6a09e)) >>> 20) - 0x3ff; // x·2^-e in [√2/2, √2)
  redK = k + e;
  const f = x * POW2[-e + 1074] - 1;
  redF = f;
  redHfsq = 0.5 * f * f;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  redR = s * (redHfsq + (t2 + t1));
  return NaN;
}

/** Natural logarithm; log(±0) = −Infinity, log(x < 0) = NaN. */
export function log(x: number): number {
  // see: fdlibm e_log.c (musl src/math/log.c): log(1+f) = f − f²/2 + R, + k·ln2 in two parts.
  if (!(x > 0 && x < Infinity)) return reduceLog(x);
  reduceLog(x);
  const k = redK;
  return redR + k * LN2_LO - redHfsq + redF + k * LN2_HI;
}

const IVLN10HI = 0.4342944818781689; //   0x3fdbcb7b 15200000, 1/ln10 to 33 bits
const IVLN10LO = 2.5082946711645275e-11; // 0x3dbb9438 ca9aadd5
const LOG10_2HI = 0.30102999566361177; // 0x3fd34413 509f6000
const LOG10_2LO = 3.694239077158931e-13; // 0x3d59fef3 11f12b36

/** Base-10 logarithm; log10(±0) = −Infinity, log10(x < 0) = NaN. */
export function log10(x: number): number {
  // see: FreeBSD msun e_log10.c (musl src/math/log10.c): log(1+f) as in
  // e_log.c split into hi + lo, then scaled by 1/ln10 and k·log10(2) in
  // extra precision.
  if (!(x > 0 && x < Infinity)) return reduceLog(x);
  reduceLog(x);
  const k = redK;
  const f = redF;
  const hfsq = redHfsq;
  // hi + lo = log(1+f), hi with its low word zero
  const hi = clearLow(f - hfsq);
  const lo = f - hi - hfsq + redR;
  // + k·log10(2), adding the high parts in extra precision
  const valHi = hi * IVLN10HI;
  const y = k * LOG10_2HI;
  const sum = y + valHi;
  const valLo = k * LOG10_2LO + (lo + hi) * IVLN10LO + lo * IVLN10HI + (y - sum + valHi);
  return valLo + sum;
}

/** log(1 + x), accurate for small |x|; log1p(−1) = −Infinity, log1p(x < −1) = NaN. */
export function log1p(x: number): number {
  // see: fdlibm s_log1p.c (musl src/math/log1p.c): u = 1 + x = 2^k·(1+f)
  // with a correction c ≈ (1 + x − u)/u for the rounding of u; then as e_log.c.
  word[0] = x;
  const hx = half[1];
  let k = 1;
  let c = 0;
  let f = 0;
  if (hx < 0x3fda827a || hx >>> 31) {
    // 1 + x < √2
    if (hx >= 0xbff00000) {
      // x ≤ −1 (or NaN with the sign bit)
      return x === -1 ? -Infinity : NaN;
    }
    if ((hx & 0x7fffffff) < 0x3ca00000) return x; // |x| < 2^-53
    if (hx <= 0xbfd2bec4) {
      // √2/2 ≤ 1 + x < √2
      k = 0;
      f = x;
    }
  } else if (hx >= 0x7ff00000) {
    return x;
  }
  if (k) {
    const u = 1 + x;
    k = ((highWord(u) + (0x3ff00000 - 0x3fe6a09e)) >>> 20) - 0x3ff; // u·2^-k in [√2/2, √2)
    if (k < 54) c = (k >= 2 ? 1 - (u - x) : x - (u - 1)) / u;
    f = u * POW2[-k + 1074] - 1;
  }
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
  const t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
  const dk = k;
  return s * (hfsq + (t2 + t1)) + (dk * LN2_LO + c) - hfsq + f + dk * LN2_HI;
}

// ---------------------------------------------------------------- acos

const PIO2 = 1.5707963267948966; //       0x3ff921fb 54442d18, π/2
const PIO2_LO = 6.123233995736766e-17; // 0x3c91a626 33145c07, π/2 − PIO2

const pS0 = 0.16666666666666666; //       0x3fc55555 55555555
const pS1 = -0.3255658186224009; //       0xbfd4d612 03eb6f7d
const pS2 = 0.20121253213486293; //       0x3fc9c155 0e884455
const pS3 = -0.04005553450067941; //      0xbfa48228 b5688f3b
const pS4 = 0.0007915349942898145; //     0x3f49efe0 7501b288
const pS5 = 3.479331075960212e-5; //      0x3f023de1 0dfdf709
const qS1 = -2.403394911734414; //        0xc0033a27 1c8a2d4b
const qS2 = 2.0209457602335057; //        0x40002ae5 9c598ac8
const qS3 = -0.6882839716054533; //       0xbfe6066c 1b8d0159
const qS4 = 0.07703815055590194; //       0x3fb3b8c5 b12e9282

/** (asin(√z) − √z)/√z as a rational function of z (fdlibm's R). */
function asinRatio(z: number): number {
  const p = z * (pS0 + z * (pS1 + z * (pS2 + z * (pS3 + z * (pS4 + z * pS5)))));
  const q = 1 + z * (qS1 + z * (qS2 + z * (qS3 + z * qS4)));
  return p / q;
}

/** Arc cosine in [0, π]; NaN outside [−1, 1]. */
export function acos(x: number): number {
  // see: fdlibm e_acos.c (musl src/math/acos.c): |x| < 0.5: π/2 − asin(x);
  // otherwise with z = (1 − |x|)/2: acos(x) = 2·asin(√z) or π − 2·asin(√z).
  word[0] = x;
  const hx = half[1];
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    // |x| ≥ 1 or NaN
    if (((ix - 0x3ff00000) | half[0]) === 0) return hx >>> 31 ? 2 * PIO2 : 0;
    return NaN;
  }
  if (ix < 0x3fe00000) {
    // |x| < 0.5
    if (ix <= 0x3c600000) return PIO2; // |x| < 2^-57
    return PIO2 - (x - (PIO2_LO - x * asinRatio(x * x)));
  }
  if (hx >>> 31) {
    // x ≤ −0.5
    const z = (1 + x) * 0.5;
    const s = Math.sqrt(z);
    const w = asinRatio(z) * s - PIO2_LO;
    return 2 * (PIO2 - (s + w));
  }
  // x ≥ 0.5
  const z = (1 - x) * 0.5;
  const s = Math.sqrt(z);
  const df = clearLow(s);
  const c = (z - df * df) / (s + df);
  const w = asinRatio(z) * s + c;
  return 2 * (df + w);
}

// ---------------------------------------------------------------- cos

const S1 = -0.16666666666666632; //       0xbfc55555 55555549
const S2 = 0.00833333333332249; //        0x3f811111 1110f8a6
const S3 = -0.0001984126982985795; //     0xbf2a01a0 19c161d5
const S4 = 2.7557313707070068e-6; //      0x3ec71de3 57b1fe7d
const S5 = -2.5050760253406863e-8; //     0xbe5ae5e6 8a2b9ceb
const S6 = 1.58969099521155e-10; //       0x3de5d93a 5acfd57c
const C1 = 0.0416666666666666; //         0x3fa55555 5555554c
const C2 = -0.001388888888887411; //      0xbf56c16c 16c15177
const C3 = 2.480158728947673e-5; //       0x3efa01a0 19cb1590
const C4 = -2.7557314351390663e-7; //     0xbe927e4f 809c52ad
const C5 = 2.087572321298175e-9; //       0x3e21ee9e bdb4b1c4
const C6 = -1.1359647557788195e-11; //    0xbda8fae9 be8838d4

/** sin(x + y) for |x| ≤ ~π/4 and a tail |y| ≤ ulp(x)/2 (fdlibm k_sin.c, degree 13). */
function sinKernel(x: number, y: number): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** cos(x + y) for |x| ≤ ~π/4 and a tail |y| ≤ ulp(x)/2 (fdlibm k_cos.c, degree 14). */
function cosKernel(x: number, y: number): number {
  const z = x * x;
  const w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  const v = 1 - hz;
  return v + (1 - v - hz + (z * r - x * y));
}

const TOINT = 6755399441055744; //        1.5·2^52: x + TOINT − TOINT rounds x to an integer
const INVPIO2 = 0.6366197723675814; //    0x3fe45f30 6dc9c883, 2/π
const PIO2_1 = 1.5707963267341256; //     0x3ff921fb 54400000, first 33 bits of π/2
const PIO2_1T = 6.077100506506192e-11; // 0x3dd0b461 1a626331, π/2 − PIO2_1
const PIO2_2 = 6.077100506303966e-11; //  0x3dd0b461 1a600000, second 33 bits
const PIO2_2T = 2.0222662487959506e-21; // 0x3ba3198a 2e037073
const PIO2_3 = 2.0222662487111665e-21; // 0x3ba3198a 2e000000, third 33 bits
const PIO2_3T = 8.4784276603689e-32; //   0x397b839a 252049c1

// Result of remPio2: x = n·π/2 + (remHi + remLo), |remHi + remLo| ≤ ~π/4.
let remHi = 0;
let remLo = 0;

/**
 * Reduces finite x with ~π/4 < |x| < 2^20·π/2 modulo π/2; returns n (the
 * quadrant is n mod 4) and leaves the remainder in remHi + remLo. Larger |x|
 * (from the high word 0x413921fb on, i.e. |x| ≥ 1647099, just below
 * 2^20·π/2 ≈ 1647099.33), where fdlibm switches to the Payne–Hanek reduction
 * of k_rem_pio2.c, throw a RangeError: no caller needs them.
 */
function remPio2(x: number, ix: number): number {
  // see: fdlibm e_rem_pio2.c (musl src/math/__rem_pio2.c), medium case:
  // Cody–Waite with π/2 in three 33-bit parts, refined only when cancellation
  // is deep (good to 151 bits, enough for every |x| < 2^20·π/2).
  if (ix >= 0x413921fb) throw new RangeError("mlmages: cos is implemented for |x| < 2^20·π/2 only");
  const fn = x * INVPIO2 + TOINT - TOINT;
  const n = fn | 0;
  let r = x - fn * PIO2_1; // exact
  let w = fn * PIO2_1T;
  let y0 = r - w;
  const ex = ix >>> 20;
  if (ex - ((highWord(y0) >>> 20) & 0x7ff) > 16) {
    // lost more than 16 bits: second round, good to 118 bits
    let t = r;
    w = fn * PIO2_2;
    r = t - w;
    w = fn * PIO2_2T - (t - r - w);
    y0 = r - w;
    if (ex - ((highWord(y0) >>> 20) & 0x7ff) > 49) {
      // third round, good to 151 bits
      t = r;
      w = fn * PIO2_3;
      r = t - w;
      w = fn * PIO2_3T - (t - r - w);
      y0 = r - w;
    }
  }
  remHi = y0;
  remLo = r - y0 - w;
  return n;
}

/**
 * Cosine, for |x| < 2^20·π/2 (about 1.6e6; the analysis calls it with
 * |x| ≤ 2π): throws a RangeError for larger finite x; NaN for ±Infinity.
 */
export function cos(x: number): number {
  // see: fdlibm s_cos.c, k_sin.c, k_cos.c, e_rem_pio2.c (musl src/math/cos.c).
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    // |x| ≤ ~π/4
    if (ix < 0x3e46a09e) return 1; // |x| < 2^-27·√2
    return cosKernel(x, 0);
  }
  if (ix >= 0x7ff00000) return NaN;
  const n = remPio2(x, ix);
  // quadrant n mod 4: cos, −sin, −cos, sin of the remainder
  return (1 - ((n + 1) & 2)) * (n & 1 ? sinKernel(remHi, remLo) : cosKernel(remHi, remLo));
}

/** x^y for x > 0 as exp(y·log x): a few ulps from the correctly rounded value, the same bits everywhere (pow(x, 0) = 1). */
export function powPositive(x: number, y: number): number {
  if (y === 0) return 1;
  if (!(x > 0)) return NaN;
  return exp(y * log(x));
}
