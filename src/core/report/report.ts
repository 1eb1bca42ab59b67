// The report of `mlmages run`: one self-contained HTML file (inline SVG
// figures, inline CSS, one small inline script for the gene table; nothing
// loaded from anywhere) and each figure as its own SVG. No dates or random
// ids: the same input gives the same bytes on every platform.
import { clusterFigure } from "./cluster-figure.js";
import { clustersTableHtml } from "./clusters-table.js";
import { effectsFigure, EFFECT_POINTS, variantAxis } from "./effects-figure.js";
import { esc, fileSafe } from "./escape.js";
import { fmtInt, fmtSig } from "./format.js";
import { geneFractionsFigure, topGenes } from "./fractions-figure.js";
import { geneTableHtml } from "./gene-table.js";
import { geneQqFigure } from "./qq-figure.js";
import { REPORT_SCRIPT } from "./script.js";
import { REPORT_CSS } from "./style.js";
import { harmonisationTableHtml } from "./harmonisation-table.js";
import { traitsTableHtml } from "./traits-table.js";
import type { ReportInput, ReportOutput } from "./types.js";
import { typesTableHtml } from "./types-table.js";

function check(input: ReportInput): number {
  if (input.traits.length === 0) throw new Error("report: no traits");
  const n = input.traits[0].beta.length;
  for (const t of input.traits) {
    if (t.beta.length !== n || t.shrunk.length !== n) {
      throw new Error(`report: trait ${t.name} has ${t.beta.length} observed and ${t.shrunk.length} shrunk effects; ${input.traits[0].name} has ${n}`);
    }
  }
  for (const c of input.clusters) {
    if (c.labels.length !== n) throw new Error(`report: clustering ${c.name} has ${c.labels.length} labels for ${n} variants`);
  }
  return n;
}

/** Collects figures under unique file names and numbers them in the HTML. */
class Figures {
  readonly files = new Map<string, string>();
  private count = 0;

  add(base: string, svg: string, caption: string): string {
    let name = `${fileSafe(base)}.svg`;
    for (let i = 2; this.files.has(name); i++) name = `${fileSafe(base)}-${i}.svg`;
    this.files.set(name, svg);
    this.count++;
    return (
      `<figure>${svg}\n<figcaption><b>Figure ${this.count}.</b> ${caption} ` +
      `<a href="figures/${esc(name)}">${esc(name)}</a></figcaption></figure>\n`
    );
  }
}

function positionsText(input: ReportInput): string {
  const t = input.traits[0];
  const ax = variantAxis(t);
  if (!ax.byPosition) return "no positions (figures use the variant index)";
  if (ax.chromosomes) return `chromosomes ${ax.chromosomes.map((c) => esc(c.name)).join(", ")}`;
  const where = t.chr ? `chromosome ${esc(t.chr)}, ` : "";
  return `${where}${fmtSig(ax.x[0], 4)}–${fmtSig(ax.x[ax.x.length - 1], 4)} Mb`;
}

function inputsSection(input: ReportInput, n: number): string {
  const rows: [string, string][] = [
    ["Traits", input.traits.map((t) => esc(t.name)).join(", ")],
    ["Variants", `${fmtInt(n)} (${positionsText(input)})`],
    ["Clusterings", input.clusters.map((c) => esc(c.name)).join(", ") || "none"],
    ["Gene tests", input.geneTests.length ? `${input.geneTests.map((g) => esc(g.trait)).join(", ")} · ${fmtInt(Math.max(...input.geneTests.map((g) => g.rows.length)))} genes` : "none"],
    ...(input.settings ?? []).map((s): [string, string] => [esc(s.label), esc(s.value)]),
  ];
  const table = `<table class="kv">${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join("\n")}</table>`;
  const warnings = input.warnings?.length ? `<div class="warn"><b>Warnings</b><ul>${input.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul></div>` : "";
  const harmonised = input.harmonisation ? `<h3>Harmonisation with the LD's variants</h3>\n<p>Each trait's variants matched to the LD reference's (effects aligned to its A1): how many were matched, swapped, given on the other strand, and dropped by reason; the analysis uses the variants every trait matched.</p>\n${harmonisationTableHtml(input.harmonisation)}\n` : "";
  return `<section id="inputs"><h2>1. Inputs and settings</h2>\n${table}\n${harmonised}${warnings}</section>\n`;
}

function shrinkageSection(input: ReportInput, figs: Figures): string {
  let html =
    `<section id="shrinkage"><h2>2. Effect-size shrinkage</h2>\n` +
    `<p class="lead">Each trait's GWAS effects (BETA) and the effects shrunk by the ML-MAGES networks from the effects and LD of each variant's neighbours (BETA_SHRINK).</p>\n` +
    traitsTableHtml(input.traits);
  for (const t of input.traits) {
    const ax = variantAxis(t);
    const along = ax.chromosomes
      ? "along the genome (chromosomes side by side, each by position in Mb)"
      : ax.byPosition
        ? "along the chromosome (position in Mb)"
        : "in file order (no usable positions, so by variant index)";
    html +=
      `<h3>${esc(t.name)}</h3>\n` +
      figs.add(
        `effects_${t.name}`,
        effectsFigure(t),
        `Observed (blue) and shrunk (vermillion) effects of ${esc(t.name)} for ${fmtInt(t.beta.length)} variants ${along}. ` +
          `The ${fmtInt(EFFECT_POINTS)} largest |effects| of each series are drawn as points; the smaller ones as the range they span in each pixel column.`,
      );
  }
  return html + `</section>\n`;
}

function clusteringSection(input: ReportInput, figs: Figures): string {
  let html =
    `<section id="clustering"><h2>3. Clustering</h2>\n` +
    `<p class="lead">Shrunk effects above the zero cutoff are clustered into zero-mean Gaussian components (one trait alone, and traits jointly); c1 has the largest variance. Variants below the cutoff are “zero” (label −1).</p>\n`;
  for (const c of input.clusters) {
    html += `<h3>${esc(c.name)} <span class="muted">· K = ${c.K}</span></h3>\n` + clustersTableHtml(c) + "\n";
    if (c.traits.length >= 2) {
      const what = c.traits.length === 2 ? "against each other" : "pairwise (one panel per trait pair, with the pair's block of Σ)";
      html += figs.add(
        `clusters_${c.name}`,
        clusterFigure(c, input.traits),
        `Shrunk effects of ${c.traits.map(esc).join(", ")} ${what}, coloured by joint cluster (grey: zero). ` +
          `Ellipses: each cluster's 2σ covariance ellipse from its Σ, centred at 0.`,
      );
    }
  }
  return html + `</section>\n`;
}

function geneTestSection(input: ReportInput, figs: Figures): string {
  if (!input.geneTests.length) return "";
  return (
    `<section id="gene-tests"><h2>4. Gene tests</h2>\n` +
    `<p class="lead">Per trait, T = Σ β̃² over each gene's shrunk effects against its null distribution Σ λ χ²₁ (λ the eigenvalues of ε·R over the gene's LD).</p>\n` +
    figs.add(
      "gene_test_qq",
      geneQqFigure(input.geneTests),
      "QQ plot of the exact gene-test p-values (Liu's where the exact one is missing) per trait against the uniform null; the grey line is y = x, the dashed line the Bonferroni threshold.",
    ) +
    geneTableHtml(input.geneTests) +
    `</section>\n`
  );
}

function geneLevelSection(input: ReportInput, figs: Figures): string {
  if (!input.geneLevel?.length) return "";
  let html =
    `<section id="gene-level"><h2>5. Multi-trait gene level</h2>\n` +
    `<p class="lead">Each joint cluster is associated with the traits carrying a non-negligible share of its variance: trait-specific or shared. Per gene, the shares of its variants in each cluster.</p>\n`;
  for (const gl of input.geneLevel) {
    const set = input.clusters.find((c) => c.name === gl.set);
    const shown = topGenes(gl).length;
    html +=
      `<h3>${esc(gl.set)}</h3>\n<h4>Association types</h4>\n` +
      typesTableHtml(gl, set) +
      "\n" +
      figs.add(
        `gene_fractions_${gl.set}`,
        geneFractionsFigure(gl),
        `Shares of each gene's variants in the joint clusters of ${esc(gl.set)} (grey: zero), for the ${shown} genes with the most variants in non-zero clusters ` +
          `(of ${fmtInt(gl.genes.length)} genes). The legend gives each cluster's associated traits.`,
      );
  }
  return html + `</section>\n`;
}

/** The report's HTML and its figures by file name (to be written under figures/ beside report.html). */
export function renderReport(input: ReportInput): ReportOutput {
  const n = check(input);
  const figs = new Figures();
  const title = input.title ?? "ML-MAGES report";
  const names = input.traits.map((t) => esc(t.name)).join(", ");
  const sections = [
    inputsSection(input, n),
    shrinkageSection(input, figs),
    clusteringSection(input, figs),
    geneTestSection(input, figs),
    geneLevelSection(input, figs),
  ];
  const nav: [string, string][] = [
    ["inputs", "Inputs"],
    ["shrinkage", "Shrinkage"],
    ["clustering", "Clustering"],
    ...(input.geneTests.length ? [["gene-tests", "Gene tests"] as [string, string]] : []),
    ...(input.geneLevel?.length ? [["gene-level", "Gene level"] as [string, string]] : []),
  ];
  const html =
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${esc(title)}: ${names}</title>\n<style>${REPORT_CSS}</style>\n</head>\n<body>\n<main>\n` +
    `<header><h1>${esc(title)}</h1><p class="sub">${names} · ${fmtInt(n)} variants</p></header>\n` +
    `<nav>${nav.map(([id, label]) => `<a href="#${id}">${label}</a>`).join("")}</nav>\n` +
    sections.join("") +
    `<footer>Made by mlmages${input.note ? ` · ${esc(input.note)}` : ""}. Figures are also in figures/ as SVG files.</footer>\n` +
    `</main>\n<script>${REPORT_SCRIPT}</script>\n</body>\n</html>\n`;
  return { html, figures: figs.files };
}
