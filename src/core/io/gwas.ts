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

type Splitter = (line: string) => string[];

function splitterFor(header: string): Splitter {
  if (header.includes("\t")) return (l) => l.split("\t").map((s) => s.trim());
  if (header.includes(",")) return (l) => l.split(",").map((s) => s.trim());
  return (l) => l.trim().split(/\s+/);
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
  let split: Splitter | null = null;
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
    const text = decoder.decode(buf.subarray(start, end));
    if (!split) {
      split = splitterFor(text);
      const header = split(text);
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
    const f = split(text);
    if (f.length !== width) throw new InputError({ file: source, line }, `${f.length} fields but the header has ${width}`);
    rows++;
    const c = cols!;
    if (keep && !keep.has(normChrom(f[c.chr]))) return;
    const useOr = c.beta < 0;
    const bCol = useOr ? c.or : c.beta;
    const b = number(f[bCol], source, line, bCol + 1, useOr ? "OR" : "BETA");
    if (useOr && !(b > 0)) throw new InputError({ file: source, line, column: bCol + 1 }, `odds ratio ${f[bCol]} is not positive`);
    const s = number(f[c.se], source, line, c.se + 1, "SE");
    if (!(s > 0)) throw new InputError({ file: source, line, column: c.se + 1 }, `SE ${f[c.se]} is not positive`);
    beta.push(useOr ? dmath.log(b) : b);
    se.push(s);
    if (c.chr >= 0) chr.push(f[c.chr]);
    if (c.pos >= 0) pos.push(number(f[c.pos], source, line, c.pos + 1, "position"));
    if (c.id >= 0) id.push(f[c.id]);
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

const encoder = new TextEncoder();

function number(text: string, file: string, line: number, column: number, what: string): number {
  const bytes = encoder.encode(text);
  const v = parseNumber(bytes, 0, bytes.length);
  if (Number.isNaN(v) && !/^[+-]?nan$/i.test(text)) throw new InputError({ file, line, column }, `${what} '${text}' is not a number`);
  if (!Number.isFinite(v)) throw new InputError({ file, line, column }, `${what} is ${text}: not a finite number`);
  return v;
}
