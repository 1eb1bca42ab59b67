// Harmonisation of GWAS variants against an LD reference's (bigsnpr snp_match /
// TwoSampleMR harmonise_data conventions), on hand-built variants whose every
// outcome is known, and the readers of the LD's variant lists.
import { describe, expect, it } from "vitest";
import { Relation, complement, isAcgt, isPalindromic, relate } from "../src/core/harmonise/alleles.js";
import { analysedVariants, keptBandRange, remapGenes, subsetBlocks, subsetSquare } from "../src/core/harmonise/align.js";
import type { LdBand } from "../src/core/io/ld-band.js";
import { harmonisationTsv } from "../src/core/harmonise/counts.js";
import { harmoniseTraits } from "../src/core/harmonise/harmonise.js";
import { RefIndex, decidePalindromic, matchTrait } from "../src/core/harmonise/match.js";
import { checkSameRows } from "../src/core/harmonise/positional.js";
import { isPlinkBed, readRefVariants, variantFileCandidates } from "../src/core/io/ld-variants.js";
import type { Gwas, LdBlock, RefVariants } from "../src/core/types.js";

/** A reference from rows "chr pos id a1 a2". */
function ref(rows: string[], source = "ref.bim"): RefVariants {
  const f = rows.map((r) => r.split(" "));
  return { source, chr: f.map((x) => x[0]), pos: Float64Array.from(f, (x) => Number(x[1])), id: f.map((x) => x[2]), a1: f.map((x) => x[3]), a2: f.map((x) => x[4]) };
}

/** A GWAS from rows "chr pos id ea oa beta [eaf]" (test-only builder). */
function gwas(rows: string[], extra: Partial<Gwas> = {}, source = "gwas.tsv"): Gwas {
  const f = rows.map((r) => r.split(" "));
  return {
    source,
    n: f.length,
    chr: f.map((x) => x[0]),
    pos: Float64Array.from(f, (x) => Number(x[1])),
    id: f.map((x) => x[2]),
    ea: f.map((x) => x[3]),
    oa: f.map((x) => x[4]),
    beta: Float64Array.from(f, (x) => Number(x[5])),
    se: new Float64Array(f.length).fill(0.1),
    eaf: f[0]?.[6] !== undefined ? Float64Array.from(f, (x) => Number(x[6])) : null,
    ...extra,
  };
}

const REF = ref([
  "1 100 rs1 A C", // 0
  "1 200 rs2 A G", // 1
  "1 300 rs3 C T", // 2
  "1 400 rs4 G T", // 3
  "1 500 rs5 A T", // 4 palindromic
  "1 600 rs6 C G", // 5 palindromic
  "1 700 rs7 A C", // 6 multi-allelic site
  "1 700 rs7b A G", // 7
  "1 800 rs8 AT A", // 8 indel
  "1 900 rs9 A G", // 9 duplicated in the GWAS
]);

describe("alleles", () => {
  it("complements, recognises ACGT and palindromic pairs", () => {
    expect(complement("A")).toBe("T");
    expect(complement("ACG")).toBe("TGC");
    expect([isAcgt("ACGT"), isAcgt("I"), isAcgt(""), isAcgt("<DEL>"), isAcgt("N")]).toEqual([true, false, false, false, false]);
    expect([isPalindromic("A", "T"), isPalindromic("G", "C"), isPalindromic("A", "G"), isPalindromic("AT", "TA")]).toEqual([true, true, false, false]);
  });

  it("relates a pair to the reference's: same, swapped, on the other strand, or neither", () => {
    expect(relate("A", "C", "A", "C")).toBe(Relation.Same);
    expect(relate("C", "A", "A", "C")).toBe(Relation.Swapped);
    expect(relate("T", "G", "A", "C")).toBe(Relation.Flipped);
    expect(relate("G", "T", "A", "C")).toBe(Relation.FlippedSwapped);
    expect(relate("A", "G", "A", "C")).toBe(Relation.None);
    expect(relate("A", "AT", "AT", "A")).toBe(Relation.Swapped);
    expect(relate("TA", "T", "AT", "A")).toBe(Relation.None);
  });
});

describe("matching one trait", () => {
  const g = gwas(
    [
      "1 100 rs1 A C 0.5", // same
      "1 200 rs2 G A 0.25", // swapped: beta -> -0.25
      "1 300 rs3 G A 0.3", // C/T on the other strand is G/A: flipped
      "1 400 rs4 A C 0.4", // G/T flipped is C/A; A/C is flipped + swapped
      "1 500 rs5 A T 0.1", // palindromic: dropped by default
      "1 600 rs6 C G 0.1", // palindromic
      "1 700 rs7b G A 0.7", // the A/G of the multi-allelic site, swapped
      "1 800 rs8 A AT 0.8", // indel, swapped
      "1 900 rs9 A G 0.9", // twice: both dropped
      "1 900 rs9 A G 0.9",
      "1 1000 rs10 A C 1", // not in the reference
      "2 100 rs11 A C 1", // other chromosome
      "1 100 rs1x A I 1", // non-ACGT
      "1 200 rs2 A T 1", // allele mismatch
    ],
    { dropped: { "missing value": 3, "TEST not ADD": 2 } },
  );

  it("counts every row under exactly one reason and aligns effects to A1", () => {
    const m = matchTrait(new RefIndex(REF, "pos"), g);
    expect(m.allelesChecked).toBe(true);
    const c = m.counts;
    expect(c).toEqual({
      rows: 19,
      matched: 6,
      swapped: 4,
      strandFlipped: 2,
      palindromic: 2,
      otherChromosome: 1,
      notInReference: 1,
      duplicate: 2,
      missingValue: 3,
      nonAcgt: 1,
      alleleMismatch: 1,
      otherDropped: { "TEST not ADD": 2 },
    });
    const reasons = c.matched + c.palindromic + c.otherChromosome + c.notInReference + c.duplicate + c.missingValue + c.nonAcgt + c.alleleMismatch + 2;
    expect(reasons).toBe(c.rows);
    expect(Array.from(m.row)).toEqual([0, 1, 2, 3, -1, -1, -1, 6, 7, -1]);
    expect(Array.from(m.relation.subarray(0, 4))).toEqual([Relation.Same, Relation.Swapped, Relation.Flipped, Relation.FlippedSwapped]);
    const h = harmoniseTraits(REF, [{ name: "T", gwas: g }]);
    const t = h.traits[0].gwas;
    expect(Array.from(h.harmonisation.kept)).toEqual([0, 1, 2, 3, 7, 8]);
    expect(Array.from(t.beta)).toEqual([0.5, -0.25, 0.3, -0.4, -0.7, -0.8]);
    expect(t.ea).toEqual(["A", "A", "C", "G", "A", "AT"]);
    expect(t.oa).toEqual(["C", "G", "T", "T", "G", "A"]);
    expect(t.id).toEqual(["rs1", "rs2", "rs3", "rs4", "rs7b", "rs8"]);
    const withEaf = harmoniseTraits(REF, [{ name: "T", gwas: gwas(["1 200 rs2 G A 2 0.25", "1 100 rs1 A C 1 0.5"]) }]).traits[0].gwas;
    expect([Array.from(withEaf.beta), Array.from(withEaf.eaf!)]).toEqual([[1, -2], [0.5, 0.75]]);
    expect(harmonisationTsv(h.harmonisation.traits).split("\n")[1]).toBe("T\t19\t6\t4\t2\t2\t1\t1\t2\t3\t1\t1\t2\t0\t6");
  });

  it("keeps palindromic variants by frequency with --palindromic freq, the ambiguous ones dropped", () => {
    const p = gwas(["1 500 rs5 A T 0.1 0.2", "1 600 rs6 G C 0.1 0.5", "1 100 rs1 A C 0.5 0.3"]);
    const m = matchTrait(new RefIndex(REF, "pos"), p, { palindromic: "freq" });
    expect(m.counts.palindromic).toBe(1); // EAF 0.5 is in [0.42, 0.58]
    expect(m.row[4]).toBe(0);
    expect(m.relation[4]).toBe(Relation.Same); // forward strand assumed without the reference's frequency
    expect(m.row[5]).toBe(-1);
  });

  it("decides a palindromic variant's strand from the reference's A1 frequency when known", () => {
    // GWAS A/T, EAF(A) = 0.2; reference A1 = A with frequency 0.8: the GWAS is on the other strand, its A is the reference's T
    expect(decidePalindromic("freq", Relation.Same, 0.2, 0.8)).toBe(Relation.FlippedSwapped);
    expect(decidePalindromic("freq", Relation.Same, 0.2, 0.15)).toBe(Relation.Same);
    expect(decidePalindromic("freq", Relation.Swapped, 0.2, 0.8)).toBe(Relation.Swapped);
    expect(decidePalindromic("freq", Relation.Swapped, 0.2, 0.2)).toBe(Relation.Flipped);
    expect(decidePalindromic("freq", Relation.Same, 0.2, 0.45)).toBe(Relation.None);
    expect(decidePalindromic("freq", Relation.Same, NaN, 0.1)).toBe(Relation.None);
    expect(decidePalindromic("drop", Relation.Same, 0.1, 0.1)).toBe(Relation.None);
  });

  it("names chromosomes as plink does (chr prefix, X = 23) and matches by ID on request", () => {
    const r = ref(["X 100 rsX A C", "chr2 5 rs2 G T"]);
    const g2 = gwas(["23 100 rsX A C 1", "2 5 other G T 2"]);
    expect(Array.from(matchTrait(new RefIndex(r, "pos"), g2).row)).toEqual([0, 1]);
    expect(Array.from(matchTrait(new RefIndex(r, "id"), g2).row)).toEqual([0, -1]);
  });

  it("matches on position alone, unchecked, when the GWAS names no alleles", () => {
    const g2 = gwas(["1 100 rs1 A C 1", "1 700 rs7 A C 2", "1 300 rs3 A C 3"], { ea: null, oa: null });
    const m = matchTrait(new RefIndex(REF, "pos"), g2);
    expect(m.allelesChecked).toBe(false);
    expect(m.counts.duplicate).toBe(1); // two reference variants at 700
    expect(Array.from(m.row.subarray(0, 3))).toEqual([0, -1, 2]);
  });
});

describe("harmonising traits", () => {
  const ok = gwas(["1 100 rs1 A C 1", "1 200 rs2 A G 2", "1 300 rs3 C T 3", "1 400 rs4 G T 4"]);

  it("analyses the variants every trait matched, in the reference's order", () => {
    const other = gwas(["1 400 rs4 T G 4", "1 100 rs1 C A 1", "1 900 rs9 A G 1"]);
    const h = harmoniseTraits(REF, [{ name: "A", gwas: ok }, { name: "B", gwas: other }], { minMatch: 0.1 });
    expect(Array.from(h.harmonisation.kept)).toEqual([0, 3]);
    expect(Array.from(h.traits[1].gwas.beta)).toEqual([-1, -4]);
    expect(h.harmonisation.traits.map((t) => [t.counts.matched, t.used])).toEqual([[4, 2], [3, 2]]);
  });

  it("stops below --min-match, saying how many matched", () => {
    const few = gwas(["1 100 rs1 A C 1", "1 1100 a A C 1", "1 1200 b A C 1", "1 1300 c A C 1", "1 1400 d A C 1", "1 1500 e A C 1"]);
    expect(() => harmoniseTraits(REF, [{ name: "T", gwas: few }])).toThrow(/only 1 of the 6 variants of gwas.tsv \(16.7%\) match the reference ref.bim \(at least 20.0% needed, --min-match\)/);
    expect(harmoniseTraits(REF, [{ name: "T", gwas: few }], { minMatch: 0.1 }).harmonisation.kept.length).toBe(1);
  });

  it("suggests a genome-build mismatch when IDs match and positions do not", () => {
    const moved = gwas(["1 100100 rs1 A C 1", "1 200100 rs2 A G 2", "1 300100 rs3 C T 3"]);
    expect(() => harmoniseTraits(REF, [{ name: "T", gwas: moved }])).toThrow(/probably on different genome builds.*--match-by id/);
    expect(harmoniseTraits(REF, [{ name: "T", gwas: moved }], { matchBy: "id" }).harmonisation.kept.length).toBe(3);
  });

  it("refuses no overlap, another chromosome, and alleles that match neither way", () => {
    expect(() => harmoniseTraits(REF, [{ name: "T", gwas: gwas(["1 5 x A C 1", "1 6 y A C 1"]) }])).toThrow(/no variant of gwas.tsv is in the reference ref.bim/);
    expect(() => harmoniseTraits(REF, [{ name: "T", gwas: gwas(["3 100 rs1 A C 1"]) }])).toThrow(/no variant of gwas.tsv is on a chromosome of the reference/);
    const wrong = gwas(["1 100 rs1 A G 1", "1 200 rs2 A C 2", "1 300 rs3 C A 3"]);
    expect(() => harmoniseTraits(REF, [{ name: "T", gwas: wrong }])).toThrow(/alleles match neither way/);
  });

  it("refuses traits that share no matched variant", () => {
    const a = gwas(["1 100 rs1 A C 1", "1 200 rs2 A G 2"]);
    const b = gwas(["1 300 rs3 C T 3", "1 400 rs4 G T 4"], {}, "b.tsv");
    expect(() => harmoniseTraits(REF, [{ name: "A", gwas: a }, { name: "B", gwas: b }])).toThrow(/no variant of the reference ref.bim is matched by every trait/);
  });

  it("matches by ID, unchecked, against a --write-snplist reference, with a warning", () => {
    const ids: RefVariants = { source: "ld.snplist", chr: ["", ""], pos: Float64Array.of(NaN, NaN), id: ["rs2", "rs1"], a1: ["", ""], a2: ["", ""] };
    const h = harmoniseTraits(ids, [{ name: "T", gwas: ok }]);
    expect(h.harmonisation.matchBy).toBe("id");
    expect(h.harmonisation.allelesChecked).toBe(false);
    expect(h.traits[0].gwas.id).toEqual(["rs2", "rs1"]);
    expect(Array.from(h.traits[0].gwas.beta)).toEqual([2, 1]);
    expect(h.harmonisation.warnings.join(" ")).toMatch(/alleles are not checked/);
  });
});

describe("the analysed variants' LD and genes", () => {
  it("cuts each block down to its kept variants; blocks left empty go", () => {
    const block = (n: number, at: number): LdBlock => ({ source: `b${at}`, n, data: Float64Array.from({ length: n * n }, (_, k) => at + (k / n | 0) * 10 + (k % n)) });
    const blocks = [block(3, 0), block(2, 100), block(2, 200)];
    const kept = Int32Array.of(0, 2, 3, 4);
    const out = subsetBlocks(blocks, kept);
    expect(out.map((b) => b.n)).toEqual([2, 2]);
    expect(Array.from(out[0].data)).toEqual([0, 2, 20, 22]);
    expect(out[1]).toBe(blocks[1]);
    const m = { row: Int32Array.of(0, -1, 1), relation: new Uint8Array(3), counts: {} as never, allelesChecked: true };
    expect(Array.from(analysedVariants([m], 3))).toEqual([0, 2]);
  });

  it("takes a gene's LD among kept variants from a whole-chromosome band", () => {
    const n = 12;
    const w = 4;
    const full = Float64Array.from({ length: n * n }, (_, k) => {
      const [i, j] = [(k / n) | 0, k % n];
      return Math.abs(i - j) < w ? 1 / (1 + Math.abs(i - j)) + (i + j) / 100 : 0;
    });
    const band = { source: "b", n, width: w, data: new Float64Array(n * w), outside: 0 } as unknown as LdBand;
    for (let i = 0; i < n; i++) for (let d = 0; d < w && i + d < n; d++) band.data[i * w + d] = full[i * n + i + d];
    const kept = Int32Array.of(0, 2, 3, 6, 7, 11);
    expect(Array.from(keptBandRange(band, kept, 1, 4))).toEqual(Array.from(subsetSquare(full, n, [2, 3, 6, 7])));
  });

  it("maps a gene table's reference indices onto the kept variants", () => {
    const genes = [
      { gene: "A", chr: "1", start: NaN, end: NaN, first: 0, count: 3 },
      { gene: "B", chr: "1", start: NaN, end: NaN, first: 1, count: 1 },
      { gene: "C", chr: "1", start: NaN, end: NaN, first: 3, count: 2 },
    ];
    const r = remapGenes(genes, Int32Array.of(0, 2, 4));
    expect(r.dropped).toBe(1);
    expect(r.genes.map((g) => [g.gene, g.first, g.count])).toEqual([["A", 0, 2], ["C", 2, 1]]);
  });
});

describe("traits matched by row, without a variant list", () => {
  it("refuses a trait whose rows are in another order", () => {
    const a = gwas(["1 100 rs1 A C 1", "1 200 rs2 A G 2"]);
    const b = gwas(["1 200 rs2 A G 2", "1 100 rs1 A C 1"], {}, "b.tsv");
    expect(() => checkSameRows([a, b])).toThrow(/row 1 of b.tsv is 1:200 but row 1 of gwas.tsv is 1:100: .*give the LD's variants/);
    expect(() => checkSameRows([a, gwas(["1 100 rs1 C A 1", "1 200 rs2 A G 2"], {}, "c.tsv")])).toThrow(/alleles C\/A/);
    expect(() => checkSameRows([a, a])).not.toThrow();
  });
});

describe("the LD's variant lists", () => {
  it("reads a plink .bim (A1 is the allele r is signed for)", () => {
    const v = readRefVariants("22\trs1\t0\t16050075\tA\tG\n22\trs2\t0.1\t16050115\tg\tA\n", "x.bim");
    expect(v.chr).toEqual(["22", "22"]);
    expect(Array.from(v.pos)).toEqual([16050075, 16050115]);
    expect([v.id, v.a1, v.a2]).toEqual([["rs1", "rs2"], ["A", "G"], ["G", "A"]]);
  });

  it("reads a --write-snplist file as IDs without alleles", () => {
    const v = readRefVariants("rs1\nrs2\nrs3\n", "x.snplist");
    expect(v.id).toEqual(["rs1", "rs2", "rs3"]);
    expect(Number.isNaN(v.pos[0])).toBe(true);
    expect(v.a1).toEqual(["", "", ""]);
  });

  it("reads a plink2 .pvar (A1 = ALT) and a plain CHR POS ID A1 A2 table", () => {
    const pvar = readRefVariants("##fileformat=PVARv1.0\n#CHROM\tPOS\tID\tREF\tALT\n1\t10\trs1\tA\tC\n", "x.pvar");
    expect([pvar.a1, pvar.a2]).toEqual([["C"], ["A"]]);
    const table = readRefVariants("CHR POS ID A1 A2\n1 10 rs1 T G\n", "x.tsv");
    expect([table.a1, table.a2, Array.from(table.pos)]).toEqual([["T"], ["G"], [10]]);
  });

  it("names bad lines and unknown formats", () => {
    expect(() => readRefVariants("22\trs1\t0\t16050075\tA\tG\n22\trs2\t0\tx\tA\tG\n", "x.bim")).toThrow("x.bim, line 2, column 4: position 'x' is not a number");
    expect(() => readRefVariants("a b c\n", "x")).toThrow(/not a variants file/);
    expect(() => readRefVariants("##x\nCHR\tPOS\tID\tA1\tA2\n1\t5\trs1\tA\tC\n1\t6\trs2\tA\n", "t.tsv")).toThrow("t.tsv, line 4: 4 fields: the header has 5");
    expect(() => readRefVariants("1 rs1 0 5 A C\n1 rs2 0 6 A\n", "y.bim")).toThrow("y.bim, line 2: 5 fields: a .bim line has 6");
    expect(() => readRefVariants("CHR POS ID\n1 2 rs\n", "x")).toThrow(/needs CHR, POS, ID, A1 and A2/);
  });

  it("looks for a variants file beside an LD file by its stem", () => {
    const c = variantFileCandidates("dir/chr1.ld.bin");
    expect(c).toContain("dir/chr1.bim");
    expect(c).toContain("dir/chr1.ld.snplist");
    expect(c).toContain("dir/chr1.ld.bin.vars");
    expect(variantFileCandidates("b.unphased.vcor1")).toContain("b.unphased.vcor1.vars");
  });

  it("recognises a plink genotype .bed by its magic bytes", () => {
    expect(isPlinkBed(Uint8Array.of(0x6c, 0x1b, 0x01, 0))).toBe(true);
    expect(isPlinkBed(new Uint8Array(new Float64Array([1]).buffer))).toBe(false);
  });
});
