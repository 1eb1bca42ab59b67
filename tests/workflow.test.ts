// The genome-wide Snakemake workflow (workflow/Snakefile) on a 3-chromosome
// example gives, file for file, the bytes of one `mlmages run` over the same
// inputs with the same seed; run.json differs only in what describes the
// workflow itself (its command, its steps and their seconds). Also the pieces
// the workflow's commands merge with: tables, harmonisation counts, inputs,
// gene spectra.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { emptyCounts } from "../src/core/harmonise/counts.js";
import { InputError } from "../src/core/errors.js";
import { mergeTables } from "../src/core/workflow/merge-tables.js";
import { mergedCounts, mergedInputs, mergedReference, type ChromosomePart } from "../src/core/workflow/part.js";
import { spectraForGenes } from "../src/core/workflow/spectra-file.js";
import { readRefVariants, variantFileCandidates } from "../src/core/io/ld-variants.js";
import { variantsTable } from "../src/core/panel/ld-files.js";
import { packagePath } from "../src/node/package-root.js";
import { blockLd, openPanel } from "../src/core/panel/panel.js";
import { Rng } from "../src/core/random.js";
import { simulationFiles } from "../src/core/sim/files.js";
import { simBim, simFam, simulatePanelBed } from "../src/core/sim/panel.js";
import { simulateGwas } from "../src/core/sim/simulate.js";
import type { LdBlock } from "../src/core/types.js";
import { getCore } from "../src/core/wasm/instance.js";
import { nodeFiles } from "../src/node/file-provider.js";
import "../src/node/wasm.js";
import { describeWith, SNAKEMAKE } from "./helpers/requirements.js";
import { filesUnder } from "./helpers/files.js";
import { testDir } from "./helpers/tmp.js";

const exec = promisify(execFile);
const CLI = packagePath("bin", "mlmages.js");
const mlmages = (cwd: string, ...args: string[]) => exec(process.execPath, [CLI, ...args], { cwd, maxBuffer: 1 << 26 });

/**
 * A 3-chromosome example in `dir`: per chromosome a seeded simulation (2 LD
 * blocks of 150 variants with their .bim, 3 traits, causal genes), joined into
 * whole-genome GWAS files and one gene location table. T1 gives every 40th
 * variant on the other allele (BETA negated: harmonisation swaps it back), T2
 * lacks every 97th (not in every trait), so the summed counts are not trivial.
 */
async function threeChromosomes(dir: string): Promise<void> {
  for (const c of [1, 2, 3]) await mlmages(dir, "simulate", "--out", `chr${c}`, "--seed", String(10 + c), "--traits", "3", "--blocks", "2", "--block-size", "150", "--gene-level", "--chrom", String(c), "--quiet");
  for (const t of [1, 2, 3]) {
    const lines: string[] = [];
    for (const c of [1, 2, 3]) {
      const [head, ...rows] = readFileSync(join(dir, `chr${c}`, `gwas_T${t}.tsv`), "utf8").trimEnd().split("\n");
      if (c === 1) lines.push(head);
      rows.forEach((r, i) => {
        const f = r.split("\t"); // CHR POS ID EA OA BETA SE
        if (t === 2 && i % 97 === 5) return;
        if (t === 1 && i % 40 === 3) [f[3], f[4], f[5]] = [f[4], f[3], String(-Number(f[5]))];
        lines.push(f.join("\t"));
      });
    }
    writeFileSync(join(dir, `gwas_T${t}.tsv`), lines.join("\n") + "\n");
  }
  const genes = ["GENE\tCHR\tSTART\tEND"];
  for (const c of [1, 2, 3]) {
    const [head, ...rows] = readFileSync(join(dir, `chr${c}`, "genes.tsv"), "utf8").trimEnd().split("\n");
    const col = (n: string) => head.split("\t").indexOf(n);
    for (const r of rows) {
      const f = r.split("\t");
      genes.push([`${f[col("GENE")]}_${c}`, f[col("CHR")], f[col("START")], f[col("END")]].join("\t"));
    }
  }
  writeFileSync(join(dir, "genes.tsv"), genes.join("\n") + "\n");
}

describeWith(SNAKEMAKE)("snakemake --cores 2 on 3 chromosomes", () => {
  let dir: string;
  beforeAll(async () => {
    dir = testDir("workflow");
    await threeChromosomes(dir);
    const gwas = [1, 2, 3].map((t) => `T${t}=gwas_T${t}.tsv`);
    await mlmages(dir, "run", "--gwas", ...gwas, "--ld", "chr1/ld_blocks.txt", "chr2/ld_blocks.txt", "chr3/ld_blocks.txt", "--genes", "genes.tsv", "--seed", "7", "--out", "run", "--quiet");
    writeFileSync(
      join(dir, "config.yaml"),
      [
        "gwas: {T1: gwas_T1.tsv, T2: gwas_T2.tsv, T3: gwas_T3.tsv}",
        "chromosomes: [1, 2, 3]",
        "ld: {1: [chr1/ld_blocks.txt], 2: [chr2/ld_blocks.txt], 3: [chr3/ld_blocks.txt]}",
        "genes: genes.tsv",
        "seed: 7",
        "results: results",
        "work: work",
        "",
      ].join("\n"),
    );
    await exec("snakemake", ["--snakefile", packagePath("workflow", "Snakefile"), "--configfile", "config.yaml", "--directory", dir, "--cores", "2", "--quiet"], { cwd: dir, maxBuffer: 1 << 26 });
  }, 600_000);

  it("writes the files run writes, and no other", () => {
    const ours = filesUnder(join(dir, "results"));
    expect(ours).toEqual(filesUnder(join(dir, "run")));
    expect(ours).toContain("genes/T1-T2-T3/gene_type_scores.tsv");
    expect(ours).toContain("figures/gene_test_qq.svg");
  });

  it("every file but run.json is byte for byte run's", () => {
    for (const f of filesUnder(join(dir, "run")).filter((f) => f !== "run.json")) {
      const a = readFileSync(join(dir, "run", f));
      const b = readFileSync(join(dir, "results", f));
      expect(b.equals(a), f).toBe(true);
    }
  });

  it("harmonisation counts are summed over the chromosomes", () => {
    const rows = readFileSync(join(dir, "results", "harmonisation.tsv"), "utf8").trimEnd().split("\n").map((l) => l.split("\t"));
    const col = (n: string) => rows[0].indexOf(n);
    const t1 = rows.find((r) => r[0] === "T1")!;
    const t2 = rows.find((r) => r[0] === "T2")!;
    expect(Number(t1[col("SWAPPED")])).toBe(3 * Math.ceil((300 - 3) / 40)); // rows i ≡ 3 (mod 40) of each chromosome's 300
    expect(Number(t2[col("ROWS")])).toBe(900 - 3 * 4); // i ≡ 5 (mod 97): 5, 102, 199, 296
    expect(Number(t1[col("USED")])).toBe(900 - 12);
  });

  it("run.json differs only in the workflow's command, steps and seconds", () => {
    const norm = (f: string) => {
      const r = JSON.parse(readFileSync(f, "utf8"));
      expect(r.steps.length).toBeGreaterThan(0);
      delete r.command, delete r.steps, delete r.seconds;
      return r;
    };
    const ours = norm(join(dir, "results", "run.json"));
    expect(ours).toEqual(norm(join(dir, "run", "run.json")));
    expect(ours.inputs.map((i: { path: string }) => i.path).slice(0, 4)).toEqual(["gwas_T1.tsv", "gwas_T2.tsv", "gwas_T3.tsv", "chr1/ld_blocks.txt"]);
    expect(ours.settings.seed).toBe(7);
  });
});

/**
 * A plink panel of 3 chromosomes (simulated haplotype mosaics, 2 blocks of 100
 * variants each, 300 people) in `dir`/panel.*, GWAS of 3 traits simulated per
 * chromosome on the panel's LD, and genes every 20 variants.
 */
async function panelExample(dir: string): Promise<void> {
  const rng = new Rng(29);
  const prefix = join(dir, "panel");
  const sizes = [100, 100, 100, 100, 100, 100];
  writeFileSync(`${prefix}.bed`, Buffer.concat([...simulatePanelBed({ blockSizes: sizes, individuals: 300 }, rng)]));
  const pos = Float64Array.from({ length: 200 }, (_, j) => 10000 + 50 * j);
  writeFileSync(`${prefix}.bim`, ["1", "2", "3"].map((c) => simBim(c, pos)).join(""));
  writeFileSync(`${prefix}.fam`, simFam(300));
  const panel = await openPanel(nodeFiles, prefix);
  const core = await getCore();
  const gwas: string[][] = [[], [], []];
  const genes = ["GENE\tCHR\tSTART\tEND"];
  for (const [c, chrom] of ["1", "2", "3"].entries()) {
    const blocks: LdBlock[] = [];
    for (const b of [0, 1]) {
      const first = 200 * c + 100 * b;
      blocks.push({ source: `b${c}${b}`, n: 100, data: await blockLd(core, panel, Array.from({ length: 100 }, (_, i) => first + i)) });
    }
    const sim = simulateGwas(blocks, { traits: 3, n: 200000, h2: 0.01, s: -0.25, w: 0, p: 0.05 }, rng);
    for (const f of simulationFiles(blocks, sim, pos, chrom, {}, false)) {
      const m = /^gwas_T(\d)\.tsv$/.exec(f.path);
      if (m) gwas[Number(m[1]) - 1].push(...f.content.trimEnd().split("\n").slice(c === 0 ? 0 : 1));
    }
    for (let j = 0; j < 200; j += 20) genes.push(`G${chrom}_${j}\t${chrom}\t${pos[j]}\t${pos[j + 9]}`);
  }
  gwas.forEach((lines, t) => writeFileSync(join(dir, `gwas_T${t + 1}.tsv`), lines.join("\n") + "\n"));
  writeFileSync(join(dir, "genes.tsv"), genes.join("\n") + "\n");
}

describeWith(SNAKEMAKE)("snakemake with the LD from a 3-chromosome panel", () => {
  let dir: string;
  beforeAll(async () => {
    dir = testDir("workflow-panel");
    await panelExample(dir);
    writeFileSync(
      join(dir, "config.yaml"),
      ["gwas: {T1: gwas_T1.tsv, T2: gwas_T2.tsv, T3: gwas_T3.tsv}", "chromosomes: [1, 2, 3]", "panel: {prefix: panel, avg_block_size: 100}", "genes: genes.tsv", "restarts: 5", ""].join("\n"),
    );
    await exec("snakemake", ["--snakefile", packagePath("workflow", "Snakefile"), "--configfile", "config.yaml", "--directory", dir, "--cores", "2", "--quiet"], { cwd: dir, maxBuffer: 1 << 26 });
    const gwas = [1, 2, 3].map((t) => `T${t}=gwas_T${t}.tsv`);
    const ld = [1, 2, 3].map((c) => `work/ld/chr${c}/blocks.txt`);
    await mlmages(dir, "run", "--gwas", ...gwas, "--ld", ...ld, "--genes", "genes.tsv", "--restarts", "5", "--out", "run", "--quiet");
    await mlmages(dir, "ld", "--panel", "panel", "--avg-block-size", "100", "--out", "whole", "--quiet");
  }, 600_000);

  it("ld --chrom makes, chromosome by chromosome, the blocks of the whole panel", () => {
    const whole = readFileSync(join(dir, "whole", "blocks.txt"), "utf8").trim().split("\n");
    const perChrom = [1, 2, 3].flatMap((c) => readFileSync(join(dir, "work", "ld", `chr${c}`, "blocks.txt"), "utf8").trim().split("\n").map((f) => join("work", "ld", `chr${c}`, f)));
    expect(perChrom.length).toBe(whole.length);
    expect(whole.length).toBeGreaterThanOrEqual(3);
    perChrom.forEach((f, k) => {
      expect(readFileSync(join(dir, f)).equals(readFileSync(join(dir, "whole", whole[k]))), f).toBe(true);
      // the variants (after the comment line, which names the block file)
      const vars = (name: string) => readFileSync(join(dir, name.replace(/\.ld\.bin$/, ".variants.tsv")), "utf8").split("\n").slice(1);
      expect(vars(f)).toEqual(vars(join("whole", whole[k])));
    });
  });

  it("gives run's bytes for every file but run.json, and run.json's content but command, steps and seconds", () => {
    const files = filesUnder(join(dir, "run"));
    expect(filesUnder(join(dir, "results"))).toEqual(files);
    for (const f of files.filter((f) => f !== "run.json")) expect(readFileSync(join(dir, "results", f)).equals(readFileSync(join(dir, "run", f))), f).toBe(true);
    const norm = (f: string) => {
      const r = JSON.parse(readFileSync(f, "utf8"));
      delete r.command, delete r.steps, delete r.seconds;
      return r;
    };
    expect(norm(join(dir, "results", "run.json"))).toEqual(norm(join(dir, "run", "run.json")));
    expect(files).toContain("genes/enrich_T3.tsv");
  });
});

describe("workflow merges", () => {
  it("joins tables with one header, in order, and refuses different headers", () => {
    expect(mergeTables([{ text: "A\tB\n1\t2\n", source: "a" }, { text: "A\tB\n3\t4\n", source: "b" }])).toBe("A\tB\n1\t2\n3\t4\n");
    expect(mergeTables([{ text: "A\tB\n", source: "a" }, { text: "A\tB\n3\t4\n", source: "b" }])).toBe("A\tB\n3\t4\n");
    expect(() => mergeTables([{ text: "A\tB\n1\t2\n", source: "a" }, { text: "A\tC\n3\t4\n", source: "b" }])).toThrow(/b has columns A, C but a has A, B/);
    expect(() => mergeTables([{ text: "A\n1\n", source: "a" }, { text: "A\n3", source: "b" }])).toThrow(InputError);
  });

  const part = (chrom: string, swapped: number, reason: Record<string, number>, files: string[]): ChromosomePart => ({
    chrom,
    inputs: [
      { path: "g.tsv", sha256: "g", bytes: 1, role: "gwas" },
      { path: `c${chrom}.ld`, sha256: chrom, bytes: 2, role: "ld" },
      ...files.map((f) => ({ path: f, sha256: f, bytes: 3, role: "ld-variants" as const })),
      { path: "genes.tsv", sha256: "x", bytes: 4, role: "genes" },
      { path: "m.mlm", sha256: "m", bytes: 5, role: "model" },
    ],
    unsignedLd: [],
    ldWarnings: [],
    harmonisation: { reference: files.join(", "), variantFiles: files, matchBy: "pos", palindromic: "drop", minMatch: 0.2, allelesChecked: true, traits: [{ name: "T1", counts: { ...emptyCounts(), rows: 10, matched: 9, swapped, otherDropped: reason }, used: 8 }], warnings: [] },
    ldBlocks: 1,
    variants: 8,
    genes: 0,
    steps: [],
  });

  it("sums counts, lists each input once in run's order and names the reference as run does", () => {
    const parts = [part("1", 2, { "missing allele": 1 }, ["a.bim", "b.bim"]), part("2", 3, { "missing allele": 2, "multi-allelic": 1 }, ["c.bim"])];
    const [t] = mergedCounts(parts, ["p1", "p2"]);
    expect(t.counts).toEqual({ ...emptyCounts(), rows: 20, matched: 18, swapped: 5, otherDropped: { "missing allele": 3, "multi-allelic": 1 } });
    expect(t.used).toBe(16);
    expect(mergedInputs(parts).map((i) => i.path)).toEqual(["g.tsv", "c1.ld", "c2.ld", "a.bim", "b.bim", "c.bim", "genes.tsv", "m.mlm"]);
    expect(mergedReference(parts)).toBe("a.bim ... c.bim");
  });

  it("puts the chromosomes' gene spectra in the gene file's order, refusing spectra of other genes", () => {
    const s = (index: number, gene: string, count: number) => ({ index, gene, chr: "1", count, spectrum: { eigenvalues: new Float64Array(count).fill(index), sumR2: index } });
    const files = [
      { file: { chrom: "2", genes: [s(1, "B", 2)] }, source: "chr2.json" },
      { file: { chrom: "1", genes: [s(0, "A", 1), s(2, "C", 1)] }, source: "chr1.json" },
    ];
    const genes = ["A", "B", "C"].map((gene, i) => ({ gene, chr: "1", start: 0, end: 0, first: i, count: gene === "B" ? 2 : 1 }));
    expect(spectraForGenes(files, genes).map((x) => x.sumR2)).toEqual([0, 1, 2]);
    expect(() => spectraForGenes(files, genes.slice(0, 2))).toThrow(/hold 3 genes but the gene file places 2/);
    expect(() => spectraForGenes(files, [genes[0], { ...genes[1], count: 3 }, genes[2]])).toThrow(/chr2.json has gene B with 2 variants where the effects have B with 3/);
  });
});

describe("workflow commands refuse", () => {
  let dir: string;
  /** Runs the CLI expecting failure: its exit code and stderr's lines. */
  const fails = async (...args: string[]) => {
    const e = await mlmages(dir, ...args).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(e, args.join(" ")).not.toBeNull();
    return { code: e!.code, lines: e!.stderr.trim().split("\n") };
  };
  beforeAll(async () => {
    dir = testDir("workflow-bad");
    await mlmages(dir, "simulate", "--out", "sim", "--seed", "3", "--traits", "1", "--blocks", "1", "--block-size", "60", "--gene-level", "--quiet");
    await mlmages(dir, "simulate", "--out", "nobim", "--seed", "3", "--traits", "1", "--blocks", "1", "--block-size", "60", "--quiet");
    rmSync(join(dir, "nobim", "ld", "block_0.bim"));
  }, 60_000);

  it("prepare without the LD's variants: one line naming them, nothing written", async () => {
    const { code, lines } = await fails("prepare", "--gwas", "T1=nobim/gwas_T1.tsv", "--chrom", "1", "--ld", "nobim/ld_blocks.txt", "--out", "part", "--quiet");
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/needs the LD's variants.*\.bim/);
    expect(existsSync(join(dir, "part", "prepare.json"))).toBe(false);
  });

  it("prepare with the published gene table: one line asking for locations", async () => {
    const { code, lines } = await fails("prepare", "--gwas", "T1=sim/gwas_T1.tsv", "--chrom", "1", "--ld", "sim/ld_blocks.txt", "--genes", "sim/genes.tsv", "--out", "part2", "--quiet");
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/sim\/genes.tsv.*gene.loc, BED or GENE\/CHR\/START\/END/)]);
    expect(existsSync(join(dir, "part2", "prepare.json"))).toBe(false);
  });

  it("prepare of a chromosome the GWAS does not have: one line", async () => {
    const { code, lines } = await fails("prepare", "--gwas", "T1=sim/gwas_T1.tsv", "--chrom", "2", "--ld", "sim/ld_blocks.txt", "--out", "part3", "--quiet");
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/no variants on chromosome 2/)]);
  });

  it("enrich with both --ld and --spectra, report without parts: usage or input errors", async () => {
    const a = await fails("enrich", "--effects", "x.tsv", "--epsilon", "1", "--ld", "sim/ld_blocks.txt", "--spectra", "s.json", "--genes", "g.tsv", "--out", "o.tsv");
    expect(a.code).toBe(2);
    expect(a.lines[0]).toMatch(/one of --ld .* and --spectra/);
    const b = await fails("report", "--results", "res", "--parts", "nowhere", "--gwas", "T1=sim/gwas_T1.tsv");
    expect(b.code).toBe(1);
    expect(b.lines).toEqual([expect.stringMatching(/nowhere\/prepare.json/)]);
  });
});

describe("mlmages ld's variants files", () => {
  it("are found beside their block and read, comment line and all", () => {
    expect(variantFileCandidates("ld/block_0.ld.bin")).toContain("ld/block_0.variants.tsv");
    const v = { source: "p.bim", chr: ["2", "2"], pos: Float64Array.of(100, 200), id: ["a", "b"], a1: ["A", "G"], a2: ["C", "T"] };
    const text = variantsTable(v, [1, 0], "block_0.ld.bin");
    expect(text.startsWith("# r in block_0.ld.bin")).toBe(true);
    const r = readRefVariants(text, "block_0.variants.tsv");
    expect([r.chr, Array.from(r.pos), r.id, r.a1, r.a2]).toEqual([["2", "2"], [200, 100], ["b", "a"], ["G", "A"], ["T", "C"]]);
  });
});
