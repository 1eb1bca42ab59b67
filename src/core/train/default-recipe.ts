// The recipe of the shipped default ensemble: training data from mlmages' own
// simulator only (haplotype-mosaic LD, single-trait and gene-level effects over
// a range of sample sizes, heritabilities and effect architectures), then the
// published network (top 15, 2 hidden layers) trained as published.
import * as dmath from "../math.js";
import { Rng } from "../random.js";
import { simulateGwas, simulateLd } from "../sim/simulate.js";
import type { Core } from "../wasm/core.js";
import { simulatedSamples, type Samples, type SimulatedTrait } from "./samples.js";

export interface RecipeOptions {
  seed: number;
  /** LD panels to simulate (3 blocks each). */
  panels: number;
  /** Traits simulated on each panel. */
  traitsPerPanel: number;
  topR: number;
}

export const DEFAULT_RECIPE: RecipeOptions = { seed: 2025, panels: 24, traitsPerPanel: 10, topR: 15 };

const pick = <T>(rng: Rng, xs: T[]): T => xs[rng.int(xs.length)];

/** Training samples from simulations; `onPanel` reports progress. */
export function recipeSamples(core: Core, o: RecipeOptions, onPanel?: (done: number, total: number) => void): Samples {
  const rng = new Rng(o.seed);
  const traits: SimulatedTrait[] = [];
  for (let p = 0; p < o.panels; p++) {
    const sizes = [300 + rng.int(500), 300 + rng.int(500), 300 + rng.int(500)];
    const { blocks, freq } = simulateLd({ blockSizes: sizes }, rng);
    for (let t = 0; t < o.traitsPerPanel; t++) {
      const geneLevel = rng.uniform() < 0.5;
      const sim = simulateGwas(
        blocks,
        {
          traits: 1,
          n: pick(rng, [50_000, 100_000, 200_000, 290_000, 400_000, 600_000]),
          h2: dmath.exp(dmath.log(0.0005) + rng.uniform() * dmath.log(40)),
          s: pick(rng, [0, -0.25, -0.5]),
          w: pick(rng, [0, -1]),
          p: dmath.exp(dmath.log(0.001) + rng.uniform() * dmath.log(30)),
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
  return simulatedSamples(core, traits, o.topR);
}
