// An ensemble from model files of either kind, detected by their bytes.
import { InputError } from "../errors.js";
import type { Ensemble, Network } from "../types.js";
import { describeArchitecture } from "./architecture.js";
import { isNativeModel, readNativeModel } from "./native.js";
import { readTorchModel } from "./torch.js";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export interface ModelFile {
  name: string;
  bytes: Uint8Array;
}

/** Members from one file: a PyTorch .model (one network) or a native .mlm (one or more). */
function readOne(f: ModelFile): { members: Network[]; hiddenLayers: number } {
  if (ZIP_MAGIC.every((b, i) => f.bytes[i] === b)) {
    const net = readTorchModel(f.bytes, f.name);
    return { members: [net], hiddenLayers: net.hidden.length };
  }
  if (isNativeModel(f.bytes)) {
    const e = readNativeModel(f.bytes, f.name);
    return { members: e.members, hiddenLayers: e.hiddenLayers };
  }
  throw new InputError({ file: f.name }, "not a PyTorch .model archive nor an mlmages model");
}

/** Reads model files into one ensemble; all members must share r and the number of hidden layers. */
export function readModels(files: ModelFile[]): Ensemble {
  if (!files.length) throw new Error("no model files given");
  let first: { file: string; topR: number; layers: number } | undefined;
  const members: Network[] = [];
  const sources: string[] = [];
  for (const f of files) {
    const { members: nets, hiddenLayers } = readOne(f);
    for (const net of nets) {
      if (!first) first = { file: f.name, topR: net.topR, layers: hiddenLayers };
      else if (net.topR !== first.topR || hiddenLayers !== first.layers) {
        throw InputError.mismatch(
          f.name,
          `models of different architectures cannot form one ensemble: ${first.file} is ${describeArchitecture(first.topR, first.layers)} but ${f.name} is ${describeArchitecture(net.topR, hiddenLayers)}`,
        );
      }
      members.push(net);
      sources.push(f.name);
    }
  }
  return { topR: first!.topR, hiddenLayers: first!.layers, members, sources };
}
