// Training samples: per-variant features (row-major float32, as the network
// takes them) with the true effect as target, built from simulated GWAS,
// their LD blocks and the simulated true effects. In "median-se" units, each
// trait's BETA, SE and true effects are divided by the trait's median SE; in
// "z" units BETA and the true effects by each variant's SE and SE by the
// median SE, as `shrink` divides the inputs of such a model (units.ts).
// see: ML-MAGES construct_input_from_snp_only.py (X = features, y = true beta).
import { InputError } from "../errors.js";
import { blockFeatures, blockNeighbours, featureWidth } from "../features.js";
import { checkCoverage } from "../shrink.js";
import type { Gwas, LdBlock, ModelUnits } from "../types.js";
import { inUnits, median, unitScale } from "../units.js";
import type { Core } from "../wasm/core.js";
import type { Uniform } from "./init.js";

/** n samples of `width` features (row-major) and their targets. */
export interface Samples {
  n: number;
  width: number;
  x: Float32Array;
  y: Float32Array;
  /** The lowest and highest median SE of the simulated traits (per trait, as given). */
  medianSe?: [number, number];
}

/** One simulated trait: its GWAS, the LD blocks it was made from and its true effects (in GWAS order). */
export interface SimulatedTrait {
  gwas: Gwas;
  ldBlocks: LdBlock[];
  truth: Float64Array;
  /** Where the true effects came from, for messages. */
  truthSource: string;
}

/** The features (r neighbours) and true effects of every variant of the traits, in order, in the given units. */
export function simulatedSamples(core: Core, traits: SimulatedTrait[], topR: number, units?: ModelUnits): Samples {
  const width = featureWidth(topR);
  const n = traits.reduce((s, t) => s + t.gwas.n, 0);
  const x = new Float32Array(n * width);
  const y = new Float32Array(n);
  let at = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of traits) {
    checkCoverage(t.gwas, t.ldBlocks);
    if (t.truth.length !== t.gwas.n) {
      throw InputError.mismatch(t.truthSource, `${t.truthSource} has ${t.truth.length} true effects but ${t.gwas.source} has ${t.gwas.n} variants`);
    }
    const m = median(t.gwas.se);
    lo = Math.min(lo, m);
    hi = Math.max(hi, m);
    const scale = unitScale(units, t.gwas.se);
    const se = inUnits(t.gwas.se, scale);
    const beta = units === "z" ? t.gwas.beta.map((b, i) => b / t.gwas.se[i]) : inUnits(t.gwas.beta, scale);
    y.set(units === "z" ? t.truth.map((b, i) => b / t.gwas.se[i]) : inUnits(t.truth, scale), at);
    let lb = 0;
    for (const block of t.ldBlocks) {
      core.scoped((s) => {
        const nb = blockNeighbours(core, block.data, block.n, topR);
        const f = blockFeatures(s, nb, s.f64From(beta.subarray(lb, lb + block.n)), s.f64From(se.subarray(lb, lb + block.n)));
        x.set(f.rows.view(), (at + lb) * width);
      });
      lb += block.n;
    }
    at += t.gwas.n;
  }
  return { n, width, x, y, ...(traits.length ? { medianSe: [lo, hi] as [number, number] } : {}) };
}

/** The samples at the given indices, in that order. */
export function subset(s: Samples, idx: ArrayLike<number>): Samples {
  const x = new Float32Array(idx.length * s.width);
  const y = new Float32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const j = idx[i];
    x.set(s.x.subarray(j * s.width, (j + 1) * s.width), i * s.width);
    y[i] = s.y[j];
  }
  return { n: idx.length, width: s.width, x, y };
}

/** Fisher-Yates shuffle in place with a uniform source. */
export function shuffle(a: Int32Array | number[], uniform: Uniform): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/** A random split into training and validation samples, round(n * fraction) of them for validation. */
export function splitSamples(s: Samples, fraction: number, uniform: Uniform): { train: Samples; val: Samples } {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`the validation fraction must be between 0 and 1, not ${fraction}`);
  const order = Int32Array.from({ length: s.n }, (_, i) => i);
  shuffle(order, uniform);
  const nVal = Math.round(s.n * fraction);
  if (nVal < 1 || s.n - nVal < 2) throw new RangeError(`${s.n} samples are too few to split into training and validation sets`);
  return { val: subset(s, order.subarray(0, nVal)), train: subset(s, order.subarray(nVal)) };
}
