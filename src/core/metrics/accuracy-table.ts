// One accuracy table for every dataset and method: RMSE, r, AUROC, AP and
// seconds, with the all-zero estimate's RMSE as each dataset's floor, as plain
// aligned text or markdown.
import type { MethodEstimate } from "./compare.js";
import { accuracy, type Accuracy } from "./evaluate.js";
import { rmse } from "./regression.js";

export interface AccuracyRow {
  data: string;
  method: string;
  /** Null for the all-zero row (only its RMSE means something). */
  accuracy: Accuracy | null;
  rmse: number;
  seconds: number | null;
}

export const ALL_ZERO = "all zero";

/** The rows of one dataset: the all-zero estimate first, then each method. */
export function accuracyRows(data: string, truth: Float64Array, methods: MethodEstimate[]): AccuracyRow[] {
  const zero: AccuracyRow = { data, method: ALL_ZERO, accuracy: null, rmse: rmse(truth, new Float64Array(truth.length)), seconds: null };
  return [
    zero,
    ...methods.map((m) => {
      const a = accuracy(truth, m.estimates);
      return { data, method: m.method, accuracy: a, rmse: a.rmse, seconds: m.seconds };
    }),
  ];
}

const DASH = "–";

function cells(r: AccuracyRow): string[] {
  const f = (x: number | undefined) => (x === undefined ? DASH : Number.isFinite(x) ? x.toFixed(3) : "NA");
  const a = r.accuracy ?? undefined;
  return [r.data, r.method, r.rmse.toPrecision(3), f(a?.pearson), f(a?.auroc), f(a?.ap), r.seconds === null ? DASH : r.seconds < 0.01 ? r.seconds.toPrecision(2) : r.seconds.toFixed(2)];
}

export const TABLE_HEADER = ["data", "method", "RMSE", "r", "AUROC", "AP", "seconds"];

/** The table as aligned text (markdown = false) or a markdown table. */
export function formatAccuracyTable(rows: AccuracyRow[], markdown: boolean): string {
  const body = rows.map(cells);
  if (markdown) {
    const line = (c: string[]) => `| ${c.join(" | ")} |`;
    return [line(TABLE_HEADER), line(TABLE_HEADER.map(() => "---")), ...body.map(line)].join("\n") + "\n";
  }
  const widths = TABLE_HEADER.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
  const fmt = (r: string[]) => r.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join("  ").trimEnd();
  return [fmt(TABLE_HEADER), ...body.map(fmt)].join("\n") + "\n";
}
