// Training an ensemble of ML-MAGES networks: per member, PyTorch-style
// initialisation, Adam on shuffled mini-batches of the weighted MSE plus the
// L2 term, and early stopping on the validation loss keeping the best epoch.
// Everything random comes from seeded uniform sources, and the kernels are
// single-threaded float32, so a seed gives bit-identical weights.
// see: ML-MAGES train_model.py (train_model) and _train_funcs.py.
import type { Ensemble, ModelUnits, TrainingRange } from "../types.js";
import type { Core, Scope } from "../wasm/core.js";
import { seededUniform } from "../random.js";
import { getCore } from "../wasm/instance.js";
import { parameterLayout, publishedArchitecture, type Architecture, type ParameterLayout } from "./architecture.js";
import { EarlyStopper } from "./early-stopping.js";
import { initParameters, type Uniform } from "./init.js";
import { shuffle, splitSamples, type Samples } from "./samples.js";
import { deriveSeed } from "./seeds.js";
import { snapshotNetwork, TrainableNetwork, type Snapshot } from "./trainable.js";

/** Samples per eval-mode chunk when computing the validation loss. */
const EVAL_CHUNK = 1024;

export interface TrainOptions {
  /** All samples; a random `valFraction` of them is held out for validation unless `validation` is given. */
  samples: Samples;
  /** An explicit validation set (then `samples` are all used for training). */
  validation?: Samples;
  /** Number of top-LD neighbours r (input width 2r + 3). */
  topR: number;
  /** The units the samples were built in (`simulatedSamples`), recorded in the ensemble; absent: as given. */
  units?: ModelUnits;
  /** The training data's range recorded in the ensemble (default: the samples' median SE range). */
  trainingRange?: TrainingRange;
  /** Hidden layers of the published architecture (default 2). */
  layers?: number;
  /** Another architecture than the published one for `layers` (its inDim must be 2r + 3). */
  architecture?: Architecture;
  /** Ensemble members (default 10). */
  members?: number;
  /** Seed of everything random (default 0). */
  seed?: number;
  /** Makes the seeded uniform [0, 1) source of a stream (default: the project's PRNG, `seededUniform`). */
  random?: (seed: number) => Uniform;
  /** Maximum epochs (default 500). */
  epochs?: number;
  /** Mini-batch size (default 100). */
  batch?: number;
  /** Adam learning rate (default 1e-4). */
  lr?: number;
  /** reg_lambda of the L2 term (default 1e-5). */
  l2?: number;
  /** Loss weight of samples with a non-zero true effect (default 2). */
  nzWeight?: number;
  /** Early-stopping patience in epochs (default 10). */
  patience?: number;
  /** Early-stopping tolerance (default 1e-9). */
  minDelta?: number;
  /** Validation fraction when `validation` is not given (default 0.2). */
  valFraction?: number;
  /** Called after every epoch of every member. */
  onEpoch?: (p: EpochProgress) => void;
}

export interface EpochProgress {
  /** Member index (0-based) and count. */
  member: number;
  members: number;
  /** Epoch index (0-based) and the maximum. */
  epoch: number;
  epochs: number;
  /** Mean weighted MSE of the epoch's mini-batches (training mode). */
  trainLoss: number;
  /** Weighted MSE on the validation set (eval mode), the early-stopping criterion. */
  valLoss: number;
  /** The L2 term at the epoch's last mini-batch. */
  regLoss: number;
  /** Best epoch so far. */
  bestEpoch: number;
}

export interface MemberResult {
  seed: number;
  bestEpoch: number;
  bestValLoss: number;
  /** Epochs run (early stopping may end before the maximum). */
  epochsRun: number;
  history: { trainLoss: number; valLoss: number; regLoss: number }[];
}

export interface TrainResult {
  ensemble: Ensemble;
  members: MemberResult[];
  /** The settings that made the ensemble, for the model file's metadata. */
  recipe: Record<string, unknown>;
}

type Settings = Required<Omit<TrainOptions, "samples" | "validation" | "architecture" | "onEpoch" | "layers" | "units" | "trainingRange">> & {
  architecture: Architecture;
  layers: number;
};

function settings(o: TrainOptions): Settings {
  const layers = o.layers ?? o.architecture?.widths.length ?? 2;
  const architecture = o.architecture ?? publishedArchitecture(o.topR, layers);
  const s: Settings = {
    topR: o.topR,
    layers,
    architecture,
    members: o.members ?? 10,
    seed: o.seed ?? 0,
    random: o.random ?? seededUniform,
    epochs: o.epochs ?? 500,
    batch: o.batch ?? 100,
    lr: o.lr ?? 1e-4,
    l2: o.l2 ?? 1e-5,
    nzWeight: o.nzWeight ?? 2,
    patience: o.patience ?? 10,
    minDelta: o.minDelta ?? 1e-9,
    valFraction: o.valFraction ?? 0.2,
  };
  const whole = (name: string, v: number, min: number): void => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be a whole number of at least ${min}, not ${v}`);
  };
  whole("members", s.members, 1);
  whole("epochs", s.epochs, 1);
  whole("batch", s.batch, 2);
  whole("patience", s.patience, 1);
  if (!(s.lr > 0)) throw new RangeError(`the learning rate must be positive, not ${s.lr}`);
  if (!(s.l2 >= 0)) throw new RangeError(`the L2 weight must be at least 0, not ${s.l2}`);
  if (!(s.nzWeight > 0)) throw new RangeError(`the non-zero weight must be positive, not ${s.nzWeight}`);
  if (architecture.inDim !== 2 * o.topR + 3) throw new RangeError(`the architecture takes ${architecture.inDim} features but r = ${o.topR} gives ${2 * o.topR + 3}`);
  return s;
}

/** Samples copied into WASM memory for one training run. */
interface Resident {
  n: number;
  rows: number;
  target: number;
}

function resident(scope: Scope, s: Samples): Resident {
  return { n: s.n, rows: scope.f32From(s.x).ptr, target: scope.f32From(s.y).ptr };
}

interface GatherKernel {
  gatherBatch(rows: number, width: number, target: number, idx: number, nb: number, x: number, y: number): void;
}

/** Trains an ensemble on a given core (synchronous). */
export function trainWith(core: Core, opts: TrainOptions): TrainResult {
  const s = settings(opts);
  if (opts.samples.width !== s.architecture.inDim) throw new RangeError(`the samples have ${opts.samples.width} features but the network takes ${s.architecture.inDim}`);
  const { train, val } = opts.validation
    ? { train: opts.samples, val: opts.validation }
    : splitSamples(opts.samples, s.valFraction, s.random(deriveSeed(s.seed, 0)));
  if (train.n < 2) throw new RangeError(`training needs at least 2 samples, not ${train.n}`);
  if (val.n < 1 || val.width !== train.width) throw new RangeError("the validation set is empty or has another feature width");
  const layout = parameterLayout(s.architecture);
  const results: MemberResult[] = [];
  const members = core.scoped((scope) => {
    const tr = resident(scope, train);
    const va = resident(scope, val);
    const nets = [];
    for (let m = 0; m < s.members; m++) {
      const seed = deriveSeed(s.seed, 1, m);
      const { snapshot, result } = core.scoped((ms) => trainMember(ms, layout, tr, va, train.width, s, m, seed, opts.onEpoch));
      results.push(result);
      nets.push(snapshotNetwork(layout, snapshot, s.topR));
    }
    return nets;
  });
  const range = opts.trainingRange ?? (opts.samples.medianSe ? { medianSe: opts.samples.medianSe } : undefined);
  const ensemble: Ensemble = {
    topR: s.topR,
    hiddenLayers: s.architecture.widths.length,
    members,
    sources: results.map((r, i) => `trained member ${i} (seed ${r.seed}, epoch ${r.bestEpoch})`),
    ...(opts.units ? { units: opts.units } : {}),
    ...(range ? { trainingRange: range } : {}),
  };
  const recipe = {
    trainer: "mlmages train",
    units: opts.units ?? "as-given",
    topR: s.topR,
    hiddenLayers: s.architecture.widths.length,
    widths: s.architecture.widths,
    dropout: s.architecture.dropout,
    members: s.members,
    seed: s.seed,
    memberSeeds: results.map((r) => r.seed),
    maxEpochs: s.epochs,
    batch: s.batch,
    optimizer: { name: "adam", lr: s.lr, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
    l2: s.l2,
    nzWeight: s.nzWeight,
    earlyStopping: { patience: s.patience, minDelta: s.minDelta, criterion: "validation weighted MSE, eval mode" },
    validation: opts.validation ? "given" : { fraction: s.valFraction },
    nTrain: train.n,
    nVal: val.n,
    bestEpochs: results.map((r) => r.bestEpoch),
    bestValLosses: results.map((r) => r.bestValLoss),
  };
  return { ensemble, members: results, recipe };
}

/** Trains an ensemble on this thread's core: `await train({ samples, topR, ... })`. */
export async function train(opts: TrainOptions): Promise<TrainResult> {
  return trainWith(await getCore(), opts);
}

function trainMember(
  scope: Scope,
  layout: ParameterLayout,
  tr: Resident,
  va: Resident,
  width: number,
  s: Settings,
  member: number,
  seed: number,
  onEpoch: TrainOptions["onEpoch"],
): { snapshot: Snapshot; result: MemberResult } {
  const k = scope.core.kernels<GatherKernel>();
  const uniform = s.random(seed);
  const net = new TrainableNetwork(scope, layout, initParameters(layout, uniform), Math.max(s.batch, EVAL_CHUNK));
  const order = scope.i32(tr.n);
  order.set(Int32Array.from({ length: tr.n }, (_, i) => i));
  const identity = scope.i32(EVAL_CHUNK);
  identity.set(Int32Array.from({ length: EVAL_CHUNK }, (_, i) => i));
  const xb = scope.f32(width * Math.max(s.batch, EVAL_CHUNK));
  const yb = scope.f32(Math.max(s.batch, EVAL_CHUNK));
  const keys = new Uint32Array(layout.hidden.length);
  const stopper = new EarlyStopper(s.patience, s.minDelta);
  const history: MemberResult["history"] = [];
  let best: Snapshot | undefined;
  let bestEpoch = 0;
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    shuffle(order.view(), uniform);
    let lossSum = 0;
    let seen = 0;
    let reg = 0;
    for (let start = 0; start < tr.n; start += s.batch) {
      const nb = Math.min(s.batch, tr.n - start);
      if (nb < 2) break; // BatchNorm needs two samples; PyTorch would reject a batch of one.
      k.gatherBatch(tr.rows, width, tr.target, order.ptr + 4 * start, nb, xb.ptr, yb.ptr);
      for (let l = 0; l < keys.length; l++) keys[l] = Math.floor(uniform() * 4294967296);
      lossSum += net.lossAndGradient(xb.ptr, yb.ptr, nb, s.nzWeight, keys) * nb;
      seen += nb;
      reg = net.addL2Gradient(s.l2);
      net.adamStep(s.lr);
    }
    let errSum = 0;
    for (let start = 0; start < va.n; start += EVAL_CHUNK) {
      const nb = Math.min(EVAL_CHUNK, va.n - start);
      k.gatherBatch(va.rows + 4 * start * width, width, va.target + 4 * start, identity.ptr, nb, xb.ptr, yb.ptr);
      errSum += net.weightedErrorSum(xb.ptr, yb.ptr, nb, s.nzWeight);
    }
    const valLoss = errSum / va.n;
    const trainLoss = lossSum / seen;
    history.push({ trainLoss, valLoss, regLoss: reg });
    const { improved, stop } = stopper.update(valLoss);
    if (improved) {
      best = net.snapshot();
      bestEpoch = epoch;
    }
    onEpoch?.({ member, members: s.members, epoch, epochs: s.epochs, trainLoss, valLoss, regLoss: reg, bestEpoch });
    if (stop) break;
  }
  if (!(stopper.bestLoss < Infinity)) throw new Error(`member ${member + 1}: the validation loss was never finite (training diverged; try a smaller learning rate)`);
  return { snapshot: best!, result: { seed, bestEpoch, bestValLoss: stopper.bestLoss, epochsRun: history.length, history } };
}
