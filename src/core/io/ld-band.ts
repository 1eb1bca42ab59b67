// A whole chromosome's LD matrix read row by row from a stream, keeping only
// the band |i - j| < width: the full n x n matrix is never held (8337 variants
// as text are ~600 MB; a band of 2000 is a quarter of the matrix). Formats as
// readLdMatrix: plink square text (space, tab or comma separated) or square
// binary (float64 `bin`, float32 `bin4`), gzipped or not. Every value is
// checked (finite, within [-1, 1]); symmetry is checked pair by pair inside the
// band and, outside it, by comparing each row's far sum with its column's.
import { InputError } from "../errors.js";
import type { LdBlock } from "../types.js";
import { isGzip, openBytes, peekStream, type ByteSource } from "./bytes.js";
import {
  RANGE_TOL,
  SYMMETRY_TOL,
  binarySquare,
  checkBinaryStart,
  isUnit,
  ldInflateLimit,
  looksLikeText,
  notCorrelation,
  notFiniteBinary,
  notUnitDiagonal,
  grownRows,
  readTextRows,
  type TextRowSink,
} from "./ld.js";

/** The most values a band may hold (n x width): 2^28, 2 GiB of float64, e.g. 80 000 variants with a width of 3300. */
export const MAX_BAND_VALUES = 2 ** 28;

/** A symmetric LD matrix kept near its diagonal: R_ij for |i - j| < width. */
export interface LdBand {
  source: string;
  /** Number of variants. */
  n: number;
  /** Band width W (at most n): pairs with j - i < W are kept. */
  width: number;
  /** Upper band, row-major: data[i * width + (j - i)] = R_ij for 0 <= j - i < width, j < n (0 past the end). */
  data: Float64Array;
  /** Σ R_ij² over the pairs i < j outside the band (j - i >= width), which no block of at most `width` variants holds. */
  outsideR2: number;
}

/** Called with each full row as it is read; `row` is reused for the next row. */
export type LdRowHandler = (i: number, row: Float64Array) => void;

export interface LdBandOptions {
  /** The band width W: the largest block that can later be cut from the band. */
  width: number;
  /** Byte length of the source; binary matrices need it to know n before the end (text does not). */
  byteLength?: number;
  /** Sees every full row in order (e.g. to accumulate statistics of the whole matrix). */
  onRow?: LdRowHandler;
}

/** Reads a square LD matrix from a stream, keeping only the band |i - j| < width. */
export async function readLdBand(src: ByteSource, source: string, opts: LdBandOptions): Promise<LdBand> {
  if (!(opts.width >= 1)) throw new Error("readLdBand: width must be at least 1");
  let gz: boolean;
  let raw: ByteSource = src;
  if (src instanceof Uint8Array) gz = isGzip(src);
  else {
    const peeked = await peekStream(src);
    if (!peeked) throw new InputError({ file: source }, "the file is empty");
    gz = isGzip(peeked.first);
    raw = peeked.stream;
  }
  const limit = ldInflateLimit();
  const content = await peekStream(await openBytes(raw, source, limit));
  if (!content || content.first.length === 0) throw new InputError({ file: source }, "the file is empty");
  const band = new BandBuilder(source, opts);
  if (looksLikeText(content.first)) await readTextRows(content.stream, source, band, limit);
  else {
    checkBinaryStart(content.first, source);
    const length = src instanceof Uint8Array ? src.length : opts.byteLength;
    if (gz || length === undefined) {
      throw new InputError({ file: source }, gz ? "a gzipped binary LD matrix cannot be streamed (its size, and so n, is unknown until the end): gunzip it first" : "a binary LD matrix needs its byte length to be streamed");
    }
    await readBinaryRows(content.stream, band, length);
  }
  return band.finish();
}

/** Rows whose symmetry inside the band is checked together. */
const TILE = 32;

/**
 * Takes full rows in order and keeps the band, checking each value. Inside the
 * band R_ij is compared with R_ji; outside it, row c's sum beyond column c + W
 * is compared with column c's sum below row c + W.
 */
class BandBuilder implements TextRowSink {
  n = 0;
  rows = 0;
  private w = 0;
  private data = new Float64Array(0);
  private farRow = new Float64Array(0);
  private farCol = new Float64Array(0);
  private farCount = new Float64Array(0);
  private outsideR2 = 0;
  /** Lower parts of the rows not yet checked: lower[t * w + d] = R(tileStart + t, tileStart + t - d). */
  private lower = new Float64Array(0);
  private tileStart = 0;
  private tileLines: (number | undefined)[] = [];
  row = new Float64Array(0);

  constructor(
    readonly source: string,
    private readonly opts: LdBandOptions,
  ) {}

  /** Sets n (from the first row) and allocates the band, unless it would hold more than MAX_BAND_VALUES. */
  start(n: number, line?: number): void {
    const w = Math.min(this.opts.width, n);
    if (n * w > MAX_BAND_VALUES) {
      throw new InputError({ file: this.source, line }, `an LD matrix of ${n} variants with a band of ${w} would hold ${n * w} values, more than the ${MAX_BAND_VALUES} allowed: split the chromosome, or use smaller blocks`);
    }
    this.n = n;
    this.w = w;
    this.farRow = new Float64Array(n);
    this.farCol = new Float64Array(n);
    this.farCount = new Float64Array(n);
    this.lower = new Float64Array(TILE * this.w);
    this.row = new Float64Array(n);
  }

  /** The next row's values go to `row`. */
  target(): [Float64Array, number] {
    return [this.row, 0];
  }

  /** Stores `row` (values already checked) as row number `rows`; `line` locates text rows in messages. */
  push(line?: number): void {
    const i = this.rows;
    // the band's rows are allocated as they come (doubling), so memory follows the rows read
    if ((i + 1) * this.w > this.data.length) this.data = grownRows(this.data, this.w, Math.min(this.n, Math.max(16, 2 * i)));
    const { n, w, data, row, lower } = this;
    const t = i - this.tileStart;
    const near = Math.max(0, i - w + 1);
    for (let d = 1, at = t * w + 1; d <= i - near; d++, at++) lower[at] = row[i - d];
    this.tileLines[t] = line;
    const farCol = this.farCol;
    for (let j = 0; j < near; j++) farCol[j] += row[j];
    const end = Math.min(n, i + w);
    data.set(row.subarray(i, end), i * w);
    let far = 0;
    let far2 = 0;
    for (let j = end; j < n; j++) {
      far += row[j];
      far2 += row[j] * row[j];
    }
    this.farRow[i] = far;
    this.farCount[i] = n - end;
    this.outsideR2 += far2;
    this.opts.onRow?.(i, row);
    this.rows++;
    if (this.rows - this.tileStart === TILE) this.checkTile();
  }

  /**
   * Compares the lower parts of the tile's rows with the band (R_ra against
   * R_ar, a < r), walking each band row a along the tile so both reads are
   * near each other in memory.
   */
  private checkTile(): void {
    const { w, data, lower, tileStart: t0 } = this;
    const t1 = this.rows;
    for (let a = Math.max(0, t0 - w + 1); a < t1 - 1; a++) {
      const rEnd = Math.min(a + w, t1);
      for (let r = Math.max(a + 1, t0); r < rEnd; r++) {
        const d = r - a;
        const u = data[a * w + d];
        const x = lower[(r - t0) * w + d];
        if (Math.abs(x - u) > SYMMETRY_TOL) {
          const line = this.tileLines[r - t0];
          throw new InputError(
            { file: this.source, line, column: line === undefined ? undefined : a + 1 },
            `the matrix is not symmetric: row ${r + 1}, column ${a + 1} is ${x} but row ${a + 1}, column ${r + 1} is ${u}`,
          );
        }
      }
    }
    this.tileStart = t1;
  }

  finish(): LdBand {
    const { n, source } = this;
    if (n === 0) throw new InputError({ file: source }, "the file is empty");
    this.checkTile();
    if (this.rows !== n) throw new InputError({ file: source }, `${this.rows} rows of ${n} values: the matrix is not square`);
    for (let c = 0; c < n; c++) {
      const count = this.farCount[c];
      if (Math.abs(this.farRow[c] - this.farCol[c]) > SYMMETRY_TOL * Math.max(1, count)) {
        throw new InputError(
          { file: source },
          `the matrix is not symmetric: row ${c + 1} beyond column ${c + this.w} sums to ${this.farRow[c]} but column ${c + 1} below row ${c + this.w} sums to ${this.farCol[c]}`,
        );
      }
    }
    return { source, n, width: this.w, data: this.data, outsideR2: this.outsideR2 };
  }
}

async function readBinaryRows(stream: ReadableStream<Uint8Array>, band: BandBuilder, total: number): Promise<void> {
  const { source } = band;
  const { n, width } = binarySquare(total, source);
  band.start(n);
  const rowBytes = new Uint8Array(n * width);
  const dv = new DataView(rowBytes.buffer);
  const row = band.row;
  let fill = 0;
  let read = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.length;
    if (read > total) throw new InputError({ file: source }, `more than the ${total} bytes the file had when it was opened`);
    let at = 0;
    while (at < value.length) {
      const take = Math.min(value.length - at, rowBytes.length - fill);
      rowBytes.set(value.subarray(at, at + take), fill);
      fill += take;
      at += take;
      if (fill < rowBytes.length) continue;
      for (let j = 0; j < n; j++) {
        const v = width === 8 ? dv.getFloat64(j * 8, true) : dv.getFloat32(j * 4, true);
        if (!Number.isFinite(v)) throw notFiniteBinary(source, band.rows, j);
        if (v > 1 + RANGE_TOL || v < -1 - RANGE_TOL) throw notCorrelation(source, band.rows, j, v);
        row[j] = v;
      }
      if (!isUnit(row[band.rows])) throw notUnitDiagonal({ file: source }, band.rows, row[band.rows]);
      band.push();
      fill = 0;
    }
  }
  if (read < total) throw new InputError({ file: source }, `the file ends after ${read} of its ${total} bytes (${band.rows} of ${n} rows)`);
}

/**
 * Cuts the band into blocks at `bounds` (0 = b_0 < b_1 < ... < b_K = n; block k
 * holds variants [b_k, b_{k+1})). Each block must fit in the band (size <= width).
 */
export function cutBand(band: LdBand, bounds: number[]): LdBlock[] {
  checkBounds(bounds, band.n);
  const blocks: LdBlock[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const lb = bounds[k];
    const m = bounds[k + 1] - lb;
    if (m > band.width) throw new Error(`block ${k} (variants ${lb + 1}-${lb + m}) has ${m} variants, more than the band width ${band.width} that was kept`);
    blocks.push({ source: `${band.source} (variants ${lb + 1}-${lb + m})`, n: m, data: bandRange(band, lb, m) });
  }
  return blocks;
}

/** R restricted to variants [first, first + count) as a full count x count matrix (0 beyond the band). */
export function bandRange(band: LdBand, first: number, count: number): Float64Array {
  const { width: w, data } = band;
  const out = new Float64Array(count * count);
  for (let a = 0; a < count; a++) {
    const base = (first + a) * w;
    out[a * count + a] = data[base];
    for (let b = a + 1; b < Math.min(count, a + w); b++) {
      const v = data[base + (b - a)];
      out[a * count + b] = v;
      out[b * count + a] = v;
    }
  }
  return out;
}

/** Throws unless `bounds` runs strictly upwards from 0 to n. */
export function checkBounds(bounds: number[], n: number): void {
  if (bounds.length < 2 || bounds[0] !== 0 || bounds[bounds.length - 1] !== n) throw new Error(`block bounds must run from 0 to ${n}`);
  for (let k = 1; k < bounds.length; k++) {
    if (!(bounds[k] > bounds[k - 1]) || !Number.isInteger(bounds[k])) throw new Error(`block bounds must be increasing integers (at ${k}: ${bounds[k - 1]}, ${bounds[k]})`);
  }
}
