// A joint clustering's files as the gene level reads them: mlmages cluster's
// PREFIX.clusters.json (sigma) and PREFIX.labels.tsv (CLUSTER column), or the
// published PREFIX_Sigma.txt (one flattened p x p matrix a line) and
// PREFIX_cls.txt (one label a line).
import { InputError } from "../errors.js";
import { parseClustersFile } from "../cluster/clusters-file.js";
import { readNumericTable } from "../io/table.js";

/** The covariances (K x p x p) and trait names of a clusters JSON (checked as parseClustersFile does). */
export function parseClustersJson(text: string, source: string): { traits: string[] | null; sigma: number[][][] } {
  const { traits, sigma } = parseClustersFile(text, source);
  return { traits, sigma };
}

/** The published Sigma file: one line per cluster, its p x p covariance row-major. */
export function parsePublishedSigma(text: string, source: string): number[][][] {
  const t = readNumericTable(text, source);
  if (t.header) throw new InputError({ file: source, line: 1 }, "expected numbers only (one flattened covariance a line)");
  const cols = [...t.columns.values()];
  const p = Math.round(Math.sqrt(cols.length));
  if (p * p !== cols.length) throw new InputError({ file: source, line: 1 }, `${cols.length} numbers a line is not a square matrix`);
  return Array.from({ length: t.rows }, (_, k) =>
    Array.from({ length: p }, (_, i) =>
      Array.from({ length: p }, (_, j) => {
        const x = cols[i * p + j][k];
        if (!Number.isFinite(x)) throw new InputError({ file: source, line: k + 1, column: i * p + j + 1 }, "not a finite number");
        return x;
      }),
    ),
  );
}

/** Cluster labels (0-based, −1 for zero): a labels table's CLUSTER column, or one number a line. */
export function parseLabels(text: string, source: string): Int32Array {
  const t = readNumericTable(text, source);
  let col: Float64Array | undefined;
  if (t.header) {
    col = t.columns.get("CLUSTER");
    if (!col) throw new InputError({ file: source, line: 1 }, `no CLUSTER column (the columns are ${t.header.join(", ")})`);
  } else if (t.columns.size === 1) col = t.columns.get("1");
  else throw new InputError({ file: source, line: 1 }, "expected a labels table with a CLUSTER column, or one label a line");
  const first = t.header ? 2 : 1;
  const out = new Int32Array(col!.length);
  col!.forEach((x, v) => {
    if (!Number.isInteger(x) || x < -1) throw new InputError({ file: source, line: v + first }, `cluster label '${x}' is not −1 or a cluster index`);
    out[v] = x;
  });
  return out;
}
