// LD matrices: plink's square text matrices (`--r square`: space, tab or comma
// separated) and square binary matrices (`--r square bin`: float64, `bin4`:
// float32, little endian, n from the byte length), gzipped or not. Text is read
// line by line from the stream straight into the matrix. Every value is
// checked: finite, within [-1, 1], 1 on the diagonal, symmetric. Sizes are
// bounded before anything is allocated (MAX_BLOCK_VARIANTS), and gzip may
// inflate only to what the matrix can need.
import { InputError } from "../errors.js";
import type { LdBlock } from "../types.js";
import { defaultInflateLimit, openBytes, peekStream, type ByteSource, type InflateLimit } from "./bytes.js";
import { isPlinkBed } from "./ld-variants.js";
import { MAX_LINE_BYTES, forEachLine, hasBom, isBlank, stripBom } from "./lines.js";
import { parseNumber } from "./numbers.js";
import { getCore } from "../wasm/instance.js";

/** Largest |R_ij - R_ji| accepted as symmetric, and how far past ±1 a value may round. */
export const SYMMETRY_TOL = 1e-6;
export const RANGE_TOL = 1e-6;
/** How far a diagonal value may be from 1. */
export const DIAGONAL_TOL = 1e-3;

/**
 * The largest LD matrix read whole (one block): 8192 variants, 512 MiB of
 * float64 values. A whole chromosome is read as a band (readLdBand) instead.
 */
export const MAX_BLOCK_VARIANTS = 8192;

/** The most bytes a text LD row may take per value (plink writes at most about 13: "-1.23457e-05"). */
const TEXT_BYTES_PER_VALUE = 32;

/** The error for a diagonal value that is not 1 (0-based row). */
export function notUnitDiagonal(where: { file: string; line?: number }, row: number, v: number): InputError {
  const zero = v === 0 ? " (is the matrix all zero?)" : "";
  return new InputError(
    { ...where, column: where.line === undefined ? undefined : row + 1 },
    `${where.line === undefined ? `row ${row + 1}, column ${row + 1}: ` : ""}the diagonal value is ${v}, but a correlation matrix has 1 on its diagonal (within ${DIAGONAL_TOL})${zero}`,
  );
}

/** Whether a diagonal value is 1 to within DIAGONAL_TOL. */
export function isUnit(v: number): boolean {
  return Math.abs(v - 1) <= DIAGONAL_TOL;
}

/** The inflation limit of an LD file, set for its first text row until n is known. */
export function ldInflateLimit(): InflateLimit {
  return { ...defaultInflateLimit(), maxBytes: 2 * MAX_LINE_BYTES, why: "the first row of a text LD matrix" };
}

/** Whether a byte separates values in a text matrix (space, tab or comma). */
export function isSeparator(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x2c;
}

/** Whether the bytes look like text (printable ASCII and white space only, after a UTF-8 byte-order mark if any). */
export function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  for (let i = hasBom(bytes) ? 3 : 0; i < n; i++) {
    const b = bytes[i];
    if (!(b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f))) return false;
  }
  return true;
}

/** The error for a text value that is not a finite number (plink writes nan for monomorphic variants). */
export function notFiniteToken(buf: Uint8Array, start: number, end: number, source: string, line: number, column: number): InputError {
  const token = new TextDecoder().decode(buf.subarray(start, end));
  const hint = /nan/i.test(token) ? " (plink writes nan for monomorphic variants: remove them from the GWAS and the LD)" : "";
  return new InputError({ file: source, line, column }, `'${token}' is not a finite number${hint}`);
}

/** The error for a binary value that is not a finite number (0-based row and column). */
export function notFiniteBinary(source: string, row: number, column: number): InputError {
  return new InputError({ file: source }, `row ${row + 1}, column ${column + 1}: value is not a finite number (nan marks a monomorphic variant: remove it from the GWAS and the LD)`);
}

/** The error for a binary value outside [-1, 1] (0-based row and column). */
export function notCorrelation(source: string, row: number, column: number, v: number): InputError {
  return new InputError({ file: source }, `row ${row + 1}, column ${column + 1}: ${v} is not a correlation (outside [-1, 1])`);
}

/** n and the bytes per value of a square binary matrix of `total` bytes: float64 (plink --r square bin) or float32 (bin4). */
export function binarySquare(total: number, source: string): { n: number; width: 4 | 8 } {
  const n8 = Math.round(Math.sqrt(total / 8));
  const n4 = Math.round(Math.sqrt(total / 4));
  if (total > 0 && n8 * n8 * 8 === total) return { n: n8, width: 8 };
  if (total > 0 && n4 * n4 * 4 === total) return { n: n4, width: 4 };
  throw new InputError({ file: source }, `binary LD file of ${total} bytes is neither n x n float64 (plink --r square bin) nor n x n float32 (bin4)`);
}

/**
 * Refuses a binary matrix whose first value (row 1, column 1) is 1 neither as
 * float64 nor as float32: known from its first 8 bytes, before the rest is read.
 */
export function checkBinaryStart(first: Uint8Array, source: string): void {
  if (first.length < 8) return;
  const dv = new DataView(first.buffer, first.byteOffset, 8);
  const f64 = dv.getFloat64(0, true);
  const f32 = dv.getFloat32(0, true);
  if (!isUnit(f64) && !isUnit(f32)) {
    const zero = f64 === 0 && f32 === 0 ? " (is the matrix all zero?)" : "";
    throw new InputError({ file: source }, `row 1, column 1 is ${f64} as float64 and ${f32} as float32, but a correlation matrix has 1 on its diagonal: not a plink binary LD matrix${zero}`);
  }
}

/** Refuses a block too large to be read whole, before it is allocated. */
export function checkBlockSize(n: number, source: string, line?: number): void {
  if (n > MAX_BLOCK_VARIANTS) {
    throw new InputError(
      { file: source, line },
      `an LD block of ${n} variants is more than the ${MAX_BLOCK_VARIANTS} read whole: give a whole chromosome's matrix with --ld-full (read as a band and split), or smaller blocks`,
    );
  }
}

/** Reads one LD matrix (a block, at most MAX_BLOCK_VARIANTS variants) and checks it. */
export async function readLdMatrix(src: ByteSource, source: string): Promise<LdBlock> {
  const limit = ldInflateLimit();
  const peeked = await peekStream(await openBytes(src, source, limit));
  if (!peeked || peeked.first.length === 0) throw new InputError({ file: source }, "the file is empty");
  if (isPlinkBed(peeked.first)) throw new InputError({ file: source }, "this is a plink genotype file (.bed), not an LD matrix: give genotypes as a panel (--panel), or LD made by plink --r square");
  let block: LdBlock;
  if (looksLikeText(peeked.first)) block = await readText(peeked.stream, source, limit);
  else {
    limit.maxBytes = MAX_BLOCK_VARIANTS * MAX_BLOCK_VARIANTS * 8;
    limit.why = `a binary LD block of at most ${MAX_BLOCK_VARIANTS} variants`;
    checkBinaryStart(peeked.first, source);
    block = await readBinary(peeked.stream, source);
  }
  checkMatrix(block);
  return block;
}

/** Where a text matrix's rows go, one by one. */
export interface TextRowSink {
  /** Columns: 0 until `start`. */
  readonly n: number;
  /** Rows pushed so far. */
  readonly rows: number;
  /** The first row (text line `line`) has n values: refuse n before allocating when it is too large. */
  start(n: number, line?: number): void;
  /** The array and offset that take the next row's n values. */
  target(): [Float64Array, number];
  /** The row just parsed into the target, from text line `line`. */
  push(line: number): void;
}

/**
 * Reads a square text matrix into `sink` row by row, each value checked. The
 * rows are parsed by the WASM core (parseDecimalRow); a row it hands back
 * (anything but plain decimals, or a bad value) is parsed by parseTextRow,
 * which reads the rest or names the offending line and column. Once the first
 * row gives n, `limit` (the stream's inflation cap, when gzipped) becomes what
 * n rows can take.
 */
export async function readTextRows(stream: ReadableStream<Uint8Array>, source: string, sink: TextRowSink, limit?: InflateLimit): Promise<void> {
  const core = await getCore();
  const parse = core.kernels<{ parseDecimalRow(buf: number, len: number, out: number, n: number, tol: number): number }>().parseDecimalRow;
  let bytes = core.i32(0);
  let values = core.f64(0);
  try {
    await forEachLine(stream, (buf, start, end, line) => {
      if (isBlank(buf, start, end)) return;
      if (sink.n === 0) {
        const n = countTokens(buf, start, end);
        if (limit) {
          const row = Math.max(4 * (end - start), TEXT_BYTES_PER_VALUE * n) + 2;
          limit.maxBytes = 2 * MAX_LINE_BYTES + n * row;
          limit.maxRatio = Infinity;
          limit.why = `a ${n} x ${n} text LD matrix`;
        }
        sink.start(n, line);
      }
      const n = sink.n;
      if (sink.rows >= n) throw new InputError({ file: source, line }, `more rows than the ${n} columns of the first row: the matrix is not square`);
      const len = end - start;
      if (4 * bytes.length < len) {
        core.free(bytes);
        bytes = core.i32(Math.ceil(len / 4));
      }
      if (values.length < n) {
        core.free(values);
        values = core.f64(n);
      }
      const mem = core.memory.buffer;
      new Uint8Array(mem, bytes.ptr, len).set(buf.subarray(start, end));
      const [out, at] = sink.target();
      let col = parse(bytes.ptr, len, values.ptr, n, RANGE_TOL);
      if (col >= 0) out.set(new Float64Array(mem, values.ptr, col), at);
      else col = parseTextRow(buf, start, end, out, at, n, source, line);
      if (col !== n) throw new InputError({ file: source, line }, `row has ${col} values but the first row has ${n}: the matrix is not square`);
      if (!isUnit(out[at + sink.rows])) throw notUnitDiagonal({ file: source, line }, sink.rows, out[at + sink.rows]);
      sink.push(line);
    }, { source });
  } finally {
    core.free(bytes, values);
  }
}

/**
 * Room a text matrix takes ahead of the rows read: a block of up to this many
 * bytes (n ≤ 1448) is allocated once, when its first row gives n.
 */
export const AHEAD_BYTES = 16 * 1024 * 1024;

/**
 * A whole matrix as the sink of its text rows. Its rows are allocated as they
 * come (doubling, from AHEAD_BYTES), so memory follows the rows read, not the n
 * a first row claims.
 */
class MatrixRows implements TextRowSink {
  n = 0;
  rows = 0;
  data = new Float64Array(0);

  constructor(private readonly source: string) {}

  start(n: number, line?: number): void {
    checkBlockSize(n, this.source, line);
    this.n = n;
  }

  target(): [Float64Array, number] {
    const { n, rows } = this;
    if ((rows + 1) * n > this.data.length) this.data = grownRows(this.data, n, Math.min(n, Math.max(Math.floor(AHEAD_BYTES / (8 * n)), 2 * rows)));
    return [this.data, rows * n];
  }

  push(): void {
    this.rows++;
  }
}

/** `data` (rows of `width` values) copied into room for `rows` rows. */
export function grownRows(data: Float64Array, width: number, rows: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(rows * width);
  out.set(data);
  return out;
}

async function readText(stream: ReadableStream<Uint8Array>, source: string, limit: InflateLimit): Promise<LdBlock> {
  const m = new MatrixRows(source);
  await readTextRows(stream, source, m, limit);
  const { n, data } = m;
  if (n === 0) throw new InputError({ file: source }, "the file is empty");
  if (m.rows !== n) throw new InputError({ file: source }, `${m.rows} rows of ${n} values: the matrix is not square`);
  return { source, n, data };
}

const POW10 = Float64Array.from({ length: 16 }, (_, i) => Number(`1e${i}`));

/**
 * Parses the values of one text row into out[at, at + n) and returns how many
 * there were (an error past n). Plain decimals (sign, at most 15 significant digits, at most 15 after
 * the point) are read in the pass that finds them, exactly as parseNumber's
 * fast path does (mantissa / 10^k); anything else (exponents, nan, ...) goes to
 * parseNumber. Each value must be a finite number within [-1, 1] (to rounding).
 */
export function parseTextRow(buf: Uint8Array, start: number, end: number, out: Float64Array, at: number, n: number, source: string, line: number): number {
  let col = 0;
  let i = start;
  while (i < end) {
    let c = buf[i];
    if (c === 0x20 || c === 0x09 || c === 0x2c) {
      i++;
      continue;
    }
    const t0 = i;
    const neg = c === 0x2d;
    if (neg || c === 0x2b) i++;
    let mant = 0;
    let d = 0;
    const i0 = i;
    while (i < end && (d = buf[i] - 0x30) >>> 0 <= 9) {
      mant = mant * 10 + d;
      i++;
    }
    let digits = i - i0;
    let scale = 0;
    if (i < end && buf[i] === 0x2e) {
      const f0 = ++i;
      while (i < end && (d = buf[i] - 0x30) >>> 0 <= 9) {
        mant = mant * 10 + d;
        i++;
      }
      scale = i - f0;
      digits += scale;
    }
    let v: number;
    if (digits === 0 || mant >= 1e15 || scale > 15 || (i < end && (c = buf[i]) !== 0x20 && c !== 0x09 && c !== 0x2c)) {
      while (i < end && !isSeparator(buf[i])) i++;
      v = parseNumber(buf, t0, i);
      if (!Number.isFinite(v)) throw notFiniteToken(buf, t0, i, source, line, col + 1);
    } else {
      v = mant / POW10[scale];
      if (neg) v = -v;
    }
    if (col >= n) throw new InputError({ file: source, line }, `row has more than ${n} values: the matrix is not square`);
    if (v > 1 + RANGE_TOL || v < -1 - RANGE_TOL) throw new InputError({ file: source, line, column: col + 1 }, `${v} is not a correlation (outside [-1, 1])`);
    out[at + col++] = v;
  }
  return col;
}

/** The number of values on a text line `buf[start, end)`. */
export function countTokens(buf: Uint8Array, start: number, end: number): number {
  let count = 0;
  let inToken = false;
  for (let i = start; i < end; i++) {
    const sep = isSeparator(buf[i]);
    if (!sep && !inToken) count++;
    inToken = !sep;
  }
  return count;
}

async function readBinary(stream: ReadableStream<Uint8Array>, source: string): Promise<LdBlock> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  const most = MAX_BLOCK_VARIANTS * MAX_BLOCK_VARIANTS * 8;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > most) {
      await reader.cancel().catch(() => undefined);
      throw new InputError({ file: source }, `a binary LD block of more than ${most} bytes is more than the ${MAX_BLOCK_VARIANTS} variants read whole: give a whole chromosome's matrix with --ld-full, or smaller blocks`);
    }
    chunks.push(value);
  }
  const { n, width } = binarySquare(total, source);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  const dv = new DataView(bytes.buffer);
  const data = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) {
    const v = width === 8 ? dv.getFloat64(k * 8, true) : dv.getFloat32(k * 4, true);
    if (!Number.isFinite(v)) throw notFiniteBinary(source, Math.floor(k / n), k % n);
    if (v > 1 + RANGE_TOL || v < -1 - RANGE_TOL) throw notCorrelation(source, Math.floor(k / n), k % n, v);
    if (k % (n + 1) === 0 && !isUnit(v)) throw notUnitDiagonal({ file: source }, k / (n + 1), v);
    data[k] = v;
  }
  return { source, n, data };
}

/** Checks the symmetry of a correlation matrix (the readers check each value's range). */
function checkMatrix(b: LdBlock): void {
  const { n, data } = b;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = data[i * n + j];
      if (Math.abs(v - data[j * n + i]) > SYMMETRY_TOL) {
        throw new InputError({ file: b.source }, `the matrix is not symmetric: row ${i + 1}, column ${j + 1} is ${v} but row ${j + 1}, column ${i + 1} is ${data[j * n + i]}`);
      }
    }
  }
}

/** The paths a list file names, one a line (blank lines and # comments skipped). */
export function readLdList(text: string): string[] {
  return stripBom(text)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

/** Whether an LD argument is a list of block files (*.txt). */
export function isLdList(name: string): boolean {
  return name.toLowerCase().endsWith(".txt");
}

/**
 * LD arguments as block files, in order: a list argument (*.txt) gives its
 * entries, each resolved against the list's name (default: its folder).
 */
export async function expandLdLists(
  names: string[],
  text: (list: string) => Promise<string>,
  resolve: (list: string, entry: string) => string = resolveRelative,
): Promise<string[]> {
  const out: string[] = [];
  for (const name of names) {
    if (!isLdList(name)) {
      out.push(name);
      continue;
    }
    const entries = readLdList(await text(name));
    if (!entries.length) throw new InputError({ file: name }, "the list names no LD files");
    out.push(...entries.map((e) => resolve(name, e)));
  }
  return out;
}

/** An entry of a list file, relative to the list's folder unless absolute. */
export function resolveRelative(listPath: string, entry: string): string {
  if (entry.startsWith("/") || /^[A-Za-z]:[\\/]/.test(entry)) return entry;
  const slash = Math.max(listPath.lastIndexOf("/"), listPath.lastIndexOf("\\"));
  return slash < 0 ? entry : `${listPath.slice(0, slash + 1)}${entry}`;
}
