// mlmages report: the report and run record of a genome-wide workflow, made from
// its step outputs (mlmages prepare's chromosome parts, the merged shrinkage,
// the clusterings, gene tests and gene level): report.html, figures/,
// harmonisation.tsv and run.json as one `mlmages run` over every chromosome
// writes them.
import { join } from "node:path";
import { DEFAULT_SEED } from "../../core/cluster/cluster.js";
import { annotateGenes } from "../../core/genetest/gene-loc.js";
import { smallEffectCluster } from "../../core/genetest/gene-test.js";
import { countsRecord, harmonisationTsv } from "../../core/harmonise/counts.js";
import { jointSetName, jointSets } from "../../core/pipeline.js";
import { renderReport } from "../../core/report/report.js";
import type { ReportClusterSet, ReportGeneLevel, ReportGeneTests } from "../../core/report/types.js";
import { recordedSettings, reportSettings, runRecordJson, type RunSettings } from "../../core/run-record.js";
import { genesDroppedWarning } from "../../core/run-inputs.js";
import { checkTraitName } from "../../core/trait-name.js";
import { rangeWarning } from "../../core/units.js";
import { mergedCounts, mergedInputWarnings, mergedInputs, mergedReference, parsePart } from "../../core/workflow/part.js";
import { clusterSetFromFiles, geneLevelFromTables, geneTestsFromTable, seFromShrinkTable, traitFromShrinkTable } from "../../core/workflow/step-outputs.js";
import { fileText, writeFileAtomic } from "../../node/files.js";
import { loadModelFiles } from "../../node/models.js";
import { packageVersion } from "../../node/package-root.js";
import { UsageError, parseOptions, range, requireOptions } from "../args.js";
import type { Command } from "../command.js";
import { note } from "../console.js";
import { outputFolder } from "../output-paths.js";
import { scheduleOption } from "../schedule-option.js";
import { CLUSTER_SEED, GENE_WINDOW_KB, RESTARTS, THREADS, TRUNCATION } from "../ranges.js";

const spec = {
  results: { type: "string" },
  parts: { type: "string", multiple: true },
  gwas: { type: "string", multiple: true },
  genes: { type: "string" },
  "gene-window": { type: "number", ...GENE_WINDOW_KB, default: 0 },
  model: { type: "string", multiple: true },
  seed: { type: "number", ...CLUSTER_SEED, default: DEFAULT_SEED },
  restarts: { type: "number", ...RESTARTS, default: 25 },
  k: { type: "number", ...TRUNCATION, min: 2, default: 20 },
  threads: { type: "number", ...THREADS, default: 1 },
  schedule: { type: "string", default: "scalable" },
  "published-indexing": { type: "boolean" },
  quiet: { type: "boolean" },
} as const;

const read = async (source: string) => ({ text: await fileText(source), source });

export const command: Command = {
  name: "report",
  summary: "the report and run record of a genome-wide workflow, from its step outputs",
  options: spec,
  help: `Usage: mlmages report --results DIR --parts DIR... --gwas NAME=FILE... [--genes FILE] [options]

The last step of the genome-wide workflow (workflow/Snakefile). Reads the
chromosomes' parts (DIR/prepare.json of mlmages prepare, in the LD's order) and
the step outputs in the results folder: shrinkage/shrink_<trait>.tsv (mlmages
merge), clustering/<traits>.clusters.json and .labels.tsv (mlmages cluster
--run-layout), genes/enrich_<trait>.tsv (mlmages enrich --spectra) and
genes/<traits>/ (mlmages genes). Writes into the results folder what
\`mlmages run\` writes beside them: harmonisation.tsv (the chromosomes' counts
summed), figures/*.svg, report.html and run.json (inputs with SHA-256, settings,
warnings, the chromosomes' seconds per step). Give the settings the steps were
run with; they are listed in the report and run.json.

Options:
  --results DIR        the workflow's results folder.
  --parts DIR...       the chromosomes' mlmages prepare folders, in the LD's order.
  --gwas NAME=FILE...  the traits, as given to mlmages prepare.
  --genes FILE         the genes given to mlmages prepare (with the gene steps).
  --gene-window KB     their window, ${range(spec["gene-window"])} (default 0).
  --model FILE...      the ensemble given to mlmages prepare (default: the shipped one).
  --seed S             the clustering seed, ${range(spec.seed)} (default ${DEFAULT_SEED}).
  --restarts N         clustering restarts, ${range(spec.restarts)} (default 25).
  --k K                truncation of the mixture, ${range(spec.k)} (default 20).
  --threads N          threads of the clustering steps, ${range(spec.threads)} (default 1).
  --schedule S         clustering schedule: scalable (default) or published.
  --published-indexing the shrinkage looked up neighbours as published.
  --quiet              no message.
  -h, --help           this help.`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["results", "parts", "gwas"]);
    const dir = outputFolder(o.results);
    const named = o.gwas.map((g, i) => {
      const eq = g.indexOf("=");
      return eq > 0 ? { name: g.slice(0, eq), file: g.slice(eq + 1) } : { name: `T${i + 1}`, file: g };
    });
    for (const n of named) checkTraitName(n.name, n.file);
    const names = named.map((n) => n.name);
    const partFiles = o.parts.map((p) => join(p, "prepare.json"));
    const parts = await Promise.all(partFiles.map(async (f) => parsePart(await fileText(f), f)));
    const partNames = parts[0].harmonisation.traits.map((t) => t.name);
    if (partNames.join(",") !== names.join(",")) throw new UsageError(`--gwas names ${names.join(", ")} but ${partFiles[0]} was prepared for ${partNames.join(", ")}`);
    const settings: RunSettings = { seed: o.seed, restarts: o.restarts, K: o.k, threads: o.threads, publishedIndexing: Boolean(o["published-indexing"]), schedule: scheduleOption(o.schedule) };
    const { ensemble } = await loadModelFiles(o.model);

    const shrinkFiles = await Promise.all(names.map((n) => read(join(dir, "shrinkage", `shrink_${n}.tsv`))));
    const traits = shrinkFiles.map((f, i) => traitFromShrinkTable(names[i], f.text, f.source));
    const warnings = mergedInputWarnings(parts);
    let genes: { length: number } | undefined;
    if (o.genes) {
      const t = traits[0];
      const annotated = annotateGenes(await fileText(o.genes), o.genes, { source: shrinkFiles[0].source, n: t.beta.length, chr: Array.from(t.chroms!), pos: Float64Array.from(t.pos!) }, o["gene-window"]);
      if (annotated.dropped) warnings.push(genesDroppedWarning(o.genes, annotated.dropped, o["gene-window"]));
      genes = annotated.genes;
    }
    shrinkFiles.forEach((f, i) => {
      const w = rangeWarning(ensemble, named[i].file, seFromShrinkTable(f.text, f.source));
      if (w) warnings.push(w);
    });
    const clusterSet = async (set: string[]): Promise<ReportClusterSet> => {
      const label = jointSetName(set);
      const prefix = join(dir, "clustering", label);
      return clusterSetFromFiles(label, await read(`${prefix}.clusters.json`), await read(`${prefix}.labels.tsv`));
    };
    const clusters: ReportClusterSet[] = [];
    const geneTests: ReportGeneTests[] = [];
    for (const name of names) {
      const c = await clusterSet([name]);
      clusters.push(c);
      if (!genes) continue;
      if (smallEffectCluster(Array.from(c.pi)) >= c.K) {
        warnings.push(`gene test of ${name} skipped: its clustering found ${c.K} cluster(s), too few to pick a small-effect variance`);
        continue;
      }
      const f = await read(join(dir, "genes", `enrich_${name}.tsv`));
      geneTests.push(geneTestsFromTable(name, f.text, f.source));
    }
    const geneLevel: ReportGeneLevel[] = [];
    for (const set of jointSets(names)) {
      clusters.push(await clusterSet(set));
      if (!genes) continue;
      const label = jointSetName(set);
      const tables = new Map<string, { text: string; source: string }>();
      for (const t of ["gene_cluster_fractions.tsv", "association_types.tsv", "gene_type_scores.tsv"]) tables.set(t, await read(join(dir, "genes", label, t)));
      geneLevel.push(geneLevelFromTables(label, set, tables));
    }
    const counts = mergedCounts(parts, partFiles);
    const report = renderReport({
      traits,
      clusters,
      geneTests,
      geneLevel,
      settings: reportSettings({ ldBlocks: { length: parts.reduce((s, p) => s + p.ldBlocks, 0) }, genes, models: ensemble }, settings),
      warnings,
      harmonisation: counts,
      note: `mlmages ${packageVersion()}`,
    });
    await writeFileAtomic(join(dir, "harmonisation.tsv"), harmonisationTsv(counts));
    for (const [name, svg] of report.figures) await writeFileAtomic(join(dir, "figures", name), svg);
    await writeFileAtomic(join(dir, "report.html"), report.html);
    const h = parts[0].harmonisation;
    const steps = parts.flatMap((p) => p.steps);
    const record = runRecordJson({
      mlmages: packageVersion(),
      command: ["mlmages", "report", ...argv],
      settings: { ...recordedSettings(settings), matchBy: h.matchBy, palindromic: h.palindromic, minMatch: h.minMatch },
      traits: named,
      inputs: mergedInputs(parts),
      steps,
      seconds: steps.reduce((s, x) => s + x.seconds, 0),
      warnings,
      harmonisation: { reference: mergedReference(parts), allelesChecked: parts.every((p) => p.harmonisation.allelesChecked), traits: countsRecord(counts) },
    });
    await writeFileAtomic(join(dir, "run.json"), record);
    if (!o.quiet) note(`wrote ${join(dir, "report.html")}, figures/, harmonisation.tsv and run.json`);
    return 0;
  },
};
