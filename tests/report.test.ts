// The report's HTML and SVG on synthetic data: well-formed figures with a
// viewBox, ellipse geometry against Σ, escaping, nothing external, bounded
// size at 100k variants, the same bytes on every call.
import { describe, expect, it } from "vitest";
import { geneLevel } from "../src/core/genelevel/gene-level.js";
import { clusterFigure } from "../src/core/report/cluster-figure.js";
import { effectsFigure, EFFECT_POINTS, largestMask, select, variantAxis } from "../src/core/report/effects-figure.js";
import { ellipseGeometry } from "../src/core/report/ellipse.js";
import { esc, fileSafe } from "../src/core/report/escape.js";
import { fmtInt, fmtSig, niceTicks } from "../src/core/report/format.js";
import { reportClusterSet, reportGeneLevel, reportGeneTests } from "../src/core/report/from-pipeline.js";
import { geneFractionsFigure, topGenes } from "../src/core/report/fractions-figure.js";
import { mergeGeneTests, pHtml } from "../src/core/report/gene-table.js";
import { qqTop } from "../src/core/report/qq-figure.js";
import { renderReport } from "../src/core/report/report.js";
import type { ReportClusterSet, ReportInput, ReportTrait } from "../src/core/report/types.js";
import { seededUniform } from "../src/core/random.js";
import { syntheticReport } from "./helpers/report-data.js";

/**
 * Checks that `xml` is well-formed for our output: tags balance, attributes are
 * name="value" without < in them, text holds no bare < or & (only entities).
 * Returns the element names in document order.
 */
function wellFormed(xml: string): string[] {
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  const stack: string[] = [];
  const names: string[] = [];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const textEnd = lt < 0 ? xml.length : lt;
    const txt = xml.slice(i, textEnd);
    expect(txt.replace(/&(amp|lt|gt|quot|#39);/g, ""), `text at ${i}`).not.toMatch(/[&<]/);
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 80)}`);
    const [, close, name, , self] = m;
    if (close) expect(stack.pop(), `closing </${name}> at ${lt}`).toBe(name);
    else {
      names.push(name);
      if (!self) stack.push(name);
    }
    i = tag.lastIndex;
  }
  expect(stack).toEqual([]);
  return names;
}

function attrs(el: string): Record<string, string> {
  return Object.fromEntries([...el.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

describe("figures", () => {
  const input = syntheticReport({ n: 5000, names: ["T1", "T2", "T3"] });
  const { figures } = renderReport(input);

  it("every figure is a non-empty, well-formed SVG with a viewBox", () => {
    expect([...figures.keys()]).toEqual([
      "effects_T1.svg",
      "effects_T2.svg",
      "effects_T3.svg",
      "clusters_T1-T2.svg",
      "clusters_T1-T3.svg",
      "clusters_T2-T3.svg",
      "clusters_T1-T2-T3.svg",
      "gene_test_qq.svg",
      "gene_fractions_T1-T2-T3.svg",
    ]);
    for (const [name, svg] of figures) {
      expect(svg, name).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+" width="\d+" height="\d+"/);
      const names = wellFormed(svg);
      expect(names[0]).toBe("svg");
      expect(names.filter((n) => n === "path" || n === "rect" || n === "ellipse").length, name).toBeGreaterThan(5);
    }
  });

  it("draws each cluster's 2σ ellipse of a diagonal Σ with radii 2√σ times the axis scale", () => {
    // Effects spanning exactly [−1, 1] on both axes: the panel (420 px) spans [−1.1, 1.1].
    const n = 200;
    const u = seededUniform(3);
    const x = Float64Array.from({ length: n }, (_, i) => (i === 0 ? -1 : i === 1 ? 1 : u() * 1.8 - 0.9));
    const y = Float64Array.from({ length: n }, (_, i) => (i === 0 ? 1 : i === 1 ? -1 : u() * 1.8 - 0.9));
    const traits: ReportTrait[] = [
      { name: "A", pos: null, beta: x, shrunk: x },
      { name: "B", pos: null, beta: y, shrunk: y },
    ];
    const set: ReportClusterSet = {
      name: "A-B",
      traits: ["A", "B"],
      K: 2,
      pi: [0.5, 0.5],
      sigma: [
        [[0.04, 0], [0, 0.01]],
        [[0.0025, 0], [0, 0.09]],
      ],
      labels: Int32Array.from({ length: n }, (_, i) => (i % 3) - 1),
    };
    const svg = clusterFigure(set, traits);
    wellFormed(svg);
    const scale = 420 / 2.2;
    // The clusters' ellipses (not the legend's mark, nor the white halos under them).
    const rings = [...svg.matchAll(/<ellipse [^>]*transform="[^>]*stroke="#(?!fff)[^"]*"[^>]*\/>/g)].map((m) => attrs(m[0]));
    expect(rings).toHaveLength(2);
    // Drawn from the last cluster to the first; the major semi-axis comes first.
    const [c2, c1] = rings;
    expect(Number(c1.rx)).toBeCloseTo(2 * Math.sqrt(0.04) * scale, 1);
    expect(Number(c1.ry)).toBeCloseTo(2 * Math.sqrt(0.01) * scale, 1);
    expect(c1.transform).toMatch(/^matrix\(1\.0000 0\.0000 -?0\.0000 1\.0000 /);
    expect(Number(c2.rx)).toBeCloseTo(2 * Math.sqrt(0.09) * scale, 1);
    expect(Number(c2.ry)).toBeCloseTo(2 * Math.sqrt(0.0025) * scale, 1);
    expect(c2.transform).toMatch(/^matrix\(0\.0000 1\.0000 -1\.0000 0\.0000 /);
    // Centred at the origin of the data: the middle of the panel.
    expect(c1.transform).toMatch(/ 210 210\)$/);
  });

  it("ellipse geometry: axis-aligned radii for a diagonal Σ, the Σ quadratic form on the boundary otherwise", () => {
    expect(ellipseGeometry([[4, 0], [0, 1]], 10, 5)).toEqual({ rx: 40, ry: 10, cos: 1, sin: 0 });
    expect(ellipseGeometry([[1, 0], [0, 4]], 3, 3)).toEqual({ rx: 12, ry: 6, cos: 0, sin: 1 });
    for (const [s, sx, sy] of [
      [[[2, 0.9], [0.9, 1]], 7, 3],
      [[[0.3, -0.25], [-0.25, 0.5]], 40, 90],
      [[[1e-4, 3e-5], [3e-5, 2e-5]], 5000, 12000],
    ] as [number[][], number, number][]) {
      const e = ellipseGeometry(s, sx, sy);
      // Pixel covariance S = D Σ D, D = diag(sx, −sy); boundary points p satisfy pᵀ S⁻¹ p = 2².
      const A = s[0][0] * sx * sx;
      const B = -s[0][1] * sx * sy;
      const C = s[1][1] * sy * sy;
      const det = A * C - B * B;
      for (let k = 0; k < 12; k++) {
        const t = (k * Math.PI) / 6;
        const px = e.rx * Math.cos(t) * e.cos - e.ry * Math.sin(t) * e.sin;
        const py = e.rx * Math.cos(t) * e.sin + e.ry * Math.sin(t) * e.cos;
        expect((C * px * px - 2 * B * px * py + A * py * py) / det).toBeCloseTo(4, 9);
      }
      // Its half-extents along x and y are 2√S_xx and 2√S_yy.
      expect(Math.hypot(e.rx * e.cos, e.ry * e.sin)).toBeCloseTo(2 * Math.sqrt(A), 9);
      expect(Math.hypot(e.rx * e.sin, e.ry * e.cos)).toBeCloseTo(2 * Math.sqrt(C), 9);
    }
  });

  it("effects: positions in Mb when known, else the variant index; at 100k variants the SVG stays small", () => {
    const big = syntheticReport({ n: 100_000, names: ["T1"], genes: 10 });
    const svg = effectsFigure(big.traits[0]);
    wellFormed(svg);
    expect(svg.length).toBeLessThan(250_000);
    expect(svg).toContain("Position on chromosome 22 (Mb)");
    const noPos = effectsFigure({ ...big.traits[0], pos: null });
    expect(noPos).toContain("Variant (index in file order)");
    // Decreasing positions (several chromosomes) fall back to the index too.
    const shuffled = Float64Array.from(big.traits[0].pos!).reverse();
    expect(effectsFigure({ ...big.traits[0], pos: shuffled })).toContain("Variant (index in file order)");
  });

  it("largestMask keeps the EFFECT_POINTS largest |effects|; select finds the k-th smallest", () => {
    const v = Float64Array.from({ length: 10_000 }, (_, i) => (i % 2 ? -1 : 1) * (i + 1));
    const m = largestMask(v, EFFECT_POINTS);
    expect(m.reduce((a, b) => a + b, 0)).toBe(EFFECT_POINTS);
    expect(m[9999]).toBe(1);
    expect(m[10_000 - EFFECT_POINTS - 1]).toBe(0);
    expect(largestMask(new Float64Array(5000), EFFECT_POINTS).reduce((a, b) => a + b, 0)).toBe(0);
    // Selection agrees with sorting, ties and duplicates included.
    const u = seededUniform(11);
    for (const n of [1, 2, 3, 10, 101, 4000]) {
      const a = Float64Array.from({ length: n }, () => Math.round(u() * 50) / 10);
      const sorted = Float64Array.from(a).sort();
      for (const k of [0, n >> 1, n - 1]) expect(select(Float64Array.from(a), k)).toBe(sorted[k]);
    }
  });

  it("stacked bars: the genes with the most variants in non-zero clusters", () => {
    const gl = {
      set: "A-B",
      K: 2,
      genes: [
        { name: "g1", count: 10 },
        { name: "g2", count: 4 },
        { name: "g3", count: 10 },
        { name: "g4", count: 8 },
      ],
      // g1: 3 non-zero, g2: 4, g3: 0, g4: 3 (share 3/8 > 3/10, so before g1).
      fractions: [0.2, 0.1, 0.5, 0.5, 0, 0, 0.25, 0.125],
      types: [],
    };
    expect(topGenes(gl)).toEqual([1, 3, 0]);
    expect(topGenes(gl, 2)).toEqual([1, 3]);
    const svg = geneFractionsFigure(gl);
    wellFormed(svg);
    expect(svg).toContain("g2: c1 50.0% (2 of 4 variants)");
    expect(svg).toContain("g1: zero 70.0% (7 of 10 variants)");
    expect(svg).not.toContain("g3");
  });
});

describe("report HTML", () => {
  it("escapes names everywhere and puts no unescaped markup from the input in the page", () => {
    const input = syntheticReport({ n: 2000, names: ["<b>&", 'x"y'] });
    input.geneTests[0].rows[0].gene = "<script>alert(1)</script>";
    input.settings = [{ label: "<i>LD</i>", value: "a&b" }];
    input.warnings = ["<img src=x>"];
    input.note = "</footer><script>";
    const { html, figures } = renderReport(input);
    for (const doc of [html, ...figures.values()]) {
      expect(doc).not.toContain("<b>&");
      expect(doc).not.toContain("<script>alert");
      expect(doc).not.toContain("<img");
      expect(doc).not.toContain('x"y');
    }
    expect(html).toContain("&lt;b&gt;&amp;");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("<th>&lt;i&gt;LD&lt;/i&gt;</th><td>a&amp;b</td>");
    expect(html.match(/<script>/g)).toHaveLength(1);
    // Figure files are named safely and uniquely.
    expect([...figures.keys()]).toContain("effects__b__.svg");
    expect([...figures.keys()]).toContain("effects_x_y.svg");
    for (const svg of figures.values()) wellFormed(svg);
  });

  it("loads nothing: no URL but the SVG namespace, no external script, style, font or image", () => {
    const { html, figures } = renderReport(syntheticReport({ n: 3000, names: ["T1", "T2", "T3"] }));
    for (const doc of [html, ...figures.values()]) {
      expect(doc.replaceAll('xmlns="http://www.w3.org/2000/svg"', "")).not.toMatch(/https?:|\/\/[a-z]/i);
      expect(doc).not.toMatch(/<script[^>]*src|<link|<img|<iframe|@import|url\(|@font-face|\beval\(|new Function/i);
    }
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    for (const h of hrefs) expect(h).toMatch(/^(#[a-z-]+|figures\/[\w.+-]+\.svg)$/);
    // Every figure is inline in the page too.
    for (const svg of figures.values()) expect(html).toContain(svg);
  });

  it("gives the same bytes for the same input", () => {
    const a = renderReport(syntheticReport({ n: 4000, names: ["T1", "T2", "T3"] }));
    const b = renderReport(syntheticReport({ n: 4000, names: ["T1", "T2", "T3"] }));
    expect(b.html).toBe(a.html);
    expect([...b.figures]).toEqual([...a.figures]);
  });

  it("shows p-values below a double's range as 10^−x, and ranks genes by their best exact p", () => {
    expect(pHtml(0, 342.5)).toBe("10<sup>−342.5</sup>");
    expect(pHtml(3.2e-8, 7.49485)).toBe("3.2e-8");
    expect(pHtml(0.0123, 1.91)).toBe("0.0123");
    expect(pHtml(NaN, NaN)).toBe("NA");
    const row = (gene: string, m: number) => ({ gene, nVariants: 3, stat: 1, pLiu: 10 ** -m, mlog10pLiu: m, pExact: 10 ** -m, mlog10pExact: m });
    const merged = mergeGeneTests([
      { trait: "A", rows: [row("g1", 1), row("g2", 5), row("g3", NaN)] },
      { trait: "B", rows: [row("g1", 9), row("g2", 2), row("g3", 0.5)] },
    ]);
    expect(merged.map((m) => [m.gene, m.best])).toEqual([
      ["g1", 9],
      ["g2", 5],
      ["g3", 0.5],
    ]);
    const { html } = renderReport(syntheticReport({ n: 2000, names: ["T1", "T2"] }));
    expect(html).toContain("10<sup>−342.5</sup>");
    expect(html).toMatch(/<tr><td data-v="1">1<\/td><td class="gene">GENE4<\/td>/);
  });

  it("summarises the inputs and sections for a geneticist", () => {
    const input = syntheticReport({ n: 3000, names: ["T1", "T2", "T3"] });
    const { html } = renderReport(input);
    for (const s of ["1. Inputs and settings", "2. Effect-size shrinkage", "3. Clustering", "4. Gene tests", "5. Multi-trait gene level"]) expect(html).toContain(s);
    expect(html).toContain("<th>Variants</th><td>3,000 (chromosome 22, ");
    expect(html).toContain("shared by all traits");
    expect(html).toContain("T2-specific");
    expect(html).toContain("<th>Seed</th><td>1</td>");
    expect(html).toContain("mlmages 0.1.0 (test)");
    expect(html.match(/<figcaption>/g)).toHaveLength(9);
    // Without gene tests or gene level those sections are left out.
    const bare: ReportInput = { ...input, geneTests: [], geneLevel: undefined };
    const out = renderReport(bare);
    expect(out.html).not.toContain("4. Gene tests");
    expect(out.html).not.toContain('id="gene-table"');
    expect(out.figures.has("gene_test_qq.svg")).toBe(false);
  });

  it("rejects inputs whose lengths disagree", () => {
    const input = syntheticReport({ n: 500, names: ["T1", "T2"] });
    input.traits[1] = { ...input.traits[1], shrunk: new Float64Array(499) };
    expect(() => renderReport(input)).toThrow(/T2 has 500 observed and 499 shrunk/);
  });
});

describe("formatting", () => {
  it("numbers and ticks", () => {
    expect(fmtInt(8337)).toBe("8,337");
    expect(fmtInt(1234567)).toBe("1,234,567");
    expect(fmtSig(0.000123456)).toBe("1.23e-4");
    expect(fmtSig(0.5)).toBe("0.5");
    expect(fmtSig(123456789)).toBe("1.23e8");
    expect(fmtSig(-0.0151)).toBe("−0.0151");
    expect(niceTicks(0, 1, 5).labels).toEqual(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
    expect(niceTicks(-0.15, 0.12, 6).labels).toEqual(["−0.15", "−0.10", "−0.05", "0.00", "0.05", "0.10"]);
    expect(niceTicks(16.05, 51.2, 8).labels).toEqual(["20", "25", "30", "35", "40", "45", "50"]);
    expect(niceTicks(0, 342.5, 6, true).hi).toBe(350);
    expect(esc(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect(fileSafe("T1/x y")).toBe("T1_x_y");
    expect(fileSafe("..")).toBe("_..");
  });

  it("caps the QQ plot's axis only when a few genes lie far above the rest", () => {
    const bulk = Array.from({ length: 200 }, (_, i) => -Math.log10((i + 0.5) / 200));
    expect(qqTop(bulk, 3.6)).toBe(bulk[0]);
    // 201 values: the reference is the 3rd largest, bulk[1]; 1.5 times it beats 1.5 times the Bonferroni line 1.
    expect(qqTop([...bulk, 342.5], 1)).toBe(1.5 * bulk[1]);
    expect(qqTop([...bulk, 342.5], 3.6)).toBeCloseTo(5.4, 12);
  });
});

describe("from the pipeline's results", () => {
  it("converts a clustering, gene tests and a gene level", () => {
    const labels = Int32Array.from([0, 1, -1, 1, 0, -1]);
    const sigma = [
      [[4, 3.9], [3.9, 4]],
      [[1, 0], [0, 1e-4]],
    ];
    const set = reportClusterSet("A-B", {
      traits: ["A", "B"], K: 2, pi: [0.3, 0.7], sigma, zeroCutoff: 0.01, nNonzero: 4, elbo: 0, bic: 0, seed: 1, restart: 0, scale: 1,
      labels, posterior: new Float64Array(12), restarts: [],
    });
    expect(set).toEqual({ name: "A-B", traits: ["A", "B"], K: 2, pi: [0.3, 0.7], sigma, labels, zeroCutoff: 0.01 });
    const gene = { gene: "G1", chr: "22", start: NaN, end: NaN, first: 0, count: 6 };
    const tests = reportGeneTests("A", [{ gene, stat: 2, variance: 1, pLiu: 0.1, mlog10pLiu: 1, pExact: 0.01, mlog10pExact: 2, exactMethod: "imhof" }]);
    expect(tests).toEqual({ trait: "A", rows: [{ gene: "G1", nVariants: 6, stat: 2, pLiu: 0.1, mlog10pLiu: 1, pExact: 0.01, mlog10pExact: 2 }] });
    const effects = [Float64Array.from([1, 0.1, 0, 0.2, 1, 0]), Float64Array.from([1, 0, 0, 0, 1, 0])];
    const gl = reportGeneLevel("A-B", geneLevel({ traits: ["A", "B"], effects, labels, sigma, genes: [gene] }));
    expect(gl.genes).toEqual([{ name: "G1", count: 6 }]);
    expect(Array.from(gl.fractions)).toEqual([2 / 6, 2 / 6]);
    expect(gl.types.map((t) => [t.cluster, t.pattern, t.traits])).toEqual([
      [0, "(1,1)", ["A", "B"]],
      [1, "(1,0)", ["A"]],
    ]);
    const { html } = renderReport({
      traits: effects.map((e, t) => ({ name: ["A", "B"][t], pos: null, beta: e, shrunk: e })),
      clusters: [set],
      geneTests: [tests],
      geneLevel: [gl],
    });
    expect(html).toContain("A-specific");
    expect(html).toContain("shared by all traits");
  });
});

describe("the effects figure along the genome", () => {
  const trait = (chroms: string[], pos: number[]): ReportTrait => ({ name: "T1", chroms, pos, beta: pos.map((_, i) => (i % 3) - 1), shrunk: pos.map(() => 0) });

  it("puts chromosomes side by side, each from 0 to its last position, in Mb", () => {
    const ax = variantAxis(trait(["1", "1", "1", "2", "2", "X"], [1e6, 2e6, 5e6, 0.5e6, 3e6, 2e6]));
    expect(Array.from(ax.x)).toEqual([1, 2, 5, 5.5, 8, 10]);
    expect(ax.chromosomes).toEqual([
      { name: "1", start: 0, end: 5 },
      { name: "2", start: 5, end: 8 },
      { name: "X", start: 8, end: 10 },
    ]);
    // the figure names each chromosome at its middle
    const svg = effectsFigure(trait(["1", "1", "1", "2", "2", "X"], [1e6, 2e6, 5e6, 0.5e6, 3e6, 2e6]));
    for (const c of ["1", "2", "X"]) expect(svg).toContain(`>${c}</text>`);
    expect(svg).toContain("Chromosome (side by side, each by position in Mb)");
  });

  it("falls back to the variant index when a chromosome comes back later or is unsorted", () => {
    expect(variantAxis(trait(["1", "2", "1"], [1e6, 2e6, 3e6])).byPosition).toBe(false);
    expect(variantAxis(trait(["1", "1", "2"], [2e6, 1e6, 3e6])).byPosition).toBe(false);
    // one chromosome: its positions, as before
    expect(variantAxis(trait(["7", "7"], [1e6, 2e6])).chromosomes).toBeUndefined();
  });
});
