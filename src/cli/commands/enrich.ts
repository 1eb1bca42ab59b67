// mlmages enrich: the univariate gene test of one trait.
import { InputError } from "../../core/errors.js";
import { parseClustersFile } from "../../core/cluster/clusters-file.js";
import { epsilonFromClustersFile, geneSpectra, geneTestWith, type GeneSpectrum } from "../../core/genetest/gene-test.js";
import { parseSpectra, spectraForGenes } from "../../core/workflow/spectra-file.js";
import { geneTestTable } from "../../core/genetest/table.js";
import { checkCoverage } from "../../core/shrink.js";
import { getCore } from "../../core/wasm/instance.js";
import { readEffectsFile } from "../../node/effects.js";
import { writeFileAtomic } from "../../node/files.js";
import { genesForEffects } from "../../node/gene-annotation.js";
import { expandLdArgs, readLdFiles, readTextFile } from "../../node/ld-files.js";
import { UsageError, parseOptions, range, requireOptions } from "../args.js";
import type { Command } from "../command.js";
import { outputFile } from "../output-paths.js";
import { note } from "../console.js";
import { GENE_WINDOW_KB } from "../ranges.js";

const spec = {
  effects: { type: "string" },
  clusters: { type: "string" },
  epsilon: { type: "number", min: 0, max: 1e6, aboveMin: true },
  ld: { type: "string", multiple: true },
  spectra: { type: "string", multiple: true },
  genes: { type: "string" },
  gwas: { type: "string" },
  "gene-window": { type: "number", ...GENE_WINDOW_KB, default: 0 },
  out: { type: "string" },
  quiet: { type: "boolean" },
} as const;

/** ε from a clusters JSON of one trait ({ pi, sigma: K × 1 × 1 }). */
async function epsilonFromFile(path: string): Promise<number> {
  const c = parseClustersFile(await readTextFile(path), path, { needPi: true });
  const p = c.sigma[0].length;
  if (p !== 1) throw new InputError({ file: path }, `the gene test needs a one-trait clustering; this one has ${p} traits`);
  return epsilonFromClustersFile(c.pi!, c.sigma.map((s) => s[0][0]), path);
}

export const command: Command = {
  name: "enrich",
  summary: "gene test of one trait: Σβ² per gene against a weighted χ² sum",
  options: spec,
  help: `Usage: mlmages enrich --effects FILE (--clusters FILE | --epsilon E) (--ld FILE... | --spectra FILE...) --genes FILE --out FILE

Tests each gene: T = Σ β̃² over its variants (β̃ the shrunk effects) against
Σ λ_j χ²₁, λ the eigenvalues of ε·R_gene, ε the variance of the trait's
small-effect cluster (cluster 2 by size, or 3 when the largest cluster's weight
is at most 0.01, as published). P-values by Liu's approximation (as published)
and by an exact method (Ruben's chi-square series below the mean, Imhof's
integral above it, the saddlepoint approximation in the far tails); both also
as -log10 p, which stays finite where p underflows.

Options:
  --effects FILE   shrunk effects: a shrink table (BETA_SHRINK) or one number a line.
  --clusters FILE  the trait's PREFIX.clusters.json from mlmages cluster.
  --epsilon E      ε itself, instead of --clusters: a variance, ${range(spec.epsilon)}.
  --ld FILE...     LD blocks (or one full matrix) covering the variants in order;
                   genes that straddle blocks get 0 LD across them.
  --spectra FILE...
                   or the genes' LD spectra, one gene-spectra.json per chromosome
                   (mlmages prepare with the same --genes and --gene-window): the
                   genome-wide workflow's gene test, the LD read per chromosome.
  --genes FILE     genes: the published gene table (GENE, CHR, N_SNPS,
                   start_idx_chr: 0-based index of the gene's first variant), or
                   a location file (MAGMA gene.loc, BED, GENE/CHR/START/END)
                   placed on the variants' CHR and POS.
  --gwas FILE      the variants' CHR and POS for a location file (default: the
                   effects file, when it is a shrink table).
  --gene-window KB widen each located gene by KB on both sides, ${range(spec["gene-window"])} (default 0).
  --out FILE       output table (TSV): ${"GENE CHR START END N_SNPS STAT VAR P_LIU MLOG10P_LIU P_EXACT MLOG10P_EXACT EXACT_METHOD"}.`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["effects", "genes", "out"]);
    if (!o.ld.length === !o.spectra.length) throw new UsageError("give one of --ld (LD blocks) and --spectra (gene spectra of mlmages prepare)");
    const out = outputFile(o.out, [o.effects, o.clusters, ...o.ld, ...o.spectra, o.genes, o.gwas]);
    if ((o.clusters === undefined) === (o.epsilon === undefined)) throw new UsageError("give one of --clusters and --epsilon");
    const effects = await readEffectsFile(o.effects!);
    const { genes } = await genesForEffects(o.genes!, o.effects!, effects.length, o.gwas, o["gene-window"]);
    const core = await getCore();
    let spectra: GeneSpectrum[];
    if (o.spectra.length) {
      const files = await Promise.all(o.spectra.map(async (f) => ({ file: parseSpectra(await readTextFile(f), f), source: f })));
      spectra = spectraForGenes(files, genes);
    } else {
      const blocks = await readLdFiles(await expandLdArgs(o.ld));
      checkCoverage({ source: o.effects!, n: effects.length, chr: null, pos: null, id: null, beta: effects, se: effects }, blocks);
      spectra = geneSpectra(core, blocks, genes);
    }
    const epsilon = o.epsilon ?? (await epsilonFromFile(o.clusters!));
    const rows = geneTestWith(core, effects, genes, spectra, epsilon);
    await writeFileAtomic(out, geneTestTable(rows));
    if (!o.quiet) note(`tested ${rows.length} genes (ε = ${epsilon.toPrecision(4)}); wrote ${out}`);
    return 0;
  },
};
