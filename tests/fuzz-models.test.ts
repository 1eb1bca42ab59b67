// Fuzz tests of the model readers: PyTorch `.model` archives (zip + pickle),
// the pickle reader alone, and mlmages' `.mlm`. Hostile variants of valid
// files never throw anything but InputError, never hang (2 s a run), and ask
// for no typed array past 1 MiB + 256 bytes per input byte (a header or
// pickle claiming 2^31 values is refused before allocating; the zip reader's
// own buffers are bounded by MAX_MODEL_ENTRY_BYTES, tested in
// bad-input-readers.test.ts).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readModels } from "../src/core/models/ensemble.js";
import { readNativeMeta, readNativeModel, writeNativeModel } from "../src/core/models/native.js";
import { readTorchModel } from "../src/core/models/torch.js";
import { unpickle } from "../src/core/models/unpickle.js";
import { AllocationWatch, allocationBound, fuzzParams, hostile, mutations, onlyInputError, truncations } from "./helpers/fuzz.js";
import { modelZip, statePickle, type FakeTensor } from "./helpers/pickle.js";

/** One hidden layer of 4 on 5 inputs (r = 1): every tensor kind a published network has. */
const tensors: FakeTensor[] = [
  { name: "hidden_stack.0.weight", shape: [4, 5], values: Array.from({ length: 20 }, (_, i) => i / 20 - 0.5) },
  { name: "hidden_stack.0.bias", shape: [4], values: [0.1, -0.2, 0.3, 0] },
  { name: "hidden_stack.1.weight", shape: [4], values: [1, 0.9, 1.1, 1] },
  { name: "hidden_stack.1.bias", shape: [4], values: [0, 0.1, 0, -0.1] },
  { name: "hidden_stack.1.running_mean", shape: [4], values: [0, 0.2, -0.1, 0] },
  { name: "hidden_stack.1.running_var", shape: [4], values: [1, 0.5, 2, 1] },
  { name: "output_layer.weight", shape: [1, 4], values: [0.5, -0.5, 0.25, 1] },
  { name: "output_layer.bias", shape: [1], values: [0.01] },
];
const pickle = statePickle(tensors);
const torchZip = modelZip(pickle, tensors);
const net = readTorchModel(torchZip, "m.model");
const mlm = writeNativeModel({ topR: 1, hiddenLayers: 1, members: [net, net], sources: ["a", "b"] }, { note: "fuzz" });

const watch = new AllocationWatch();
beforeAll(() => watch.install());
afterAll(() => watch.uninstall());

async function check(input: Uint8Array, source: string, read: () => unknown): Promise<void> {
  watch.reset();
  await onlyInputError(source, read);
  expect(watch.largest).toBeLessThanOrEqual(allocationBound(input.length));
}

describe("model readers under hostile input", () => {
  it("the valid files read", () => {
    expect(net.hidden[0].linear.outDim).toBe(4);
    expect(readNativeModel(mlm, "m.mlm").members).toHaveLength(2);
  });

  it("readTorchModel / readModels: a .model archive", async () => {
    await fc.assert(
      fc.asyncProperty(hostile(torchZip), (bytes) =>
        check(bytes, "m.model", () => {
          readTorchModel(bytes, "m.model");
          readModels([{ name: "m.model", bytes }]);
        }),
      ),
      fuzzParams(150),
    );
  });

  it("readTorchModel: the archive with a damaged pickle inside", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(truncations(pickle), mutations(pickle)), (p) => {
        const zip = modelZip(p, tensors);
        return check(zip, "m.model", () => readTorchModel(zip, "m.model"));
      }),
      fuzzParams(200),
    );
  });

  it("unpickle: random bytes and opcode soup", async () => {
    const ops = fc.array(fc.constantFrom(0x80, 0x95, 0x2e, 0x28, 0x63, 0x93, 0x71, 0x72, 0x94, 0x68, 0x6a, 0x7d, 0x29, 0x5d, 0x74, 0x85, 0x86, 0x87, 0x61, 0x65, 0x73, 0x75, 0x58, 0x8c, 0x42, 0x43, 0x4a, 0x4b, 0x4d, 0x8a, 0x47, 0x4e, 0x88, 0x89, 0x51, 0x52, 0x62, 0x0a, 0xff), { maxLength: 200 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(ops.map((a) => Uint8Array.from(a)), fc.uint8Array({ maxLength: 512 }), mutations(pickle)), (bytes) => check(bytes, "p.pkl", () => unpickle(bytes, "p.pkl"))),
      fuzzParams(300),
    );
  });

  it("readNativeModel / readNativeMeta: a .mlm", async () => {
    await fc.assert(
      fc.asyncProperty(hostile(mlm), (bytes) =>
        check(bytes, "m.mlm", () => {
          readNativeModel(bytes, "m.mlm");
          readNativeMeta(bytes, "m.mlm");
        }),
      ),
      fuzzParams(150),
    );
  });

  it("readNativeModel: header JSON with hostile values", async () => {
    const header = JSON.parse(new TextDecoder().decode(mlm.subarray(12, 12 + new DataView(mlm.buffer).getUint32(8, true))));
    const data = mlm.subarray(Math.ceil((12 + new DataView(mlm.buffer).getUint32(8, true)) / 4) * 4);
    const value = fc.oneof(fc.constant(2 ** 31), fc.constant(-1), fc.constant(1.5), fc.constant(null), fc.constant("x"), fc.constant([2 ** 31, 2 ** 31]), fc.constant({}), fc.integer({ min: -10, max: 10 }));
    const keys = ["topR", "hiddenLayers", "members", "tensors", "format", "version", "t.offset", "t.shape", "t.name", "t"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), value, fc.nat(), (key, v, k) => {
        const h = structuredClone(header);
        if (key.startsWith("t")) {
          const t = h.tensors[k % h.tensors.length];
          if (key === "t") h.tensors[k % h.tensors.length] = v;
          else t[key.slice(2)] = v;
        } else h[key] = v;
        const json = new TextEncoder().encode(JSON.stringify(h));
        const start = Math.ceil((12 + json.length) / 4) * 4;
        const bytes = new Uint8Array(start + data.length);
        bytes.set(mlm.subarray(0, 8));
        new DataView(bytes.buffer).setUint32(8, json.length, true);
        bytes.set(json, 12);
        bytes.set(data, start);
        return check(bytes, "m.mlm", () => readNativeModel(bytes, "m.mlm"));
      }),
      fuzzParams(200),
    );
  });
});
