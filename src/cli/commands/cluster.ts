// mlmages cluster: groups variants' shrunk effects (one trait, or several
// jointly) into zero-mean Gaussian clusters (ML-MAGES step 2).
import { cluster, DEFAULT_SEED } from "../../core/cluster/cluster.js";
import { parseEffects } from "../../core/cluster/effects-file.js";
import { clustersJson, labelsTsv } from "../../core/cluster/output.js";
import { withIdentityColumnsOf } from "../../core/output/variant-columns.js";
import { threadedRestarts } from "../../node/cluster-workers.js";
import { fileBytes, writeFileAtomic } from "../../node/files.js";
import { parseOptions, range, requireOptions, UsageError } from "../args.js";
import { checkTraitName } from "../../core/trait-name.js";
import type { Command } from "../command.js";
import { checkOutputFiles, nonEmptyOut } from "../output-paths.js";
import { scheduleOption } from "../schedule-option.js";
import { endSteps, note, step, stepCount } from "../console.js";
import { CLUSTER_SEED, RESTARTS, THREADS, TRUNCATION } from "../ranges.js";

const spec = {
  effects: { type: "string", multiple: true },
  out: { type: "string" },
  k: { type: "number", ...TRUNCATION, default: 20 },
  restarts: { type: "number", ...RESTARTS, default: 25 },
  seed: { type: "number", ...CLUSTER_SEED, default: DEFAULT_SEED },
  "max-nonzero": { type: "number", integer: true, min: -1, max: 1e9 },
  threads: { type: "number", ...THREADS, default: 1 },
  schedule: { type: "string", default: "scalable" },
  names: { type: "string" },
  "run-layout": { type: "boolean" },
  quiet: { type: "boolean" },
} as const;

export const command: Command = {
  name: "cluster",
  summary: "cluster shrunk effects (one or more traits) with an infinite Gaussian mixture",
  options: spec,
  help: `Usage: mlmages cluster --effects FILE... --out PREFIX [options]

Groups variants by their shrunk effects, for one trait or jointly across traits,
into zero-mean Gaussian clusters with a truncated stick-breaking (Dirichlet-
process) mixture fitted by variational inference (ML-MAGES step 2). Effects at or
below a zero cutoff (chosen as the published tool does) are left out (label -1).

Options:
  --effects FILE...  one file per trait, same variants in the same order: a shrink
                     table (TSV with a header line; its BETA_SHRINK column is used)
                     or one number a line.
  --out PREFIX       writes PREFIX.clusters.json (traits, K, pi, sigma, zero_cutoff,
                     n_nonzero, elbo, bic, seed, seconds) and PREFIX.labels.tsv
                     (CLUSTER, -1 when thresholded, then P1..PK, the posterior
                     probability of each cluster).
  --k N              truncation level of the mixture, ${range(spec.k)} (default 20).
  --restarts N       random restarts, ${range(spec.restarts)} (default 25); the most frequent
                     number of clusters wins, then the lowest BIC.
  --seed S           seed of the restarts, ${range(spec.seed)} (default ${DEFAULT_SEED}), as
                     np.random.seed(S) before the published code: the same starts,
                     so the same result.
  --max-nonzero N    at most N variants clustered, ${range(spec["max-nonzero"])} and below the
                     number of variants (default, or 0: n/5 above 15,000 variants,
                     else n/3; -1: no limit).
  --schedule S       restart schedule: scalable (default: past 1000 clustered
                     variants every restart runs on a 500-variant subsample, then
                     continues on all variants for at most 20 iterations, and the
                     run is chosen as published; at or below 1000, exactly the
                     published schedule) or published (every restart on every
                     variant); see docs/clustering.md.
  --threads N        run restarts on N threads: this one and N - 1 workers,
                     ${range(spec.threads)} (default 1; same result).
  --names T1,T2      trait names (default T1, T2, ...).
  --run-layout       write the files as \`mlmages run\` does: no seconds in the
                     JSON, and the labels led by the variants' identity columns
                     (those before BETA in the first --effects shrink table).
  --quiet            no progress messages.
  -h, --help         this help.`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["effects", "out"]);
    const prefix = nonEmptyOut(o.out);
    checkOutputFiles([`${prefix}.clusters.json`, `${prefix}.labels.tsv`], o.effects);
    const names = o.names?.split(",").map((s) => s.trim());
    for (const n of names ?? []) checkTraitName(n, "--names");
    if (names && names.length !== o.effects.length) throw new UsageError(`--names gives ${names.length} names for ${o.effects.length} --effects files`);
    const texts = await Promise.all(o.effects.map(async (f) => new TextDecoder().decode(await fileBytes(f))));
    const effects = texts.map((text, i) => parseEffects(text, o.effects[i]));
    const maxNonzero = o["max-nonzero"];
    if (maxNonzero !== undefined && maxNonzero >= effects[0].length) {
      throw new UsageError(`--max-nonzero must be less than the number of variants (${effects[0].length})`);
    }
    const schedule = scheduleOption(o.schedule);
    const t0 = performance.now();
    if (!o.quiet) step(`clustering ${effects[0].length} variants, ${effects.length} trait(s)`);
    const res = await cluster(effects, {
      K: o.k,
      restarts: o.restarts,
      seed: o.seed,
      maxNonzero,
      schedule,
      names,
      sources: o.effects,
      runRestarts: o.threads > 1 ? threadedRestarts(o.threads) : undefined,
      onRestart: o.quiet ? undefined : (done, total) => stepCount(`clustering ${effects[0].length} variants, ${effects.length} trait(s)`, done, total, "restarts"),
    });
    endSteps();
    const seconds = (performance.now() - t0) / 1000;
    // --run-layout: as `mlmages run` writes them (times left out, the variants' identity leading the labels)
    await writeFileAtomic(`${prefix}.clusters.json`, clustersJson(res, o["run-layout"] ? undefined : seconds));
    await writeFileAtomic(`${prefix}.labels.tsv`, o["run-layout"] ? withIdentityColumnsOf(texts[0], o.effects[0], labelsTsv(res)) : labelsTsv(res));
    if (!o.quiet) {
      note(`${res.nNonzero} of ${res.labels.length} variants above the zero cutoff ${res.zeroCutoff}; K = ${res.K} (${seconds.toFixed(2)} s)`);
      note(`wrote ${prefix}.clusters.json and ${prefix}.labels.tsv`);
    }
    return 0;
  },
};
