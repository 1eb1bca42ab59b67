// The report's inputs read back from the step outputs of a genome-wide
// workflow (the files `mlmages run` writes, made by separate commands): the
// shrink tables, the clusterings, the gene tests and the gene level. Numbers in
// those files are written the shortest way that reads back to the same double
// (output/tsv.ts), so the report drawn from them is the one `run` draws.
import { InputError } from "../errors.js";
import type { ReportClusterSet, ReportGeneLevel, ReportGeneTests, ReportTrait } from "../report/types.js";

interface Table {
  header: string[];
  rows: string[][];
}

function readTsv(text: string, source: string): Table {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  if (!lines.length) throw new InputError({ file: source }, "the file is empty");
  const header = lines[0].split("\t");
  const rows = lines.slice(1).map((l, i) => {
    const cells = l.split("\t");
    if (cells.length !== header.length) throw new InputError({ file: source, line: i + 2 }, `${cells.length} fields but the header has ${header.length}`);
    return cells;
  });
  return { header, rows };
}

function column(t: Table, name: string, source: string): number {
  const i = t.header.indexOf(name);
  if (i < 0) throw new InputError({ file: source, line: 1 }, `no ${name} column (${t.header.join(", ")})`);
  return i;
}

function numbers(t: Table, name: string, source: string): Float64Array {
  const c = column(t, name, source);
  return Float64Array.from(t.rows, (r, i) => {
    const v = r[c] === "NA" ? NaN : Number(r[c]);
    if (r[c] !== "NA" && (r[c] === "" || Number.isNaN(v))) throw new InputError({ file: source, line: i + 2, column: c + 1 }, `'${r[c]}' is not a number`);
    return v;
  });
}

/** One trait from its shrink table (CHR, POS, BETA, BETA_SHRINK). */
export function traitFromShrinkTable(name: string, text: string, source: string): ReportTrait {
  const t = readTsv(text, source);
  const c = column(t, "CHR", source);
  const chroms = t.rows.map((r) => r[c]);
  const single = chroms.length && chroms.every((x) => x === chroms[0]) ? chroms[0] : null;
  return { name, chr: single, chroms, pos: numbers(t, "POS", source), beta: numbers(t, "BETA", source), shrunk: numbers(t, "BETA_SHRINK", source) };
}

/** The SE column of a shrink table. */
export function seFromShrinkTable(text: string, source: string): Float64Array {
  return numbers(readTsv(text, source), "SE", source);
}

/** A clustering from PREFIX.clusters.json and PREFIX.labels.tsv. */
export function clusterSetFromFiles(name: string, json: { text: string; source: string }, labels: { text: string; source: string }): ReportClusterSet {
  let doc: { traits?: string[]; K?: number; pi?: number[]; sigma?: number[][][]; zero_cutoff?: number };
  try {
    doc = JSON.parse(json.text);
  } catch {
    throw new InputError({ file: json.source }, "not a JSON file (expected PREFIX.clusters.json of mlmages cluster)");
  }
  if (!Array.isArray(doc.traits) || typeof doc.K !== "number" || !Array.isArray(doc.pi) || !Array.isArray(doc.sigma)) throw new InputError({ file: json.source }, "not a clustering (traits, K, pi, sigma)");
  const t = readTsv(labels.text, labels.source);
  return { name, traits: doc.traits, K: doc.K, pi: doc.pi, sigma: doc.sigma, labels: Int32Array.from(numbers(t, "CLUSTER", labels.source)), zeroCutoff: doc.zero_cutoff };
}

/** One trait's gene tests from genes/enrich_<trait>.tsv. */
export function geneTestsFromTable(trait: string, text: string, source: string): ReportGeneTests {
  const t = readTsv(text, source);
  const gene = column(t, "GENE", source);
  const [n, stat, pLiu, mLiu, pExact, mExact] = ["N_SNPS", "STAT", "P_LIU", "MLOG10P_LIU", "P_EXACT", "MLOG10P_EXACT"].map((c) => numbers(t, c, source));
  return { trait, rows: t.rows.map((r, i) => ({ gene: r[gene], nVariants: n[i], stat: stat[i], pLiu: pLiu[i], mlog10pLiu: mLiu[i], pExact: pExact[i], mlog10pExact: mExact[i] })) };
}

/** Traits of a trait-set name ("T1+T3"; "" is none). */
function setTraits(name: string): string[] {
  return name === "" ? [] : name.split("+");
}

/** The gene level of the joint clustering `set` from its folder's tables (each as { text, source } by file name). */
export function geneLevelFromTables(set: string, traits: string[], files: Map<string, { text: string; source: string }>): ReportGeneLevel {
  const get = (name: string) => {
    const f = files.get(name);
    if (!f) throw new InputError({ file: name }, `the gene level of ${set} has no ${name}`);
    return { t: readTsv(f.text, f.source), source: f.source };
  };
  const fr = get("gene_cluster_fractions.tsv");
  const K = fr.t.header.filter((h) => /^c\d+$/.test(h)).length;
  const G = fr.t.rows.length;
  const gene = column(fr.t, "GENE", fr.source);
  const counts = numbers(fr.t, "N_SNPS", fr.source);
  const cols = Array.from({ length: K }, (_, k) => numbers(fr.t, `c${k + 1}`, fr.source));
  const fractions = new Float64Array(G * K);
  for (let g = 0; g < G; g++) for (let k = 0; k < K; k++) fractions[g * K + k] = cols[k][g];
  const at = get("association_types.tsv");
  const [cl, pat, tr] = ["CLUSTER", "PATTERN", "TRAITS"].map((c) => column(at.t, c, at.source));
  const shares = traits.map((t) => numbers(at.t, `SHARE_${t}`, at.source));
  const ts = get("gene_type_scores.tsv");
  return {
    set,
    genes: fr.t.rows.map((r, g) => ({ name: r[gene], count: counts[g] })),
    K,
    fractions,
    zeroFractions: numbers(fr.t, "zero", fr.source),
    types: at.t.rows.map((r, i) => ({ cluster: Number(r[cl]) - 1, pattern: r[pat], traits: setTraits(r[tr]), shares: shares.map((s) => s[i]) })),
    typeScores: ts.t.header.slice(1).map((name) => ({ traits: setTraits(name), scores: numbers(ts.t, name, ts.source) })),
  };
}
