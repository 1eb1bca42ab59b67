// Decimal numbers straight from bytes. The common case (at most 15 significant
// digits and a power of ten within ±22) is exact with one multiplication or
// division of two exactly representable doubles, so it rounds like parseFloat;
// anything else falls back to the platform's own conversion of the token.
// see: W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990 (fast path).

const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function slow(buf: Uint8Array, start: number, end: number): number {
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]);
  const t = s.toLowerCase();
  if (t === "nan" || t === "+nan" || t === "-nan") return NaN;
  if (t === "inf" || t === "+inf" || t === "infinity" || t === "+infinity") return Infinity;
  if (t === "-inf" || t === "-infinity") return -Infinity;
  return DECIMAL.test(s) ? Number(s) : NaN;
}

/** The number written in `buf[start, end)`, or NaN when it is not a number. */
export function parseNumber(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  let neg = false;
  if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) neg = buf[i++] === 0x2d;
  let mant = 0;
  let digits = 0;
  let exp = 0;
  let any = false;
  while (i < end && buf[i] >= 0x30 && buf[i] <= 0x39) {
    if (mant !== 0 || buf[i] !== 0x30) digits++;
    mant = mant * 10 + (buf[i++] - 0x30);
    any = true;
  }
  if (i < end && buf[i] === 0x2e) {
    i++;
    while (i < end && buf[i] >= 0x30 && buf[i] <= 0x39) {
      if (mant !== 0 || buf[i] !== 0x30) digits++;
      mant = mant * 10 + (buf[i++] - 0x30);
      exp--;
      any = true;
    }
  }
  if (!any) return slow(buf, start, end);
  if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) {
    i++;
    let eneg = false;
    if (i < end && (buf[i] === 0x2d || buf[i] === 0x2b)) eneg = buf[i++] === 0x2d;
    let e = 0;
    let edigits = 0;
    while (i < end && buf[i] >= 0x30 && buf[i] <= 0x39 && edigits < 6) {
      e = e * 10 + (buf[i++] - 0x30);
      edigits++;
    }
    if (edigits === 0) return slow(buf, start, end);
    exp += eneg ? -e : e;
  }
  if (i !== end || digits > 15 || exp < -22 || exp > 22) return slow(buf, start, end);
  const v = exp < 0 ? mant / POW10[-exp] : mant * POW10[exp];
  return neg ? -v : v;
}
