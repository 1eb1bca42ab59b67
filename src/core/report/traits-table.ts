// Per trait, a summary of the observed and shrunk effects.
import { pearson } from "../metrics/regression.js";
import { esc } from "./escape.js";
import { fmtInt, fmtSig } from "./format.js";
import { htmlTable } from "./html.js";
import type { ReportTrait } from "./types.js";

function sd(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m += v[i];
  m /= v.length;
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) ** 2;
  return Math.sqrt(s / v.length);
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

/** The traits' summary table HTML: variants, SD and largest |effect| before and after shrinkage, their correlation. */
export function traitsTableHtml(traits: ReportTrait[]): string {
  const head = ["Trait", "Variants", "sd BETA", "sd BETA_SHRINK", "max |BETA|", "max |BETA_SHRINK|", "corr(BETA, BETA_SHRINK)"];
  const rows = traits.map((t) => [
    esc(t.name),
    fmtInt(t.beta.length),
    fmtSig(sd(t.beta), 3),
    fmtSig(sd(t.shrunk), 3),
    fmtSig(maxAbs(t.beta), 3),
    fmtSig(maxAbs(t.shrunk), 3),
    fmtSig(pearson(t.beta, t.shrunk), 3),
  ]);
  return htmlTable("num", head, rows);
}
