// Numbers as text, the same on every JavaScript engine: exactly rounded
// arithmetic, toFixed/toPrecision/toExponential and String (all specified to
// the digit by ECMAScript), never toLocaleString; ticks are chosen without
// log10, and where a logarithm is needed (the QQ plot) it is the project's own
// (src/core/math.ts), whose bits are the same on every engine.

/** A coordinate rounded to 0.1 (no "-0"). */
export function cx(v: number): string {
  const r = Math.round(v * 10) / 10;
  return String(r === 0 ? 0 : r);
}

/** An integer with thousands separators: 8337 → "8,337". */
export function fmtInt(n: number): string {
  const s = String(Math.abs(Math.round(n)));
  const grouped = s.replace(/\B(?=(\d{3})+$)/g, ",");
  return n < 0 ? `−${grouped}` : grouped;
}

function stripZeros(s: string): string {
  return s.replace(/(\.\d*?)0+(?=$|e)/, "$1").replace(/\.(?=$|e)/, "");
}

/** `v` to `sig` significant digits, plain between 1e-3 and 1e5, else like 1.23e-8. */
export function fmtSig(v: number, sig = 3): string {
  if (Number.isNaN(v)) return "NA";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  if (v === 0) return "0";
  const a = Math.abs(v);
  const s = a >= 1e-3 && a < 1e5 ? stripZeros(a.toPrecision(sig)) : stripZeros(a.toExponential(sig - 1)).replace("e+", "e");
  return v < 0 ? `−${s}` : s;
}

/** Axis ticks: multiples of 1, 2 or 5 × 10^e covering [lo, hi], about `target` of them. */
export interface Ticks {
  values: number[];
  labels: string[];
  /** First and last tick (the axis range when `extend` was asked). */
  lo: number;
  hi: number;
}

/**
 * Nice ticks for [lo, hi]. The power of ten is found by repeated ×10 / ÷10
 * (not log10, whose last digit differs between engines). With `extend`, the
 * range grows to whole ticks.
 */
export function niceTicks(lo: number, hi: number, target = 5, extend = false): Ticks {
  if (!(hi > lo)) {
    const d = lo === 0 ? 1 : Math.abs(lo) / 2;
    lo -= d;
    hi += d;
  }
  const raw = (hi - lo) / target;
  let e = 0;
  let p = 1;
  while (p > raw) {
    p /= 10;
    e--;
  }
  while (p * 10 <= raw) {
    p *= 10;
    e++;
  }
  const m = raw / p;
  const step = p * (m < 1.5 ? 1 : m < 3 ? 2 : m < 7 ? 5 : 10);
  // A bound within 1e-9 steps of a tick counts as on it (−0.15 / 0.05 is −2.9999999999999996).
  const first = (extend ? Math.floor(lo / step + 1e-9) : Math.ceil(lo / step - 1e-9)) + 0;
  const last = (extend ? Math.ceil(hi / step - 1e-9) : Math.floor(hi / step + 1e-9)) + 0;
  const decimals = Math.max(0, -e);
  const values: number[] = [];
  const labels: string[] = [];
  for (let k = first; k <= last; k++) {
    const v = Number((k * step).toFixed(decimals)) + 0;
    values.push(v);
    labels.push(v < 0 ? `−${(-v).toFixed(decimals)}` : v.toFixed(decimals));
  }
  return { values, labels, lo: extend ? values[0] : lo, hi: extend ? values[values.length - 1] : hi };
}

/** A linear map from [d0, d1] to [r0, r1]. */
export interface Scale {
  (v: number): number;
  /** Range units per domain unit (negative when the range runs backwards). */
  k: number;
}

/** The linear scale taking d0 → r0 and d1 → r1. */
export function linear(d0: number, d1: number, r0: number, r1: number): Scale {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const f = ((v: number) => r0 + (v - d0) * k) as Scale;
  f.k = k;
  return f;
}
