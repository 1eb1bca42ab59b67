// Zero thresholding before clustering, as published: effects with
// |β| ≤ cutoff count as zero; a variant is clustered when any trait's effect
// is above the cutoff (its other traits' small effects are set to 0). The
// cutoff starts by input size (1e-3 above 50,000 variants, 1e-4 above 10,000,
// else 1e-5) and is halved while fewer than 1000 variants are kept, doubled
// while more than max_nz are, at most 10 times (max_nz: n/5 above 15,000
// variants, else n/3, integer division).
// see: ML-MAGES mlmages/cluster_shrinkage.py cluster_shrinkage;
//      mlmages/_cls_funcs.py threshold_zeros, threshold_beta, adjust_zero_threshold.

export const MIN_NONZERO = 1000;
const ADJUST_SCALE = 2;
const MAX_ADJUST = 10;

/** The first cutoff tried for n variants. */
export function initialZeroCutoff(n: number): number {
  return n > 50000 ? 1e-3 : n > 10000 ? 1e-4 : 1e-5;
}

/** The published default upper bound on clustered variants. */
export function defaultMaxNonzero(n: number): number {
  return n > 15000 ? Math.floor(n / 5) : Math.floor(n / 3);
}

/** Variants with |β_t| > cutoff in any trait t. */
export function countNonzero(effects: Float64Array[], cutoff: number): number {
  const n = effects[0].length;
  let count = 0;
  for (let v = 0; v < n; v++) {
    for (const e of effects) {
      if (Math.abs(e[v]) > cutoff) {
        count++;
        break;
      }
    }
  }
  return count;
}

/** The adjusted cutoff and how many variants it keeps. */
export function adjustZeroCutoff(effects: Float64Array[], maxNonzero: number): { cutoff: number; nNonzero: number } {
  let cutoff = initialZeroCutoff(effects[0].length);
  let count = countNonzero(effects, cutoff);
  for (let i = 0; (count < MIN_NONZERO || count > maxNonzero) && i < MAX_ADJUST; i++) {
    if (count < MIN_NONZERO) cutoff /= ADJUST_SCALE;
    else cutoff *= ADJUST_SCALE;
    count = countNonzero(effects, cutoff);
  }
  return { cutoff, nNonzero: count };
}

/** The kept variants' indices and their effects (n_nz x p row-major), effects at or below the cutoff set to 0. */
export function nonzeroRows(effects: Float64Array[], cutoff: number): { rows: Int32Array; x: Float64Array } {
  const p = effects.length;
  const n = effects[0].length;
  const rows: number[] = [];
  for (let v = 0; v < n; v++) if (effects.some((e) => Math.abs(e[v]) > cutoff)) rows.push(v);
  const x = new Float64Array(rows.length * p);
  rows.forEach((v, i) => {
    for (let t = 0; t < p; t++) {
      const b = effects[t][v];
      x[i * p + t] = Math.abs(b) > cutoff ? b : 0;
    }
  });
  return { rows: Int32Array.from(rows), x };
}
