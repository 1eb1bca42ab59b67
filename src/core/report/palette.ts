// Colours: the Okabe–Ito colour-blind-safe palette, continued with Paul Tol's
// muted palette for more clusters (Okabe–Ito's yellow last: faint on white);
// grey for variants thresholded to zero.
// see: Okabe & Ito (2008) "Color Universal Design"; Tol (2021) "Colour schemes", SRON/EPS/TN/09-002.

/** Category colours in order; cluster k gets CATEGORY[k % length]. */
export const CATEGORY = [
  "#E69F00",
  "#56B4E9",
  "#009E73",
  "#0072B2",
  "#D55E00",
  "#CC79A7",
  "#332288",
  "#117733",
  "#882255",
  "#999933",
  "#44AA99",
  "#AA4499",
  "#88CCEE",
  "#DDCC77",
  "#CC6677",
  "#F0E442",
];

/** Variants in no cluster (label −1). */
export const ZERO = "#BBBBBB";

/** Observed effects (BETA). */
export const OBSERVED = "#56B4E9";

/** Shrunk effects (BETA_SHRINK). */
export const SHRUNK = "#D55E00";

/** Axes, text. */
export const INK = "#222222";

/** Grid lines. */
export const GRID = "#E6E6E6";

/** The colour of cluster k (0-based), ZERO for −1. */
export function clusterColour(k: number): string {
  return k < 0 ? ZERO : CATEGORY[k % CATEGORY.length];
}

/** Trait colours where traits share a figure (the QQ plot). */
export const TRAIT = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#332288", "#882255"];

/** The colour of trait t (0-based). */
export function traitColour(t: number): string {
  return TRAIT[t % TRAIT.length];
}
