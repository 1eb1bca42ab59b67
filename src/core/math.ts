// Deterministic elementary functions: the same bits on every JavaScript engine.
//
// Math.log, Math.exp, Math.sin, ... are "implementation-approximated" in
// ECMAScript, and the V8 builds in Node, Chromium and Deno return different
// last bits for a few percent of arguments. The functions here use only
// operations IEEE 754 rounds correctly (+ − × ÷, Math.sqrt, Math.abs, integer
// conversions, comparisons), bit access through one typed-array view, and
// BigInt for the exact reduction of huge trigonometric arguments, so they give
// identical results everywhere. Each result is at most 1 ulp from the
// correctly rounded one (measured against 200-bit references: errors below
// 0.9 ulp of the exact value, atan2 below 1.2 as its quotient y/x is rounded
// first), and the special values (NaN, ±Infinity, ±0) are those of Math.*.
//
// The algorithms are fdlibm's (Sun Microsystems, 1993), as kept in FreeBSD msun
// and musl; each function names its source file. Their constants are given as
// the shortest decimals that round to fdlibm's hexadecimal values (17 digits
// at most, which every engine parses exactly); the bit patterns are in the
// comments.

// ---------------------------------------------------------------- bit access

// Bits are only ever read after the double is stored whole: a 32-bit store
// followed by a 64-bit load of the same slot defeats store forwarding and
// costs more than the rest of a log. Doubles are built from bits by exact
// arithmetic instead (a mantissa times a power of two from a table).

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

/** The finite double whose high word is hi and low word 0 (built arithmetically). */
function fromHigh(hi: number): number {
  const e = (hi >>> 20) & 0x7ff;
  const m = e === 0 ? hi & 0xfffff : (hi & 0xfffff) | 0x100000;
  return (1 - 2 * (hi >>> 31)) * m * POW2[Math.max(e, 1) + 31]; // m · 2^(e − 1043)
}

/** x with its low 32 bits cleared (its top 21 mantissa bits kept), for finite x. */
function clearLow(x: number): number {
  word[0] = x;
  const hi = half[1];
  const e = (hi >>> 20) & 0x7ff;
  return x - (1 - 2 * (hi >>> 31)) * half[0] * POW2[Math.max(e, 1) - 1]; // minus the low bits' value, lo · 2^(e − 1075): exact
}

const TWO53 = POW2[53 + 1074];
const TWO54 = POW2[54 + 1074];
const TWO1023 = POW2[1023 + 1074];
const TWOM969 = POW2[-969 + 1074]; // 2^-1022 · 2^53
const TWOM384 = POW2[-384 + 1074];

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

// ---------------------------------------------------------------- pow

const DP_H1 = 0.5849624872207642; //      0x3fe2b803 40000000, log2(1.5) high
const DP_L1 = 1.350039202129749e-8; //    0x3e4cfdeb 43cfd006, log2(1.5) low
const L1 = 0.5999999999999946; //         0x3fe33333 33333303
const L2 = 0.4285714285785502; //         0x3fdb6db6 db6fabff
const L3 = 0.33333332981837743; //        0x3fd55555 518f264d
const L4 = 0.272728123808534; //          0x3fd17460 a91d4101
const L5 = 0.23066074577556175; //        0x3fcd864a 93c9db65
const L6 = 0.20697501780033842; //        0x3fca7e28 4a454eef
const LG2 = 0.6931471805599453; //        0x3fe62e42 fefa39ef
const LG2_H = 0.6931471824645996; //      0x3fe62e43 00000000
const LG2_L = -1.904654299957768e-9; //   0xbe205c61 0ca86c39
const OVT = 8.008566259537294e-17; //     −(1024 − log2(MAX_VALUE + ulp/2))
const CP = 0.9617966939259756; //         0x3feec709 dc3a03fd, 2/(3·ln2)
const CP_H = 0.9617967009544373; //       0x3feec709 e0000000
const CP_L = -7.028461650952758e-9; //    0xbe3e2fe0 145b01f5
const IVLN2 = 1.4426950408889634; //      0x3ff71547 652b82fe, 1/ln2
const IVLN2_H = 1.4426950216293335; //    0x3ff71547 60000000
const IVLN2_L = 1.9259629911266175e-8; // 0x3e54ae0b f85ddf44

/**
 * x^y with the special values of Math.pow (so 1^±Infinity and 1^NaN are NaN,
 * x^±0 = 1 for every x). pow(x, 2) is x·x and pow(x ≥ +0, 0.5) is √x exactly;
 * integer powers of integers are exact when representable.
 */
export function pow(x: number, y: number): number {
  // see: fdlibm e_pow.c (musl src/math/pow.c, before 2018): log2|x| as
  // t1 + t2 to ~2^-64 relative, y·log2|x| = n + y' in simulated double-double,
  // x^y = 2^n · exp(y'·ln2) with the e_exp.c polynomial.
  word[0] = x;
  const hx = half[1] | 0;
  const lx = half[0];
  word[0] = y;
  const hy = half[1] | 0;
  const ly = half[0];
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) return 1; // x^±0 = 1, even for NaN x
  if (x !== x || y !== y) return NaN;
  if (iy === 0x7ff00000 && ly === 0) {
    // y = ±Infinity
    if (((ix - 0x3ff00000) | lx) === 0) return NaN; // (±1)^±Infinity
    if (ix >= 0x3ff00000) return hy >= 0 ? y : 0; // |x| > 1
    return hy >= 0 ? 0 : -y; // |x| < 1
  }
  if (hx === 0x3ff00000 && lx === 0) return 1;

  // For x < 0: yisint 0 = y not an integer, 1 = odd integer, 2 = even integer.
  let yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) {
      yisint = 2; // |y| ≥ 2^53
    } else if (iy >= 0x3ff00000) {
      const e = (iy >> 20) - 0x3ff;
      if (e > 20) {
        const j = ly >>> (52 - e);
        if ((j << (52 - e)) >>> 0 === ly) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        const j = iy >> (20 - e);
        if (j << (20 - e) === iy) yisint = 2 - (j & 1);
      }
    }
  }

  if (ly === 0) {
    if (iy === 0x3ff00000) return hy >= 0 ? x : 1 / x; // y = ±1
    if (hy === 0x40000000) return x * x; // y = 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y = 0.5, x ≥ +0
  }

  let ax = Math.abs(x);
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    // x = ±0, ±Infinity, −1
    let z = hy < 0 ? 1 / ax : ax;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) return NaN; // (−1)^non-integer
      if (yisint === 1) z = -z;
    }
    return z;
  }

  let s = 1; // sign of the result
  if (hx < 0) {
    if (yisint === 0) return NaN; // (x < 0)^non-integer
    if (yisint === 1) s = -1;
  }

  // t1 + t2 = log2|x|, t1 with its low word zero.
  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31: over- or underflows unless x is within 2^-20 of 1
    if (iy > 0x43f00000) {
      // |y| > 2^64
      if (ix <= 0x3fefffff) return hy < 0 ? Infinity : 0;
      if (ix >= 0x3ff00000) return hy > 0 ? Infinity : 0;
    }
    if (ix < 0x3fefffff) return hy < 0 ? s * Infinity : s * 0;
    if (ix > 0x3ff00000) return hy > 0 ? s * Infinity : s * 0;
    // log(x) = t − t²/2 + t³/3 − t⁴/4 with t = x − 1 (20 trailing zeros)
    const t = ax - 1;
    const w = t * t * (0.5 - t * (0.3333333333333333 - t * 0.25));
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * IVLN2;
    t1 = clearLow(u + v);
    t2 = v - (t1 - u);
  } else {
    let n = 0;
    if (ix < 0x00100000) {
      // subnormal x
      ax *= TWO53;
      n -= 53;
      ix = highWord(ax);
    }
    const ex = (ix >> 20) - 0x3ff;
    n += ex;
    const j = ix & 0x000fffff;
    ix = j | 0x3ff00000;
    let k: number; // reduce to |x| in [1, √3) around bp = 1 (k = 0) or 1.5 (k = 1)
    if (j <= 0x3988e) {
      k = 0; // |x| < √(3/2)
    } else if (j < 0xbb67a) {
      k = 1; // |x| < √3
    } else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax *= POW2[(ix >> 20) - 0x3ff - ex + 1074]; // exponent set to that of ix: exact
    const bp = k ? 1.5 : 1;
    const dpH = k ? DP_H1 : 0;
    const dpL = k ? DP_L1 : 0;
    // ss = sH + sL = (ax − bp)/(ax + bp)
    let u = ax - bp;
    let v = 1 / (ax + bp);
    const ss = u * v;
    const sH = clearLow(ss);
    let tH = fromHigh(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18)); // ax + bp, high part
    let tL = ax - (tH - bp);
    const sL = v * (u - sH * tH - sH * tL);
    // log(ax) = 2ss + 2ss³/3 + ss⁵·L(ss²)
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = clearLow(3 + s2 + r);
    tL = r - (tH - 3 - s2);
    // u + v = ss·(3 + ss² + r)
    u = sH * tH;
    v = sL * tH + tL * ss;
    // 2/(3·ln2)·(ss + ...)
    const pH = clearLow(u + v);
    const pL = v - (pH - u);
    const zH = CP_H * pH;
    const zL = CP_L * pH + pL * CP + dpL;
    // log2(ax) = n + dpH + zH + zL
    t1 = clearLow(zH + zL + dpH + n);
    t2 = zL - (t1 - n - dpH - zH);
  }

  // pH + pL = (y1 + y2)·(t1 + t2), y1 = y with its low word zero
  const y1 = clearLow(y);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  word[0] = z;
  const j = half[1] | 0;
  const i = half[0];
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | i) !== 0) return s * Infinity;
    if (pL + OVT > z - pH) return s * Infinity;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075
    if (((j - 0xc090cc00) | i) !== 0) return s * 0;
    if (pL <= z - pH) return s * 0;
  }

  // 2^(pH + pL) = 2^n · e^((pH − n + pL)·ln2)
  const ia = j & 0x7fffffff;
  let k = (ia >> 20) - 0x3ff;
  let n = 0;
  if (ia > 0x3fe00000) {
    // |z| > 0.5: n = nearest integer to z
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromHigh(n & ~(0x000fffff >> k));
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = clearLow(pL + pH);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2 + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const zz = z * z;
  const c = z - zz * (P1 + zz * (P2 + zz * (P3 + zz * (P4 + zz * P5))));
  const r = (z * c) / (c - 2) - (w + z * w);
  z = 1 - (r - z);
  return s * scalbn(z, n);
}

// ---------------------------------------------------------------- atan, atan2, acos

// atan(0.5), atan(1), atan(1.5), atan(Infinity) as high + low parts.
const ATAN_HI = Float64Array.of(
  0.4636476090008061, //                  0x3fddac67 0561bb4f
  0.7853981633974483, //                  0x3fe921fb 54442d18
  0.982793723247329, //                   0x3fef730b d281f69b
  1.5707963267948966, //                  0x3ff921fb 54442d18
);
const ATAN_LO = Float64Array.of(
  2.2698777452961687e-17, //              0x3c7a2b7f 222f65e2
  3.061616997868383e-17, //               0x3c81a626 33145c07
  1.3903311031230998e-17, //              0x3c700788 7af0cbbd
  6.123233995736766e-17, //               0x3c91a626 33145c07
);
const ATAN_INF = 1.5707963267948966;
const AT0 = 0.3333333333333293; //        0x3fd55555 5555550d
const AT1 = -0.19999999999876483; //      0xbfc99999 9998ebc4
const AT2 = 0.14285714272503466; //       0x3fc24924 920083ff
const AT3 = -0.11111110405462356; //      0xbfbc71c6 fe231671
const AT4 = 0.09090887133436507; //       0x3fb745cd c54c206e
const AT5 = -0.0769187620504483; //       0xbfb3b0f2 af749a6d
const AT6 = 0.06661073137387531; //       0x3fb10d66 a0d03d51
const AT7 = -0.058335701337905735; //     0xbfadde2d 52defd9a
const AT8 = 0.049768779946159324; //      0x3fa97b4b 24760deb
const AT9 = -0.036531572744216916; //     0xbfa2b444 2c6a6c2f
const AT10 = 0.016285820115365782; //     0x3f90ad3a e322da11

/** Arc tangent in [−π/2, π/2]. */
export function atan(x: number): number {
  // see: fdlibm s_atan.c (musl src/math/atan.c): reduce |x| to |t| ≤ 7/16
  // around 0, 0.5, 1, 1.5 or ∞ (atan(a) + atan((x − a)/(1 + a·x))), then an
  // odd polynomial of degree 23.
  const hw = highWord(x);
  const ix = hw & 0x7fffffff;
  if (ix >= 0x44100000) {
    // |x| ≥ 2^66
    if (x !== x) return x;
    return hw >>> 31 ? -ATAN_INF : ATAN_INF;
  }
  let id: number;
  let a = x;
  if (ix < 0x3fdc0000) {
    // |x| < 0.4375
    if (ix < 0x3e400000) return x; // |x| < 2^-27
    id = -1;
  } else {
    a = Math.abs(x);
    if (ix < 0x3ff30000) {
      // |x| < 1.1875
      if (ix < 0x3fe60000) {
        id = 0; // 7/16 ≤ |x| < 11/16
        a = (2 * a - 1) / (2 + a);
      } else {
        id = 1; // 11/16 ≤ |x| < 19/16
        a = (a - 1) / (a + 1);
      }
    } else if (ix < 0x40038000) {
      id = 2; // |x| < 2.4375
      a = (a - 1.5) / (1 + 1.5 * a);
    } else {
      id = 3; // |x| < 2^66
      a = -1 / a;
    }
  }
  const z = a * a;
  const w = z * z;
  const s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
  const s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  if (id < 0) return a - a * (s1 + s2);
  const r = ATAN_HI[id] - (a * (s1 + s2) - ATAN_LO[id] - a);
  return (1 - 2 * (hw >>> 31)) * r; // ±r without a branch on a random sign
}

const PI = 3.141592653589793; //          0x400921fb 54442d18
const PI_LO = 1.2246467991473532e-16; //  0x3ca1a626 33145c07, π − PI
const PIO2 = 1.5707963267948966; //       0x3ff921fb 54442d18
const PIO2_LO = 6.123233995736766e-17; // 0x3c91a626 33145c07
const PIO4 = 0.7853981633974483;
const PI3O4 = 2.356194490192345;

/** The angle of the point (x, y) in [−π, π], with the signed zeros and infinities of Math.atan2. */
export function atan2(y: number, x: number): number {
  // see: fdlibm e_atan2.c (musl src/math/atan2.c): atan(|y/x|) moved to the
  // quadrant of (x, y), π added in two parts.
  if (x !== x || y !== y) return NaN;
  word[0] = x;
  let ix = half[1];
  const lx = half[0];
  word[0] = y;
  let iy = half[1];
  const ly = half[0];
  if (((ix - 0x3ff00000) | lx) === 0) return atan(y); // x = 1
  const m = ((iy >>> 31) & 1) | ((ix >>> 30) & 2); // 2·sign(x) + sign(y)
  ix &= 0x7fffffff;
  iy &= 0x7fffffff;
  if ((iy | ly) === 0) {
    // y = ±0
    if (m < 2) return y;
    return m === 2 ? PI : -PI;
  }
  if ((ix | lx) === 0) return m & 1 ? -PIO2 : PIO2; // x = ±0
  if (ix === 0x7ff00000) {
    // x = ±Infinity
    if (iy === 0x7ff00000) {
      if (m === 0) return PIO4;
      if (m === 1) return -PIO4;
      return m === 2 ? PI3O4 : -PI3O4;
    }
    if (m === 0) return 0;
    if (m === 1) return -0;
    return m === 2 ? PI : -PI;
  }
  if (ix + (64 << 20) < iy || iy === 0x7ff00000) return m & 1 ? -PIO2 : PIO2; // |y/x| > 2^64
  const z = (m & 2) !== 0 && iy + (64 << 20) < ix ? 0 : atan(Math.abs(y / x)); // 0 when |y/x| < 2^-64, x < 0
  if (m === 0) return z;
  if (m === 1) return -z;
  if (m === 2) return PI - (z - PI_LO);
  return z - PI_LO - PI;
}

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

// ---------------------------------------------------------------- sin, cos

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

// floor(2/π · 2^1280) and round(π/2 · 2^192), for the exact reduction of huge arguments.
const TWO_OVER_PI = BigInt(
  "0xa2f9836e4e441529fc2757d1f534ddc0db6295993c439041fe5163abdebbc561b7246e3a424dd2e0" +
    "06492eea09d1921cfe1deb1cb129a73ee88235f52ebb4484e99c7026b45f7e413991d639835339f4" +
    "9c845f8bbdf9283b1ff897ffde05980fef2f118b5a0a6d1f6d367ecf27cb09b74f463f669e5fea2d" +
    "7527bac7ebe5f17b3d0739f78a5292ea6bfb5fb11f8d5d0856033046fc7b6babf0cfbc209af4361d",
);
const PIO2_192 = BigInt("0x1921fb54442d18469898cc51701b839a252049c1114cf98e8");
const TWO_OVER_PI_BITS = 1280;

/** The integers of the huge-argument reduction, floor(2/π · 2^1280) and round(π/2 · 2^192) (exported for their test). */
export const reductionTables = { twoOverPi: TWO_OVER_PI, twoOverPiBits: TWO_OVER_PI_BITS, halfPi: PIO2_192, halfPiBits: 192 };

// Result of remPio2: x = n·π/2 + (remHi + remLo), |remHi + remLo| ≤ ~π/4.
let remHi = 0;
let remLo = 0;

/**
 * Reduces finite x with |x| > π/4 modulo π/2; returns n (the quadrant is n mod 4)
 * and leaves the remainder in remHi + remLo.
 */
function remPio2(x: number, ix: number): number {
  // see: fdlibm e_rem_pio2.c (musl src/math/__rem_pio2.c), medium case:
  // Cody–Waite with π/2 in three 33-bit parts, refined only when cancellation
  // is deep (good to 151 bits, enough for every |x| < 2^20·π/2).
  if (ix < 0x413921fb) {
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
  return remPio2Large(x);
}

/**
 * Exact reduction of |x| ≥ 2^20·π/2 (Payne–Hanek in exact integer arithmetic):
 * x = m·2^e with m < 2^53, so x·2/π = m·TWO_OVER_PI·2^(e − 1280) up to
 * 2^(53 + e − 1280) ≤ 2^-256; its integer part mod 4 is the quadrant, and the
 * top 192 bits of its fraction, times π/2, the remainder.
 */
function remPio2Large(x: number): number {
  // see: fdlibm k_rem_pio2.c (the same method, there with 24-bit chunks of 2/π in doubles).
  word[0] = x;
  const hx = half[1];
  const ix = hx & 0x7fffffff;
  const e = (ix >>> 20) - 1075;
  const m = BigInt(((ix & 0xfffff) | 0x100000) * 4294967296 + half[0]);
  const shift = BigInt(TWO_OVER_PI_BITS - e);
  const p = m * TWO_OVER_PI;
  let n = Number((p >> shift) & 3n);
  let frac = (p >> (shift - 192n)) & ((1n << 192n) - 1n);
  if (frac >= 1n << 191n) {
    frac -= 1n << 192n; // fraction ≥ 1/2: take the next multiple
    n += 1;
  }
  const y = frac * PIO2_192; // remainder · 2^384
  const hi = Number(y);
  const lo = Number(y - BigInt(hi));
  if (hx >>> 31) {
    remHi = -hi * TWOM384;
    remLo = -lo * TWOM384;
    return -n;
  }
  remHi = hi * TWOM384;
  remLo = lo * TWOM384;
  return n;
}

/** Sine; exact argument reduction for every finite x. */
export function sin(x: number): number {
  // see: fdlibm s_sin.c, k_sin.c, k_cos.c, e_rem_pio2.c (musl src/math/sin.c).
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    // |x| ≤ ~π/4
    if (ix < 0x3e500000) return x; // |x| < 2^-26
    const z = x * x;
    const w = z * z;
    const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    return x + z * x * (S1 + z * r);
  }
  if (ix >= 0x7ff00000) return NaN;
  const n = remPio2(x, ix);
  // quadrant n mod 4: sin, cos, −sin, −cos of the remainder
  return (1 - (n & 2)) * (n & 1 ? cosKernel(remHi, remLo) : sinKernel(remHi, remLo));
}

/** Cosine; exact argument reduction for every finite x. */
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

// ---------------------------------------------------------------- hypot

const SPLIT = 134217729; // 2^27 + 1
const TWO700 = POW2[700 + 1074];
const TWOM700 = POW2[-700 + 1074];

// Result of square: hi + lo = x² exactly.
let sqHi = 0;
let sqLo = 0;

/** x² as sqHi + sqLo exactly (Dekker's split). */
function square(x: number): void {
  const xc = x * SPLIT;
  const xh = x - xc + xc;
  const xl = x - xh;
  sqHi = x * x;
  sqLo = xh * xh - sqHi + 2 * xh * xl + xl * xl;
}

/** √(x² + y²) without overflow or underflow; Infinity if either is infinite, else NaN if either is NaN. */
export function hypot(x: number, y: number): number {
  // see: musl src/math/hypot.c: exact squares (Dekker), summed small to
  // large, one correctly rounded √; scaled by 2^±700 at the extremes.
  let a = Math.abs(x);
  let b = Math.abs(y);
  if (a === Infinity || b === Infinity) return Infinity;
  if (a !== a || b !== b) return NaN;
  if (a < b) {
    const t = a;
    a = b;
    b = t;
  }
  if (b === 0) return a;
  const ea = highWord(a) >>> 20;
  const eb = highWord(b) >>> 20;
  if (ea - eb > 64) return a + b;
  let z = 1;
  if (ea > 0x3ff + 510) {
    z = TWO700;
    a *= TWOM700;
    b *= TWOM700;
  } else if (eb < 0x3ff - 450) {
    z = TWOM700;
    a *= TWO700;
    b *= TWO700;
  }
  square(a);
  const ha = sqHi;
  const la = sqLo;
  square(b);
  return z * Math.sqrt(sqLo + la + sqHi + ha);
}
