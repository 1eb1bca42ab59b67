// The accuracy and speed targets of a shrinkage method (issue 19's acceptance),
// each a line saying met or not met with the figures it compares.
import type { AccuracyRow } from "./accuracy-table.js";

export interface Check {
  data: string;
  what: string;
  met: boolean;
  /** The figures compared, e.g. "0.00363 vs 0.8 × 0.00793 = 0.00634". */
  detail: string;
}

export function formatCheck(c: Check): string {
  return `${c.met ? "met    " : "not met"}  ${c.data}: ${c.what} (${c.detail})`;
}

const g = (x: number) => x.toPrecision(3);

function row(rows: AccuracyRow[], data: string, method: string): AccuracyRow | undefined {
  return rows.find((r) => r.data === data && r.method === method);
}

/** `method`'s RMSE ≤ factor × `other`'s (or < when strict); null when either row is missing. */
export function rmseCheck(rows: AccuracyRow[], data: string, method: string, other: string, factor: number, strict = false): Check | null {
  const a = row(rows, data, method);
  const b = row(rows, data, other);
  if (!a || !b) return null;
  const bound = factor * b.rmse;
  const what = factor === 1 ? `${method} RMSE ${strict ? "<" : "≤"} ${other}'s` : `${method} RMSE ${strict ? "<" : "≤"} ${factor}× ${other}'s`;
  const detail = factor === 1 ? `${g(a.rmse)} vs ${g(b.rmse)}` : `${g(a.rmse)} vs ${factor} × ${g(b.rmse)} = ${g(bound)}`;
  return { data, what, met: strict ? a.rmse < bound : a.rmse <= bound, detail };
}

/** `method` at least `factor` times faster than `other` over the given rows' seconds summed; null when unknown. */
export function speedCheck(rows: AccuracyRow[], data: string[], method: string, other: string, factor: number): Check | null {
  const sum = (m: string) => {
    let s = 0;
    for (const d of data) {
      const r = row(rows, d, m);
      if (!r || r.seconds === null) return null;
      s += r.seconds;
    }
    return s;
  };
  const a = sum(method);
  const b = sum(other);
  if (a === null || b === null) return null;
  return { data: data.join(", "), what: `${method} ≥ ${factor}× as fast as ${other}`, met: b >= factor * a, detail: `${a.toFixed(3)} s vs ${b.toFixed(3)} s: ${(b / a).toFixed(1)}×` };
}

/**
 * Whether the k largest |estimates| include every causal variant (true effect
 * non-zero) whose GWAS |z| exceeds zMin.
 */
export function topCheck(data: string, method: string, estimates: ArrayLike<number>, truth: ArrayLike<number>, z: ArrayLike<number>, k: number, zMin: number): Check {
  const order = Array.from({ length: estimates.length }, (_, i) => i).sort((i, j) => Math.abs(estimates[j]) - Math.abs(estimates[i]));
  const top = new Set(order.slice(0, k));
  const strong: number[] = [];
  for (let i = 0; i < truth.length; i++) if (truth[i] !== 0 && Math.abs(z[i]) > zMin) strong.push(i);
  const found = strong.filter((i) => top.has(i)).length;
  return { data, what: `${method} top ${k} by |BETA_SHRINK| include every causal variant with |z| > ${zMin}`, met: found === strong.length, detail: strong.length ? `${found} of ${strong.length}` : `none has |z| > ${zMin}` };
}
