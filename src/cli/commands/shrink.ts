// mlmages shrink: per-variant effect-size shrinkage of one trait.
import { enetShrink } from "../../core/enet.js";
import { shrinkTable } from "../../core/output/shrink-table.js";
import { shrink } from "../../core/shrink.js";
import { susieShrink } from "../../core/susie/susie-rss.js";
import { credibleSetsTable, susieShrinkTable } from "../../core/susie/tables.js";
import { writeFileAtomic } from "../../node/files.js";
import { expandLdArgs, readGwasFile, readLdFiles } from "../../node/ld-files.js";
import { loadModelFiles } from "../../node/models.js";
import { UsageError, parseOptions, range, requireOptions } from "../args.js";
import type { Command } from "../command.js";
import { outputFile } from "../output-paths.js";
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
  n: { type: "number", integer: true, min: 2, max: 1e8 },
  "cs-out": { type: "string" },
} as const;

/** Where the credible sets go by default: beside --out, e.g. shrink_T1.tsv → shrink_T1.credible_sets.tsv. */
export function defaultCsPath(out: string): string {
  return out.replace(/(\.tsv)?$/, ".credible_sets.tsv");
}

export const command: Command = {
  name: "shrink",
  summary: "shrink one trait's GWAS effects with an ensemble of networks",
  options: spec,
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
                    folds, as scikit-learn's ElasticNetCV; --model is not used);
                    susie: SuSiE-RSS per block as susieR's susie_rss(bhat, shat, R,
                    n) with its defaults (L = 10, prior variance re-estimated,
                    residual variance 1, ELBO tolerance 1e-3, 100 iterations at
                    most): BETA_SHRINK is the posterior mean on the BETA scale,
                    plus PIP and CS (credible sets holding the variant) columns.
  --n N             GWAS sample size, ${range(spec.n)} (needed by --method susie).
  --cs-out FILE     --method susie: the 95% credible sets, one a row (default:
                    --out with .credible_sets.tsv in place of .tsv).
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
    const out = outputFile(o.out, [o.gwas, ...o.ld, ...o.model]);
    const gwas = await readGwasFile(o.gwas!, o.chrom.length ? { chrom: o.chrom } : undefined);
    const ldBlocks = await readLdFiles(await expandLdArgs(o.ld));
    if (o.method !== "nn" && o.method !== "enet" && o.method !== "susie") throw new UsageError(`--method is nn, enet or susie, not '${o.method}'`);
    if (o.method === "susie") {
      if (o.n === undefined) throw new UsageError("--method susie needs the GWAS sample size: --n N");
      if (!o.quiet) note(`SuSiE-RSS on ${gwas.n} variants in ${ldBlocks.length} LD blocks (n = ${o.n})`);
      const res = await susieShrink(gwas, ldBlocks, o.n);
      if (res.notConverged.length && !o.quiet) note(`warning: IBSS did not converge in 100 iterations in LD block(s) ${res.notConverged.map((b) => b + 1).join(", ")}; check that the LD matches the GWAS`);
      const csOut = o["cs-out"] ?? defaultCsPath(o.out!);
      await writeFileAtomic(o.out!, susieShrinkTable(gwas, res));
      await writeFileAtomic(csOut, credibleSetsTable(gwas, res));
      if (!o.quiet) note(`wrote ${o.out} and ${csOut} (${res.sets.length} credible sets)`);
      return 0;
    }
    if (o.method === "enet") {
      if (!o.quiet) note(`elastic net on ${gwas.n} variants in ${ldBlocks.length} LD blocks`);
      await writeFileAtomic(out, shrinkTable(gwas, await enetShrink(gwas, ldBlocks)));
      if (!o.quiet) note(`wrote ${o.out}`);
      return 0;
    }
    const { ensemble } = await loadModelFiles(o.model);
    if (!o.quiet) note(`shrinking ${gwas.n} variants in ${ldBlocks.length} LD blocks with ${ensemble.members.length} networks (top ${ensemble.topR}, ${ensemble.hiddenLayers} hidden layers)`);
    const res = await shrink({ gwas, ldBlocks, models: ensemble, publishedIndexing: o["published-indexing"] });
    if (res.warning && !o.quiet) note(`warning: ${res.warning}`);
    if (res.padded && !o.quiet) note(`${res.padded} variants had fewer than ${ensemble.topR} LD neighbours in their block; their missing features were set to 0`);
    await writeFileAtomic(out, shrinkTable(gwas, res.betaShrink));
    if (!o.quiet) note(`wrote ${o.out}`);
    return 0;
  },
};
