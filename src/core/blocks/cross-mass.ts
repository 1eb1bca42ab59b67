// Σ r² between blocks: what a split of the LD matrix leaves out.
import { checkBounds, type LdBand } from "../io/ld-band.js";

/** Σ R_ij² over all pairs i < j of the matrix (inside the band and outside it). */
export function totalMass(band: LdBand): number {
  const { n, width: w, data } = band;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const base = i * w;
    const end = Math.min(w, n - i);
    for (let d = 1; d < end; d++) s += data[base + d] * data[base + d];
  }
  return s + band.outsideR2;
}

/**
 * The cross-block r² mass of a split: Σ R_ij² over pairs i < j in different
 * blocks of `bounds` (0 = b_0 < ... < b_K = n), blocks at most the band's width.
 */
export function crossMass(band: LdBand, bounds: number[]): number {
  checkBounds(bounds, band.n);
  const { n, width: w, data } = band;
  let s = 0;
  for (let k = 0; k + 1 < bounds.length; k++) {
    const end = bounds[k + 1];
    if (end - bounds[k] > w) throw new Error(`block ${k} has ${end - bounds[k]} variants, more than the band width ${w}`);
    for (let i = bounds[k]; i < end; i++) {
      const base = i * w - i;
      const stop = Math.min(n, i + w);
      for (let j = end; j < stop; j++) s += data[base + j] * data[base + j];
    }
  }
  return s + band.outsideR2;
}
