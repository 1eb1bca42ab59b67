// Checks of a network's weights after reading, whatever the file format: every
// value finite, every BatchNorm running variance above 0 (and its ε finite
// and ≥ 0), every layer at least one unit wide. A model that fails would
// give NaN or ∞ shrunk effects, so it is refused by file and tensor name.
import { InputError } from "../errors.js";
import type { Linear, Network } from "../types.js";

type NormPart = "weight" | "bias" | "running_mean" | "running_var";

/** How a file names a network's tensors, for messages. */
export interface TensorNames {
  linear(layer: number, part: "weight" | "bias"): string;
  norm(layer: number, part: NormPart): string;
  output(part: "weight" | "bias"): string;
}

/** Names in a PyTorch state dict of the published FCNN (Linear, BatchNorm1d, ReLU, Dropout per hidden layer). */
export const TORCH_NAMES: TensorNames = {
  linear: (i, part) => `hidden_stack.${4 * i}.${part}`,
  norm: (i, part) => `hidden_stack.${4 * i + 1}.${part}`,
  output: (part) => `output_layer.${part}`,
};

/** Names in an mlmages .mlm file, member j (models/native.ts). */
export function nativeNames(j: number): TensorNames {
  return {
    linear: (i, part) => `m${j}.hidden.${i}.linear.${part}`,
    norm: (i, part) => `m${j}.hidden.${i}.norm.${part}`,
    output: (part) => `m${j}.output.${part}`,
  };
}

/** Refuses a network whose weights cannot give finite predictions; `source` and `names` say where each tensor is. */
export function validateNetwork(net: Network, source: string, names: TensorNames): void {
  const fail = (tensor: string, problem: string): never => {
    throw new InputError({ file: source }, `tensor '${tensor}' ${problem}`);
  };
  const finite = (values: Float32Array, tensor: string) => {
    const i = values.findIndex((x) => !Number.isFinite(x));
    if (i >= 0) fail(tensor, `has ${values[i]} at index ${i}: every weight must be a finite number`);
  };
  const linear = (l: Linear, weight: string, bias: string) => {
    if (l.outDim < 1 || l.inDim < 1) fail(weight, `has shape [${l.outDim}, ${l.inDim}]: a layer needs at least one input and one output`);
    finite(l.weight, weight);
    finite(l.bias, bias);
  };
  net.hidden.forEach((h, i) => {
    linear(h.linear, names.linear(i, "weight"), names.linear(i, "bias"));
    const n = h.norm;
    finite(n.weight, names.norm(i, "weight"));
    finite(n.bias, names.norm(i, "bias"));
    finite(n.runningMean, names.norm(i, "running_mean"));
    const v = names.norm(i, "running_var");
    finite(n.runningVar, v);
    const bad = n.runningVar.findIndex((x) => !(x > 0));
    if (bad >= 0) fail(v, `has running variance ${n.runningVar[bad]} at index ${bad}: a variance must be above 0`);
    if (!(Number.isFinite(n.eps) && n.eps >= 0)) fail(v, `comes with BatchNorm epsilon ${n.eps}: it must be a finite number ≥ 0`);
  });
  linear(net.output, names.output("weight"), names.output("bias"));
}
