// Initial parameters as PyTorch sets them.
// see: PyTorch nn.Linear.reset_parameters (kaiming_uniform_ with a = sqrt(5),
// i.e. U(-1/sqrt(in), 1/sqrt(in)) for the weight, the same bound for the bias)
// and nn.BatchNorm1d.reset_parameters (weight 1, bias 0).
import type { ParameterLayout, Slot } from "./architecture.js";

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/**
 * The flat parameter buffer of a fresh network, drawing in PyTorch's order:
 * each Linear's weight (row-major, out x in) then its bias.
 */
export function initParameters(layout: ParameterLayout, uniform: Uniform): Float32Array {
  const p = new Float32Array(layout.size);
  const fill = (s: Slot, bound: number): void => {
    for (let i = 0; i < s.length; i++) p[s.offset + i] = (2 * uniform() - 1) * bound;
  };
  const linear = (l: ParameterLayout["output"]): void => {
    const bound = 1 / Math.sqrt(l.inDim);
    fill(l.weight, bound);
    fill(l.bias, bound);
  };
  for (const h of layout.hidden) {
    linear(h.linear);
    p.fill(1, h.gamma.offset, h.gamma.offset + h.gamma.length);
  }
  linear(layout.output);
  return p;
}
