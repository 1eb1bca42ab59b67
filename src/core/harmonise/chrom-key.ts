// Variants keyed by chromosome code and position, numbers rather than strings:
// the chromosome as plink numbers it (1–22, X = 23, Y = 24, XY = 25, MT = 26,
// any other name a code from 27 on, shared by the reference and the GWAS), and
// the position a whole number (a small integer to the engine below 2^30, so
// hashing it is fast).

const NAMED: Record<string, number> = { X: 23, Y: 24, XY: 25, MT: 26, M: 26 };

/** Chromosome names to codes; names plink does not number get codes as they are first seen. */
export class ChromCodes {
  private readonly other = new Map<string, number>();
  private lastName = "";
  private lastCode = -1;

  /** The code of a chromosome name ("chr1", "1", "X", "23", ...). */
  code(name: string): number {
    if (name === this.lastName) return this.lastCode;
    const c = this.lookup(name);
    this.lastName = name;
    this.lastCode = c;
    return c;
  }

  private lastKnownName = "";
  private lastKnown = -1;

  /** The code, or -1 when the name was never seen and plink does not number it. */
  known(name: string): number {
    if (name === this.lastKnownName) return this.lastKnown;
    const s = strip(name);
    const n = plinkNumber(s);
    this.lastKnownName = name;
    return (this.lastKnown = n > 0 ? n : (this.other.get(s) ?? -1));
  }

  private lookup(name: string): number {
    const s = strip(name);
    const n = plinkNumber(s);
    if (n > 0) return n;
    let c = this.other.get(s);
    if (c === undefined) this.other.set(s, (c = 27 + this.other.size));
    return c;
  }
}

function strip(name: string): string {
  const t = name.trim().toUpperCase();
  return t.startsWith("CHR") ? t.slice(3) : t;
}

function plinkNumber(s: string): number {
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= 26 ? n : -1;
  }
  return NAMED[s] ?? -1;
}

/** Whether a position is a whole number ≥ 0 (others never match). */
export function isPosition(pos: number): boolean {
  return Number.isInteger(pos) && pos >= 0;
}
