// mlmages shrink: per-variant effect-size shrinkage of one trait.
import { enetShrink } from "../../core/enet.js";
import { shrinkTable } from "../../core/output/shrink-table.js";
import { shrink } from "../../core/shrink.js";
import { writeFileAtomic } from "../../node/files.js";
import { expandLdArgs, readGwasFile, readLdFiles } from "../../node/ld-files.js";
import { loadModelFiles } from "../../node/models.js";
import { UsageError, parseOptions, requireOptions } from "../args.js";
import type { Command } from "../command.js";
import { note } from "../console.js";

const spec = {
  gwas: { type: "string" },
  ld: { type: "string", multiple: true },
  model: { type: "string", multiple: true },
  out: { type: "string" },
  chrom: { type: "string", multiple: true },
  quiet: { type: "boolean" },
  "published-indexing": { type: "boolean" },
  method: { type: "string", default: "nn" },
} as const;

export const command: Command = {
  name: "shrink",
  summary: "shrink one trait's GWAS effects with an ensemble of networks",
  help: `Usage: mlmages shrink --gwas FILE --ld FILE... [--model FILE...] --out FILE

Shrinks the GWAS effect sizes of one trait with an ensemble of neural networks
that look at each variant's LD neighbourhood (ML-MAGES step 1).

Options:
  --gwas FILE       GWAS summary statistics (comma, tab or space separated; may be
                    gzipped). Needs BETA (or OR) and SE columns; CHR, POS and ID are
                    carried to the output when present.
  --ld FILE...      LD blocks in order, covering the GWAS variants one to one:
                    square text matrices (plink --r square), plink binary matrices
                    (--r square bin / bin4), gzipped or not; a *.txt file lists
                    block files, one a line, relative to the list's folder.
  --model FILE...   ensemble members: mlmages .mlm files or the published ML-MAGES
                    PyTorch .model files (default: the shipped ensemble).
  --out FILE        output table (TSV): CHR, POS, ID (when present), BETA, SE, BETA_SHRINK.
  --chrom C...      only these chromosomes of the GWAS file.
  --method M        nn (default): the networks; enet: the paper's elastic-net
                    baseline (per block, LD rows L2-normalised as features, no
                    intercept, l1_ratio 0.5, 10 penalties, 5-fold CV over contiguous
                    folds, as scikit-learn's ElasticNetCV; --model is not used).
  --quiet           no progress messages.
  --published-indexing
                    reproduce the published tool's neighbour lookup, which takes the
                    top-r neighbours' betas of every block after the first from the
                    start of the chromosome (a bug; for comparisons only).
  -h, --help        this help.

Blocks with fewer than r + 1 variants are shrunk with their missing neighbours'
features set to zero.`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["gwas", "ld", "out"]);
    const gwas = await readGwasFile(o.gwas!, o.chrom.length ? { chrom: o.chrom } : undefined);
    const ldBlocks = await readLdFiles(await expandLdArgs(o.ld));
    if (o.method !== "nn" && o.method !== "enet") throw new UsageError(`--method is nn or enet, not '${o.method}'`);
    if (o.method === "enet") {
      if (!o.quiet) note(`elastic net on ${gwas.n} variants in ${ldBlocks.length} LD blocks`);
      await writeFileAtomic(o.out!, shrinkTable(gwas, await enetShrink(gwas, ldBlocks)));
      if (!o.quiet) note(`wrote ${o.out}`);
      return 0;
    }
    const { ensemble } = await loadModelFiles(o.model);
    if (!o.quiet) note(`shrinking ${gwas.n} variants in ${ldBlocks.length} LD blocks with ${ensemble.members.length} networks (top ${ensemble.topR}, ${ensemble.hiddenLayers} hidden layers)`);
    const res = await shrink({ gwas, ldBlocks, models: ensemble, publishedIndexing: o["published-indexing"] });
    if (res.warning && !o.quiet) note(`warning: ${res.warning}`);
    if (res.padded && !o.quiet) note(`${res.padded} variants had fewer than ${ensemble.topR} LD neighbours in their block; their missing features were set to 0`);
    await writeFileAtomic(o.out!, shrinkTable(gwas, res.betaShrink));
    if (!o.quiet) note(`wrote ${o.out}`);
    return 0;
  },
};
