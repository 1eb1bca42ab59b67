// What a network's input width says about it: 2r + 3 features for r top-LD neighbours.
import { InputError } from "../errors.js";

/** r from the input width 2r + 3; an error when the width does not fit. */
export function architecture(inputWidth: number, source: string): { topR: number } {
  const topR = (inputWidth - 3) / 2;
  if (!Number.isInteger(topR) || topR < 1) {
    throw new InputError({ file: source }, `the network takes ${inputWidth} inputs, which is not 2r + 3 features for a whole r >= 1`);
  }
  return { topR };
}

/** "top15, 2 hidden layers", for messages. */
export function describeArchitecture(topR: number, hiddenLayers: number): string {
  return `top${topR}, ${hiddenLayers} hidden layer${hiddenLayers === 1 ? "" : "s"}`;
}
