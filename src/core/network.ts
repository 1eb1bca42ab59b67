// Ensemble inference: each network's forward pass in eval mode, float32 like
// PyTorch, batched over the variants of a block; the prediction is the mean.
import type { Core, Scope, WasmBuffer } from "./wasm/core.js";
import type { Ensemble, Linear, Network } from "./types.js";

interface NetworkKernels {
  dense(x: number, inDim: number, nb: number, weight: number, bias: number, outDim: number, y: number): void;
  batchNormRelu(y: number, dim: number, nb: number, mean: number, variance: number, gamma: number, beta: number, eps: number): void;
  addF32(acc: number, y: number, n: number): void;
  divideF32(x: number, n: number, d: number): void;
}

interface LoadedLinear {
  inDim: number;
  outDim: number;
  weight: WasmBuffer<Float32Array>;
  bias: WasmBuffer<Float32Array>;
}

interface LoadedHidden {
  linear: LoadedLinear;
  mean: WasmBuffer<Float32Array>;
  variance: WasmBuffer<Float32Array>;
  gamma: WasmBuffer<Float32Array>;
  beta: WasmBuffer<Float32Array>;
  eps: number;
}

interface LoadedNetwork {
  hidden: LoadedHidden[];
  output: LoadedLinear;
}

/** An ensemble whose weights live in WASM memory for the length of a scope. */
export interface LoadedEnsemble {
  topR: number;
  members: LoadedNetwork[];
  /** Widest layer, for sizing activation buffers. */
  maxWidth: number;
}

function loadLinear(scope: Scope, l: Linear): LoadedLinear {
  return { inDim: l.inDim, outDim: l.outDim, weight: scope.f32From(l.weight), bias: scope.f32From(l.bias) };
}

function loadNetwork(scope: Scope, net: Network): LoadedNetwork {
  return {
    hidden: net.hidden.map((h) => ({
      linear: loadLinear(scope, h.linear),
      mean: scope.f32From(h.norm.runningMean),
      variance: scope.f32From(h.norm.runningVar),
      gamma: scope.f32From(h.norm.weight),
      beta: scope.f32From(h.norm.bias),
      eps: h.norm.eps,
    })),
    output: loadLinear(scope, net.output),
  };
}

/** Copies an ensemble's weights into WASM memory. */
export function loadEnsemble(scope: Scope, e: Ensemble): LoadedEnsemble {
  const members = e.members.map((m) => loadNetwork(scope, m));
  let maxWidth = 1;
  for (const m of e.members) for (const h of m.hidden) maxWidth = Math.max(maxWidth, h.linear.outDim);
  return { topR: e.topR, members, maxWidth };
}

/**
 * One network's forward pass on x (feature-major float32, inDim x nb) into
 * `out` (nb floats), using two activation buffers of maxWidth x nb.
 */
function forward(
  core: Core,
  net: LoadedNetwork,
  x: WasmBuffer<Float32Array>,
  nb: number,
  act: [WasmBuffer<Float32Array>, WasmBuffer<Float32Array>],
  out: WasmBuffer<Float32Array>,
): void {
  const k = core.kernels<NetworkKernels>();
  let input = x.ptr;
  let turn = 0;
  for (const h of net.hidden) {
    const y = act[turn].ptr;
    k.dense(input, h.linear.inDim, nb, h.linear.weight.ptr, h.linear.bias.ptr, h.linear.outDim, y);
    k.batchNormRelu(y, h.linear.outDim, nb, h.mean.ptr, h.variance.ptr, h.gamma.ptr, h.beta.ptr, h.eps);
    input = y;
    turn ^= 1;
  }
  const o = net.output;
  k.dense(input, o.inDim, nb, o.weight.ptr, o.bias.ptr, o.outDim, out.ptr);
}

/**
 * Predictions of every member and their mean, for nb variants whose features
 * are in `x`. `perMember`, when given, receives each member's predictions.
 */
export function predict(
  scope: Scope,
  e: LoadedEnsemble,
  x: WasmBuffer<Float32Array>,
  nb: number,
  perMember?: Float32Array[],
): WasmBuffer<Float32Array> {
  const core = scope.core;
  const k = core.kernels<NetworkKernels>();
  const act: [WasmBuffer<Float32Array>, WasmBuffer<Float32Array>] = [scope.f32(e.maxWidth * nb), scope.f32(e.maxWidth * nb)];
  const one = scope.f32(nb);
  const mean = scope.f32(nb);
  mean.view().fill(0);
  for (const m of e.members) {
    forward(core, m, x, nb, act, one);
    if (perMember) perMember.push(one.view().slice());
    k.addF32(mean.ptr, one.ptr, nb);
  }
  k.divideF32(mean.ptr, nb, e.members.length);
  return mean;
}
