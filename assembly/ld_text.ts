// One row of an LD matrix written as text (plink --r square): the plain
// decimals every row holds, parsed where the bytes are, without the host's
// per-byte loop. Anything unusual goes back to the host's reader, which
// parses it the slow way or names the offending line and column.

// 10^0 .. 10^15, each exact in a double.
const POW10 = memory.data<f64>([1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]);

@inline
function isSeparator(c: u32): bool {
  return c == 0x20 || c == 0x09 || c == 0x2c;
}

/**
 * The value d.dddddd (what plink writes: one digit, a point, six) as the
 * integer ddddddd, from the 8 bytes at p loaded little-endian, or -1 when they
 * are not of that form. The leading digit takes the point's place and a '0'
 * its own, then 8 digits are checked and combined two, four, eight at a time.
 */
// see: D. Lemire, "Fast float parsing in practice" (2021), Sec. 6
//      (eight digits at once: the check and parse_eight_digits_unrolled).
@inline
function sixDecimals(p: usize): i64 {
  const x = load<u64>(p);
  if (((x >> 8) & 0xff) != 0x2e) return -1;
  const y = (x & 0xffffffffffff0000) | ((x & 0xff) << 8) | 0x30;
  if ((y & 0xf0f0f0f0f0f0f0f0) != 0x3030303030303030 || ((y + 0x0606060606060606) & 0xf0f0f0f0f0f0f0f0) != 0x3030303030303030) return -1;
  let v = y - 0x3030303030303030;
  v = v * 10 + (v >> 8);
  v = ((v & 0x000000ff000000ff) * (100 + (<u64>1000000 << 32)) + (((v >> 16) & 0x000000ff000000ff) * (1 + (<u64>10000 << 32)))) >> 32;
  return <i64>(v & 0xffffffff);
}

/**
 * Parses the values of the row at bytes [buf, buf + len) into out[0, n) and
 * returns how many there were, or -1 when the host must parse the row itself:
 * a token that is not a plain decimal (sign, digits, point, digits) of at most
 * 15 digits with at most 15 after the point, a value outside [-1 - tol, 1 + tol],
 * or more than n values. A plain decimal is m / 10^s with m < 10^15 and 10^s
 * exact doubles, so the one division rounds it correctly, as parseFloat does.
 */
// see: W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990 (fast path);
//      src/core/io/ld.ts parseTextRow (the same rule, on the host).
export function parseDecimalRow(buf: usize, len: i32, out: usize, n: i32, tol: f64): i32 {
  const end = buf + <usize>len;
  let i = buf;
  let col = 0;
  while (i < end) {
    let c = <u32>load<u8>(i);
    if (isSeparator(c)) {
      i++;
      continue;
    }
    const neg = c == 0x2d;
    if (neg || c == 0x2b) i++;
    // the common case first: d.dddddd followed by a separator or the end, m / 10^6 as below
    if (i + 8 <= end && (i + 8 == end || isSeparator(<u32>load<u8>(i + 8)))) {
      const m = sixDecimals(i);
      if (m >= 0) {
        let v = <f64>m / 1e6;
        if (neg) v = -v;
        if (col >= n || v > 1.0 + tol || v < -1.0 - tol) return -1;
        store<f64>(out + (<usize>col << 3), v);
        col++;
        i += 8;
        continue;
      }
    }
    let mant = 0.0;
    let digits = 0;
    let d: u32 = 0;
    while (i < end && (d = <u32>load<u8>(i) - 0x30) <= 9) {
      mant = mant * 10.0 + <f64>d;
      digits++;
      i++;
    }
    let scale = 0;
    if (i < end && load<u8>(i) == 0x2e) {
      i++;
      while (i < end && (d = <u32>load<u8>(i) - 0x30) <= 9) {
        mant = mant * 10.0 + <f64>d;
        scale++;
        i++;
      }
      digits += scale;
    }
    if (digits == 0 || mant >= 1e15 || scale > 15 || (i < end && !isSeparator(<u32>load<u8>(i)))) return -1;
    let v = mant / load<f64>(POW10 + (<usize>scale << 3));
    if (neg) v = -v;
    if (col >= n || v > 1.0 + tol || v < -1.0 - tol) return -1;
    store<f64>(out + (<usize>col << 3), v);
    col++;
  }
  return col;
}
