// Harmonisation end to end on the bundled example (its LD blocks carry a .bim,
// its GWAS files EA/OA): a GWAS with alleles swapped (BETA negated) for a
// random half of its variants, given on the other strand, shuffled, or with
// variants the reference lacks gives exactly the bytes of the clean run's
// shrunk effects, clusters and gene tests; bad input stops the CLI with one
// line and no output.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complement } from "../src/core/harmonise/alleles.js";
import { runPipeline } from "../src/core/pipeline.js";
import { Rng } from "../src/core/random.js";
import { loadRunInputs, type FileProvider, type RunFiles } from "../src/core/run-inputs.js";
import { exampleFiles } from "../src/core/sim/example.js";
import { modelFileBytes } from "../src/node/models.js";
import { packagePath } from "../src/node/package-root.js";
import "../src/node/wasm.js";

const EXAMPLE = new Map(exampleFiles("test").map((f) => [f.path, f.content]));
const TRAITS = ["T1", "T2", "T3"];

/** The example's files, some replaced, the .bim files dropped with `bim: false`. */
function provider(replace: Record<string, string> = {}, bim = true): FileProvider {
  const files = new Map([...EXAMPLE, ...Object.entries(replace)]);
  if (!bim) for (const k of [...files.keys()]) if (k.endsWith(".bim")) files.delete(k);
  return {
    async open(name) {
      const text = files.get(name);
      if (text === undefined) throw new Error(`no ${name}`);
      return new Blob([text]).stream() as ReadableStream<Uint8Array>;
    },
    async exists(name) {
      return files.has(name);
    },
    defaultModels: () => modelFileBytes([]),
  };
}

const SPEC: RunFiles = { gwas: TRAITS.map((t) => ({ name: t, file: `gwas_${t}.tsv` })), ld: ["ld_blocks.txt"], genes: "genes.tsv" };

/** The run's shrinkage, clustering and gene files. */
async function results(fp: FileProvider): Promise<Map<string, string>> {
  const inputs = await loadRunInputs(fp, SPEC);
  const out = await runPipeline({ ...inputs, seed: 1, restarts: 4, K: 12 });
  return new Map([...out.files].filter(([p]) => /^(shrinkage|clustering|genes)\//.test(p)));
}

type Row = string[];
const rowsOf = (text: string): { head: string; rows: Row[] } => {
  const lines = text.trimEnd().split("\n");
  return { head: lines[0], rows: lines.slice(1).map((l) => l.split("\t")) };
};
const textOf = (head: string, rows: Row[]) => [head, ...rows.map((r) => r.join("\t"))].join("\n") + "\n";
// columns of the example's GWAS files: CHR POS ID EA OA BETA SE
const negate = (b: string) => (b.startsWith("-") ? b.slice(1) : `-${b}`);

/** Each trait's GWAS file transformed row by row (with its own seeded generator). */
function perturbed(f: (rows: Row[], rng: Rng) => Row[]): Record<string, string> {
  return Object.fromEntries(
    TRAITS.map((t, i) => {
      const { head, rows } = rowsOf(EXAMPLE.get(`gwas_${t}.tsv`)!);
      return [`gwas_${t}.tsv`, textOf(head, f(rows, new Rng(100 + i)))];
    }),
  );
}

const swapHalf = (rows: Row[], rng: Rng) => rows.map((r) => (rng.uniform() < 0.5 ? [r[0], r[1], r[2], r[4], r[3], negate(r[5]), r[6]] : r));
const strand = (rows: Row[]) => rows.map((r) => [r[0], r[1], r[2], complement(r[3]), complement(r[4]), r[5], r[6]]);
function shuffle(rows: Row[], rng: Rng): Row[] {
  const out = rows.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
/** Variants the reference lacks (1 bp after each tenth variant; the example's gaps are ≥ 100 bp) between the others. */
const extra = (rows: Row[]) => rows.flatMap((r, i) => (i % 10 ? [r] : [r, [r[0], String(Number(r[1]) + 1), `new${i}`, "A", "G", "0.5", "0.01"]]));

describe("harmonisation leaves the results unchanged", () => {
  let clean: Map<string, string>;
  beforeAll(async () => {
    clean = await results(provider());
  }, 120_000);

  it("the clean example: every variant matched, the results made", () => {
    expect([...clean.keys()].filter((p) => p.startsWith("genes/enrich_")).length).toBe(3);
    expect(clean.get("shrinkage/shrink_T1.tsv")!.split("\n")[0]).toBe("CHR\tPOS\tID\tEA\tOA\tBETA\tSE\tBETA_SHRINK");
    expect(clean.get("clustering/T1-T2-T3.labels.tsv")!.split("\n")[1]).toMatch(/^1\t1001053\t1:1001053\tT\tC\t-?\d/);
  });

  const cases: [string, Record<string, string>][] = [
    ["alleles swapped (BETA negated) for a random half", perturbed(swapHalf)],
    ["every variant on the other strand", perturbed(strand)],
    ["rows shuffled", perturbed(shuffle)],
    ["variants the reference lacks added", perturbed(extra)],
    ["T2's rows reversed", { "gwas_T2.tsv": ((g) => textOf(g.head, g.rows.reverse()))(rowsOf(EXAMPLE.get("gwas_T2.tsv")!)) }],
  ];
  for (const [what, files] of cases) {
    it(`${what}: the same bytes`, async () => {
      const got = await results(provider(files));
      expect([...got.keys()]).toEqual([...clean.keys()]);
      for (const [path, text] of clean) expect(got.get(path) === text, path).toBe(true);
    }, 120_000);
  }

  it("counts what it did: swapped, strand-flipped, not in the reference", async () => {
    const swapped = await loadRunInputs(provider(perturbed(swapHalf)), SPEC);
    const c = swapped.harmonisation!.traits[0].counts;
    expect(c.matched).toBe(1500);
    expect(c.swapped).toBeGreaterThan(650);
    expect(c.swapped).toBeLessThan(850);
    const flipped = await loadRunInputs(provider(perturbed(strand)), SPEC);
    expect(flipped.harmonisation!.traits.map((t) => t.counts.strandFlipped)).toEqual([1500, 1500, 1500]);
    const more = await loadRunInputs(provider(perturbed(extra)), SPEC);
    expect(more.harmonisation!.traits.map((t) => [t.counts.rows, t.counts.notInReference, t.used])).toEqual([[1650, 150, 1500], [1650, 150, 1500], [1650, 150, 1500]]);
  });

  it("without the LD's variant lists, refuses T2 with its rows reversed", async () => {
    const reversed = { "gwas_T2.tsv": ((g) => textOf(g.head, g.rows.reverse()))(rowsOf(EXAMPLE.get("gwas_T2.tsv")!)) };
    await expect(loadRunInputs(provider(reversed, false), SPEC)).rejects.toThrow(/row 1 of gwas_T2.tsv is 1:\d+ but row 1 of gwas_T1.tsv is 1:\d+: without a variant list for the LD/);
    const plain = await loadRunInputs(provider({}, false), SPEC);
    expect(plain.harmonisation).toBeUndefined();
    expect(plain.warnings.join("\n")).toMatch(/variants are matched by row and alleles are not checked/);
  });
});

describe("the LD's variants named or found", () => {
  const bims = [0, 1, 2].map((k) => EXAMPLE.get(`ld/block_${k}.bim`)!);

  it("one table for all blocks named by --ld-variants gives the .bim files' analysis", async () => {
    const table = "CHR\tPOS\tID\tA1\tA2\n" + bims.join("").trim().split("\n").map((l) => { const [c, id, , p, a1, a2] = l.split("\t"); return [c, p, id, a1, a2].join("\t"); }).join("\n") + "\n";
    const byBim = await loadRunInputs(provider(), SPEC);
    const named = await loadRunInputs(provider({ "variants.tsv": table }, false), { ...SPEC, ldVariants: ["variants.tsv"] });
    expect(named.harmonisation!.reference).toBe("variants.tsv");
    expect(named.traits.map((t) => Array.from(t.gwas.beta))).toEqual(byBim.traits.map((t) => Array.from(t.gwas.beta)));
    expect(named.ldBlocks.map((b) => b.n)).toEqual([520, 480, 500]);
  });

  it("a --write-snplist file beside each block: matched by ID, alleles unchecked, with a warning", async () => {
    const snplists = Object.fromEntries(bims.map((b, k) => [`ld/block_${k}.snplist`, b.trim().split("\n").map((l) => l.split("\t")[1]).join("\n") + "\n"]));
    const inputs = await loadRunInputs(provider(snplists, false), SPEC);
    expect(inputs.harmonisation!.matchBy).toBe("id");
    expect(inputs.harmonisation!.allelesChecked).toBe(false);
    expect(inputs.warnings.join("\n")).toMatch(/lists variant IDs only: variants are matched by ID[^]*has no alleles: alleles are not checked/);
    expect(inputs.traits[0].gwas.n).toBe(1500);
  });

  it("a variants file beside some LD files but not others is an error", async () => {
    const fp = provider();
    const exists = fp.exists!;
    fp.exists = async (name) => name !== "ld/block_1.bim" && exists(name);
    await expect(loadRunInputs(fp, SPEC)).rejects.toThrow(/ld\/block_0.bim lists the variants of its LD file but ld\/block_1.ld has no variants file beside it/);
  });
});

describe("the LD's variants checked against the LD", () => {
  it("a variants file whose length differs from its matrix's is an error naming both", async () => {
    const bim = EXAMPLE.get("ld/block_1.bim")!.split("\n");
    await expect(loadRunInputs(provider({ "ld/block_1.bim": bim.slice(1).join("\n") }), SPEC)).rejects.toThrow("ld/block_1.bim lists 479 variants but the LD matrix ld/block_1.ld has 480");
  });

  it("a plink genotype .bed given as LD is named for what it is", async () => {
    const fp = provider();
    const open = fp.open;
    fp.open = async (name) => (name === "ld/block_0.ld" ? new Blob([Uint8Array.of(0x6c, 0x1b, 0x01, 0xff, 0xff)]).stream() : open(name));
    await expect(loadRunInputs(fp, SPEC)).rejects.toThrow(/plink genotype file \(\.bed\), not an LD matrix: .*--panel/);
  });

  it("an LD matrix without a negative value gets a warning (r² where r is needed)", async () => {
    const ld = EXAMPLE.get("ld/block_2.ld")!.replaceAll("-", "");
    const inputs = await loadRunInputs(provider({ "ld/block_2.ld": ld }), SPEC);
    expect(inputs.warnings.join("\n")).toMatch(/ld\/block_2.ld has no negative value: it looks like r²/);
  });
});

describe("mlmages run refuses GWAS files that do not fit the LD, writing nothing", () => {
  const exec = promisify(execFile);
  const cli = packagePath("bin", "mlmages.js");
  const dir = mkdtempSync(join(tmpdir(), "mlmages-harmonise-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    for (const [path, text] of EXAMPLE) {
      if (!path.includes("/")) writeFileSync(join(dir, path), text);
    }
    for (const [path, text] of EXAMPLE) {
      if (path.includes("/")) {
        const full = join(dir, path);
        mkdirSync(join(dir, "ld"), { recursive: true });
        writeFileSync(full, text);
      }
    }
  });

  const refused = async (name: string, rows: (r: Row) => Row): Promise<string> => {
    const { head, rows: all } = rowsOf(EXAMPLE.get("gwas_T1.tsv")!);
    writeFileSync(join(dir, `${name}.tsv`), textOf(head, all.map(rows)));
    const out = join(dir, `out-${name}`);
    const args = [cli, "run", "--quiet", "--gwas", `T1=${join(dir, `${name}.tsv`)}`, `T2=${join(dir, "gwas_T2.tsv")}`, "--ld", join(dir, "ld_blocks.txt"), "--out", out];
    const err = await exec("node", args).then(
      () => "",
      (e: { code: number; stderr: string }) => `${e.code}|${e.stderr}`,
    );
    expect(existsSync(out), "no output folder").toBe(false);
    const [code, stderr] = err.split("|");
    expect(Number(code)).toBeGreaterThan(0);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    return stderr;
  };

  it("no overlap", async () => {
    expect(await refused("nooverlap", (r) => [r[0], String(Number(r[1]) + 7), `x${r[1]}`, ...r.slice(3)])).toMatch(/no variant of .*nooverlap.tsv is in the reference .*block_0.bim/);
  }, 30_000);

  it("a genome-build mismatch (positions moved, IDs kept)", async () => {
    expect(await refused("build", (r) => [r[0], String(Number(r[1]) + 250_000), ...r.slice(2)])).toMatch(/probably on different genome builds .*--match-by id/);
  }, 30_000);

  it("alleles that match neither way", async () => {
    expect(await refused("alleles", (r) => [r[0], r[1], r[2], r[3], complement(r[4]), ...r.slice(5)])).toMatch(/alleles match neither way/);
  }, 30_000);
});

describe("several chromosomes in one run", () => {
  // the example's three blocks relabelled as chromosomes 1, 2 and 3 (GWAS rows and .bim files)
  const sizes = [520, 480, 500];
  const chromOf = (row: number) => (row < sizes[0] ? "1" : row < sizes[0] + sizes[1] ? "2" : "3");
  const files: Record<string, string> = {};
  for (let k = 0; k < 3; k++) files[`ld/block_${k}.bim`] = EXAMPLE.get(`ld/block_${k}.bim`)!.replace(/^1\t/gm, `${k + 1}\t`);
  for (const t of TRAITS) {
    const { head, rows } = rowsOf(EXAMPLE.get(`gwas_${t}.tsv`)!);
    files[`gwas_${t}.tsv`] = textOf(head, rows.map((r, i) => [chromOf(i), ...r.slice(1)]));
  }
  const spec = (ld: string[]): RunFiles => ({ gwas: SPEC.gwas, ld });

  it("gives per chromosome the shrunk effects of single-chromosome runs, and one joint clustering of all", async () => {
    const all = await runPipeline({ ...(await loadRunInputs(provider(files), spec(["ld_blocks.txt"]))), seed: 1, restarts: 2, K: 8 });
    const shrunk = rowsOf(all.files.get("shrinkage/shrink_T2.tsv")!);
    expect(new Set(shrunk.rows.map((r) => r[0]))).toEqual(new Set(["1", "2", "3"]));
    expect(all.clusters.get("T1-T2-T3")!.labels.length).toBe(1500);
    for (let k = 0; k < 3; k++) {
      const inputs = await loadRunInputs(provider(files), { ...spec([`ld/block_${k}.ld`]), harmonise: { minMatch: 0.2 } });
      expect(inputs.harmonisation!.traits[1].counts.otherChromosome).toBe(1500 - sizes[k]);
      const one = await runPipeline({ ...inputs, seed: 1, restarts: 2, K: 8 });
      const single = rowsOf(one.files.get("shrinkage/shrink_T2.tsv")!);
      expect(single.head).toBe(shrunk.head);
      expect(single.rows).toEqual(shrunk.rows.filter((r) => r[0] === String(k + 1)));
    }
  }, 120_000);

  it("places the published gene table's per-chromosome indices on their chromosome", async () => {
    const { head, rows } = rowsOf(EXAMPLE.get("genes.tsv")!);
    const col = (name: string) => head.split("\t").indexOf(name);
    const [chr, first, n] = [col("CHR"), col("start_idx_chr"), col("N_SNPS")];
    const offsets = [0, sizes[0], sizes[0] + sizes[1]];
    const within = rows.filter((r) => chromOf(Number(r[first])) === chromOf(Number(r[first]) + Number(r[n]) - 1));
    const local = within.map((r) => {
      const c = Number(chromOf(Number(r[first])));
      return r.map((v, i) => (i === chr ? String(c) : i === first ? String(Number(v) - offsets[c - 1]) : v));
    });
    const clean = await loadRunInputs(provider(), SPEC);
    const multi = await loadRunInputs(provider({ ...files, "genes.tsv": textOf(head, local) }), { ...spec(["ld_blocks.txt"]), genes: "genes.tsv" });
    const names = new Set(within.map((r) => r[0]));
    expect(multi.genes!.map((g) => [g.first, g.count])).toEqual(clean.genes!.filter((g) => names.has(g.gene)).map((g) => [g.first, g.count]));
    expect(within.length).toBeGreaterThan(10);
  });
});
