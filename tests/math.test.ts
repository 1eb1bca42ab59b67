// The deterministic elementary functions (src/core/math.ts: exp, expm1, log,
// log10, log1p, acos, cos): on 100,000+ random arguments each (wide
// log-uniform magnitudes, values near 1, near 0, near multiples of π/2, the
// over- and underflow edges of exp) within 1 ulp of Node's Math.*; log10,
// where V8's own results are up to ~1.6 ulp off, within 1 ulp of an exact
// BigInt reference instead; the special values of Math.*; exact results; cos
// within 1 ulp up to its limit 2^20·π/2 and a RangeError beyond; pinned bit
// patterns, so that any change of algorithm shows; and the same bits from Deno
// and headless Chromium, whose own Math.* differ from Node's.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dm from "../src/core/math.js";
import { Rng } from "../src/core/random.js";
import { packagePath } from "../src/node/package-root.js";
import { launchChromium } from "./helpers/browser.js";
import { CHROMIUM, itWith } from "./helpers/requirements.js";

// ---------------------------------------------------------------- bits and ulps

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
const u64 = new BigUint64Array(f64.buffer);

/** The bit pattern of x as 16 hex digits. */
function hex(x: number): string {
  f64[0] = x;
  return u64[0].toString(16).padStart(16, "0");
}

/** The double with bit pattern h (16 hex digits). */
function fromHex(h: string): number {
  u64[0] = BigInt("0x" + h);
  return f64[0];
}

/** Bit patterns mapped to integers in the order of the doubles they encode (−0 and +0 both 0). */
function ordered(x: number): bigint {
  f64[0] = x;
  const b = i64[0];
  return b < 0n ? -(b & 0x7fffffffffffffffn) : b;
}

/**
 * How many doubles apart a and b are. NaN only matches NaN; infinities and
 * zeros must match exactly, sign included (else Infinity).
 */
function ulpDiff(a: number, b: number): number {
  if (Object.is(a, b) || (a !== a && b !== b)) return 0;
  if (a !== a || b !== b || !Number.isFinite(a) || !Number.isFinite(b) || a === 0 || b === 0) {
    // one subnormal step from zero is 1 ulp, a sign or kind mismatch is not
    if (a === 0 && b !== 0 && Math.abs(b) === Number.MIN_VALUE && !Object.is(a, -0) === b > 0) return 1;
    if (b === 0 && a !== 0 && Math.abs(a) === Number.MIN_VALUE && !Object.is(b, -0) === a > 0) return 1;
    return Infinity;
  }
  const d = ordered(a) - ordered(b);
  return Number(d < 0n ? -d : d);
}

/** x moved by k doubles (k may be negative); x finite and non-zero, staying on its side of 0. */
function step(x: number, k: number): number {
  f64[0] = x;
  i64[0] += BigInt(x > 0 ? k : -k);
  return f64[0];
}

// ---------------------------------------------------------------- random arguments

const rng = new Rng(20240611);
const uniform = (lo: number, hi: number) => lo + (hi - lo) * rng.uniform();
const sign = () => (rng.nextU32() & 1 ? -1 : 1);

/** 2^e exactly, for e in [−1074, 1023]. */
function pow2(e: number): number {
  if (e < -1022) return pow2(-1022) * pow2(e + 1022);
  f64[0] = 0;
  u64[0] = BigInt(e + 1023) << 52n;
  return f64[0];
}

/** A random double with binary exponent uniform in [e0, e1) and a random mantissa (log-uniform). */
function magnitude(e0: number, e1: number): number {
  return (1 + rng.uniform()) * pow2(e0 + rng.int(e1 - e0));
}

type Unary = (x: number) => number;

/** The largest ulpDiff of ours from ref over the generated arguments, with the argument. */
function worst1(ours: Unary, ref: Unary, gens: Array<() => number>, perGen: number): { ulps: number; at: number; n: number } {
  let ulps = 0;
  let at = NaN;
  let n = 0;
  for (const g of gens) {
    for (let i = 0; i < perGen; i++) {
      const x = g();
      const d = ulpDiff(ours(x), ref(x));
      n++;
      if (d > ulps) {
        ulps = d;
        at = x;
      }
    }
  }
  return { ulps, at, n };
}

// ---------------------------------------------------------------- exact references

// Fixed point with 256 fraction bits; log10 from atanh series.
const FP = 256n;

/** atanh(num/den) · 2^256, |num/den| ≤ 1/3. */
function atanhFixed(num: bigint, den: bigint): bigint {
  if (num < 0n) return -atanhFixed(-num, den);
  const t = (num << FP) / den;
  const t2 = (t * t) >> FP;
  let term = t;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * t2) >> FP;
  }
  return sum;
}
const LN2_FIXED = 2n * atanhFixed(1n, 3n);
const LN10_FIXED = 3n * LN2_FIXED + 2n * atanhFixed(1n, 9n); // ln 8 + ln(5/4)

/** The mantissa and exponent of a positive finite double: x = m · 2^e. */
function parts(x: number): [bigint, number] {
  f64[0] = x;
  const b = u64[0];
  const ex = Number((b >> 52n) & 0x7ffn);
  const frac = b & 0xfffffffffffffn;
  return ex === 0 ? [frac, -1074] : [frac | (1n << 52n), ex - 1075];
}

/** log10(x) correctly rounded, for positive finite x (error of the fixed point ~2^-248, results ≥ 2^-54). */
function exactLog10(x: number): number {
  let [m, e] = parts(x);
  while (m < 1n << 52n) {
    m <<= 1n;
    e -= 1;
  }
  let n = e + 52; // x = m/2^52 · 2^n
  let den = 1n << 52n;
  if (m * m > 2n * den * den) {
    den <<= 1n; // m/den in [√2/2, √2)
    n += 1;
  }
  const ln = 2n * atanhFixed(m - den, m + den) + BigInt(n) * LN2_FIXED;
  return Number((ln << FP) / LN10_FIXED) * pow2(-256);
}

// ---------------------------------------------------------------- random comparisons

const PER = 25_000;

describe("deterministic math: within 1 ulp of Node's Math.* on random arguments", () => {
  const halfPiMultiple = () => {
    const k = sign() * (1 + rng.int((1 << 20) - 1)); // (2^20 − 1)·π/2 < cos's limit
    return step(k * (Math.PI / 2), rng.int(9) - 4);
  };
  const unary: Array<[string, Unary, Unary, Array<() => number>]> = [
    ["exp", dm.exp, Math.exp, [() => uniform(-745.2, 709.8), () => uniform(-745.2, -700), () => uniform(700, 709.79), () => sign() * magnitude(-60, 0)]],
    ["expm1", dm.expm1, Math.expm1, [() => sign() * magnitude(-60, 0), () => uniform(-40, 709.78), () => uniform(-2, 2), () => sign() * magnitude(-1074, -60)]],
    ["log", dm.log, Math.log, [() => magnitude(-1074, 1024), () => 1 + sign() * magnitude(-53, -1), () => uniform(0.5, 2), () => magnitude(-20, 20)]],
    ["log1p", dm.log1p, Math.log1p, [() => sign() * magnitude(-60, -1), () => magnitude(-1, 1024), () => -1 + magnitude(-53, -1), () => uniform(-0.5, 1)]],
    ["acos", dm.acos, Math.acos, [() => uniform(-1, 1), () => sign() * (1 - magnitude(-53, -1)), () => sign() * magnitude(-60, -1), () => uniform(-0.6, 0.6)]],
    ["cos", dm.cos, Math.cos, [() => sign() * magnitude(-30, 20), () => sign() * magnitude(1, 20), halfPiMultiple, () => uniform(-10, 10)]],
  ];
  it.each(unary)("%s", (_name, ours, ref, gens) => {
    const w = worst1(ours, ref, gens, PER);
    expect(w.n).toBeGreaterThanOrEqual(100_000);
    expect(w.ulps, `at x = ${w.at}`).toBeLessThanOrEqual(1);
  });

  it("log10 within 1 ulp of the exact value (BigInt fixed point)", () => {
    const w = worst1(dm.log10, exactLog10, [() => magnitude(-1074, 1024), () => 1 + sign() * magnitude(-53, -1), () => uniform(0.5, 20), () => magnitude(-30, 30)], PER);
    expect(w.n).toBeGreaterThanOrEqual(100_000);
    expect(w.ulps, `at x = ${w.at}`).toBeLessThanOrEqual(1);
    // and within 2 of V8's, which is up to ~1.6 ulp off near 1
    expect(worst1(dm.log10, Math.log10, [() => magnitude(-1074, 1024), () => 1 + sign() * magnitude(-53, -1)], PER).ulps).toBeLessThanOrEqual(2);
  });

  it("the exact reference agrees with Node where Node is accurate", () => {
    for (let i = 0; i < 2000; i++) {
      const x = magnitude(-100, 100);
      expect(ulpDiff(exactLog10(x), Math.log10(x))).toBeLessThanOrEqual(1);
    }
    expect(exactLog10(1000)).toBe(3);
  });
});

// ---------------------------------------------------------------- special values

const SPECIAL = [
  NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 2.5, -2.5, 10, -10,
  Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, -2.2250738585072014e-308, Number.MAX_VALUE, -Number.MAX_VALUE,
  1e-300, -1e-300, 1e300, -1e300, Math.PI, -Math.PI, Math.PI / 2, -Math.PI / 2, Math.PI / 4,
  709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, -708.4, 1e-20, -1e-20,
  2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, 2 ** 64, -(2 ** 63), 2 ** 1000, 1 - 2 ** -53, 1 + 2 ** -52, -1 + 2 ** -53, -1 - 2 ** -52,
];

// cos is implemented below 2^20·π/2 only (from the high word 0x413921fb on, |x| ≥ 1647099, it throws).
const COS_LIMIT = 1647099;
const inCosRange = (x: number) => !Number.isFinite(x) || Math.abs(x) < COS_LIMIT;

describe("deterministic math: special values as Math.*", () => {
  const unary: Array<[string, Unary, Unary, number[]]> = [
    ["exp", dm.exp, Math.exp, SPECIAL], ["expm1", dm.expm1, Math.expm1, SPECIAL], ["log", dm.log, Math.log, SPECIAL], ["log1p", dm.log1p, Math.log1p, SPECIAL],
    ["log10", dm.log10, Math.log10, SPECIAL], ["acos", dm.acos, Math.acos, SPECIAL], ["cos", dm.cos, Math.cos, SPECIAL.filter(inCosRange)],
  ];
  it.each(unary)("%s", (_name, ours, ref, xs) => {
    for (const x of xs) expect(ulpDiff(ours(x), ref(x)), `at x = ${x}: ${ours(x)} vs ${ref(x)}`).toBeLessThanOrEqual(1);
  });

  it("NaN, zeros and infinities exactly", () => {
    expect(dm.log(0)).toBe(-Infinity);
    expect(dm.log(-0)).toBe(-Infinity);
    expect(dm.log(-1)).toBeNaN();
    expect(dm.log(-Infinity)).toBeNaN();
    expect(dm.log(Infinity)).toBe(Infinity);
    expect(dm.log10(0)).toBe(-Infinity);
    expect(dm.log10(-1e-300)).toBeNaN();
    expect(dm.log1p(-1)).toBe(-Infinity);
    expect(dm.log1p(-1.5)).toBeNaN();
    expect(Object.is(dm.log1p(-0), -0)).toBe(true);
    expect(dm.exp(-Infinity)).toBe(0);
    expect(dm.exp(710)).toBe(Infinity);
    expect(dm.exp(-746)).toBe(0);
    expect(dm.exp(-745.13)).toBe(Number.MIN_VALUE);
    expect(dm.exp(-740)).toBe(Math.exp(-740)); // subnormal
    expect(dm.expm1(-Infinity)).toBe(-1);
    expect(Object.is(dm.expm1(-0), -0)).toBe(true);
    expect(dm.cos(-Infinity)).toBeNaN();
    expect(dm.acos(1.0000000000000002)).toBeNaN();
  });
});

// ---------------------------------------------------------------- exact results

describe("deterministic math: exact results", () => {
  it("at the obvious points", () => {
    expect(dm.exp(0)).toBe(1);
    expect(dm.exp(-0)).toBe(1);
    expect(dm.exp(1)).toBe(Math.E);
    expect(dm.expm1(0)).toBe(0);
    expect(Object.is(dm.log(1), 0)).toBe(true);
    expect(dm.log10(1)).toBe(0);
    expect(dm.log1p(0)).toBe(0);
    expect(dm.acos(1)).toBe(0);
    expect(dm.acos(-1)).toBe(Math.PI);
    expect(dm.acos(0)).toBe(Math.PI / 2);
    expect(dm.cos(0)).toBe(1);
  });

  it("log10 of powers of ten is the exponent", () => {
    for (let k = -300; k <= 300; k++) expect(dm.log10(Number(`1e${k}`)), `10^${k}`).toBe(k);
  });

  it("log of powers of two is k·ln2", () => {
    for (let k = -1074; k <= 1023; k++) expect(ulpDiff(dm.log(pow2(k)), k * Math.LN2), `2^${k}`).toBeLessThanOrEqual(1);
  });

  it("cos up to its limit 2^20·π/2, and a RangeError beyond", () => {
    for (const x of [1e6, -1.6e6, 1647098.5, step(COS_LIMIT, -1), -step(COS_LIMIT, -1)]) {
      expect(ulpDiff(dm.cos(x), Math.cos(x)), `cos(${x})`).toBeLessThanOrEqual(1);
    }
    const top = worst1(dm.cos, Math.cos, [() => sign() * uniform(2 ** 20, COS_LIMIT)], 5000); // between 2^20 and the limit
    expect(top.ulps, `at x = ${top.at}`).toBeLessThanOrEqual(1);
    for (const x of [COS_LIMIT, -COS_LIMIT, 2 ** 20 * (Math.PI / 2), 1e7, 2 ** 30, -(2 ** 30), 1e300, -Number.MAX_VALUE]) {
      expect(() => dm.cos(x), `cos(${x})`).toThrow(RangeError);
    }
    expect(() => dm.cos(2 ** 30)).toThrow("mlmages: cos is implemented for |x| < 2^20·π/2 only");
  });
});

// ---------------------------------------------------------------- pinned bits

describe("deterministic math: reproducibility", () => {
  // Bit patterns of chosen results, computed once with this implementation:
  // a change here means the algorithm changed (and with it every result that
  // depends on it).
  const pinned: Array<[string, () => number, string]> = [
    ["exp(1)", () => dm.exp(1), "4005bf0a8b145769"],
    ["exp(-744.5)", () => dm.exp(-744.5), "0000000000000001"],
    ["exp(709.7)", () => dm.exp(709.7), "7fed75ae7a50ee14"],
    ["exp(-0.3)", () => dm.exp(-0.3), "3fe7b4c869c37c05"],
    ["expm1(1e-5)", () => dm.expm1(1e-5), "3ee4f8bc681cdfb6"],
    ["expm1(30.5)", () => dm.expm1(30.5), "42b0063f4e687aa2"],
    ["log(2)", () => dm.log(2), "3fe62e42fefa39ef"],
    ["log(1e-310)", () => dm.log(1e-310), "c0864e69394d9508"],
    ["log(0.999999)", () => dm.log(0.999999), "beb0c6f82d74d230"],
    ["log1p(1e-10)", () => dm.log1p(1e-10), "3ddb7cdfd9d1d693"],
    ["log1p(-0.3)", () => dm.log1p(-0.3), "bfd6d3c324e13f4e"],
    ["log10(2)", () => dm.log10(2), "3fd34413509f79ff"],
    ["log10(1.0000001)", () => dm.log10(1.0000001), "3e6750e5ca0b1098"],
    ["acos(0.3)", () => dm.acos(0.3), "3ff441f5ecbeef59"],
    ["acos(-0.9)", () => dm.acos(-0.9), "400586476251e745"],
    ["cos(1000000)", () => dm.cos(1e6), "3fedf9df9906d32c"],
  ];
  it.each(pinned)("%s", (_label, f, bits) => {
    expect(hex(f())).toBe(bits);
    expect(fromHex(bits)).toBe(f());
  });
});

// ---------------------------------------------------------------- other engines

// Digests (FNV-1a over the result bits) of 50,000 results per function on a
// stream of arguments made from integer arithmetic only; plain JavaScript
// source, so every engine runs the same text.
const DIGEST_SOURCE = `(dm) => {
  const f = new Float64Array(1), w = new Uint32Array(f.buffer);
  let s = 0x9e3779b9 | 0;
  const next = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return s >>> 0; };
  const u01 = () => { w[1] = 0x3ff00000 | (next() >>> 12); w[0] = next(); return f[0] - 1; };
  const mag = (e0, e1) => { const e = e0 + (next() % (e1 - e0)); w[1] = ((e + 1023) << 20) | (next() >>> 12); w[0] = next(); return f[0]; };
  const sg = () => (next() & 1 ? -1 : 1);
  const cases = {
    log: [dm.log, () => mag(-1000, 1000)], log10: [dm.log10, () => mag(-1000, 1000)], log1p: [dm.log1p, () => sg() * mag(-40, 3) * 0.9],
    exp: [dm.exp, () => (u01() - 0.5) * 1450], expm1: [dm.expm1, () => (u01() - 0.5) * 100],
    acos: [dm.acos, () => u01() * 2 - 1], cos: [dm.cos, () => sg() * mag(-20, 20)],
  };
  const out = {};
  for (const name of Object.keys(cases)) {
    const [fn, gx] = cases[name];
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < 50000; i++) {
      f[0] = fn(gx());
      h = Math.imul(h ^ w[0], 16777619);
      h = Math.imul(h ^ w[1], 16777619);
    }
    out[name] = (h >>> 0).toString(16);
  }
  return out;
}`;
const digest = new Function(`return ${DIGEST_SOURCE}`)() as (m: unknown) => Record<string, string>;

describe("deterministic math: the same bits in Deno and Chromium", () => {
  const exec = promisify(execFile);
  let bundle = ""; // src/core/math.ts as a script defining `dm`
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  beforeAll(async () => {
    const out = await build({ entryPoints: [packagePath("src", "core", "math.ts")], bundle: true, format: "iife", globalName: "dm", write: false, logLevel: "silent" });
    bundle = out.outputFiles[0].text;
  });
  afterAll(async () => browser?.close());
  const expected = digest(dm);

  it("Node's own Math.* gives other bits than ours (the digests see a difference)", () => {
    expect(digest(Math)).not.toEqual(expected);
  });

  it("Deno", async () => {
    const code = `${bundle}\nconsole.log(JSON.stringify((${DIGEST_SOURCE})(dm)));`;
    const { stdout } = await exec(packagePath("node_modules", ".bin", "deno"), ["eval", "--ext=js", code], { env: { ...process.env, NO_COLOR: "1" } });
    expect(JSON.parse(stdout)).toEqual(expected);
  });

  itWith(CHROMIUM)("headless Chromium", async () => {
    browser = await launchChromium();
    const page = await browser.newPage();
    const got = await page.evaluate(`${bundle}\n;(${DIGEST_SOURCE})(dm)`);
    expect(got).toEqual(expected);
  });
});

describe("powPositive: x^y as exp(y·log x)", () => {
  it("gives exact powers where they are representable, and stays within a few ulps of Math.pow", () => {
    expect(dm.powPositive(0.25, -0.5)).toBe(2);
    expect(dm.powPositive(7, 0)).toBe(1);
    expect(dm.powPositive(2, 10)).toBeCloseTo(1024, 10);
    expect(Number.isNaN(dm.powPositive(-2, 0.5))).toBe(true);
    const rng = new Rng(11);
    let worst = 0;
    for (let i = 0; i < 20000; i++) {
      const x = dm.exp(40 * rng.uniform() - 20);
      const y = 6 * rng.uniform() - 3;
      const want = Math.pow(x, y);
      worst = Math.max(worst, Math.abs(dm.powPositive(x, y) - want) / want);
    }
    // exp(y·log x) carries log's relative error times |y log x| (here ≤ 60): a few hundred ulps at most
    expect(worst).toBeLessThan(2e-14);
  });
});
