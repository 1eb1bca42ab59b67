// How a GWAS file gives its effect and standard error, from the columns it
// has, in this order of preference:
//   BETA (or log OR) with SE;
//   BETA (or log OR) with a test statistic, SE = |β / STAT| (plink 1.9);
//   BETA (or log OR) with P or −log10 P, SE = |β| / z, z = Φ⁻¹(1 − P/2);
//   Z with N (LDSC, METAL's sample-size scheme): β = Z/√N, SE = 1/√N, standardised.
import { InputError } from "../errors.js";
import { GWAS_COLUMNS } from "./gwas-columns.js";
import { zFromTwoSidedP } from "./gwas-se-from-p.js";

export type EffectMode = "se" | "stat" | "p" | "zn";

export interface EffectPlan {
  mode: EffectMode;
  /** Column of BETA, OR (then `odds`) or Z. */
  effect: number;
  odds: boolean;
  /** Column of SE, STAT, P or −log10 P (then `minusLog10`), or N for "zn". */
  spread: number;
  minusLog10: boolean;
}

/** Column indices by role (-1 when absent). */
export type Roles = Record<keyof typeof GWAS_COLUMNS, number>;

export function effectPlan(c: Roles, where: { file: string; line: number }): EffectPlan {
  const effect = c.beta >= 0 ? c.beta : c.or;
  const odds = c.beta < 0 && c.or >= 0;
  if (effect >= 0) {
    if (c.se >= 0) return { mode: "se", effect, odds, spread: c.se, minusLog10: false };
    if (c.stat >= 0) return { mode: "stat", effect, odds, spread: c.stat, minusLog10: false };
    if (c.p >= 0) return { mode: "p", effect, odds, spread: c.p, minusLog10: false };
    if (c.log10p >= 0) return { mode: "p", effect, odds, spread: c.log10p, minusLog10: true };
    throw new InputError(where, `an effect column but no standard error: expected one of ${GWAS_COLUMNS.se.join(", ")}, or a test statistic (${GWAS_COLUMNS.stat.join(", ")}), or a P-value (${[...GWAS_COLUMNS.p, ...GWAS_COLUMNS.log10p].join(", ")}) (any case)`);
  }
  if (c.z >= 0) {
    if (c.n < 0) throw new InputError(where, `Z-scores need a sample-size column to become effects (β = Z/√N, SE = 1/√N): expected one of ${GWAS_COLUMNS.n.join(", ")}`);
    return { mode: "zn", effect: c.z, odds: false, spread: c.n, minusLog10: false };
  }
  throw new InputError(where, `no effect column: expected one of ${[...GWAS_COLUMNS.beta, ...GWAS_COLUMNS.or].join(", ")}, or Z-scores (${GWAS_COLUMNS.z.join(", ")}) with N (any case)`);
}

/** The β and SE of the last row betaSe accepted (a shared slot: no object per row). */
export const effectOut = { beta: 0, se: 0 };

/**
 * β and SE of one row, into effectOut, from its effect value and its spread
 * value (SE, STAT, P or N as the mode says; NaN when missing); returns null,
 * or the reason the row is dropped. For mode "p" the spread is P (0 when it
 * underflowed) and `lnP` its exact log.
 */
export function betaSe(mode: EffectMode, effect: number, spread: number, lnP: number): null | "missing value" | "SE not derivable" {
  if (Number.isNaN(effect) || Number.isNaN(spread)) return "missing value";
  let se: number;
  switch (mode) {
    case "se":
      se = spread;
      break;
    case "stat":
      if (spread === 0 || effect === 0) return "SE not derivable";
      se = Math.abs(effect / spread);
      break;
    case "p":
      if (effect === 0 || !(lnP < 0) || lnP === -Infinity) return "SE not derivable";
      se = Math.abs(effect) / zFromTwoSidedP(spread, lnP);
      break;
    case "zn": {
      const r = Math.sqrt(spread);
      effectOut.beta = effect / r;
      effectOut.se = 1 / r;
      return null;
    }
  }
  effectOut.beta = effect;
  effectOut.se = se;
  return null;
}
