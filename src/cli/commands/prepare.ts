// mlmages prepare: one chromosome's part of a genome-wide workflow (workflow/
// Snakefile): its GWAS rows harmonised against its LD's variants, each trait
// shrunk, and each of its genes' LD spectrum, written so that the genome-wide
// steps (merge, cluster, enrich --spectra, genes, report) give the bytes one
// `mlmages run` over every chromosome gives.
import { join } from "node:path";
import { DEFAULT_MIN_MATCH } from "../../core/harmonise/harmonise.js";
import { harmonisedTsv } from "../../core/harmonise/tables.js";
import { geneSpectra } from "../../core/genetest/gene-test.js";
import { InputError } from "../../core/errors.js";
import { readAllBytes } from "../../core/io/bytes.js";
import { shrinkTable } from "../../core/output/shrink-table.js";
import { loadRunInputs, type InputRecord } from "../../core/run-inputs.js";
import { Sha256, hashingStream } from "../../core/sha256.js";
import { ldNeighbours, shrinkWith } from "../../core/shrink.js";
import { getCore } from "../../core/wasm/instance.js";
import { chromosomeGenes } from "../../core/workflow/chromosome-genes.js";
import { partJson, type ChromosomePart, type InputRole } from "../../core/workflow/part.js";
import { spectraJson } from "../../core/workflow/spectra-file.js";
import { nodeFiles } from "../../node/file-provider.js";
import { writeFileAtomic } from "../../node/files.js";
import { defaultModelFiles } from "../../node/models.js";
import { UsageError, parseOptions, range, requireOptions } from "../args.js";
import type { Command } from "../command.js";
import { endSteps, note, step } from "../console.js";
import { outputFolder } from "../output-paths.js";
import { GENE_WINDOW_KB } from "../ranges.js";

const spec = {
  gwas: { type: "string", multiple: true },
  chrom: { type: "string" },
  ld: { type: "string", multiple: true },
  "ld-variants": { type: "string", multiple: true },
  "match-by": { type: "string", default: "pos" },
  palindromic: { type: "string", default: "drop" },
  "min-match": { type: "number", default: DEFAULT_MIN_MATCH, min: 0, max: 1 },
  genes: { type: "string" },
  "gene-window": { type: "number", ...GENE_WINDOW_KB, default: 0 },
  model: { type: "string", multiple: true },
  "published-indexing": { type: "boolean" },
  out: { type: "string" },
  quiet: { type: "boolean" },
} as const;

/** Each input record's role, from the order loadRunInputs reads them in: GWAS, LD lists, LD, LD variants, (genes,) models. */
function withRoles(inputs: InputRecord[], o: { gwas: number; ldArgs: string[]; variantArgs: string[]; genes?: string; models: number }): (InputRecord & { role: InputRole })[] {
  const lists = new Set(o.ldArgs.filter((a) => a.endsWith(".txt")));
  const variants = new Set(o.variantArgs);
  return inputs.map((r, i) => {
    const role: InputRole =
      i < o.gwas ? "gwas"
      : i >= inputs.length - o.models ? "model"
      : r.path === o.genes ? "genes"
      : lists.has(r.path) ? "ld-list"
      : variants.has(r.path) || /\.(bim|pvar|vars|snplist|variants\.tsv)$/.test(r.path) ? "ld-variants"
      : "ld";
    return { ...r, role };
  });
}

export const command: Command = {
  name: "prepare",
  summary: "one chromosome of a genome-wide workflow: harmonise, shrink, gene LD spectra",
  options: spec,
  help: `Usage: mlmages prepare --gwas NAME=FILE... --chrom C --ld FILE... [--genes FILE] --out DIR [options]

One chromosome's part of the genome-wide workflow (workflow/Snakefile): reads the
rows of chromosome C of each (whole-genome) GWAS file, harmonises them against
the LD's variants (a .bim, .pvar, .vars or .snplist beside each LD file, or
--ld-variants), shrinks each trait's effects (the model's units are per
chromosome, so a chromosome shrinks alone as it does in a whole-genome run), and
computes the LD spectrum of each gene located on C. mlmages merge, cluster,
enrich --spectra, genes and report then make from the chromosomes' parts the
files one \`mlmages run\` over all chromosomes writes.

Output (DIR):
  harmonised/<trait>.tsv       the chromosome's part of run's harmonised/<trait>.tsv
  shrinkage/shrink_<trait>.tsv the chromosome's part of run's shrinkage/shrink_<trait>.tsv
  gene-spectra.json            each gene's eigenvalues of R_gene and Σ R² (with --genes)
  prepare.json                 inputs with SHA-256, harmonisation counts, warnings,
                               LD blocks, seconds per step (for mlmages report)

Options:
  --gwas NAME=FILE...  one GWAS file per trait, named (a bare FILE is named T1, T2, ...).
  --chrom C            the chromosome (1-22, X, Y, XY, MT, with or without chr).
  --ld FILE...         the chromosome's LD blocks in order (or *.txt lists of them).
  --ld-variants FILE...
                       their variants (default: the file beside each LD file).
  --match-by pos|id    match on CHR:POS plus alleles (pos, default) or ID plus alleles.
  --palindromic drop|freq
                       A/T and C/G variants: drop (default), or keep by frequency.
  --min-match F        least fraction of a trait's rows on C that must match,
                       ${range(spec["min-match"])} (default ${DEFAULT_MIN_MATCH}).
  --genes FILE         genes by location: gene.loc, BED or GENE, CHR, START, END.
  --gene-window KB     widen each gene by KB on both sides, ${range(spec["gene-window"])} (default 0).
  --model FILE...      ensemble (default: the shipped one).
  --published-indexing look up neighbours' betas as the published code does.
  --out DIR            output folder.
  --quiet              no progress lines.
  -h, --help           this help.`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["gwas", "chrom", "ld", "out"]);
    const out = outputFolder(o.out);
    const named = o.gwas.map((g, i) => {
      const eq = g.indexOf("=");
      return eq > 0 ? { name: g.slice(0, eq), file: g.slice(eq + 1) } : { name: `T${i + 1}`, file: g };
    });
    const matchBy = o["match-by"];
    if (matchBy !== "pos" && matchBy !== "id") throw new UsageError(`--match-by must be pos or id, not ${matchBy}`);
    const palindromic = o.palindromic;
    if (palindromic !== "drop" && palindromic !== "freq") throw new UsageError(`--palindromic must be drop or freq, not ${palindromic}`);
    const steps: { step: string; seconds: number }[] = [];
    const timed = async <T>(name: string, body: () => T | Promise<T>): Promise<T> => {
      if (!o.quiet) step(name);
      const t0 = performance.now();
      const res = await body();
      steps.push({ step: name, seconds: (performance.now() - t0) / 1000 });
      return res;
    };
    const chrom = o.chrom!;
    const inputs = await timed(`read chromosome ${chrom}`, () =>
      loadRunInputs(nodeFiles, { gwas: named, ld: o.ld, ldVariants: o["ld-variants"], harmonise: { matchBy, palindromic, minMatch: o["min-match"] }, models: o.model, chrom }),
    );
    const h = inputs.harmonisation;
    if (!h) throw new InputError({ file: o.ld[0] }, "the workflow needs the LD's variants to pick a chromosome's rows: put a .bim, .pvar, .vars or .snplist beside each LD file, or name them with --ld-variants");
    const core = await getCore();
    const records = [...inputs.inputs];
    const models = o.model.length || defaultModelFiles().length;
    // the genes are checked before anything is computed; the files are written once all is done
    let located: ReturnType<typeof chromosomeGenes> = [];
    if (o.genes) {
      const genesFile = o.genes;
      const record: InputRecord = { path: genesFile, sha256: "", bytes: 0 };
      const stream = hashingStream(await nodeFiles.open(genesFile), (hex, bytes) => Object.assign(record, { sha256: hex, bytes }), nodeFiles.sha256?.() ?? new Sha256());
      located = chromosomeGenes(new TextDecoder().decode(await readAllBytes(stream, genesFile)), genesFile, chrom, inputs.traits[0].gwas, o["gene-window"]);
      // run reads the genes after the LD's variants, before the models
      records.splice(records.length - models, 0, record);
    }
    const files = new Map<string, string>();
    const neighbours = ldNeighbours(core, inputs.ldBlocks, inputs.models.topR);
    for (const [i, { name, gwas }] of inputs.traits.entries()) {
      const res = await timed(`shrink ${name} (chromosome ${chrom})`, () => shrinkWith(core, { gwas, ldBlocks: inputs.ldBlocks, models: inputs.models, publishedIndexing: o["published-indexing"], neighbours }));
      files.set(join("shrinkage", `shrink_${name}.tsv`), shrinkTable(gwas, res.betaShrink));
      files.set(join("harmonised", `${name}.tsv`), harmonisedTsv(gwas, h.traits[i].relation));
    }
    if (o.genes) {
      const spectra = await timed(`gene spectra (chromosome ${chrom})`, () => geneSpectra(core, inputs.ldBlocks, located.map((g) => g.gene)));
      files.set("gene-spectra.json", spectraJson(chrom, located.map((g, i) => ({ ...g, spectrum: spectra[i] }))));
    }
    const genes = located.length;
    const roles = withRoles(records, { gwas: named.length, ldArgs: o.ld, variantArgs: o["ld-variants"], genes: o.genes, models });
    const variantFiles = roles.filter((r) => r.role === "ld-variants").map((r) => r.path);
    const harmonisationWarnings = new Set(h.warnings);
    const part: ChromosomePart = {
      chrom,
      inputs: roles,
      unsignedLd: inputs.unsignedLd,
      ldWarnings: inputs.warnings.filter((w, i) => !(i === 0 && inputs.unsignedLd.length) && !harmonisationWarnings.has(w)),
      harmonisation: {
        reference: h.reference,
        variantFiles,
        matchBy: h.matchBy,
        palindromic: h.palindromic,
        minMatch: h.minMatch,
        allelesChecked: h.allelesChecked,
        traits: h.traits.map((t) => ({ name: t.name, counts: t.counts, used: t.used })),
        warnings: h.warnings,
      },
      ldBlocks: inputs.ldBlocks.length,
      variants: inputs.traits[0].gwas.n,
      genes,
      steps,
    };
    for (const [path, text] of files) await writeFileAtomic(join(out, path), text);
    await writeFileAtomic(join(out, "prepare.json"), partJson(part));
    endSteps();
    if (!o.quiet) note(`chromosome ${chrom}: ${part.variants} variants in ${part.ldBlocks} LD blocks, ${genes} genes; wrote ${out}`);
    return 0;
  },
};
