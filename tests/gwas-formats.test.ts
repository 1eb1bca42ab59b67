// GWAS tool formats on real public files (tests/data/gwas/, origins in
// tests/data/SOURCES.md): each is told from its header and its effects are
// attached to the right allele, checked against the file's own text; then the
// rules for chromosome names, missing values, garbage, SE from P or STAT,
// duplicates, order and encodings.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { badInputDir } from "./helpers/tmp.js";
import { packagePath } from "../src/node/package-root.js";
import { describeGwas, readGwas } from "../src/core/io/gwas.js";
import { plinkChrom } from "../src/core/io/gwas-chrom.js";
import { zFromTwoSidedP, lnPFromText } from "../src/core/io/gwas-se-from-p.js";
import type { Gwas } from "../src/core/types.js";

const dataPath = (name: string) => new URL(`./data/gwas/${name}`, import.meta.url);
const read = (name: string) => readGwas(readFileSync(dataPath(name)), name);
const enc = (s: string) => new TextEncoder().encode(s);

/** The file's own text as header → value records (split independently of the reader: tabs, else runs of blanks). */
function rawRows(name: string): Record<string, string>[] {
  let bytes: Uint8Array = readFileSync(dataPath(name));
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const lines = new TextDecoder().decode(bytes).split("\n").filter((l) => l.trim() && !l.startsWith("##"));
  const split = (l: string) => (l.includes("\t") ? l.split("\t") : l.trim().split(/\s+/));
  const head = split(lines[0]);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [head[i], v])));
}

/** Row index of a variant in the reader's output, by ID. */
function at(g: Gwas, id: string): number {
  const i = g.id!.indexOf(id);
  expect(i, `${id} in ${g.source}`).toBeGreaterThanOrEqual(0);
  return i;
}

describe("each tool's format, on a real file, puts the effect on the right allele", () => {
  it("plink2 --glm linear with covariate rows: A1 with AX, TEST = ADD rows only", async () => {
    const g = await read("plink2_eur.Y.glm.linear");
    expect(describeGwas(g)).toBe("plink2_eur.Y.glm.linear: plink2 --glm, effect allele A1");
    const raw = rawRows("plink2_eur.Y.glm.linear").filter((r) => r.TEST === "ADD");
    expect(g.n).toBe(raw.length);
    expect(g.warnings!.join(" ")).toContain(`${2 * raw.length} rows with a TEST other than ADD`);
    for (const r of raw.slice(0, 50)) {
      const i = at(g, r.ID);
      expect([g.ea![i], g.oa![i], g.beta[i], g.se[i], g.eaf![i], g.nSamples![i]]).toEqual([r.A1, r.AX, Number(r.BETA), Number(r.SE), Number(r.A1_FREQ), Number(r.OBS_CT)]);
    }
  });

  it("plink2 --glm logistic: OR becomes log OR, and an A1 equal to REF takes ALT as the other allele", async () => {
    const g = await read("plink2_eur.B.glm.logistic.hybrid");
    const raw = rawRows("plink2_eur.B.glm.logistic.hybrid");
    const refA1 = raw.filter((r) => r.A1 === r.REF);
    expect(refA1.length).toBeGreaterThan(10);
    for (const r of [...refA1.slice(0, 20), ...raw.filter((x) => x.A1 === x.ALT).slice(0, 20)]) {
      const i = at(g, r.ID);
      expect([g.ea![i], g.oa![i]]).toEqual([r.A1, r.A1 === r.REF ? r.ALT : r.REF]);
      expect(g.beta[i]).toBeCloseTo(Math.log(Number(r.OR)), 14);
      expect(g.se[i]).toBe(Number(r["LOG(OR)_SE"]));
    }
  });

  it("plink 1.9 --linear: A1, SE = BETA / STAT, equal to plink2's SE on the same data to the 4 digits plink 1.9 prints", async () => {
    const g = await read("plink19_eur.assoc.linear");
    expect(g.format).toEqual({ name: "plink 1.9 --linear/--logistic", effectAllele: "A1" });
    const p2 = await read("plink2_eur.Y.glm.linear");
    expect(g.n).toBe(p2.n);
    const raw = rawRows("plink19_eur.assoc.linear").filter((r) => r.TEST === "ADD");
    for (const r of raw) {
      const i = at(g, r.SNP);
      const j = at(p2, r.SNP);
      expect(g.ea![i]).toBe(r.A1);
      expect(g.beta[i]).toBe(Number(r.BETA));
      expect(g.se[i]).toBe(Math.abs(Number(r.BETA) / Number(r.STAT)));
      const sign = g.ea![i] === p2.ea![j] ? 1 : -1;
      expect(Math.abs(g.beta[i] - sign * p2.beta[j])).toBeLessThanOrEqual(5e-4 * Math.abs(p2.beta[j]) + 1e-12);
      expect(Math.abs(g.se[i] / p2.se[j] - 1)).toBeLessThan(1.5e-3);
    }
  });

  it("plink 1.9 --logistic: log OR / STAT, equal to plink2's LOG(OR)_SE where plink2 did not switch to Firth", async () => {
    const g = await read("plink19_eur.assoc.logistic");
    const p2 = await read("plink2_eur.B.glm.logistic.hybrid");
    const firth = new Set(rawRows("plink2_eur.B.glm.logistic.hybrid").filter((r) => r["FIRTH?"] === "Y").map((r) => r.ID));
    let compared = 0;
    const raw = rawRows("plink19_eur.assoc.logistic");
    // plink 1.9 prints 4 digits: an OR written as 1 has log OR 0 and no SE to derive from STAT.
    const one = raw.filter((r) => Number(r.OR) === 1).length;
    expect(one).toBeGreaterThan(0);
    expect(g.dropped).toEqual({ "SE not derivable": one });
    for (const r of raw.filter((x) => Number(x.OR) !== 1)) {
      const i = at(g, r.SNP);
      expect(g.beta[i]).toBeCloseTo(Math.log(Number(r.OR)), 14);
      if (firth.has(r.SNP) || Math.abs(Number(r.STAT)) < 0.05) continue;
      const j = at(p2, r.SNP);
      expect(g.ea![i] === p2.ea![j] ? g.beta[i] : -g.beta[i]).toBeCloseTo(p2.beta[j], 3);
      // OR and STAT have 4 significant digits: log OR is off by up to ~5e-4 absolute, STAT by 5e-4 relative.
      expect(Math.abs(g.se[i] / p2.se[j] - 1)).toBeLessThan(6e-4 / Math.abs(g.beta[i]) + 2e-3);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });

  it("regenie: ALLELE1 is the effect allele, A1FREQ its frequency, LOG10P kept", async () => {
    const g = await read("regenie_example.test_bin_out_firth_Y1.regenie");
    expect(describeGwas(g)).toBe("regenie_example.test_bin_out_firth_Y1.regenie: regenie, effect allele ALLELE1");
    const raw = rawRows("regenie_example.test_bin_out_firth_Y1.regenie");
    expect(g.n).toBe(raw.length);
    for (const r of raw.slice(0, 50)) {
      const i = at(g, r.ID);
      expect([g.ea![i], g.oa![i], g.beta[i], g.se[i], g.eaf![i], g.mlog10p![i], g.pos![i]]).toEqual([r.ALLELE1, r.ALLELE0, Number(r.BETA), Number(r.SE), Number(r.A1FREQ), Number(r.LOG10P), Number(r.GENPOS)]);
    }
  });

  it("BOLT-LMM: ALLELE1 is the effect allele; BP is the position (not GENPOS, a genetic position)", async () => {
    const g = await read("bolt_example.stats");
    expect(g.format).toEqual({ name: "BOLT-LMM", effectAllele: "ALLELE1" });
    const i = at(g, "rs143500173"); // rs143500173 17 2748 0 T A 0.00956284 0 0.485396 0.386711
    expect([g.chr![i], g.pos![i], g.ea![i], g.oa![i], g.beta[i], g.se[i], g.eaf![i]]).toEqual(["17", 2748, "T", "A", 0.485396, 0.386711, 0.00956284]);
    const k = at(g, "rs4985585"); // ALLELE1 T, BETA −0.000956397
    expect([g.ea![k], g.beta[k]]).toEqual(["T", -0.000956397]);
  });

  it("SAIGE: BETA belongs to Allele2 (AF_Allele2 is its frequency), not to Allele1", async () => {
    const g = await read("saige_genotype_100markers_marker_plink.txt");
    expect(describeGwas(g)).toBe("saige_genotype_100markers_marker_plink.txt: SAIGE, effect allele Allele2");
    for (const r of rawRows("saige_genotype_100markers_marker_plink.txt")) {
      const i = at(g, r.MarkerID);
      expect([g.ea![i], g.oa![i], g.beta[i], g.se[i], g.eaf![i]]).toEqual([r.Allele2, r.Allele1, Number(r.BETA), Number(r.SE), Number(r.AF_Allele2)]);
    }
  });

  it("METAL: Effect belongs to Allele1, written in lower case and read upper-cased", async () => {
    const g = await read("metal_CAD_META_extract.tbl");
    expect(g.format).toEqual({ name: "METAL", effectAllele: "Allele1" });
    const i = at(g, "2:1471997_A_G"); // a g 0.4644 ... Effect −0.0194 StdErr 0.0056 ... Chr 2 BP 1471997
    expect([g.ea![i], g.oa![i], g.eaf![i], g.beta[i], g.se[i], g.chr![i], g.pos![i]]).toEqual(["A", "G", 0.4644, -0.0194, 0.0056, "2", 1471997]);
    expect(g.n).toBe(300);
  });

  it("LDSC .sumstats: Z and N become standardised effects, β = Z/√N and SE = 1/√N, for A1", async () => {
    const g = await read("ldsc_correct.sumstats");
    expect(describeGwas(g)).toBe("ldsc_correct.sumstats: LDSC .sumstats, effect allele A1 (standardised: β = Z/√N, SE = 1/√N)");
    expect(g.scale).toBe("standardised");
    const i = at(g, "rs7085086"); // A G −0.77303782 6702.0
    expect([g.ea![i], g.oa![i]]).toEqual(["A", "G"]);
    expect(g.beta[i]).toBe(-0.77303782 / Math.sqrt(6702));
    expect(g.se[i]).toBe(1 / Math.sqrt(6702));
  });

  it("OR and P without SE (LDSC's munge test input): β/SE equals the Z that munge_sumstats.py wrote for the same variants", async () => {
    const g = await read("ldsc_munge_input_or_p.txt");
    expect(g.format!.name).toBe("A1/A2 table");
    const z = rawRows("ldsc_correct.sumstats");
    expect(z.length).toBe(4);
    for (const r of z) {
      const i = at(g, r.SNP);
      expect(g.ea![i]).toBe(r.A1);
      expect(Math.abs(g.beta[i] / g.se[i] - Number(r.Z))).toBeLessThan(5e-8);
    }
  });

  it("GWAS-SSF: effect_allele / other_allele, plink's 23 read as X", async () => {
    const g = await read("gwas-ssf_0000123.tsv");
    expect(g.format).toEqual({ name: "GWAS-SSF", effectAllele: "effect_allele" });
    expect(g.chr).toEqual(["1", "1", "2", "7", "X"]);
    expect([g.ea![1], g.oa![1], g.beta[1], g.se[1], g.eaf![1]]).toEqual(["G", "C", -0.0089589, 0.00331941, 0.983589]);
    expect([g.ea![3], g.oa![3]]).toEqual(["TC", "T"]);
    expect(g.mlog10p![3]).toBeCloseTo(-Math.log10(5.7e-76), 12);
  });

  it("GWAS-VCF (bgzipped): ES is the ALT allele's effect, AF its frequency, SS the sample size", async () => {
    const g = await read("gwasvcf_data.vcf.gz");
    expect(describeGwas(g)).toBe("gwasvcf_data.vcf.gz: GWAS-VCF, effect allele ALT");
    const raw = rawRows("gwasvcf_data.vcf.gz");
    expect(g.n).toBe(raw.length);
    for (const r of raw) {
      const i = at(g, r.ID);
      const keys = r.FORMAT.split(":");
      const v = Object.fromEntries(r["IEU-a-2"].split(":").map((x, k) => [keys[k], x]));
      expect([g.ea![i], g.oa![i], g.beta[i], g.se[i], g.mlog10p![i], g.nSamples![i]]).toEqual([r.ALT, r.REF, Number(v.ES), Number(v.SE), Number(v.LP), Number(v.SS)]);
      expect(g.eaf![i]).toEqual(v.AF === undefined ? NaN : Number(v.AF));
    }
  });
});

describe("chromosome names", () => {
  it.each([
    ["1", "1"],
    ["chr22", "22"],
    ["CHR07", "7"],
    ["23", "X"],
    ["chrX", "X"],
    ["24", "Y"],
    ["25", "XY"],
    ["xy", "XY"],
    ["26", "MT"],
    ["chrM", "MT"],
    ["MT", "MT"],
  ])("%s is plink's %s", (text, name) => expect(plinkChrom(text)).toBe(name));

  it.each(["0", "27", "chrUn_gl000220", "6_ssto_hap7", "", "X1"])("'%s' is not a chromosome", (text) => expect(plinkChrom(text)).toBeNull());

  it("an unknown chromosome is an error naming file, line and column", async () => {
    await expect(readGwas(enc("CHR\tPOS\tBETA\tSE\n1\t5\t0.1\t0.1\nchrUn_gl000220\t7\t0.1\t0.1\n"), "g.tsv")).rejects.toThrow(
      "g.tsv, line 3, column 1: chromosome 'chrUn_gl000220' is not one of 1–22, X, Y, XY, MT (or plink's 23–26), with or without 'chr'",
    );
  });
});

describe("missing values are dropped and counted; garbage is an error", () => {
  const header = "CHR\tPOS\tID\tA1\tA2\tBETA\tSE\n";
  it("drops rows with a missing BETA, SE or allele (NA, ., empty, nan) and counts them by reason", async () => {
    const rows = ["1\t1\ta\tA\tG\t0.1\t0.1", "1\t2\tb\tA\tG\tNA\t0.1", "1\t3\tc\tA\tG\t0.1\t.", "1\t4\td\t\tG\t0.1\t0.1", "1\t5\te\tA\tG\tnan\t0.1", "1\t6\tf\tA\tNA\t0.1\t0.1", "NA\t7\tg\tA\tG\t0.1\t0.1", "1\t8\th\tA\tG\t-NaN\t0.1"];
    const g = await readGwas(enc(header + rows.join("\n") + "\n"), "m.tsv");
    expect(g.id).toEqual(["a"]);
    expect(g.dropped).toEqual({ "missing value": 4, "missing allele": 2, "missing position": 1 });
  });

  it.each([
    ["a word as BETA", "1\t1\ta\tA\tG\tabc\t0.1", "m.tsv, line 2, column 6: BETA 'abc' is not a number"],
    ["Inf as BETA (issue 15, item 7)", "1\t1\ta\tA\tG\tInf\t0.1", "m.tsv, line 2, column 6: BETA is Inf: not a finite number"],
    ["-inf as SE", "1\t1\ta\tA\tG\t0.1\t-inf", "m.tsv, line 2, column 7: SE is -inf: not a finite number"],
    ["a negative POS (item 22)", "1\t-5\ta\tA\tG\t0.1\t0.1", "m.tsv, line 2, column 2: position -5 is not a whole number ≥ 0"],
    ["a fractional POS", "1\t5.5\ta\tA\tG\t0.1\t0.1", "m.tsv, line 2, column 2: position 5.5 is not a whole number ≥ 0"],
    ["a non-UTF-8 ID (item 17)", "1\t1\ta\xe9\tA\tG\t0.1\t0.1", "m.tsv, line 2, column 3: the ID is not valid UTF-8 text"],
  ])("%s", async (_, row, message) => {
    const bytes = Uint8Array.from([...enc(header), ...Array.from(row, (c) => c.charCodeAt(0)), 0x0a]);
    await expect(readGwas(bytes, "m.tsv")).rejects.toThrow(message);
  });

  it("a duplicated effect column is an error naming both columns (item 22)", async () => {
    await expect(readGwas(enc("CHR\tBETA\tSE\tBETA\n1\t0.1\t0.1\t0.2\n"), "d.tsv")).rejects.toThrow("d.tsv, line 1: columns 2 and 4 are both named BETA: keep one");
  });

  it("allele columns that do not say which is the effect allele are refused", async () => {
    await expect(readGwas(enc("CHR\tPOS\tALLELE1\tALLELE2\tBETA\tSE\n1\t1\tA\tG\t0.1\t0.1\n"), "a.tsv")).rejects.toThrow("a.tsv, line 1: allele columns ALLELE1, ALLELE2 but no way to tell which allele the effects belong to");
  });

  it("plink2 multi-allelic rows (ALT listing several alleles) are dropped and counted", async () => {
    const text = "#CHROM\tPOS\tID\tREF\tALT\tA1\tBETA\tSE\n1\t5\ta\tA\tC,G\tG\t0.1\t0.1\n1\t6\tb\tA\tC\tA\t0.2\t0.1\n";
    const g = await readGwas(enc(text), "m.glm");
    expect([g.id, g.ea, g.oa, g.dropped]).toEqual([["b"], ["A"], ["C"], { "multi-allelic": 1 }]);
  });

  it("only TEST = ADD rows are kept; a file without any is refused", async () => {
    await expect(readGwas(enc("CHR\tA1\tTEST\tNMISS\tBETA\tSTAT\n1\tA\tDOMDEV\t10\t0.1\t1\n"), "t.tsv")).rejects.toThrow("t.tsv: no row has TEST = ADD");
  });
});

describe("duplicates and order (item 22): kept, with a warning; harmonisation decides", () => {
  it("warns about unsorted positions and repeated CHR:POS:alleles, and keeps every row", async () => {
    const text = "CHR\tPOS\tID\tA1\tA2\tBETA\tSE\n1\t10\ta\tA\tG\t0.1\t0.1\n1\t5\tb\tA\tG\t0.1\t0.1\n1\t10\tc\tG\tA\t0.1\t0.1\n1\t10\td\tA\tC\t0.1\t0.1\n";
    const g = await readGwas(enc(text), "u.tsv");
    expect(g.n).toBe(4);
    expect(g.warnings).toEqual([
      "u.tsv: positions are not sorted by chromosome and position (first out of order at line 3); variants are matched to the reference by CHR:POS and alleles (or ID), so order does not matter unless the LD has no variant list",
      "u.tsv: 1 duplicated variant (same CHR:POS and alleles; first at line 4); harmonisation keeps none of them and counts them as duplicates",
    ]);
  });

  it("a chromosome that comes back after another is out of order; IDs are checked when there are no positions", async () => {
    const g = await readGwas(enc("CHR\tPOS\tBETA\tSE\n1\t1\t0.1\t0.1\n2\t1\t0.1\t0.1\n1\t2\t0.1\t0.1\n"), "c.tsv");
    expect(g.warnings![0]).toContain("first out of order at line 4");
    const h = await readGwas(enc("SNP\tBETA\tSE\nrs1\t0.1\t0.1\nrs2\t0.1\t0.1\nrs1\t0.2\t0.1\n"), "i.tsv");
    expect(h.warnings).toEqual(["i.tsv: 1 duplicated variant (same ID; first at line 4); harmonisation keeps none of them and counts them as duplicates"]);
  });

  it("a file without allele columns (the published tool's layout) says so", async () => {
    const g = await readGwas(enc("CHR,POS,ID,OBS_CT,BETA,SE,T_STAT,P\n22,17164305,22:17164305,290000,0.00326137,0.00707404,0.461034,0.644774\n"), "gwas_T1.csv");
    expect([g.ea, g.oa, g.eaf]).toEqual([null, null, null]);
    expect(describeGwas(g)).toBe("gwas_T1.csv: no allele columns (variants are matched by their order in the file)");
  });

  it("a sorted file without duplicates has no warnings", async () => {
    const g = await read("bolt_example.stats");
    expect(g.warnings).toEqual([]);
  });
});

describe("SE from P: z = Φ⁻¹(1 − P/2) by AS 241, against 50-digit values (mpmath)", () => {
  // P, z: from mpmath at 50 digits, solving ½·erfc(z/√2) = P/2.
  const ref: [string, number][] = [
    ["0.9", 0.12566134685507403],
    ["0.5", 0.67448975019608174],
    ["0.15", 1.4395314709384559],
    ["0.1", 1.6448536269514727],
    ["0.05", 1.9599639845400542],
    ["1e-3", 3.2905267314918948],
    ["1e-8", 5.7307288682362897],
    ["5e-8", 5.4513104378454785],
    ["1e-20", 9.33604484923406],
    ["1e-100", 21.305940069351527],
    ["1e-300", 37.06578788077213],
    ["1e-400", 42.826406491171178],
    ["3.2e-1000", 67.778753079462125],
  ];
  it.each(ref)("P = %s", (text, z) => {
    const p = Number(text);
    const got = zFromTwoSidedP(p, lnPFromText(text, p));
    // AS 241 is designed for P down to about 1e-300; below the smallest double (P written out as 1e-400) it stays within 1e-10.
    expect(Math.abs(got / z - 1)).toBeLessThan(p > 0 ? 5e-16 : 1e-10);
  });

  it("BETA and P: SE = |BETA| / z; P = 1 or BETA = 0 rows are dropped as not derivable", async () => {
    const g = await readGwas(enc("SNP\tA1\tA2\tBETA\tP\nr1\tA\tG\t-0.2\t0.05\nr2\tA\tG\t0.1\t1\nr3\tA\tG\t0\t0.5\nr4\tA\tG\t0.3\t1e-400\n"), "p.tsv");
    expect(g.id).toEqual(["r1", "r4"]);
    expect(g.se[0]).toBe(0.2 / zFromTwoSidedP(0.05, Math.log(0.05)));
    expect(Math.abs(g.se[1] / (0.3 / 42.826406491171178) - 1)).toBeLessThan(1e-13);
    expect(g.dropped).toEqual({ "SE not derivable": 2 });
  });
});

describe("a bad value in a GWAS stops `mlmages run` with the file, line and column (issue 15, item 7)", () => {
  it("Inf as a BETA of gwas_T2.tsv", async () => {
    const dir = badInputDir("gwas-inf");
    try {
      const cli = packagePath("bin", "mlmages.js");
      await promisify(execFile)(process.execPath, [cli, "example", "--out", dir, "--quiet"]);
      const file = join(dir, "gwas_T2.tsv");
      const lines = readFileSync(file, "utf8").split("\n");
      const f = lines[4].split("\t");
      const beta = lines[0].split("\t").indexOf("BETA");
      f[beta] = "Inf";
      lines[4] = f.join("\t");
      writeFileSync(file, lines.join("\n"));
      const args = ["run", "--gwas", ...["T1", "T2", "T3"].map((t) => `${t}=${join(dir, `gwas_${t}.tsv`)}`), "--ld", join(dir, "ld_blocks.txt"), "--genes", join(dir, "genes.tsv"), "--out", join(dir, "results")];
      const failed = await promisify(execFile)(process.execPath, [cli, ...args]).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr.trim()).toBe(`mlmages: error: ${file}, line 5, column ${beta + 1}: BETA is Inf: not a finite number`);
      expect(existsSync(join(dir, "results"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
