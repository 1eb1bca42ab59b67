// A model in median-SE units is scale-equivariant by construction: BETA and SE
// both times c give BETA_SHRINK times c (issue 19). Models without units (the
// published .model files) see BETA and SE as given, exactly as before.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeWith, SHARED } from "./helpers/requirements.js";
import { testDir } from "./helpers/tmp.js";
import "../src/node/wasm.js";
import { blockFeatures, blockNeighbours, featureMajorF32 } from "../src/core/features.js";
import { readModels } from "../src/core/models/ensemble.js";
import { readNativeModel, writeNativeModel } from "../src/core/models/native.js";
import { loadEnsemble, predict } from "../src/core/network.js";
import { shrink } from "../src/core/shrink.js";
import { Rng } from "../src/core/random.js";
import { EXAMPLE_SEED } from "../src/core/sim/example.js";
import { simulatedSamples } from "../src/core/train/samples.js";
import { train } from "../src/core/train/train.js";
import { simulateGwas, simulateLd } from "../src/core/sim/simulate.js";
import type { Ensemble, Gwas, LdBlock } from "../src/core/types.js";
import { median } from "../src/core/units.js";
import { getCore } from "../src/core/wasm/instance.js";
import { packagePath } from "../src/node/package-root.js";
import { devBlocks, publishedModelPaths } from "./helpers/dev.js";
import { readCsvColumns, sharedPath } from "./helpers/shared.js";
import { simulateTrait } from "./helpers/train-data.js";

const run = promisify(execFile);
const SCALES = [0.01, 7.3, 100];

/** The shipped default ensemble (in median-SE units). */
function defaultEnsemble(): Ensemble {
  return readNativeModel(readFileSync(packagePath("models", "default", "default.mlm")), "default.mlm");
}

/** The bundled example's trait T1 and LD (the same draws as `mlmages example`). */
function example(): { gwas: Gwas; ldBlocks: LdBlock[] } {
  const rng = new Rng(EXAMPLE_SEED);
  const { blocks, freq } = simulateLd({ blockSizes: [520, 480, 500] }, rng);
  const sim = simulateGwas(blocks, { traits: 3, n: 290000, h2: [0.003, 0.002, 0.0025], s: -0.25, w: 0, p: 0, genes: {}, freq }, rng);
  return { gwas: { source: "example T1", n: freq.length, chr: null, pos: null, id: null, beta: sim.beta[0], se: sim.se[0] }, ldBlocks: blocks };
}

function scaled(g: Gwas, c: number): Gwas {
  return { ...g, beta: g.beta.map((b) => b * c), se: g.se.map((s) => s * c) };
}

/** The largest |x_c − c·x| / max|c·x| over the variants. */
function relativeError(base: Float64Array, got: Float64Array, c: number): number {
  let worst = 0;
  let top = 0;
  for (let i = 0; i < base.length; i++) {
    worst = Math.max(worst, Math.abs(got[i] - c * base[i]));
    top = Math.max(top, Math.abs(c * base[i]));
  }
  return worst / top;
}

async function expectEquivariant(models: Ensemble, gwas: Gwas, ldBlocks: LdBlock[]): Promise<void> {
  const base = (await shrink({ gwas, ldBlocks, models })).betaShrink;
  expect(base.some((b) => b !== 0)).toBe(true);
  for (const c of SCALES) {
    const got = (await shrink({ gwas: scaled(gwas, c), ldBlocks, models })).betaShrink;
    expect(relativeError(base, got, c), `c = ${c}`).toBeLessThanOrEqual(1e-9);
  }
}

describe("median", () => {
  it("picks the middle element or averages the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median(Float64Array.of(4, 1, 3, 2))).toBe(2.5);
    expect(median([5])).toBe(5);
  });
});

describe("model units", () => {
  it("round-trip through the .mlm header, and files without them read as before", () => {
    const e = defaultEnsemble();
    const back = readNativeModel(writeNativeModel({ ...e, trainingRange: { medianSe: [0.001, 0.05], n: [1000, 1e6] } }), "x.mlm");
    expect(back.units).toBe("z");
    expect(back.trainingRange).toEqual({ medianSe: [0.001, 0.05], n: [1000, 1e6] });
    const plain = readNativeModel(writeNativeModel({ ...e, units: undefined, trainingRange: undefined }), "y.mlm");
    expect(plain.units).toBeUndefined();
    expect(plain.trainingRange).toBeUndefined();
  });

  it("cannot be mixed in one ensemble", () => {
    const e = defaultEnsemble();
    const a = { name: "a.mlm", bytes: writeNativeModel(e) };
    const b = { name: "b.mlm", bytes: writeNativeModel({ ...e, units: undefined }) };
    expect(() => readModels([a, b])).toThrow("models in different units cannot form one ensemble: a.mlm has z but b.mlm has BETA and SE as given");
  });

  it("an unknown units value is refused", () => {
    const bytes = writeNativeModel({ ...defaultEnsemble(), units: "sd" as never });
    expect(() => readNativeModel(bytes, "sd.mlm")).toThrow('unknown units "sd" (known: "median-se", "z", or no units field)');
  });

  it("the shipped default ensemble is in z units with its training range", () => {
    const e = readNativeModel(readFileSync(packagePath("models", "default", "default.mlm")), "default.mlm");
    expect(e.units).toBe("z");
    expect(e.trainingRange?.n).toEqual([1000, 1_000_000]);
    const [lo, hi] = e.trainingRange!.medianSe!;
    expect(lo).toBeGreaterThan(0);
    expect(hi / lo).toBeGreaterThan(20); // N over three orders of magnitude: SE over about 1.5
  });
});

describe("scale equivariance on the bundled example", () => {
  it("BETA_SHRINK(c·BETA, c·SE) = c·BETA_SHRINK(BETA, SE) within 1e-9 for c in {0.01, 7.3, 100}", async () => {
    const { gwas, ldBlocks } = example();
    await expectEquivariant(defaultEnsemble(), gwas, ldBlocks);
  });

  it("a model in median-SE units sees BETA/s and SE/s and returns s times its prediction", async () => {
    const { gwas, ldBlocks } = example();
    const models = { ...defaultEnsemble(), units: "median-se" as const };
    const s = median(gwas.se);
    const asGiven = { ...models, units: undefined };
    const direct = (await shrink({ gwas: scaled(gwas, 1 / s), ldBlocks, models: asGiven })).betaShrink;
    const got = (await shrink({ gwas, ldBlocks, models })).betaShrink;
    // the same float32 network outputs, times s (inputs divided by s vs multiplied by 1/s: equal to rounding)
    expect(relativeError(direct, got, s)).toBeLessThanOrEqual(1e-6);
  });
});

describe("a model in z units", () => {
  it("sees each variant's z (its own and its neighbours') and SE/s, and returns its SE times the prediction", async () => {
    const { gwas, ldBlocks } = example();
    const models = { ...defaultEnsemble(), units: "z" as const };
    const s = median(gwas.se);
    const zs = { ...gwas, beta: gwas.beta.map((b, i) => b / gwas.se[i]), se: gwas.se.map((x) => x / s) };
    const direct = (await shrink({ gwas: zs, ldBlocks, models: { ...models, units: undefined } })).betaShrink;
    const got = (await shrink({ gwas, ldBlocks, models })).betaShrink;
    let worst = 0;
    let top = 0;
    for (let i = 0; i < got.length; i++) {
      worst = Math.max(worst, Math.abs(got[i] - direct[i] * gwas.se[i]));
      top = Math.max(top, Math.abs(got[i]));
    }
    expect(worst / top).toBeLessThanOrEqual(1e-6);
    await expectEquivariant(models, gwas, ldBlocks);
  });

  it("is trained on z, SE over the median SE and the true effect over each variant's SE", async () => {
    const traits = [simulateTrait(1, 2, 60), simulateTrait(2, 2, 60, 1, { p: 0.05, sd: 0.02, sampleSize: 20000 })];
    const samples = simulatedSamples(await getCore(), traits, 5, "z");
    const i = 120 + 7;
    const { beta, se } = traits[1].gwas;
    expect(samples.y[i]).toBe(Math.fround(traits[1].truth[7] / se[7]));
    expect(samples.x[i * samples.width]).toBe(Math.fround(beta[7] / se[7]));
    expect(samples.x[i * samples.width + 1]).toBe(Math.fround(se[7] / median(se)));
    const { ensemble } = await train({ samples, topR: 5, units: "z", members: 1, epochs: 3, lr: 1e-3, seed: 1 });
    const { gwas, ldBlocks } = example();
    await expectEquivariant(readNativeModel(writeNativeModel(ensemble), "trained-z.mlm"), gwas, ldBlocks);
  });
});

describe("a model trained in median-SE units", () => {
  it("learns from BETA, SE and true effects over each trait's median SE, records its range, and is scale-equivariant", async () => {
    const traits = [simulateTrait(1, 2, 60), { ...simulateTrait(2, 2, 60, 1, { p: 0.05, sd: 0.02, sampleSize: 20000 }) }];
    const core = await getCore();
    const samples = simulatedSamples(core, traits, 5, "median-se");
    const s0 = median(traits[0].gwas.se);
    const s1 = median(traits[1].gwas.se);
    expect(samples.medianSe).toEqual([Math.min(s0, s1), Math.max(s0, s1)]);
    // target and BETA feature (column 0) of a variant of the second trait, in its median-SE units
    const i = 120 + 7;
    expect(samples.y[i]).toBe(Math.fround(traits[1].truth[7] / s1));
    expect(samples.x[i * samples.width]).toBe(Math.fround(traits[1].gwas.beta[7] / s1));
    expect(samples.x[i * samples.width + 1]).toBe(1);
    const { ensemble, recipe } = await train({ samples, topR: 5, units: "median-se", members: 1, epochs: 3, lr: 1e-3, seed: 1 });
    expect(ensemble.units).toBe("median-se");
    expect(ensemble.trainingRange).toEqual({ medianSe: samples.medianSe });
    expect(recipe.units).toBe("median-se");
    const back = readNativeModel(writeNativeModel(ensemble), "trained.mlm");
    const { gwas, ldBlocks } = example();
    await expectEquivariant(back, gwas, ldBlocks);
  });
});

describe("training range warning", () => {
  it("names the range when the trait's median SE lies outside it, and is silent inside", async () => {
    const { gwas, ldBlocks } = example();
    const m = median(gwas.se);
    const models = { ...defaultEnsemble(), trainingRange: { medianSe: [m / 10, m / 2] as [number, number] } };
    const out = await shrink({ gwas, ldBlocks, models });
    expect(out.warning).toBe(`example T1: median SE ${m.toPrecision(3)} is outside the ${(m / 10).toPrecision(3)}–${(m / 2).toPrecision(3)} the model was trained on; its shrinkage there is an extrapolation`);
    const inside = await shrink({ gwas, ldBlocks, models: { ...models, trainingRange: { medianSe: [m / 2, m * 2] } } });
    expect(inside.warning).toBeNull();
  });

  describe("on the command line", () => {
    const dir = testDir("units");
    const cli = (args: string[]) => run("node", [packagePath("bin", "mlmages.js"), ...args], { cwd: dir });
    /** The bundled example and a copy of the default ensemble trained on median SEs of [2m, 4m], m = T1's median SE. */
    beforeAll(async () => {
      await cli(["example", "--quiet", "--out", "ex"]);
      const m = median(example().gwas.se);
      writeFileSync(join(dir, "narrow.mlm"), writeNativeModel({ ...defaultEnsemble(), trainingRange: { medianSe: [2 * m, 4 * m] } }));
    });
    const expected = (file: string): string => {
      const m = median(example().gwas.se);
      return `mlmages: warning: ${file}: median SE ${m.toPrecision(3)} is outside the ${(2 * m).toPrecision(3)}–${(4 * m).toPrecision(3)} the model was trained on; its shrinkage there is an extrapolation`;
    };
    const warnings = (stderr: string): string[] => stderr.split("\n").filter((l) => l.includes("warning"));

    it("mlmages shrink prints one warning line naming the range", async () => {
      const { stderr } = await cli(["shrink", "--gwas", "ex/gwas_T1.tsv", "--ld", "ex/ld_blocks.txt", "--model", "narrow.mlm", "--out", "out.tsv"]);
      expect(warnings(stderr)).toEqual([expected("ex/gwas_T1.tsv")]);
    });

    it("mlmages run prints it too, and records it in run.json", async () => {
      const { stderr } = await cli(["run", "--gwas", "T1=ex/gwas_T1.tsv", "--ld", "ex/ld_blocks.txt", "--model", "narrow.mlm", "--out", "res"]);
      expect(warnings(stderr)).toEqual([expected("ex/gwas_T1.tsv")]);
      expect(JSON.parse(readFileSync(join(dir, "res", "run.json"), "utf8")).warnings).toEqual([expected("ex/gwas_T1.tsv").slice("mlmages: warning: ".length)]);
    });
  });
});

describeWith(SHARED)("on the dev data", () => {
  let ldBlocks: LdBlock[];
  let traits: Gwas[];
  beforeAll(() => {
    ldBlocks = devBlocks().map((b, k) => ({ source: `block ${k}`, n: b.length, data: Float64Array.from(b.flat()) }));
    traits = [1, 2, 3].map((t) => {
      const cols = readCsvColumns(`oracle/dev/input/gwas_T${t}.csv`);
      return { source: `T${t}`, n: cols.BETA.length, chr: null, pos: null, id: null, beta: Float64Array.from(cols.BETA.map(Number)), se: Float64Array.from(cols.SE.map(Number)) };
    });
  });

  it.each([0, 1, 2])("the default ensemble is scale-equivariant on trait T%i within 1e-9", async (t) => {
    await expectEquivariant(defaultEnsemble(), traits[t], ldBlocks);
  });

  it("a published ensemble (no units) still sees BETA and SE as given: shrink equals the mean of its networks on the raw features", async () => {
    const files = publishedModelPaths("s-0.25_w0_top15_2L").map((name) => ({ name, bytes: new Uint8Array(readFileSync(name)) }));
    const models = readModels(files);
    expect(models.units).toBeUndefined();
    const gwas = traits[0];
    const got = (await shrink({ gwas, ldBlocks, models })).betaShrink;
    const core = await getCore();
    const want = new Float64Array(gwas.n);
    core.scoped((scope) => {
      const loaded = loadEnsemble(scope, models);
      let lb = 0;
      for (const b of ldBlocks) {
        core.scoped((s) => {
          const f = blockFeatures(s, blockNeighbours(core, b.data, b.n, models.topR), s.f64From(gwas.beta.subarray(lb, lb + b.n)), s.f64From(gwas.se.subarray(lb, lb + b.n)));
          want.set(predict(s, loaded, featureMajorF32(s, f), b.n).view(), lb);
        });
        lb += b.n;
      }
    });
    expect(got).toEqual(want);
  });
});
