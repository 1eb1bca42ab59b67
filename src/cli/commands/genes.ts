// mlmages genes: the multi-trait gene level of a joint clustering.
import { join } from "node:path";
import { InputError } from "../../core/errors.js";
import { parseClustersJson, parseLabels, parsePublishedSigma } from "../../core/genelevel/cluster-files.js";
import { DEFAULT_SHARE_RATIO } from "../../core/genelevel/patterns.js";
import { geneLevel } from "../../core/genelevel/gene-level.js";
import { geneLevelTables, traitSetName } from "../../core/genelevel/tables.js";
import { readEffectsFile } from "../../node/effects.js";
import { writeFileAtomic } from "../../node/files.js";
import { genesForEffects } from "../../node/gene-annotation.js";
import { ensureReadable, readTextFile } from "../../node/ld-files.js";
import { UsageError, parseOptions, range, requireOptions } from "../args.js";
import { checkTraitName } from "../../core/trait-name.js";
import type { Command } from "../command.js";
import { outputFolder } from "../output-paths.js";
import { note } from "../console.js";
import { GENE_WINDOW_KB } from "../ranges.js";

const spec = {
  effects: { type: "string", multiple: true },
  clusters: { type: "string" },
  genes: { type: "string" },
  out: { type: "string" },
  gwas: { type: "string" },
  "gene-window": { type: "number", ...GENE_WINDOW_KB, default: 0 },
  "share-ratio": { type: "number", min: 1, max: 1e6, default: DEFAULT_SHARE_RATIO },
  names: { type: "string" },
  quiet: { type: "boolean" },
} as const;

interface Clustering {
  traits: string[] | null;
  sigma: number[][][];
  labels: Int32Array;
  clustersFile: string;
  labelsFile: string;
}

async function exists(path: string): Promise<boolean> {
  return ensureReadable(path).then(
    () => true,
    () => false,
  );
}

/** The clustering from PREFIX.clusters.json, PREFIX.labels.tsv, PREFIX of both, or a published PREFIX (_Sigma.txt, _cls.txt). */
async function readClustering(arg: string): Promise<Clustering> {
  let prefix: string | null = null;
  if (arg.endsWith(".clusters.json")) prefix = arg.slice(0, -".clusters.json".length);
  else if (arg.endsWith(".labels.tsv")) prefix = arg.slice(0, -".labels.tsv".length);
  else if (await exists(`${arg}.clusters.json`)) prefix = arg;
  if (prefix !== null) {
    const clustersFile = `${prefix}.clusters.json`;
    const labelsFile = `${prefix}.labels.tsv`;
    if (!(await exists(clustersFile)) || !(await exists(labelsFile))) {
      throw new InputError({ file: arg }, `the gene level needs both ${clustersFile} and ${labelsFile} (mlmages cluster writes them side by side)`);
    }
    const { traits, sigma } = parseClustersJson(await readTextFile(clustersFile), clustersFile);
    return { traits, sigma, labels: parseLabels(await readTextFile(labelsFile), labelsFile), clustersFile, labelsFile };
  }
  const clustersFile = `${arg}_Sigma.txt`;
  const labelsFile = `${arg}_cls.txt`;
  if (await exists(clustersFile)) {
    return { traits: null, sigma: parsePublishedSigma(await readTextFile(clustersFile), clustersFile), labels: parseLabels(await readTextFile(labelsFile), labelsFile), clustersFile, labelsFile };
  }
  throw new UsageError(`--clusters ${arg}: expected PREFIX.clusters.json or PREFIX.labels.tsv of mlmages cluster, or the published PREFIX of PREFIX_Sigma.txt and PREFIX_cls.txt`);
}

export const command: Command = {
  name: "genes",
  summary: "multi-trait gene level: cluster fractions, effect products and association types per gene",
  options: spec,
  help: `Usage: mlmages genes --effects FILE... --clusters FILE --genes FILE --out DIR [options]

The gene level of a joint clustering (ML-MAGES step 4). Per gene: the fraction
of its variants in each cluster; Σ βᵢβⱼ and Σ |βᵢ||βⱼ| over its variants in each
cluster, divided by its variant count, for every trait pair i ≤ j. Per cluster:
its association pattern, the traits carrying a non-negligible share of its
variance (a trait whose extent max_k λ_k |v_k[t]| is at least 1/R of the largest,
λ_k, v_k the eigenpairs of the cluster's Σ). Per pattern: each gene's score,
Σ |β_t| over its variants in the pattern's clusters and the pattern's traits.

Options:
  --effects FILE...   shrunk effects, one file per trait in the clustering's order:
                      a shrink table (BETA_SHRINK) or one number a line.
  --clusters FILE     the joint clustering: PREFIX.clusters.json or PREFIX.labels.tsv
                      of mlmages cluster (both files are read), or the published
                      PREFIX (PREFIX_Sigma.txt, PREFIX_cls.txt).
  --genes FILE        the published gene table (GENE, CHR, N_SNPS, start_idx_chr), or a
                      location file mapped onto the variants' CHR and POS: MAGMA
                      gene.loc, BED, or a table with GENE, CHR, START, END.
  --gwas FILE         CHR and POS of the variants, for a location file (default: the
                      first --effects file, when it is a shrink table with CHR and POS).
  --gene-window KB    a gene also takes the variants within KB kilobases of its ends
                      (location files only), ${range(spec["gene-window"])} (default 0).
  --share-ratio R     a trait is in a cluster's pattern when its extent is at least
                      1/R of the largest, ${range(spec["share-ratio"])} (default ${DEFAULT_SHARE_RATIO}, the published ratio).
  --names T1,T2       trait names (default: the clustering's, else T1, T2, ...).
  --out DIR           writes gene_cluster_fractions.tsv (GENE, CHR, N_SNPS, zero,
                      c1..cK), gene_bprod.tsv and gene_bprodabs.tsv (GENE, TixTj_ck),
                      association_types.tsv (CLUSTER, PATTERN, TRAITS, N_VARIANTS,
                      SHARE_<trait>...) and gene_type_scores.tsv (GENE, one column per
                      pattern).
  --quiet             no progress messages.
  -h, --help          this help.`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["effects", "clusters", "genes", "out"]);
    const out = outputFolder(o.out);
    const clustering = await readClustering(o.clusters!);
    const p = clustering.sigma[0].length;
    if (o.effects.length !== p) {
      throw InputError.mismatch(clustering.clustersFile, `${clustering.clustersFile}: the clustering has ${p} traits, but ${o.effects.length} --effects files were given`);
    }
    const names = o.names?.split(",").map((s) => s.trim()) ?? clustering.traits ?? Array.from({ length: p }, (_, t) => `T${t + 1}`);
    if (names.length !== p) throw new UsageError(`--names gives ${names.length} names for ${p} traits`);
    for (const n of names) checkTraitName(n, o.names ? "--names" : clustering.clustersFile);
    const effects = await Promise.all(o.effects.map(readEffectsFile));
    const annotation = await genesForEffects(o.genes!, o.effects[0], effects[0].length, o.gwas, o["gene-window"]);
    const res = geneLevel({
      traits: names,
      effects,
      labels: clustering.labels,
      sigma: clustering.sigma,
      genes: annotation.genes,
      shareRatio: o["share-ratio"],
      sources: { effects: o.effects, labels: clustering.labelsFile, clusters: clustering.clustersFile, genes: o.genes },
    });
    for (const [name, table] of geneLevelTables(res)) await writeFileAtomic(join(out, name), table);
    if (!o.quiet) {
      const dropped = annotation.dropped ? ` (${annotation.dropped} genes of ${o.genes} have no variant and are left out)` : "";
      note(`${res.genes.length} genes${dropped}, ${res.K} clusters; association types: ${res.types.map((t) => `${traitSetName(names, t.traits)} (clusters ${t.clusters.map((k) => k + 1).join(",")})`).join("; ")}`);
      note(`wrote ${out}`);
    }
    return 0;
  },
};
