// Variants keyed by chromosome code and position, numbers rather than strings:
// the chromosome as plink numbers it (1–22, X = 23, Y = 24, XY = 25, MT = 26,
// any other name a code from 27 on, shared by the reference and the GWAS), and
// the position a whole number (a small integer to the engine below 2^30, so
// hashing it is fast).
import { normChrom, plinkCode } from "../io/gwas-chrom.js";

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
    const s = normChrom(name);
    const n = plinkCode(name);
    this.lastKnownName = name;
    return (this.lastKnown = n > 0 ? n : (this.other.get(s) ?? -1));
  }

  private lookup(name: string): number {
    const n = plinkCode(name);
    if (n > 0) return n;
    const s = normChrom(name);
    let c = this.other.get(s);
    if (c === undefined) this.other.set(s, (c = 27 + this.other.size));
    return c;
  }
}

/** Whether a position is a whole number ≥ 0 (others never match). */
export function isPosition(pos: number): boolean {
  return Number.isInteger(pos) && pos >= 0;
}
