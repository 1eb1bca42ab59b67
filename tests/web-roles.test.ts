// The web app's reading of dropped files: a .bed beside a .bim or .fam of the
// same stem is a plink panel (else a BED of genes, or of blocks by its name),
// and the run's files and its equivalent command line carry the panel options
// as `mlmages run --panel` takes them.
import { describe, expect, it } from "vitest";
import { blockBedSpec } from "../src/node/ld-blocks.js";
import { guessRole, runFiles, type GivenFile } from "../src/web/roles.js";
import { runCommand } from "../src/web/run-command.js";

const given = (names: string[]): GivenFile[] => names.map((name) => ({ name, blob: new Blob([]), role: guessRole(name, names), trait: "T1" }));
const SETTINGS = { seed: 1, restarts: 25, K: 20, threads: 1, publishedIndexing: false };

describe("dropped files' roles", () => {
  it("takes a .bed with its .bim or .fam for a panel, and a lone .bed for genes or blocks", () => {
    const names = ["1kg.EAS.bed", "1kg.EAS.bim", "1kg.EAS.fam", "genes.bed", "my_blocks.bed", "Berisa.EUR.hg19.bed", "chr1.bim", "eas.keep", "gwas_T1.tsv"];
    expect(names.map((n) => guessRole(n, names))).toEqual(["panel", "panel", "panel", "genes", "blocks", "blocks", "ld-variants", "keep", "gwas"]);
    expect(guessRole("1kg.EAS.bed")).toBe("genes"); // alone, it could be a BED of genes
    expect(guessRole("1kg.EAS.fam")).toBe("panel");
  });

  it("makes run --panel's files: shipped blocks on GRCh38, a keep file and a MAF filter", () => {
    const files = runFiles(given(["gwas_T1.tsv", "p.bim", "p.bed", "p.fam", "eas.keep"]), { avgBlockSize: 500, geneWindowKb: 0, panel: { blocks: "EUR", build: 38, maf: 0.01 } });
    const cli = blockBedSpec("EUR", 38)!;
    expect(files.panel).toEqual({ prefix: "p", blocks: { ...cli, file: "ld-blocks/Berisa.EUR.hg38.bed" }, avgBlockSize: 500, keep: "eas.keep", maf: 0.01 });
    expect(cli.file.endsWith("data/ld-blocks/Berisa.EUR.hg38.bed")).toBe(true);
    expect(runCommand(files, SETTINGS).slice(4, 14)).toEqual(["--panel", "p", "--blocks", "EUR", "--build", "38", "--keep", "eas.keep", "--maf", "0.01"]);
  });

  it("lets a dropped BED of blocks override the chosen blocks, and names the DP split's block size otherwise", () => {
    const withBed = runFiles(given(["gwas_T1.tsv", "p.bed", "p.bim", "p.fam", "blocks.bed"]), { avgBlockSize: 1000, geneWindowKb: 0, panel: { blocks: "AFR", build: 37, maf: 0 } });
    expect(withBed.panel!.blocks).toEqual({ file: "blocks.bed", method: "bed", description: "blocks of blocks.bed" });
    const split = runFiles(given(["gwas_T1.tsv", "p.bed", "p.bim", "p.fam"]), { avgBlockSize: 300, geneWindowKb: 0 });
    expect(split.panel!.blocks).toBeUndefined();
    expect(runCommand(split, SETTINGS).slice(4, 10)).toEqual(["--panel", "p", "--blocks", "split", "--avg-block-size", "300"]);
  });
});
