// Model files: the published PyTorch .model archives, mlmages' native format,
// and the errors for files that are not what they should be.
import { readFileSync } from "node:fs";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readModels } from "../src/core/models/ensemble.js";
import { readNativeMeta, readNativeModel, writeNativeModel } from "../src/core/models/native.js";
import { readTorchModel } from "../src/core/models/torch.js";
import { publishedModelPaths } from "./helpers/dev.js";
import { linearOnly, modelZip, statePickle } from "./helpers/pickle.js";
import { describeWith, itWith, SHARED } from "./helpers/requirements.js";

const bytes = (p: string) => new Uint8Array(readFileSync(p));

describeWith(SHARED)("published PyTorch .model files", () => {
  it("reads a 2-hidden-layer top-15 network with its weights", () => {
    const net = readTorchModel(bytes(publishedModelPaths("s-0.25_w0_top15_2L")[0]), "m0");
    expect(net.topR).toBe(15);
    expect(net.hidden.map((h) => [h.linear.inDim, h.linear.outDim])).toEqual([[33, 64], [64, 8]]);
    expect(net.output.inDim).toBe(8);
    // values read independently from the archive's raw storage (python zipfile + struct)
    expect(net.hidden[0].linear.weight[0]).toBe(Math.fround(0.12561796605587006));
    expect(net.hidden[0].linear.weight[1]).toBe(Math.fround(-0.0359933115541935));
    expect(net.hidden[0].linear.weight[5 * 33 + 7]).toBe(Math.fround(-0.06682666391134262));
    expect(net.hidden[0].norm.eps).toBe(1e-5);
  });

  it("reads a linear (0 hidden layer) network", () => {
    const net = readTorchModel(bytes(publishedModelPaths("s0_w0_top15_0L")[0]), "m");
    expect(net.hidden.length).toBe(0);
    expect(net.output.inDim).toBe(33);
    expect(net.output.weight[0]).toBe(Math.fround(0.10172554850578308));
    expect(net.output.bias[0]).toBe(Math.fround(-2.7301428417558782e-5));
  });

  it.each([
    ["s-0.25_w0_top5_3L", 5, [13, 64, 32, 8]],
    ["s-0.25_w0_top10_2L", 10, [23, 64, 8]],
    ["s0_w-1_top15_3L", 15, [33, 64, 32, 8]],
  ])("infers %s's architecture", (label, r, widths) => {
    const e = readModels(publishedModelPaths(label).map((name) => ({ name, bytes: bytes(name) })));
    expect(e.members.length).toBe(10);
    expect(e.topR).toBe(r);
    expect(e.hiddenLayers).toBe(widths.length - 1);
    expect([e.members[0].hidden[0].linear.inDim, ...e.members[0].hidden.map((h) => h.linear.outDim)]).toEqual(widths);
  });
});

describeWith(SHARED)("native .mlm format", () => {
  it("round-trips an ensemble bit for bit, with its metadata", () => {
    const e = readModels(publishedModelPaths("s-0.25_w0_top5_3L").map((name) => ({ name, bytes: bytes(name) })));
    const file = writeNativeModel(e, { recipe: "test" });
    const back = readNativeModel(file, "x.mlm");
    expect(back.topR).toBe(5);
    expect(back.hiddenLayers).toBe(3);
    expect(back.members.length).toBe(10);
    for (let m = 0; m < 10; m++) {
      e.members[m].hidden.forEach((h, i) => {
        const g = back.members[m].hidden[i];
        expect(g.linear.weight).toEqual(h.linear.weight);
        expect(g.linear.bias).toEqual(h.linear.bias);
        expect(g.norm.runningVar).toEqual(h.norm.runningVar);
        expect(g.norm.runningMean).toEqual(h.norm.runningMean);
        expect(g.norm.weight).toEqual(h.norm.weight);
        expect(g.norm.bias).toEqual(h.norm.bias);
      });
      expect(back.members[m].output.weight).toEqual(e.members[m].output.weight);
    }
    expect(readNativeMeta(file, "x.mlm")).toEqual({ recipe: "test" });
    expect(readModels([{ name: "x.mlm", bytes: file }]).members.length).toBe(10);
  });
});

describe("malformed model files", () => {
  const fine = linearOnly(33);

  it("accepts a hand-made state dict (the test pickle writer is sound)", () => {
    const net = readTorchModel(modelZip(statePickle(fine), fine), "ok.model");
    expect(net.topR).toBe(15);
    expect(net.output.bias[0]).toBe(0.5);
  });

  it.each<[string, () => Uint8Array, string]>([
    ["not a zip", () => new TextEncoder().encode("hello"), "bad.model: not a PyTorch .model archive nor an mlmages model"],
    ["a zip without data.pkl", () => zipSync({ "m/other": new Uint8Array(3) }), "bad.model: not a PyTorch .model file (the archive has no data.pkl)"],
    [
      "a pickle calling os.system",
      () => modelZip(new Uint8Array([0x80, 2, 0x63, ...new TextEncoder().encode("os\nsystem\n"), 0x2e]), []),
      "bad.model: unsupported pickle global 'os.system' (only PyTorch state dicts of tensors can be read) (pickle byte 13)",
    ],
    [
      "a truncated storage",
      () => {
        const z = modelZip(statePickle(fine), [{ ...fine[0], values: [1, 2] }, fine[1]]);
        return z;
      },
      "bad.model: storage 0 of tensor output_layer.weight is truncated (8 bytes, needs 132)",
    ],
    ["an input width that is not 2r + 3", () => modelZip(statePickle(linearOnly(8)), linearOnly(8)), "bad.model: the network takes 8 inputs, which is not 2r + 3 features for a whole r >= 1"],
    [
      "a missing BatchNorm tensor",
      () => {
        const t = [{ name: "hidden_stack.0.weight", shape: [4, 33], values: new Array(132).fill(0) }, { name: "hidden_stack.0.bias", shape: [4], values: [0, 0, 0, 0] }, { name: "output_layer.weight", shape: [1, 4], values: [1, 1, 1, 1] }, { name: "output_layer.bias", shape: [1], values: [0] }];
        return modelZip(statePickle(t), t);
      },
      "bad.model: the state dict has no tensor 'hidden_stack.1.weight'",
    ],
    [
      "an output layer that does not chain",
      () => {
        const t = [{ name: "output_layer.weight", shape: [2, 33], values: new Array(66).fill(0) }, { name: "output_layer.bias", shape: [2], values: [0, 0] }];
        return modelZip(statePickle(t), t);
      },
      "bad.model: tensor 'output_layer.weight' has shape [2, 33], expected [1, 33]",
    ],
    ["a truncated pickle", () => modelZip(statePickle(fine).subarray(0, 40), fine), "bad.model: truncated pickle data (pickle byte 35)"],
  ])("rejects %s", (_, make, message) => {
    expect(() => readModels([{ name: "bad.model", bytes: make() }])).toThrow(message);
  });

  itWith(SHARED)("rejects an ensemble of mixed architectures, naming both files", () => {
    const a = publishedModelPaths("s-0.25_w0_top15_2L")[0];
    const b = publishedModelPaths("s-0.25_w0_top5_3L")[0];
    expect(() => readModels([a, b].map((name) => ({ name, bytes: bytes(name) })))).toThrow(
      `models of different architectures cannot form one ensemble: ${a} is top15, 2 hidden layers but ${b} is top5, 3 hidden layers`,
    );
  });
});
