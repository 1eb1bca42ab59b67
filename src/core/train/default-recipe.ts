// The recipe of the shipped default ensemble: training data from mlmages' own
// simulator only (haplotype-mosaic LD from a changing founder genealogy, each
// panel's LD drawn between UK Biobank-like and 1000 Genomes-like; single-trait
// and gene-level effects over sample sizes N log-uniform from 1,000 to
// 1,000,000, heritabilities and causal fractions from sparse to polygenic, and
// effect architectures), in z units (units.ts), then the published network
// (top 15, 2 hidden layers) trained as published.
import * as dmath from "../math.js";
import { Rng } from "../random.js";
import type { HaplotypeOptions } from "../sim/haplotypes.js";
import { simulateGwas, simulateLd } from "../sim/simulate.js";
import type { ModelUnits } from "../types.js";
import type { Core } from "../wasm/core.js";
import { simulatedSamples, type Samples, type SimulatedTrait } from "./samples.js";

export interface RecipeOptions {
  seed: number;
  /** LD panels to simulate (3 blocks each). */
  panels: number;
  /** Traits simulated on each panel. */
  traitsPerPanel: number;
  topR: number;
  /** Units of the networks (see units.ts). */
  units: ModelUnits;
  /** Sample sizes N, log-uniform between the two. */
  n: [number, number];
  /** Heritability of the simulated region, log-uniform between the two. */
  h2: [number, number];
  /** Causal fraction of single-trait effects, log-uniform between the two (sparse to polygenic). */
  p: [number, number];
  /**
   * LD of each panel (haplotypes.ts), log-uniform between the two of each
   * range: from UK Biobank-like blocks (many founders, fast-changing genealogy,
   * frequent switches) to 1000 Genomes-like in-sample LD (few founders, long
   * haplotypes, few hundred samples). Absent: the simulator's default LD.
   */
  ld?: { founders: [number, number]; treeChange: [number, number]; background: [number, number]; hotspotsPer100: [number, number]; individuals: [number, number] };
}

export const DEFAULT_RECIPE: RecipeOptions = {
  seed: 2025,
  panels: 24,
  traitsPerPanel: 10,
  topR: 15,
  units: "z",
  n: [1_000, 1_000_000],
  h2: [0.0002, 0.02],
  p: [0.0005, 0.2],
  ld: { founders: [30, 120], treeChange: [0.01, 0.5], background: [0.0005, 0.02], hotspotsPer100: [0.5, 3], individuals: [500, 2000] },
};

const pick = <T>(rng: Rng, xs: T[]): T => xs[rng.int(xs.length)];

/** A log-uniform draw between lo and hi. */
const logUniform = (rng: Rng, [lo, hi]: [number, number]): number => dmath.exp(dmath.log(lo) + rng.uniform() * (dmath.log(hi) - dmath.log(lo)));

/** One panel's haplotype options drawn from the recipe's LD ranges. */
function panelLd(rng: Rng, r: NonNullable<RecipeOptions["ld"]>): Partial<HaplotypeOptions> {
  return {
    founders: Math.round(logUniform(rng, r.founders)),
    treeChange: logUniform(rng, r.treeChange),
    background: logUniform(rng, r.background),
    hotspotsPer100: logUniform(rng, r.hotspotsPer100),
    individuals: Math.round(logUniform(rng, r.individuals)),
  };
}

/** Training samples from simulations; `onPanel` reports progress. */
export function recipeSamples(core: Core, o: RecipeOptions, onPanel?: (done: number, total: number) => void): Samples {
  const rng = new Rng(o.seed);
  const traits: SimulatedTrait[] = [];
  for (let p = 0; p < o.panels; p++) {
    const sizes = [300 + rng.int(500), 300 + rng.int(500), 300 + rng.int(500)];
    const { blocks, freq } = simulateLd({ blockSizes: sizes, ...(o.ld ? { haplotypes: panelLd(rng, o.ld) } : {}) }, rng);
    for (let t = 0; t < o.traitsPerPanel; t++) {
      const geneLevel = rng.uniform() < 0.5;
      const sim = simulateGwas(
        blocks,
        {
          traits: 1,
          n: Math.round(logUniform(rng, o.n)),
          h2: logUniform(rng, o.h2),
          s: pick(rng, [0, -0.25, -0.5]),
          w: pick(rng, [0, -1]),
          p: logUniform(rng, o.p),
          genes: geneLevel ? { causalInGene: 0.1 + 0.3 * rng.uniform() } : undefined,
          freq,
        },
        rng,
      );
      traits.push({
        gwas: { source: `panel${p}/trait${t}`, n: freq.length, chr: null, pos: null, id: null, beta: sim.beta[0], se: sim.se[0] },
        ldBlocks: blocks,
        truth: sim.truth[0],
        truthSource: `panel${p}/trait${t}`,
      });
    }
    onPanel?.(p + 1, o.panels);
  }
  return simulatedSamples(core, traits, o.topR, o.units);
}
