// An ensemble from model files of either kind, detected by their bytes.
import { InputError } from "../errors.js";
import type { Ensemble, Network } from "../types.js";
import { describeArchitecture } from "./architecture.js";
import { isNativeModel, readNativeModel } from "./native.js";
import { readTorchModel } from "./torch.js";
import { nativeNames, TORCH_NAMES, validateNetwork } from "./validate.js";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export interface ModelFile {
  name: string;
  bytes: Uint8Array;
}

/** Members from one file: a PyTorch .model (one network) or a native .mlm (one or more), their weights checked. */
function readOne(f: ModelFile): Pick<Ensemble, "members" | "hiddenLayers" | "units" | "trainingRange"> {
  if (ZIP_MAGIC.every((b, i) => f.bytes[i] === b)) {
    const net = readTorchModel(f.bytes, f.name);
    validateNetwork(net, f.name, TORCH_NAMES);
    return { members: [net], hiddenLayers: net.hidden.length };
  }
  if (isNativeModel(f.bytes)) {
    const e = readNativeModel(f.bytes, f.name);
    e.members.forEach((net, j) => validateNetwork(net, f.name, nativeNames(j)));
    return e;
  }
  throw new InputError({ file: f.name }, "not a PyTorch .model archive nor an mlmages model");
}

/** readOne, any failure of a reader on damaged bytes reported as an InputError naming the file. */
function readChecked(f: ModelFile): Pick<Ensemble, "members" | "hiddenLayers" | "units" | "trainingRange"> {
  try {
    return readOne(f);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = new InputError({ file: f.name }, "damaged model file: its contents do not parse as a PyTorch .model or an mlmages .mlm");
    err.cause = e;
    throw err;
  }
}

/** Reads model files into one ensemble; all members must share r, the number of hidden layers and the units. */
export function readModels(files: ModelFile[]): Ensemble {
  if (!files.length) throw new Error("no model files given");
  let first: { file: string; topR: number; layers: number } | undefined;
  const members: Network[] = [];
  const sources: string[] = [];
  const one = files.map(readChecked);
  const units = one[0].units;
  files.forEach((f, i) => {
    if (one[i].units !== units) {
      throw InputError.mismatch(f.name, `models in different units cannot form one ensemble: ${files[0].name} has ${units ?? "BETA and SE as given"} but ${f.name} has ${one[i].units ?? "BETA and SE as given"}`);
    }
  });
  for (const [k, f] of files.entries()) {
    const { members: nets, hiddenLayers } = one[k];
    if (!nets.length) throw new InputError({ file: f.name }, "the model file holds no networks");
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
  const range = files.length === 1 ? one[0].trainingRange : undefined;
  return { topR: first!.topR, hiddenLayers: first!.layers, members, sources, ...(units ? { units } : {}), ...(range ? { trainingRange: range } : {}) };
}
