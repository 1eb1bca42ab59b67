// The network trainer's pieces against independent math: the WASM gradient of
// a tiny network against central differences of a float64 forward pass
// written here, the BatchNorm running statistics, Adam against a hand
// computation, the published shapes and initialisation, and seed determinism.
import { describe, expect, it } from "vitest";
import "../src/node/wasm.js";
import { parameterLayout, publishedArchitecture, type Architecture, type ParameterLayout } from "../src/core/train/architecture.js";
import { EarlyStopper } from "../src/core/train/early-stopping.js";
import { initParameters } from "../src/core/train/init.js";
import { deriveSeed } from "../src/core/train/seeds.js";
import { TrainableNetwork } from "../src/core/train/trainable.js";
import { trainWith } from "../src/core/train/train.js";
import { parseTruthTable } from "../src/core/train/truth.js";
import type { Samples } from "../src/core/train/samples.js";
import { getCore } from "../src/core/wasm/instance.js";
import { seededUniform } from "../src/core/random.js";

/** Loss of the training-mode network in float64: weighted MSE + lambda * sum ||W|| / n_param. */
function referenceLoss(
  layout: ParameterLayout,
  p: Float64Array,
  x: Float32Array,
  y: Float32Array,
  nb: number,
  masks: Float32Array[],
  nzWeight: number,
  lambda: number,
): { loss: number; mean: number[][]; unbiasedVar: number[][] } {
  let a: number[][] = [];
  for (let k = 0; k < layout.arch.inDim; k++) a.push(Array.from(x.subarray(k * nb, (k + 1) * nb)));
  const mean: number[][] = [];
  const unbiasedVar: number[][] = [];
  const linear = (s: ParameterLayout["output"], input: number[][]): number[][] => {
    const out: number[][] = [];
    for (let o = 0; o < s.outDim; o++) {
      out.push(Array.from({ length: nb }, (_, b) => {
        let v = p[s.bias.offset + o];
        for (let k = 0; k < s.inDim; k++) v += p[s.weight.offset + o * s.inDim + k] * input[k][b];
        return v;
      }));
    }
    return out;
  };
  layout.hidden.forEach((h, l) => {
    const z = linear(h.linear, a);
    mean.push([]);
    unbiasedVar.push([]);
    a = z.map((row, o) => {
      const mu = row.reduce((s, v) => s + v, 0) / nb;
      const ss = row.reduce((s, v) => s + (v - mu) ** 2, 0);
      mean[l].push(mu);
      unbiasedVar[l].push(ss / (nb - 1));
      const inv = 1 / Math.sqrt(ss / nb + 1e-5);
      return row.map((v, b) => {
        const bn = ((v - mu) * inv) * p[h.gamma.offset + o] + p[h.beta.offset + o];
        return Math.max(0, bn) * masks[l][o * nb + b];
      });
    });
  });
  const pred = linear(layout.output, a)[0];
  let loss = 0;
  for (let b = 0; b < nb; b++) loss += (Math.abs(y[b]) > 1e-6 ? nzWeight : 1) * (pred[b] - y[b]) ** 2;
  loss /= nb;
  let norms = 0;
  for (const t of layout.tensors) {
    let ss = 0;
    for (let i = 0; i < t.length; i++) ss += p[t.offset + i] ** 2;
    norms += Math.sqrt(ss);
  }
  return { loss: loss + (lambda * norms) / layout.count, mean, unbiasedVar };
}

describe("gradient of a tiny network", () => {
  const arch: Architecture = { inDim: 5, widths: [6, 3], dropout: [0.3, 0.2] };
  const layout = parameterLayout(arch);
  const nb = 7;
  const lambda = 0.05;
  const nzWeight = 2;

  it("matches central differences of a float64 forward pass; loss and running statistics match it too", async () => {
    const core = await getCore();
    const rnd = seededUniform(11);
    const params = new Float32Array(layout.size);
    for (const t of layout.tensors) for (let i = 0; i < t.length; i++) params[t.offset + i] = 2 * rnd() - 1;
    const x = Float32Array.from({ length: arch.inDim * nb }, () => 2 * rnd() - 1);
    const y = Float32Array.from({ length: nb }, (_, b) => (b % 3 === 0 ? 0 : rnd() - 0.5));
    core.scoped((s) => {
      const net = new TrainableNetwork(s, layout, params, nb);
      const xb = s.f32From(x);
      const yb = s.f32From(y);
      const loss = net.lossAndGradient(xb.ptr, yb.ptr, nb, nzWeight, [12345, 678]);
      const reg = net.addL2Gradient(lambda);
      const grads = net.grads.view().slice();
      const masks = arch.widths.map((_, l) => net.dropoutMask(l, nb));
      expect(masks[0].some((m) => m === 0)).toBe(true);
      expect(masks[0].some((m) => Math.abs(m - 1 / 0.7) < 1e-6)).toBe(true);
      const p64 = Float64Array.from(params);
      const ref = referenceLoss(layout, p64, x, y, nb, masks, nzWeight, lambda);
      expect(Math.abs(loss + reg - ref.loss)).toBeLessThan(1e-5 * ref.loss);
      const stats = net.snapshot();
      arch.widths.forEach((w, l) => {
        for (let o = 0; o < w; o++) {
          expect(stats.runMean[l][o]).toBeCloseTo(0.1 * ref.mean[l][o], 6);
          expect(stats.runVar[l][o]).toBeCloseTo(0.9 + 0.1 * ref.unbiasedVar[l][o], 5);
        }
      });
      const h = 1e-6;
      let worst = 0;
      let largest = 0;
      for (const t of layout.tensors) {
        for (let i = t.offset; i < t.offset + t.length; i++) {
          const keep = p64[i];
          p64[i] = keep + h;
          const up = referenceLoss(layout, p64, x, y, nb, masks, nzWeight, lambda).loss;
          p64[i] = keep - h;
          const down = referenceLoss(layout, p64, x, y, nb, masks, nzWeight, lambda).loss;
          p64[i] = keep;
          const numeric = (up - down) / (2 * h);
          largest = Math.max(largest, Math.abs(numeric));
          worst = Math.max(worst, Math.abs(numeric - grads[i]));
        }
      }
      expect(largest).toBeGreaterThan(0.01);
      expect(worst).toBeLessThan(1e-4 * largest);
    });
  });

  it("is 0 for an all-zero tensor's L2 term and W / ||W|| scaled otherwise", async () => {
    const core = await getCore();
    const params = new Float32Array(layout.size);
    const w = layout.output.weight;
    params.set([3, 4, 0], w.offset);
    core.scoped((s) => {
      const net = new TrainableNetwork(s, layout, params, nb);
      net.grads.view().fill(0);
      const reg = net.addL2Gradient(layout.count);
      expect(reg).toBeCloseTo(5, 6);
      const g = net.grads.view();
      expect(Array.from(g.subarray(w.offset, w.offset + 3))).toEqual([0.6000000238418579, 0.800000011920929, 0]);
      expect(g.reduce((s, v) => s + Math.abs(v), 0)).toBeCloseTo(1.4, 6);
    });
  });
});

describe("Adam", () => {
  it("takes the steps of Kingma & Ba Alg. 1 in PyTorch's form, by hand over three steps", async () => {
    const core = await getCore();
    const layout = parameterLayout({ inDim: 2, widths: [], dropout: [] });
    const start = new Float32Array(layout.size);
    start.set([0.5, -0.25], layout.output.weight.offset);
    start[layout.output.bias.offset] = 1;
    const gradients = [
      [0.1, -0.2, 0.3],
      [0.05, 0.4, -0.3],
      [-0.2, 0.1, 0.001],
    ];
    const lr = 0.01;
    const p = [0.5, -0.25, 1];
    const m = [0, 0, 0];
    const v = [0, 0, 0];
    core.scoped((s) => {
      const net = new TrainableNetwork(s, layout, start, 2);
      gradients.forEach((g, step) => {
        const t = step + 1;
        const gv = net.grads.view();
        gv.fill(0);
        gv.set(g.slice(0, 2), layout.output.weight.offset);
        gv[layout.output.bias.offset] = g[2];
        net.adamStep(lr);
        if (t === 1) {
          // the first bias-corrected step is lr * g / |g| (up to eps)
          const first = net.params.view();
          expect(first[layout.output.weight.offset]).toBeCloseTo(0.5 - lr, 6);
          expect(first[layout.output.weight.offset + 1]).toBeCloseTo(-0.25 + lr, 6);
        }
        for (let i = 0; i < 3; i++) {
          m[i] = 0.9 * m[i] + 0.1 * g[i];
          v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
          const mHat = m[i] / (1 - 0.9 ** t);
          const vHat = v[i] / (1 - 0.999 ** t);
          p[i] -= (lr * mHat) / (Math.sqrt(vHat) + 1e-8);
        }
      });
      const got = net.params.view();
      const w = layout.output.weight.offset;
      expect(got[w]).toBeCloseTo(p[0], 6);
      expect(got[w + 1]).toBeCloseTo(p[1], 6);
      expect(got[layout.output.bias.offset]).toBeCloseTo(p[2], 6);
    });
  });
});

describe("architecture and initialisation", () => {
  it("has the published widths, dropout and parameter counts", () => {
    expect(publishedArchitecture(15, 0)).toEqual({ inDim: 33, widths: [], dropout: [] });
    expect(publishedArchitecture(15, 1)).toEqual({ inDim: 33, widths: [8], dropout: [0.1] });
    expect(publishedArchitecture(15, 2)).toEqual({ inDim: 33, widths: [64, 8], dropout: [0.2, 0.1] });
    expect(publishedArchitecture(10, 3)).toEqual({ inDim: 23, widths: [64, 32, 8], dropout: [0.2, 0.2, 0.1] });
    // 33*64 + 64 + 64 + 64 + 64*8 + 8 + 8 + 8 + 8 + 1
    expect(parameterLayout(publishedArchitecture(15, 2)).count).toBe(2849);
    for (const t of parameterLayout(publishedArchitecture(15, 3)).tensors) expect(t.offset % 4).toBe(0);
  });

  it("draws Linear weights and biases from U(-1/sqrt(in), 1/sqrt(in)) and sets BatchNorm to 1 and 0", () => {
    const layout = parameterLayout(publishedArchitecture(15, 2));
    const p = initParameters(layout, seededUniform(3));
    const l0 = layout.hidden[0];
    const bound = 1 / Math.sqrt(33);
    const w = p.subarray(l0.linear.weight.offset, l0.linear.weight.offset + l0.linear.weight.length);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.98 * bound);
    expect(Math.abs(w.reduce((s, v) => s + v, 0) / w.length)).toBeLessThan(0.1 * bound);
    const out = layout.output;
    const bo = p.subarray(out.weight.offset, out.weight.offset + 8);
    expect(Math.max(...bo.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(8));
    expect(Array.from(p.subarray(l0.gamma.offset, l0.gamma.offset + 64))).toEqual(new Array(64).fill(1));
    expect(Array.from(p.subarray(l0.beta.offset, l0.beta.offset + 64))).toEqual(new Array(64).fill(0));
  });

  it("derives distinct member seeds from one seed", () => {
    const seeds = new Set(Array.from({ length: 100 }, (_, i) => deriveSeed(7, 1, i)));
    expect(seeds.size).toBe(100);
    expect(deriveSeed(7, 1, 0)).not.toBe(deriveSeed(8, 1, 0));
    expect(deriveSeed(7, 0)).not.toBe(deriveSeed(7, 1, 0));
  });
});

describe("early stopping", () => {
  it("stops after `patience` epochs worse than the best by more than minDelta", () => {
    const s = new EarlyStopper(2, 0.01);
    expect(s.update(1)).toEqual({ improved: true, stop: false });
    expect(s.update(1.005)).toEqual({ improved: false, stop: false });
    expect(s.update(1.5)).toEqual({ improved: false, stop: false });
    expect(s.update(0.9)).toEqual({ improved: true, stop: false });
    expect(s.update(2)).toEqual({ improved: false, stop: false });
    expect(s.update(Number.NaN)).toEqual({ improved: false, stop: true });
    expect(s.bestLoss).toBe(0.9);
  });
});

describe("seed determinism", () => {
  const rnd = seededUniform(5);
  const n = 300;
  const width = 13;
  const samples: Samples = {
    n,
    width,
    x: Float32Array.from({ length: n * width }, () => rnd() - 0.5),
    y: Float32Array.from({ length: n }, () => (rnd() < 0.5 ? 0 : rnd() - 0.5)),
  };
  const run = async (seed: number) =>
    trainWith(await getCore(), { samples, topR: 5, layers: 2, members: 2, epochs: 3, batch: 32, lr: 1e-3, seed });

  it("gives bit-identical weights for the same seed and different ones for another", async () => {
    const a = await run(42);
    const b = await run(42);
    const c = await run(43);
    const flat = (r: Awaited<ReturnType<typeof run>>): number[] =>
      r.ensemble.members.flatMap((m) => [...m.hidden.flatMap((h) => [...h.linear.weight, ...h.linear.bias, ...h.norm.weight, ...h.norm.bias, ...h.norm.runningMean, ...h.norm.runningVar]), ...m.output.weight, ...m.output.bias]);
    // per member: 13*64 + 3*64 + 64*8 + 3*8 + 8 + 1 parameters and 2 * (64 + 8) running statistics
    expect(flat(a).length).toBe(2 * (13 * 64 + 3 * 64 + 64 * 8 + 3 * 8 + 8 + 1 + 2 * (64 + 8)));
    expect(flat(a)).toEqual(flat(b));
    expect(flat(a)).not.toEqual(flat(c));
    expect(a.ensemble.members[0].hidden[0].linear.weight).not.toEqual(a.ensemble.members[1].hidden[0].linear.weight);
    expect(a.members.map((m) => m.history)).toEqual(b.members.map((m) => m.history));
  });
});

describe("truth table", () => {
  it("reads the T<k> columns, ignores others and names a bad cell by line and column", () => {
    const t = parseTruthTable("ID\tT1\tT2\nrs1\t0\t0.5\nrs2\t-0.25\t0\n", "truth.tsv");
    expect([...t.keys()]).toEqual(["T1", "T2"]);
    expect(Array.from(t.get("T1")!)).toEqual([0, -0.25]);
    expect(Array.from(t.get("T2")!)).toEqual([0.5, 0]);
    expect(() => parseTruthTable("T1 T2\n0 1\n0 x\n", "truth.tsv")).toThrow("truth.tsv, line 3, column 2: 'x' is not a number");
  });
});
