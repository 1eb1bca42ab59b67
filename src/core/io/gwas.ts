// GWAS summary statistics of one trait: comma, tab or white-space delimited
// (detected from the header line), optionally gzipped.
import { InputError } from "../errors.js";
import type { Gwas } from "../types.js";
import { openBytes, type ByteSource } from "./bytes.js";
import { GWAS_COLUMNS, findColumn } from "./gwas-columns.js";
import { forEachLine, isBlank } from "./lines.js";
import { parseNumber } from "./numbers.js";
import * as dmath from "../math.js";

export interface GwasOptions {
  /** Keep only variants on these chromosomes ("chr22" and "22" are the same). */
  chrom?: string[];
}

/** How a file's fields are delimited: one byte (tab or comma; fields trimmed of blanks), or runs of blanks (0). */
type Delimiter = 0x09 | 0x2c | 0;

function delimiterOf(header: string): Delimiter {
  if (header.includes("\t")) return 0x09;
  if (header.includes(",")) return 0x2c;
  return 0;
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** The fields of one line as byte ranges: field i is buf[start(i), end(i)). */
class Fields {
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

/** "chr22" and "22" name the same chromosome. */
export function normChrom(c: string): string {
  return c.trim().replace(/^chr/i, "").toUpperCase();
}

/** Reads and checks one trait's summary statistics. */
export async function readGwas(src: ByteSource, source: string, opts: GwasOptions = {}): Promise<Gwas> {
  const stream = await openBytes(src, source);
  const decoder = new TextDecoder();
  const keep = opts.chrom?.length ? new Set(opts.chrom.map(normChrom)) : null;
  let fields: Fields | null = null;
  let cols: Record<"chr" | "beta" | "or" | "se" | "pos" | "id", number> | null = null;
  let width = 0;
  const chr: string[] = [];
  const pos: number[] = [];
  const id: string[] = [];
  const beta: number[] = [];
  const se: number[] = [];
  let rows = 0;
  await forEachLine(stream, (buf, start, end, line) => {
    if (isBlank(buf, start, end)) return;
    if (fields === null) {
      fields = new Fields(delimiterOf(decoder.decode(buf.subarray(start, end))));
      const f = fields;
      const header = Array.from({ length: f.split(buf, start, end) }, (_, i) => decoder.decode(buf.subarray(f.start(i), f.end(i))));
      width = header.length;
      const c = Object.fromEntries(Object.entries(GWAS_COLUMNS).map(([k, names]) => [k, findColumn(header, names)])) as typeof cols & object;
      if (c.beta < 0 && c.or < 0) {
        throw new InputError({ file: source, line }, `no effect column: expected one of ${[...GWAS_COLUMNS.beta, ...GWAS_COLUMNS.or].join(", ")} (any case)`);
      }
      if (c.se < 0) throw new InputError({ file: source, line }, `no standard-error column: expected one of ${GWAS_COLUMNS.se.join(", ")} (any case)`);
      if (keep && c.chr < 0) throw new InputError({ file: source, line }, `--chrom needs a chromosome column: one of ${GWAS_COLUMNS.chr.join(", ")}`);
      cols = c;
      return;
    }
    const f = fields;
    const count = f.split(buf, start, end);
    if (count !== width) throw new InputError({ file: source, line }, `${count} fields but the header has ${width}`);
    rows++;
    const c = cols!;
    const field = (i: number) => decoder.decode(buf.subarray(f.start(i), f.end(i)));
    const num = (i: number, what: string) => number(buf, f.start(i), f.end(i), source, line, i + 1, what);
    const chrom = c.chr >= 0 ? field(c.chr) : "";
    if (keep && !keep.has(normChrom(chrom))) return;
    const useOr = c.beta < 0;
    const bCol = useOr ? c.or : c.beta;
    const b = num(bCol, useOr ? "OR" : "BETA");
    if (useOr && !(b > 0)) throw new InputError({ file: source, line, column: bCol + 1 }, `odds ratio ${field(bCol)} is not positive`);
    const s = num(c.se, "SE");
    if (!(s > 0)) throw new InputError({ file: source, line, column: c.se + 1 }, `SE ${field(c.se)} is not positive`);
    beta.push(useOr ? dmath.log(b) : b);
    se.push(s);
    if (c.chr >= 0) chr.push(chrom);
    if (c.pos >= 0) pos.push(num(c.pos, "position"));
    if (c.id >= 0) id.push(field(c.id));
  });
  if (!cols) throw new InputError({ file: source }, "the file is empty");
  if (rows === 0) throw new InputError({ file: source }, "the file has a header but no variants");
  if (beta.length === 0) throw new InputError({ file: source }, `no variants on chromosome ${opts.chrom!.join(", ")}`);
  const c = cols as Record<string, number>;
  return {
    source,
    n: beta.length,
    chr: c.chr >= 0 ? chr : null,
    pos: c.pos >= 0 ? Float64Array.from(pos) : null,
    id: c.id >= 0 ? id : null,
    beta: Float64Array.from(beta),
    se: Float64Array.from(se),
  };
}

/** The number in buf[start, end), the field `column` of `line`. */
function number(buf: Uint8Array, start: number, end: number, file: string, line: number, column: number, what: string): number {
  const v = parseNumber(buf, start, end);
  if (Number.isFinite(v)) return v;
  const text = new TextDecoder().decode(buf.subarray(start, end));
  if (Number.isNaN(v) && !/^[+-]?nan$/i.test(text)) throw new InputError({ file, line, column }, `${what} '${text}' is not a number`);
  throw new InputError({ file, line, column }, `${what} is ${text}: not a finite number`);
}
