// One network being trained, resident in WASM memory: flat parameters,
// gradients, Adam moments, BatchNorm running statistics and the activations a
// mini-batch's backward pass needs. Forward (training mode), backward, the L2
// term, the Adam step and the eval-mode prediction are kernel calls.
import * as dmath from "../math.js";
import type { Scope, WasmBuffer } from "../wasm/core.js";
import type { BatchNorm, Linear, Network } from "../types.js";
import type { LinearSlots, ParameterLayout } from "./architecture.js";

/** PyTorch BatchNorm1d defaults. */
export const BN_EPS = 1e-5;
export const BN_MOMENTUM = 0.1;
/** PyTorch Adam defaults. */
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPS = 1e-8;

interface TrainKernels {
  dense(x: number, inDim: number, nb: number, weight: number, bias: number, outDim: number, y: number): void;
  batchNormRelu(y: number, dim: number, nb: number, mean: number, variance: number, gamma: number, beta: number, eps: number): void;
  batchNormTrain(x: number, dim: number, nb: number, gamma: number, beta: number, eps: number, momentum: number, runMean: number, runVar: number, xhat: number, invStd: number, y: number): void;
  reluF32(x: number, n: number): void;
  dropoutF32(x: number, n: number, p: number, key: number, mask: number): void;
  weightedMseGrad(pred: number, target: number, nb: number, nzWeight: number, grad: number): number;
  weightedSquaredErrorSum(pred: number, target: number, n: number, nzWeight: number): number;
  denseBackward(x: number, inDim: number, nb: number, weight: number, outDim: number, dy: number, dW: number, db: number, dx: number): void;
  batchNormBackward(dy: number, dim: number, nb: number, xhat: number, invStd: number, gamma: number, dGamma: number, dBeta: number, dx: number): void;
  reluBackward(y: number, dy: number, n: number): void;
  dropoutBackward(mask: number, dy: number, n: number): void;
  l2GradAdd(w: number, n: number, scale: number, grad: number): number;
  adamStep(param: number, grad: number, m: number, v: number, n: number, beta1: number, beta2: number, stepSize: number, bc2Sqrt: number, eps: number): void;
}

/** Per hidden layer: what the backward pass reads. */
interface LayerBuffers {
  /** Output after BatchNorm, ReLU and dropout (dim x nb); input of the next layer. */
  out: WasmBuffer<Float32Array>;
  xhat: WasmBuffer<Float32Array>;
  invStd: WasmBuffer<Float32Array>;
  mask: WasmBuffer<Float32Array>;
  runMean: WasmBuffer<Float32Array>;
  runVar: WasmBuffer<Float32Array>;
}

/** Parameters and BatchNorm running statistics, copied out of WASM memory. */
export interface Snapshot {
  params: Float32Array;
  runMean: Float32Array[];
  runVar: Float32Array[];
}

/** A network in training; its buffers live as long as `scope`. `maxBatch` bounds every nb passed in. */
export class TrainableNetwork {
  readonly params: WasmBuffer<Float32Array>;
  readonly grads: WasmBuffer<Float32Array>;
  private readonly m: WasmBuffer<Float32Array>;
  private readonly v: WasmBuffer<Float32Array>;
  private readonly layers: LayerBuffers[];
  private readonly pred: WasmBuffer<Float32Array>;
  private readonly dA: WasmBuffer<Float32Array>;
  private readonly dB: WasmBuffer<Float32Array>;
  private readonly k: TrainKernels;
  private steps = 0;

  constructor(
    scope: Scope,
    readonly layout: ParameterLayout,
    initial: Float32Array,
    readonly maxBatch: number,
  ) {
    this.k = scope.core.kernels<TrainKernels>();
    this.params = scope.f32From(initial);
    this.grads = scope.f32(layout.size);
    this.m = scope.f32(layout.size);
    this.v = scope.f32(layout.size);
    this.m.view().fill(0);
    this.v.view().fill(0);
    this.layers = layout.arch.widths.map((w) => {
      const runVar = scope.f32(w);
      runVar.view().fill(1);
      const runMean = scope.f32(w);
      runMean.view().fill(0);
      return { out: scope.f32(w * maxBatch), xhat: scope.f32(w * maxBatch), invStd: scope.f32(w), mask: scope.f32(w * maxBatch), runMean, runVar };
    });
    const widest = Math.max(layout.arch.inDim, ...layout.arch.widths);
    this.pred = scope.f32(maxBatch);
    this.dA = scope.f32(widest * maxBatch);
    this.dB = scope.f32(widest * maxBatch);
  }

  private at(offset: number): number {
    return this.params.ptr + 4 * offset;
  }

  private gradAt(offset: number): number {
    return this.grads.ptr + 4 * offset;
  }

  /**
   * Training-mode forward and backward pass of one mini-batch (x feature-major
   * inDim x nb, targets y), nb >= 2. `keys` gives one dropout key per hidden
   * layer. Writes the loss gradient into `grads` (overwriting it), updates the
   * BatchNorm running statistics and returns the weighted MSE of the batch.
   */
  lossAndGradient(x: number, y: number, nb: number, nzWeight: number, keys: ArrayLike<number>): number {
    if (nb < 2 || nb > this.maxBatch) throw new RangeError(`a training batch needs 2..${this.maxBatch} samples, not ${nb}`);
    const { k, layout } = this;
    let input = x;
    layout.hidden.forEach((h, l) => {
      const b = this.layers[l];
      const dim = h.linear.outDim;
      k.dense(input, h.linear.inDim, nb, this.at(h.linear.weight.offset), this.at(h.linear.bias.offset), dim, b.out.ptr);
      k.batchNormTrain(b.out.ptr, dim, nb, this.at(h.gamma.offset), this.at(h.beta.offset), BN_EPS, BN_MOMENTUM, b.runMean.ptr, b.runVar.ptr, b.xhat.ptr, b.invStd.ptr, b.out.ptr);
      k.reluF32(b.out.ptr, dim * nb);
      k.dropoutF32(b.out.ptr, dim * nb, layout.arch.dropout[l], keys[l] >>> 0, b.mask.ptr);
      input = b.out.ptr;
    });
    const o = layout.output;
    k.dense(input, o.inDim, nb, this.at(o.weight.offset), this.at(o.bias.offset), 1, this.pred.ptr);
    const loss = k.weightedMseGrad(this.pred.ptr, y, nb, nzWeight, this.dA.ptr);
    let dy = this.dA.ptr;
    let dx = this.dB.ptr;
    this.linearBackward(o, input, nb, dy, layout.hidden.length ? dx : 0);
    for (let l = layout.hidden.length - 1; l >= 0; l--) {
      [dy, dx] = [dx, dy];
      const h = layout.hidden[l];
      const b = this.layers[l];
      const n = h.linear.outDim * nb;
      k.dropoutBackward(b.mask.ptr, dy, n);
      k.reluBackward(b.out.ptr, dy, n);
      k.batchNormBackward(dy, h.linear.outDim, nb, b.xhat.ptr, b.invStd.ptr, this.at(h.gamma.offset), this.gradAt(h.gamma.offset), this.gradAt(h.beta.offset), dy);
      this.linearBackward(h.linear, l === 0 ? x : this.layers[l - 1].out.ptr, nb, dy, l === 0 ? 0 : dx);
    }
    return loss;
  }

  private linearBackward(s: LinearSlots, x: number, nb: number, dy: number, dx: number): void {
    this.k.denseBackward(x, s.inDim, nb, this.at(s.weight.offset), s.outDim, dy, this.gradAt(s.weight.offset), this.gradAt(s.bias.offset), dx);
  }

  /**
   * Adds the gradient of the published L2 term, lambda * sum_W ||W||_2 / n_param,
   * to `grads` and returns the term's value.
   */
  addL2Gradient(lambda: number): number {
    const scale = lambda / this.layout.count;
    let norms = 0;
    for (const t of this.layout.tensors) norms += this.k.l2GradAdd(this.at(t.offset), t.length, scale, this.gradAt(t.offset));
    return scale * norms;
  }

  /** One Adam step with learning rate lr on all parameters (step count kept here). */
  adamStep(lr: number): void {
    const t = ++this.steps;
    const stepSize = lr / (1 - dmath.powPositive(ADAM_BETA1, t));
    const bc2Sqrt = Math.sqrt(1 - dmath.powPositive(ADAM_BETA2, t));
    this.k.adamStep(this.params.ptr, this.grads.ptr, this.m.ptr, this.v.ptr, this.layout.size, ADAM_BETA1, ADAM_BETA2, stepSize, bc2Sqrt, ADAM_EPS);
  }

  /**
   * Eval-mode prediction (BatchNorm with running statistics, no dropout) of
   * nb <= maxBatch samples, x feature-major; returns the address of nb floats
   * valid until the next call.
   */
  predict(x: number, nb: number): number {
    const { k, layout } = this;
    let input = x;
    layout.hidden.forEach((h, l) => {
      const b = this.layers[l];
      const dim = h.linear.outDim;
      k.dense(input, h.linear.inDim, nb, this.at(h.linear.weight.offset), this.at(h.linear.bias.offset), dim, b.out.ptr);
      k.batchNormRelu(b.out.ptr, dim, nb, b.runMean.ptr, b.runVar.ptr, this.at(h.gamma.offset), this.at(h.beta.offset), BN_EPS);
      input = b.out.ptr;
    });
    const o = layout.output;
    k.dense(input, o.inDim, nb, this.at(o.weight.offset), this.at(o.bias.offset), 1, this.pred.ptr);
    return this.pred.ptr;
  }

  /** sum_b w_b (p_b - t_b)^2 of eval-mode predictions of a batch. */
  weightedErrorSum(x: number, y: number, nb: number, nzWeight: number): number {
    return this.k.weightedSquaredErrorSum(this.predict(x, nb), y, nb, nzWeight);
  }

  /** The dropout mask of hidden layer l from the last training batch (dim x nb). */
  dropoutMask(l: number, nb: number): Float32Array {
    return this.layers[l].mask.view().slice(0, this.layout.arch.widths[l] * nb);
  }

  /** A copy of the parameters and running statistics. */
  snapshot(): Snapshot {
    return {
      params: this.params.view().slice(),
      runMean: this.layers.map((b) => b.runMean.view().slice()),
      runVar: this.layers.map((b) => b.runVar.view().slice()),
    };
  }
}

/** A snapshot as an eval-mode network of the ensemble types. */
export function snapshotNetwork(layout: ParameterLayout, s: Snapshot, topR: number): Network {
  const tensor = (slot: { offset: number; length: number }): Float32Array => s.params.slice(slot.offset, slot.offset + slot.length);
  const linear = (l: LinearSlots): Linear => ({ inDim: l.inDim, outDim: l.outDim, weight: tensor(l.weight), bias: tensor(l.bias) });
  return {
    topR,
    hidden: layout.hidden.map((h, l) => {
      const norm: BatchNorm = {
        dim: h.linear.outDim,
        weight: tensor(h.gamma),
        bias: tensor(h.beta),
        runningMean: s.runMean[l].slice(),
        runningVar: s.runVar[l].slice(),
        eps: BN_EPS,
      };
      return { linear: linear(h.linear), norm };
    }),
    output: linear(layout.output),
  };
}
