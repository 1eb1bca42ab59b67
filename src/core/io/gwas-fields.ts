// Fields of GWAS text lines as byte ranges, and the small conversions the
// GWAS readers make on them without decoding whole lines: missing-value
// tokens, alleles (interned), identifiers (ASCII fast path, UTF-8 checked).

/** How a file's fields are delimited: one byte (tab or comma; fields trimmed of blanks), or runs of blanks (0). */
export type Delimiter = 0x09 | 0x2c | 0;

export function delimiterOf(header: string): Delimiter {
  if (header.includes("\t")) return 0x09;
  if (header.includes(",")) return 0x2c;
  return 0;
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** The fields of one line as byte ranges: field i is buf[start(i), end(i)). */
export class Fields {
  count = 0;
  private at = new Int32Array(64);

  constructor(private readonly delim: Delimiter) {}

  start(i: number): number {
    return this.at[2 * i];
  }

  end(i: number): number {
    return this.at[2 * i + 1];
  }

  /** Splits buf[start, end); returns the field count. */
  split(buf: Uint8Array, start: number, end: number): number {
    this.count = 0;
    if (this.delim === 0) {
      let i = start;
      for (;;) {
        while (i < end && isSpace(buf[i])) i++;
        if (i >= end) return this.count;
        const s = i;
        while (i < end && !isSpace(buf[i])) i++;
        this.push(s, i);
      }
    }
    let s = start;
    for (let i = start; i <= end; i++) {
      if (i < end && buf[i] !== this.delim) continue;
      let a = s;
      let e = i;
      while (a < e && isSpace(buf[a])) a++;
      while (e > a && isSpace(buf[e - 1])) e--;
      this.push(a, e);
      s = i + 1;
    }
    return this.count;
  }

  private push(s: number, e: number): void {
    if (2 * this.count + 2 > this.at.length) {
      const grown = new Int32Array(2 * this.at.length);
      grown.set(this.at);
      this.at = grown;
    }
    this.at[2 * this.count] = s;
    this.at[2 * this.count + 1] = e;
    this.count++;
  }
}

const lower = (c: number) => c | 0x20;

/** Whether buf[s, e) is a missing-value token: empty, ".", "NA", "N/A", "NaN"/"nan" (signed or not), any case. */
export function isMissing(buf: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  if (n === 0) return true;
  if (n === 1) return buf[s] === 0x2e;
  if (buf[s] === 0x2b || buf[s] === 0x2d) {
    s++;
    if (e - s !== 3) return false;
  }
  if (e - s === 2) return lower(buf[s]) === 0x6e && lower(buf[s + 1]) === 0x61;
  if (e - s === 3) {
    if (lower(buf[s]) === 0x6e && buf[s + 1] === 0x2f && lower(buf[s + 2]) === 0x61) return true;
    return lower(buf[s]) === 0x6e && lower(buf[s + 1]) === 0x61 && lower(buf[s + 2]) === 0x6e;
  }
  return false;
}

/** Single-byte alleles, upper-cased, as shared strings (most alleles are one base). */
const ONE_BYTE: string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c).toUpperCase());

/** Char codes of a short field, reused (a typed-array view per field would cost an allocation). */
const codes: number[] = [];

/** The text of buf[s, e) when it is all ASCII, else null. */
export function asciiText(buf: Uint8Array, s: number, e: number): string | null {
  const n = e - s;
  if (n > 256) {
    for (let i = s; i < e; i++) if (buf[i] >= 0x80) return null;
    return new TextDecoder().decode(buf.subarray(s, e));
  }
  codes.length = n;
  for (let k = 0; k < n; k++) {
    const c = buf[s + k];
    if (c >= 0x80) return null;
    codes[k] = c;
  }
  return String.fromCharCode.apply(null, codes);
}

/** An allele upper-cased (METAL writes them in lower case), or null when it is not ASCII. */
export function alleleText(buf: Uint8Array, s: number, e: number): string | null {
  if (e - s === 1 && buf[s] < 0x80) return ONE_BYTE[buf[s]];
  const t = asciiText(buf, s, e);
  return t === null ? null : t.toUpperCase();
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Identifier text, or null when its bytes are not valid UTF-8. */
export function idText(buf: Uint8Array, s: number, e: number): string | null {
  const t = asciiText(buf, s, e);
  if (t !== null) return t;
  try {
    return strictUtf8.decode(buf.subarray(s, e));
  } catch {
    return null;
  }
}

/** A growable float64 column, kept in fixed-size chunks (no copying as it grows) and joined once at the end. */
export class F64Column {
  length = 0;
  private readonly full: Float64Array[] = [];
  private chunk = new Float64Array(CHUNK);
  private at = 0;

  push(v: number): void {
    if (this.at === CHUNK) {
      this.full.push(this.chunk);
      this.chunk = new Float64Array(CHUNK);
      this.at = 0;
    }
    this.chunk[this.at++] = v;
    this.length++;
  }

  /** The values as one array of exactly their length. */
  done(): Float64Array {
    const out = new Float64Array(this.length);
    this.full.forEach((c, k) => out.set(c, k * CHUNK));
    out.set(this.chunk.subarray(0, this.at), this.full.length * CHUNK);
    return out;
  }
}

const CHUNK = 1 << 15;
