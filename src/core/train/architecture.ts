// The published ML-MAGES network shape and where each of its parameter
// tensors lives in one flat float32 buffer (in PyTorch's parameters() order),
// so that the optimiser runs over all of them in one kernel call.
// see: ML-MAGES _train_funcs.py, FCNN.__init__.
import { featureWidth } from "../features.js";

/** Widths and dropout rates of the hidden layers of a network. */
export interface Architecture {
  /** Input width (2r + 3 features). */
  inDim: number;
  /** Output width of each hidden layer. */
  widths: number[];
  /** Dropout probability after each hidden layer. */
  dropout: number[];
}

/**
 * The published FCNN for r neighbours and L hidden layers: widths 64, then 32
 * for the middle layers, the last hidden layer 8 (so L = 1 is in -> 8, and
 * L = 0 is one Linear layer); dropout 0.2 after every hidden layer but the
 * last, which has 0.1.
 */
export function publishedArchitecture(topR: number, layers: number): Architecture {
  if (!Number.isInteger(layers) || layers < 0) throw new RangeError(`the number of hidden layers must be a whole number, not ${layers}`);
  const widths: number[] = [];
  const dropout: number[] = [];
  for (let i = 0; i < layers; i++) {
    widths.push(i === layers - 1 ? 8 : i === 0 ? 64 : 32);
    dropout.push(i === layers - 1 ? 0.1 : 0.2);
  }
  return { inDim: featureWidth(topR), widths, dropout };
}

/** A parameter tensor's place in the flat buffer. */
export interface Slot {
  offset: number;
  length: number;
}

export interface LinearSlots {
  inDim: number;
  outDim: number;
  weight: Slot;
  bias: Slot;
}

export interface HiddenSlots {
  linear: LinearSlots;
  /** BatchNorm weight (gamma) and bias (beta). */
  gamma: Slot;
  beta: Slot;
}

/** Where every parameter tensor of an architecture is in the flat buffer. */
export interface ParameterLayout {
  arch: Architecture;
  hidden: HiddenSlots[];
  output: LinearSlots;
  /** All tensors in PyTorch's model.parameters() order. */
  tensors: Slot[];
  /** Floats in the flat buffer (tensors start at multiples of 4 floats, for SIMD). */
  size: number;
  /** Number of parameters (n_param of the published L2 term). */
  count: number;
}

/** Lays out the parameters: per hidden layer Linear weight, bias, BatchNorm weight, bias; then the output Linear. */
export function parameterLayout(arch: Architecture): ParameterLayout {
  const tensors: Slot[] = [];
  let size = 0;
  let count = 0;
  const slot = (length: number): Slot => {
    const s = { offset: size, length };
    size += Math.ceil(length / 4) * 4;
    count += length;
    tensors.push(s);
    return s;
  };
  const linear = (inDim: number, outDim: number): LinearSlots => ({ inDim, outDim, weight: slot(inDim * outDim), bias: slot(outDim) });
  const hidden: HiddenSlots[] = [];
  let inDim = arch.inDim;
  for (const w of arch.widths) {
    const lin = linear(inDim, w);
    hidden.push({ linear: lin, gamma: slot(w), beta: slot(w) });
    inDim = w;
  }
  const output = linear(inDim, 1);
  return { arch, hidden, output, tensors, size, count };
}
