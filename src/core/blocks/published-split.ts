// The published LD block split (ML-MAGES extract_ld_blocks.py), reproduced
// step by step on sums accumulated while the matrix streams past:
//  1. v_k = Σ_{i+j=k} R_ij, the 2n - 1 anti-diagonal sums (signed R, not r²);
//  2. v smoothed by a periodic Hann window of 2w + 1 points (w = 200), scipy's
//     convolve(v, hann / Σhann, 'valid'); its local minima at least `avg` apart
//     (scipy find_peaks(-g, distance=avg)), w halved while there are fewer than
//     p + 2 of them, p = floor(n / avg) + 1;
//  3. up to p of those minima, smallest first, each more than `avg` from the
//     ones already taken and from both ends of v;
//  4. breakpoint b = floor((m + 1) / 2) for each minimum m (an index into the
//     smoothed g used as one into v: the published code ignores the w-point
//     shift of 'valid'), then moved to the least "outer sum"
//     os(t) = Σ_{i<t<j} R_ij within a quarter of the gaps to its neighbours.
// Ties between equal minima are taken in position order (numpy 1.24's argsort,
// as the published run used, is stable on short arrays): the dev chromosome
// repeats one pattern, so its minima tie exactly. Where the published code
// would loop for ever (fewer than p + 2 minima even unsmoothed, small n), this
// goes on with the minima it has; with none left it returns one block.
// see: github.com/ramachandran-lab/ML-MAGES mlmages/_process_funcs.py
//      (construct_antidiagonal_sum_vec, apply_filter, local_search) and
//      mlmages/extract_ld_blocks.py; scipy.signal.get_window, convolve, find_peaks.
import * as dmath from "../math.js";

/** Smoothing half-width the published code starts from. */
const START_WIDTH = 200;

/** The whole-matrix sums the published split needs, accumulated one row at a time. */
export class PublishedSplitSums {
  /** Anti-diagonal sums v_k = Σ_{i+j=k} R_ij, k = 0..2n-2. */
  readonly antiDiagonal: Float64Array;
  /** Outer sums os(t) = Σ_{i<t<j} R_ij, t = 0..n-1. */
  readonly outer: Float64Array;
  private readonly colSums: Float64Array;
  private rows = 0;

  constructor(readonly n: number) {
    this.antiDiagonal = new Float64Array(Math.max(0, 2 * n - 1));
    this.outer = new Float64Array(n);
    this.colSums = new Float64Array(n);
  }

  /** Adds row i (rows must come in order 0, 1, ...). */
  addRow(i: number, row: Float64Array): void {
    if (i !== this.rows) throw new Error(`PublishedSplitSums: row ${i} out of order`);
    const { n, antiDiagonal: v, colSums } = this;
    // os(i) = Σ_{j>i} Σ_{r<i} R_rj: the column sums so far, right of i.
    let os = 0;
    for (let j = i + 1; j < n; j++) os += colSums[j];
    this.outer[i] = os;
    for (let j = 0; j < n; j++) {
      v[i + j] += row[j];
      colSums[j] += row[j];
    }
    this.rows++;
  }
}

/** Block bounds (0, b_1, ..., n) of the published split with average block size `avg`. */
export function publishedSplit(sums: PublishedSplitSums, avg: number): number[] {
  const n = sums.n;
  const v = sums.antiDiagonal;
  const points = Math.floor(n / avg) + 1;
  let width = START_WIDTH;
  let g = smooth(v, width);
  let minima = findPeaks(negate(g), avg);
  while (minima.length < points + 2 && width > 0) {
    width = Math.floor(width / 2);
    g = smooth(v, width);
    minima = findPeaks(negate(g), avg);
  }
  const order = minima.map((_, k) => k).sort((a, b) => g[minima[a]] - g[minima[b]] || a - b);
  const chosen: number[] = [];
  for (const k of order) {
    if (chosen.length === points) break;
    const m = minima[k];
    if (chosen.every((c) => Math.abs(m - c) > avg) && m > avg && m < v.length - avg) chosen.push(m);
  }
  chosen.sort((a, b) => a - b);
  const initial = chosen.map((m) => Math.floor((m + 1) / 2));
  const bounds = [0];
  initial.forEach((b, k) => {
    const prev = k === 0 ? 0 : initial[k - 1];
    const next = k === initial.length - 1 ? n - 1 : initial[k + 1];
    const lo = b - Math.floor((b - prev) / 4);
    const hi = b + Math.floor((next - b) / 4);
    let best = lo < hi ? lo : b;
    for (let t = lo + 1; t < hi; t++) if (sums.outer[t] < sums.outer[best]) best = t;
    bounds.push(best);
  });
  bounds.push(n);
  return bounds.filter((b, k) => k === 0 || b > bounds[k - 1]);
}

/** scipy.signal.get_window('hann', m): the periodic Hann window, 0.5 - 0.5 cos(2πk/m). */
export function hannPeriodic(m: number): Float64Array {
  const a = new Float64Array(m);
  for (let k = 0; k < m; k++) a[k] = 0.5 - 0.5 * dmath.cos((2 * Math.PI * k) / m);
  if (m === 1) a[0] = 1;
  return a;
}

/** convolve(v, hann(2w+1) / Σ, 'valid'). */
function smooth(v: Float64Array, width: number): Float64Array {
  const a = hannPeriodic(2 * width + 1);
  let s = 0;
  for (const x of a) s += x;
  for (let k = 0; k < a.length; k++) a[k] /= s;
  return convolveValid(v, a);
}

/** Full-overlap convolution, out[m] = Σ_t x[m + t]·y[len(y) - 1 - t], with x the longer input (as scipy swaps them). */
export function convolveValid(p: Float64Array, q: Float64Array): Float64Array {
  const [x, y] = p.length >= q.length ? [p, q] : [q, p];
  const ny = y.length;
  const out = new Float64Array(x.length - ny + 1);
  for (let m = 0; m < out.length; m++) {
    let s = 0;
    for (let t = 0; t < ny; t++) s += x[m + t] * y[ny - 1 - t];
    out[m] = s;
  }
  return out;
}

function negate(g: Float64Array): Float64Array {
  return g.map((x) => -x);
}

/**
 * scipy.signal.find_peaks(x, distance=d): local maxima (a flat top counts once,
 * at its middle, rounded down), then, highest first, every peak closer than d
 * to a kept one dropped. Equal heights: the later peak goes first, as a stable
 * argsort walked from its end gives.
 */
export function findPeaks(x: Float64Array, distance: number): number[] {
  const peaks: number[] = [];
  let i = 1;
  const last = x.length - 1;
  while (i < last) {
    if (x[i - 1] < x[i]) {
      let ahead = i + 1;
      while (ahead < last && x[ahead] === x[i]) ahead++;
      if (x[ahead] < x[i]) {
        peaks.push(Math.floor((i + ahead - 1) / 2));
        i = ahead;
      }
    }
    i++;
  }
  const d = Math.ceil(distance);
  const keep = new Array<boolean>(peaks.length).fill(true);
  const priority = peaks.map((_, k) => k).sort((a, b) => x[peaks[a]] - x[peaks[b]] || a - b);
  for (let r = priority.length - 1; r >= 0; r--) {
    const j = priority[r];
    if (!keep[j]) continue;
    for (let k = j - 1; k >= 0 && peaks[j] - peaks[k] < d; k--) keep[k] = false;
    for (let k = j + 1; k < peaks.length && peaks[k] - peaks[j] < d; k++) keep[k] = false;
  }
  return peaks.filter((_, k) => keep[k]);
}
