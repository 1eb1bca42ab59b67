// Clustering of variants' shrunk effects (one trait or several jointly) into
// an unknown number of zero-mean Gaussian components: ML-MAGES step 2.
// Zero thresholding, scaling by 1 / mean(sd) over traits, seeded restarts of
// the variational stick-breaking mixture (run by a pluggable strategy), the
// majority K̂ and lowest BIC, labels and posterior probabilities per variant,
// and Σ scaled back to the effects' units.
// see: Liu, Crawford & Ramachandran (RECOMB 2025), ML-MAGES "Clustering";
//      ML-MAGES mlmages/cluster_shrinkage.py and _cls_funcs.py infmix_clustering.
import { InputError } from "../errors.js";
import * as dmath from "../math.js";
import type { Core } from "../wasm/core.js";
import { getCore } from "../wasm/instance.js";
import {
  assignLabels,
  kernelData,
  posteriorProbabilities,
  runRestartsWith,
  type RestartJob,
  type RestartResult,
  type RestartRunner,
} from "./restart.js";
import { restartStarts } from "./init.js";
import { chooseRestart } from "./select.js";
import { chooseRefined, refinementCandidates, refinementJob, subsampleJob, subsampled, SUBSAMPLE, type Schedule } from "./schedule.js";
import { adjustZeroCutoff, defaultMaxNonzero, nonzeroRows } from "./threshold.js";

/** Fewer variants above the zero cutoff than this cannot be clustered (nor, jointly, fewer in any one trait). */
export const MIN_CLUSTERED = 10;

/** A trait whose clustered effects' standard deviation is below this fraction of their root mean square has none that differ. */
const IDENTICAL = 1e-9;

/**
 * A fitted component whose variance tr Σ_k is below this fraction of the
 * smallest clustered |x|² holds none of the clustered variants (each would lie
 * more than 1000 standard deviations out): it is the prior's alone, and dropped.
 */
export const VARIANCE_FLOOR = 1e-6;

/** The seed used when none is given. */
export const DEFAULT_SEED = 1;

export interface ClusterOptions {
  /** Truncation level of the stick-breaking mixture (default 20). */
  K?: number;
  /** Random restarts (default 25). */
  restarts?: number;
  /**
   * Seed of the restarts' starts (default 1), as np.random.seed(seed) before the
   * published clustering: the restarts draw their starts one after another from that stream.
   */
  seed?: number;
  /** Most variants to cluster: undefined or 0 = n/5 above 15,000 variants else n/3; negative = all. */
  maxNonzero?: number;
  /** Stick concentration α (default 0.5). */
  alpha?: number;
  /** Convergence tolerance on the ELBO (default 1e-3). */
  epsilon?: number;
  /** Iteration limit per restart (default 1000). */
  maxIter?: number;
  /** Trait names (default T1..Tp). */
  names?: string[];
  /** Where each trait's effects came from, for error messages. */
  sources?: string[];
  /** Keep every restart's ELBO per iteration. */
  traceElbo?: boolean;
  /** Hears the number of restarts ended so far, and their total, as each ends. */
  onRestart?: (done: number, total: number) => void;
  /** How restarts run (default: serially on this thread's core). */
  runRestarts?: RestartRunner;
  /** Restart schedule (default scalable: see schedule.ts; published: every restart on every variant). */
  schedule?: Schedule;
}

export interface RestartSummary {
  K: number;
  bic: number;
  elbo: number;
  iterations: number;
  elboTrace?: number[];
}

export interface ClusterResult {
  traits: string[];
  /** Number of clusters. */
  K: number;
  /** Cluster weights, ordered by tr Σ descending. */
  pi: number[];
  /** Cluster covariances (K x p x p) in the effects' units. */
  sigma: number[][][];
  zeroCutoff: number;
  /** Variants clustered (any trait's |effect| above the cutoff). */
  nNonzero: number;
  /** ELBO and BIC (on the scaled data, as published) of the chosen restart. */
  elbo: number;
  bic: number;
  seed: number;
  /** The chosen restart's index. */
  restart: number;
  /** 1 / mean over traits of the clustered effects' standard deviations. */
  scale: number;
  /** Per variant: its cluster (0-based), −1 when thresholded to zero. */
  labels: Int32Array;
  /** Per variant (n x K row-major): posterior cluster probabilities, 0 when thresholded. */
  posterior: Float64Array;
  restarts: RestartSummary[];
  /** The schedule that ran: its name, and when subsampled the subsample's size and the restarts refined on all variants. */
  schedule: { name: Schedule; subsample?: number; refined?: number[] };
}

interface Prepared {
  job: RestartJob;
  rows: Int32Array;
  n: number;
  traits: string[];
  zeroCutoff: number;
  scale: number;
  restarts: number;
  schedule: Schedule;
}

/** Wishart prior degrees of freedom: the published 5, raised to p past 5 traits so the prior stays proper. */
export function priorDegrees(p: number): number {
  return Math.max(5, p);
}

function prepare(effects: Float64Array[], o: ClusterOptions): Prepared {
  const p = effects.length;
  if (p === 0) throw new Error("mlmages: cluster needs the effects of at least one trait");
  const sources = o.sources ?? effects.map((_, t) => `trait ${t + 1}`);
  const traits = o.names ?? effects.map((_, t) => `T${t + 1}`);
  if (traits.length !== p) throw new Error(`mlmages: ${traits.length} trait names for ${p} traits`);
  const n = effects[0].length;
  effects.forEach((e, t) => {
    if (e.length !== n) throw InputError.mismatch(`${sources[0]}, ${sources[t]}`, `${sources[0]} has ${n} effects but ${sources[t]} has ${e.length}`);
    const bad = e.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new InputError({ file: sources[t] }, `effect ${bad + 1} is ${e[bad]}, not a finite number`);
  });
  let maxNonzero = o.maxNonzero ?? 0;
  if (maxNonzero === 0) maxNonzero = defaultMaxNonzero(n);
  else if (maxNonzero < 0) maxNonzero = n;
  const { cutoff } = adjustZeroCutoff(effects, maxNonzero);
  const { rows, x } = nonzeroRows(effects, cutoff);
  const nz = rows.length;
  if (nz < MIN_CLUSTERED) {
    throw InputError.mismatch(sources.join(", "), `only ${nz} of ${n} variants in ${sources.join(", ")} have an effect above the zero cutoff ${cutoff}; clustering needs at least ${MIN_CLUSTERED}`);
  }
  if (p > 1) checkEachTrait(x, nz, p, cutoff, sources, traits);
  let sdSum = 0;
  let identical = true;
  for (let t = 0; t < p; t++) {
    let mean = 0;
    let squares = 0;
    for (let v = 0; v < nz; v++) {
      mean += x[v * p + t];
      squares += x[v * p + t] ** 2;
    }
    mean /= nz;
    let ss = 0;
    for (let v = 0; v < nz; v++) ss += (x[v * p + t] - mean) ** 2;
    const sd = Math.sqrt(ss / nz);
    if (sd > IDENTICAL * Math.sqrt(squares / nz)) identical = false;
    sdSum += sd;
  }
  if (identical) {
    const value = Array.from(x.subarray(0, p)).join(", ");
    throw InputError.mismatch(
      sources.join(", "),
      `all ${nz} variants clustered in ${sources.join(", ")} have the same effect (${value}): there is nothing to cluster (the mixture needs effects that vary)`,
    );
  }
  const scale = p / sdSum;
  let smallest = Infinity;
  for (let v = 0; v < nz; v++) {
    let norm = 0;
    for (let t = 0; t < p; t++) {
      x[v * p + t] *= scale;
      norm += x[v * p + t] ** 2;
    }
    smallest = Math.min(smallest, norm);
  }
  const seed = o.seed ?? DEFAULT_SEED;
  const K = o.K ?? 20;
  const restarts = o.restarts ?? 25;
  const job: RestartJob = {
    x,
    n: nz,
    p,
    seed,
    starts: restartStarts(p, K, seed, restarts),
    K,
    alpha: o.alpha ?? 0.5,
    nu0: priorDegrees(p),
    epsilon: o.epsilon ?? 1e-3,
    maxIter: o.maxIter ?? 1000,
    traceElbo: o.traceElbo,
    varianceFloor: VARIANCE_FLOOR * smallest,
  };
  return { job, rows, n, traits, zeroCutoff: cutoff, scale, restarts, schedule: o.schedule ?? "scalable" };
}

/** In a joint clustering, every trait needs MIN_CLUSTERED effects above the cutoff among the clustered variants. */
function checkEachTrait(x: Float64Array, nz: number, p: number, cutoff: number, sources: string[], traits: string[]): void {
  for (let t = 0; t < p; t++) {
    let count = 0;
    for (let v = 0; v < nz; v++) if (x[v * p + t] !== 0) count++;
    if (count < MIN_CLUSTERED) {
      throw new InputError(
        { file: sources[t] },
        `only ${count} effect${count === 1 ? "" : "s"} of trait ${traits[t]} ${count === 1 ? "is" : "are"} above the zero cutoff ${cutoff}; a joint clustering needs at least ${MIN_CLUSTERED} in every trait (cluster the others without it)`,
      );
    }
  }
}

/** The result of the chosen run: labels and posteriors of every variant; `results` are the restarts' summaries. */
function finish(core: Core, prep: Prepared, best: RestartResult, results: RestartResult[], schedule: ClusterResult["schedule"]): ClusterResult {
  const { job, rows, n, scale } = prep;
  const p = job.p;
  const ordered = [...results].sort((a, b) => a.index - b.index);
  const K = best.K;
  const labels = new Int32Array(n).fill(-1);
  const posterior = new Float64Array(n * K);
  core.scoped((s) => {
    const data = kernelData(s, job.x, job.n, p);
    const hard = assignLabels(s, data, best.sigma, new Float64Array(K)).labels;
    const post = posteriorProbabilities(s, data, best.sigma, best.pi.map((x) => dmath.log(x)));
    rows.forEach((v, i) => {
      labels[v] = hard[i];
      for (let k = 0; k < K; k++) posterior[v * K + k] = post[k * job.n + i];
    });
  });
  const s2 = scale * scale;
  const sigma = Array.from({ length: K }, (_, k) =>
    Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => best.sigma[k * p * p + i * p + j] / s2)),
  );
  return {
    traits: prep.traits,
    K,
    pi: best.pi,
    sigma,
    zeroCutoff: prep.zeroCutoff,
    nNonzero: job.n,
    elbo: best.elbo,
    bic: best.bic,
    seed: job.seed,
    restart: best.index,
    scale,
    labels,
    posterior,
    restarts: ordered.map((r) => ({ K: r.K, bic: r.bic, elbo: r.elbo, iterations: r.iterations, elboTrace: r.elboTrace })),
    schedule,
  };
}

function allRestarts(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

/** A runner's onResult that tells `onRestart` how many of `total` restarts have ended. */
function restartCounter(onRestart: ClusterOptions["onRestart"], total: number): (() => void) | undefined {
  let done = 0;
  return onRestart && (() => onRestart(++done, total));
}

function allOf(job: RestartJob): number[] {
  return allRestarts(job.starts.length);
}

/** The published schedule's result: the chosen restart among all. */
function finishAll(core: Core, prep: Prepared, results: RestartResult[]): ClusterResult {
  return finish(core, prep, chooseRestart([...results].sort((a, b) => a.index - b.index)), results, { name: prep.schedule });
}

/** The scalable schedule's result: the chosen refinement of the subsample restarts' candidates (the restarts' summaries are the subsample's). */
function finishRefined(core: Core, prep: Prepared, onSubsample: RestartResult[], candidates: RestartResult[], refined: RestartResult[]): ClusterResult {
  return finish(core, prep, chooseRefined(candidates, refined), onSubsample, { name: prep.schedule, subsample: SUBSAMPLE, refined: candidates.map((c) => c.index) });
}

/** Clusters effects (one Float64Array per trait, same variants) on a given core, restarts serially. */
export function clusterWith(core: Core, effects: Float64Array[], opts: ClusterOptions = {}): ClusterResult {
  const prep = prepare(effects, opts);
  const counter = restartCounter(opts.onRestart, prep.restarts);
  if (!subsampled(prep.schedule, prep.job.n)) return finishAll(core, prep, runRestartsWith(core, prep.job, allOf(prep.job), counter));
  const sub = subsampleJob(prep.job);
  const onSubsample = runRestartsWith(core, sub, allOf(sub), counter);
  const candidates = refinementCandidates(onSubsample);
  const refine = core.scoped((s) => refinementJob(s, prep.job, candidates));
  return finishRefined(core, prep, onSubsample, candidates, runRestartsWith(core, refine, allOf(refine)));
}

/** Clusters effects; restarts run through `opts.runRestarts` when given (e.g. on worker threads). */
export async function cluster(effects: Float64Array[], opts: ClusterOptions = {}): Promise<ClusterResult> {
  const prep = prepare(effects, opts);
  const core = await getCore();
  const run: RestartRunner = opts.runRestarts ?? (async (job, idx, onResult) => runRestartsWith(core, job, idx, onResult));
  const counter = restartCounter(opts.onRestart, prep.restarts);
  if (!subsampled(prep.schedule, prep.job.n)) return finishAll(core, prep, await run(prep.job, allOf(prep.job), counter));
  const sub = subsampleJob(prep.job);
  const onSubsample = await run(sub, allOf(sub), counter);
  const candidates = refinementCandidates(onSubsample);
  const refine = core.scoped((s) => refinementJob(s, prep.job, candidates));
  return finishRefined(core, prep, onSubsample, candidates, await run(refine, allOf(refine)));
}
