// mlmages' own model format (.mlm): an ensemble in one file, read the same way
// on every platform. Layout (all little endian):
//   bytes 0-7   ASCII "MLMAGES1"
//   bytes 8-11  uint32 H, the length of the JSON header
//   H bytes     UTF-8 JSON header (below)
//   padding     zero bytes up to a multiple of 4
//   data        float32 values; each tensor at header offset (bytes from the data start)
// Header: { format: "mlmages-model", version: 1, topR, hiddenLayers, members,
//   bnEps, units?, trainingRange?, tensors: [{ name, shape, offset }], meta: {...} } where tensor names are
//   m<j>.hidden.<i>.linear.{weight,bias}, m<j>.hidden.<i>.norm.{weight,bias,running_mean,running_var},
//   m<j>.output.{weight,bias} (Linear weights out x in, row-major, as PyTorch).
// see: docs/model-format.md
import { InputError } from "../errors.js";
import type { Ensemble, ModelUnits, Network, TrainingRange } from "../types.js";
import { isRange } from "../units.js";
import { architecture } from "./architecture.js";

export const NATIVE_MAGIC = "MLMAGES1";

interface TensorEntry {
  name: string;
  shape: number[];
  offset: number;
}

interface Header {
  format: "mlmages-model";
  version: 1;
  topR: number;
  hiddenLayers: number;
  members: number;
  bnEps: number;
  /** "median-se": the networks see BETA and SE over the trait's median SE; "z": z and SE over the median SE (units.ts); absent: as given. */
  units?: ModelUnits;
  trainingRange?: TrainingRange;
  tensors: TensorEntry[];
  meta: Record<string, unknown>;
}

/** Every tensor of a network with its name, in file order. */
function networkTensors(net: Network, j: number): { name: string; shape: number[]; data: Float32Array }[] {
  const out: { name: string; shape: number[]; data: Float32Array }[] = [];
  net.hidden.forEach((h, i) => {
    const p = `m${j}.hidden.${i}`;
    out.push({ name: `${p}.linear.weight`, shape: [h.linear.outDim, h.linear.inDim], data: h.linear.weight });
    out.push({ name: `${p}.linear.bias`, shape: [h.linear.outDim], data: h.linear.bias });
    out.push({ name: `${p}.norm.weight`, shape: [h.norm.dim], data: h.norm.weight });
    out.push({ name: `${p}.norm.bias`, shape: [h.norm.dim], data: h.norm.bias });
    out.push({ name: `${p}.norm.running_mean`, shape: [h.norm.dim], data: h.norm.runningMean });
    out.push({ name: `${p}.norm.running_var`, shape: [h.norm.dim], data: h.norm.runningVar });
  });
  out.push({ name: `m${j}.output.weight`, shape: [1, net.output.inDim], data: net.output.weight });
  out.push({ name: `m${j}.output.bias`, shape: [1], data: net.output.bias });
  return out;
}

/** Serialises an ensemble to the native format. */
export function writeNativeModel(ensemble: Ensemble, meta: Record<string, unknown> = {}): Uint8Array {
  const tensors = ensemble.members.flatMap((m, j) => networkTensors(m, j));
  const entries: TensorEntry[] = [];
  let offset = 0;
  for (const t of tensors) {
    entries.push({ name: t.name, shape: t.shape, offset });
    offset += t.data.length * 4;
  }
  const header: Header = {
    format: "mlmages-model",
    version: 1,
    topR: ensemble.topR,
    hiddenLayers: ensemble.hiddenLayers,
    members: ensemble.members.length,
    bnEps: ensemble.members[0]?.hidden[0]?.norm.eps ?? 1e-5,
    ...(ensemble.units ? { units: ensemble.units } : {}),
    ...(ensemble.trainingRange ? { trainingRange: ensemble.trainingRange } : {}),
    tensors: entries,
    meta,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((12 + json.length) / 4) * 4;
  const bytes = new Uint8Array(start + offset);
  bytes.set(new TextEncoder().encode(NATIVE_MAGIC), 0);
  new DataView(bytes.buffer).setUint32(8, json.length, true);
  bytes.set(json, 12);
  const dv = new DataView(bytes.buffer, start);
  tensors.forEach((t, k) => {
    for (let i = 0; i < t.data.length; i++) dv.setFloat32(entries[k].offset + i * 4, t.data[i], true);
  });
  return bytes;
}

/** Whether bytes start with the native format's magic. */
export function isNativeModel(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && new TextDecoder().decode(bytes.subarray(0, 8)) === NATIVE_MAGIC;
}

/** Largest values of the header's counts that a real ensemble could need. */
const MAX_MEMBERS = 10000;
const MAX_LAYERS = 100;
const MAX_TOP_R = 10000;

function isCount(x: unknown, min: number, max: number): x is number {
  return typeof x === "number" && Number.isInteger(x) && x >= min && x <= max;
}

/**
 * Refuses a header whose fields could not describe an ensemble: the format and
 * version, whole counts in range (at least one member), a finite BatchNorm ε ≥ 0,
 * and tensors with names, shapes of positive whole sizes and offsets that are
 * whole, non-negative multiples of 4 (a negative offset would read the header as weights).
 */
function checkHeader(h: Header, fail: (problem: string) => never): void {
  if (typeof h !== "object" || h === null) fail("corrupt mlmages model header (not an object)");
  if (h.format !== "mlmages-model" || h.version !== 1) fail(`unsupported mlmages model format ${String(h.format)} v${String(h.version)}`);
  if (!isCount(h.members, 1, MAX_MEMBERS)) fail(`the header gives ${JSON.stringify(h.members)} members; an ensemble has 1 to ${MAX_MEMBERS} networks`);
  if (!isCount(h.hiddenLayers, 0, MAX_LAYERS)) fail(`the header gives ${JSON.stringify(h.hiddenLayers)} hidden layers; expected a whole number from 0 to ${MAX_LAYERS}`);
  if (!isCount(h.topR, 1, MAX_TOP_R)) fail(`the header gives topR ${JSON.stringify(h.topR)}; expected a whole number from 1 to ${MAX_TOP_R}`);
  if (typeof h.bnEps !== "number" || !Number.isFinite(h.bnEps) || h.bnEps < 0) fail(`the header gives BatchNorm epsilon ${JSON.stringify(h.bnEps)}; expected a finite number ≥ 0`);
  if (!Array.isArray(h.tensors)) fail("the header has no tensor list");
  h.tensors.forEach((t, i) => {
    if (typeof t !== "object" || t === null || typeof t.name !== "string") fail(`tensor entry ${i + 1} of the header has no name`);
    if (!Array.isArray(t.shape) || !t.shape.every((d) => isCount(d, 0, 2 ** 31))) fail(`tensor '${t.name}' has shape ${JSON.stringify(t.shape)}, not a list of whole sizes`);
    if (t.shape.some((d) => d === 0)) fail(`tensor '${t.name}' has shape [${t.shape}]: a layer needs at least one output`);
    if (!isCount(t.offset, 0, Number.MAX_SAFE_INTEGER) || t.offset % 4 !== 0) {
      fail(`tensor '${t.name}' has offset ${JSON.stringify(t.offset)}; an offset counts bytes from the data start: a whole multiple of 4, at least 0`);
    }
  });
}

/** The header and where the data start, its structure checked (checkHeader) before anything is allocated. */
function readHeader(bytes: Uint8Array, source: string): { header: Header; start: number } {
  const fail = (problem: string): never => {
    throw new InputError({ file: source }, problem);
  };
  if (!isNativeModel(bytes) || bytes.length < 12) fail("not an mlmages model file");
  const hlen = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  if (12 + hlen > bytes.length) fail("truncated mlmages model file (header)");
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(12, 12 + hlen))) as Header;
  } catch {
    return fail("corrupt mlmages model header");
  }
  checkHeader(header, fail);
  return { header, start: Math.ceil((12 + hlen) / 4) * 4 };
}

/** Reads an ensemble written by `writeNativeModel`. */
export function readNativeModel(bytes: Uint8Array, source: string): Ensemble {
  const fail = (problem: string): never => {
    throw new InputError({ file: source }, problem);
  };
  const { header, start } = readHeader(bytes, source);
  if (header.units !== undefined && header.units !== "median-se" && header.units !== "z") fail(`unknown units "${String(header.units)}" (known: "median-se", "z", or no units field)`);
  const range = header.trainingRange;
  if (range !== undefined && (typeof range !== "object" || (range.medianSe !== undefined && !isRange(range.medianSe)) || (range.n !== undefined && !isRange(range.n)))) {
    fail("trainingRange must hold [low, high] pairs of positive numbers (medianSe, n)");
  }
  const byName = new Map(header.tensors.map((t) => [t.name, t]));
  const tensor = (name: string, shape: number[]): Float32Array => {
    const t = byName.get(name) ?? fail(`tensor '${name}' is missing`);
    if (t.shape.join("x") !== shape.join("x")) fail(`tensor '${name}' has shape [${t.shape}], expected [${shape}]`);
    const n = shape.reduce((a, b) => a * b, 1);
    if (start + t.offset + n * 4 > bytes.length) fail(`tensor '${name}' at offset ${t.offset} runs past the end of the file (truncated, or a wrong offset)`);
    const dv = new DataView(bytes.buffer, bytes.byteOffset + start + t.offset, n * 4);
    return Float32Array.from({ length: n }, (_, i) => dv.getFloat32(i * 4, true));
  };
  const { topR } = architecture(2 * header.topR + 3, source);
  const members: Network[] = [];
  for (let j = 0; j < header.members; j++) {
    const hidden = [];
    let inDim = 2 * topR + 3;
    for (let i = 0; i < header.hiddenLayers; i++) {
      const p = `m${j}.hidden.${i}`;
      const w = byName.get(`${p}.linear.weight`) ?? fail(`tensor '${p}.linear.weight' is missing`);
      const outDim = w.shape[0];
      hidden.push({
        linear: { inDim, outDim, weight: tensor(`${p}.linear.weight`, [outDim, inDim]), bias: tensor(`${p}.linear.bias`, [outDim]) },
        norm: {
          dim: outDim,
          weight: tensor(`${p}.norm.weight`, [outDim]),
          bias: tensor(`${p}.norm.bias`, [outDim]),
          runningMean: tensor(`${p}.norm.running_mean`, [outDim]),
          runningVar: tensor(`${p}.norm.running_var`, [outDim]),
          eps: header.bnEps,
        },
      });
      inDim = outDim;
    }
    members.push({ topR, hidden, output: { inDim, outDim: 1, weight: tensor(`m${j}.output.weight`, [1, inDim]), bias: tensor(`m${j}.output.bias`, [1]) } });
  }
  return {
    topR,
    hiddenLayers: header.hiddenLayers,
    members,
    sources: members.map(() => source),
    ...(header.units ? { units: header.units } : {}),
    ...(range ? { trainingRange: range } : {}),
  };
}

/** The free-form metadata stored with a native model (training recipe, seed...). */
export function readNativeMeta(bytes: Uint8Array, source: string): Record<string, unknown> {
  const meta = readHeader(bytes, source).header.meta;
  return typeof meta === "object" && meta !== null ? meta : {};
}
