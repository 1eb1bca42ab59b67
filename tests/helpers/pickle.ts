// A minimal pickle writer for tests: builds state dicts like torch.save does,
// so malformed or unusual model files can be made on the spot.
import { zipSync } from "fflate";

const enc = new TextEncoder();

function str(s: string): number[] {
  const b = enc.encode(s);
  return [0x58, b.length & 255, (b.length >> 8) & 255, 0, 0, ...b];
}

function int(v: number): number[] {
  return v < 256 ? [0x4b, v] : [0x4d, v & 255, v >> 8];
}

function tuple(items: number[][]): number[] {
  return [0x28, ...items.flat(), 0x74];
}

export interface FakeTensor {
  name: string;
  shape: number[];
  values: number[];
}

/** A torch-style pickle of an OrderedDict of float32 tensors (storage keys 0, 1, ...). */
export function statePickle(tensors: FakeTensor[]): Uint8Array {
  const out: number[] = [0x80, 0x02, 0x63, ...enc.encode("collections\nOrderedDict\n"), 0x29, 0x52, 0x28];
  tensors.forEach((t, k) => {
    const numel = t.values.length;
    const stride = t.shape.map((_, d) => t.shape.slice(d + 1).reduce((a, b) => a * b, 1));
    out.push(...str(t.name));
    out.push(0x63, ...enc.encode("torch._utils\n_rebuild_tensor_v2\n"));
    out.push(0x28);
    out.push(...tuple([str("storage"), [0x63, ...enc.encode("torch\nFloatStorage\n")], str(String(k)), str("cpu"), int(numel)]), 0x51);
    out.push(...int(0), ...tuple(t.shape.map(int)), ...tuple(stride.map(int)), 0x89, 0x63, ...enc.encode("collections\nOrderedDict\n"), 0x29, 0x52);
    out.push(0x74, 0x52);
  });
  out.push(0x75, 0x2e);
  return new Uint8Array(out);
}

/** A .model zip archive from a pickle and float32 storages. */
export function modelZip(pickle: Uint8Array, tensors: FakeTensor[], name = "m"): Uint8Array {
  const files: Record<string, Uint8Array> = { [`${name}/data.pkl`]: pickle };
  tensors.forEach((t, k) => {
    files[`${name}/data/${k}`] = new Uint8Array(Float32Array.from(t.values).buffer);
  });
  return zipSync(files, { level: 0 });
}

/** A linear-only (0 hidden layer) network's tensors with input width `w`. */
export function linearOnly(w: number): FakeTensor[] {
  return [
    { name: "output_layer.weight", shape: [1, w], values: Array.from({ length: w }, (_, i) => i / 10) },
    { name: "output_layer.bias", shape: [1], values: [0.5] },
  ];
}
