// The published ML-MAGES networks, read straight from their PyTorch `.model`
// files: a zip archive holding `<name>/data.pkl` (a pickled state dict) and
// `<name>/data/<key>` (the raw little-endian float32 storages).
import { unzipSync } from "fflate";
import { InputError } from "../errors.js";
import type { BatchNorm, Linear, Network } from "../types.js";
import { architecture } from "./architecture.js";
import { unpickle, type PickleValue, type TensorRef } from "./unpickle.js";

/** PyTorch's BatchNorm1d default epsilon, which the published networks use. */
const BN_EPS = 1e-5;

/**
 * The largest entry of a `.model` archive that is read (the published
 * networks' files are tens of kB), and the most all entries may claim
 * together: an entry claiming more is refused before it is inflated.
 */
export const MAX_MODEL_ENTRY_BYTES = 64 * 1024 * 1024;
export const MAX_MODEL_ARCHIVE_BYTES = 256 * 1024 * 1024;

/** The archive's entries, each refused by name when it claims more than the limits. */
function unzipModel(bytes: Uint8Array, source: string): Record<string, Uint8Array> {
  let claimed = 0;
  try {
    return unzipSync(bytes, {
      filter(f) {
        claimed += f.originalSize;
        if (f.originalSize > MAX_MODEL_ENTRY_BYTES || claimed > MAX_MODEL_ARCHIVE_BYTES) {
          throw new InputError(
            { file: source },
            `archive entry '${f.name}' claims ${f.originalSize} bytes (${claimed} in all so far), more than the ${MAX_MODEL_ENTRY_BYTES} (${MAX_MODEL_ARCHIVE_BYTES} in all) a model file can need: refused before reading it`,
          );
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError({ file: source }, "not a PyTorch .model file (not a zip archive, or a damaged one)");
  }
}

function isTensor(v: PickleValue | undefined): v is TensorRef {
  return typeof v === "object" && v !== null && "kind" in v && v.kind === "tensor";
}

/** Reads a state dict's float32 tensors by name. */
function readTensors(bytes: Uint8Array, source: string): Map<string, { shape: number[]; data: Float32Array }> {
  const files = unzipModel(bytes, source);
  const pkl = Object.keys(files).find((f) => f === "data.pkl" || f.endsWith("/data.pkl"));
  if (!pkl) throw new InputError({ file: source }, "not a PyTorch .model file (the archive has no data.pkl)");
  const prefix = pkl.slice(0, -"data.pkl".length);
  const dict = unpickle(files[pkl], source);
  if (!(dict instanceof Map)) throw new InputError({ file: source }, "the pickle is not a state dict");
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const [name, value] of dict) {
    if (!isTensor(value) || value.storage.dtype !== "FloatStorage") continue;
    const numel = value.size.reduce((a, b) => a * b, 1);
    let expect = 1;
    for (let d = value.size.length - 1; d >= 0; d--) {
      if (value.size[d] > 1 && value.stride[d] !== expect) throw new InputError({ file: source }, `tensor ${String(name)} is not contiguous`);
      expect *= value.size[d];
    }
    const raw = files[`${prefix}data/${value.storage.key}`];
    if (!raw) throw new InputError({ file: source }, `storage ${value.storage.key} of tensor ${String(name)} is missing from the archive`);
    if ((value.offset + numel) * 4 > raw.length) {
      throw new InputError({ file: source }, `storage ${value.storage.key} of tensor ${String(name)} is truncated (${raw.length} bytes, needs ${(value.offset + numel) * 4})`);
    }
    const data = new Float32Array(numel);
    const dv = new DataView(raw.buffer, raw.byteOffset + value.offset * 4, numel * 4);
    for (let i = 0; i < numel; i++) data[i] = dv.getFloat32(i * 4, true);
    out.set(String(name), { shape: value.size, data });
  }
  return out;
}

/** One published network from its `.model` bytes, its architecture inferred from the state dict. */
export function readTorchModel(bytes: Uint8Array, source: string): Network {
  const t = readTensors(bytes, source);
  const get = (name: string, shape: number[]): Float32Array => {
    const v = t.get(name);
    if (!v) throw new InputError({ file: source }, `the state dict has no tensor '${name}'`);
    if (v.shape.join("x") !== shape.join("x")) {
      throw new InputError({ file: source }, `tensor '${name}' has shape [${v.shape.join(", ")}], expected [${shape.join(", ")}]`);
    }
    return v.data;
  };
  const shapeOf = (name: string): number[] => {
    const v = t.get(name);
    if (!v) throw new InputError({ file: source }, `the state dict has no tensor '${name}'`);
    return v.shape;
  };
  let layers = 0;
  while (t.has(`hidden_stack.${4 * layers}.weight`)) layers++;
  const widths: number[] = [];
  for (let i = 0; i < layers; i++) {
    const s = shapeOf(`hidden_stack.${4 * i}.weight`);
    if (s.length !== 2) throw new InputError({ file: source }, `tensor 'hidden_stack.${4 * i}.weight' is not a matrix`);
    if (i === 0) widths.push(s[1]);
    widths.push(s[0]);
  }
  const out = shapeOf("output_layer.weight");
  if (layers === 0) widths.push(out[1]);
  const { topR } = architecture(widths[0], source);
  const hidden = [];
  for (let i = 0; i < layers; i++) {
    const [inDim, outDim] = [widths[i], widths[i + 1]];
    const linear: Linear = { inDim, outDim, weight: get(`hidden_stack.${4 * i}.weight`, [outDim, inDim]), bias: get(`hidden_stack.${4 * i}.bias`, [outDim]) };
    const bn = `hidden_stack.${4 * i + 1}`;
    const norm: BatchNorm = {
      dim: outDim,
      weight: get(`${bn}.weight`, [outDim]),
      bias: get(`${bn}.bias`, [outDim]),
      runningMean: get(`${bn}.running_mean`, [outDim]),
      runningVar: get(`${bn}.running_var`, [outDim]),
      eps: BN_EPS,
    };
    hidden.push({ linear, norm });
  }
  const last = widths[widths.length - 1];
  const output: Linear = { inDim: last, outDim: 1, weight: get("output_layer.weight", [1, last]), bias: get("output_layer.bias", [1]) };
  return { topR, hidden, output };
}
