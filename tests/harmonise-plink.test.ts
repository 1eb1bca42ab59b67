// The README's LD recipe run by plink 1.9 (skipped without it): `--r square
// bin4 --keep-allele-order --make-just-bim` writes chr1.ld.bin and chr1.bim; a
// run finds the .bim beside the matrix, keeps the panel's A1 (what
// --keep-allele-order promises), matches a GWAS given partly on the other
// allele, and cuts the LD down to the matched variants.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isPalindromic } from "../src/core/harmonise/alleles.js";
import { readLdMatrix } from "../src/core/io/ld.js";
import { loadRunInputs } from "../src/core/run-inputs.js";
import { nodeFiles } from "../src/node/file-provider.js";
import "../src/node/wasm.js";

const plink = (() => {
  try {
    execFileSync("plink1.9", ["--version"], { stdio: "pipe" });
    return "plink1.9";
  } catch {
    return undefined;
  }
})();

describe.skipIf(!plink)("LD made by plink 1.9 with its .bim beside it", () => {
  const dir = mkdtempSync(join(tmpdir(), "mlmages-plink-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is found, read and matched; the LD is cut to the matched variants", async () => {
    const run = (...args: string[]) => execFileSync(plink!, args, { cwd: dir, stdio: "pipe" });
    run("--dummy", "300", "40", "acgt", "--seed", "3", "--make-bed", "--out", "panel");
    run("--bfile", "panel", "--r", "square", "bin4", "--keep-allele-order", "--make-just-bim", "--out", "chr1");
    const panel = readFileSync(join(dir, "panel.bim"), "utf8");
    expect(readFileSync(join(dir, "chr1.bim"), "utf8")).toBe(panel);
    const bim = panel.trim().split("\n").map((l) => l.split("\t"));
    // the GWAS names every other variant's alleles the other way round (BETA negated)
    const gwas = ["CHR\tPOS\tID\tA1\tA2\tBETA\tSE"];
    bim.forEach(([chr, id, , pos, a1, a2], i) => gwas.push(i % 2 ? `${chr}\t${pos}\t${id}\t${a2}\t${a1}\t${-(i + 1)}\t0.1` : `${chr}\t${pos}\t${id}\t${a1}\t${a2}\t${i + 1}\t0.1`));
    writeFileSync(join(dir, "gwas.tsv"), gwas.join("\n") + "\n");
    const inputs = await loadRunInputs(nodeFiles, { gwas: [{ name: "T", file: join(dir, "gwas.tsv") }], ld: [join(dir, "chr1.ld.bin")], harmonise: { minMatch: 0.1 } });
    const h = inputs.harmonisation!;
    expect(h.reference).toBe(join(dir, "chr1.bim"));
    const palindromic = bim.filter((b) => isPalindromic(b[4], b[5])).length;
    const kept = bim.map((b, i) => [b, i] as const).filter(([b]) => !isPalindromic(b[4], b[5])).map(([, i]) => i);
    expect(h.traits[0].counts.palindromic).toBe(palindromic);
    expect(Array.from(h.kept)).toEqual(kept);
    expect(h.traits[0].counts.swapped).toBe(kept.filter((i) => i % 2).length);
    // every effect is now for the panel's A1: i + 1
    expect(Array.from(inputs.traits[0].gwas.beta)).toEqual(kept.map((i) => i + 1));
    const full = await readLdMatrix(readFileSync(join(dir, "chr1.ld.bin")), "chr1.ld.bin");
    const cut = inputs.ldBlocks[0];
    expect(cut.n).toBe(kept.length);
    for (let a = 0; a < kept.length; a++) for (let b = 0; b < kept.length; b++) expect(cut.data[a * cut.n + b]).toBe(full.data[kept[a] * full.n + kept[b]]);
    // the same matrix as a whole chromosome (--ld-full): split first, then each block cut to the matched variants
    const split = await loadRunInputs(nodeFiles, { gwas: [{ name: "T", file: join(dir, "gwas.tsv") }], ld: [], ldFull: join(dir, "chr1.ld.bin"), avgBlockSize: 10, harmonise: { minMatch: 0.1 } });
    expect(split.harmonisation!.reference).toBe(join(dir, "chr1.bim"));
    expect(split.ldBlocks.length).toBeGreaterThan(1);
    expect(split.ldBlocks.reduce((s, b) => s + b.n, 0)).toBe(kept.length);
    expect(Array.from(split.traits[0].gwas.beta)).toEqual(kept.map((i) => i + 1));
  }, 60_000);
});
