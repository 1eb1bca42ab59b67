// The shrinkage methods side by side on one trait whose true effects are known:
// each method's estimates and the seconds it took, for the accuracy table of
// `mlmages evaluate` and bench/accuracy.js.
import { enetShrinkWith } from "../enet.js";
import { shrinkWith } from "../shrink.js";
import { susieShrinkWith } from "../susie/susie-rss.js";
import type { Ensemble, Gwas, LdBlock } from "../types.js";
import type { Core } from "../wasm/core.js";

/** One method's estimates of a trait's effects; seconds null for no computation (the unshrunk BETA, a file). */
export interface MethodEstimate {
  method: string;
  estimates: Float64Array;
  seconds: number | null;
}

export interface CompareInput {
  gwas: Gwas;
  blocks: LdBlock[];
  /** Ensembles of networks to run, by name (e.g. the default and the published one). */
  ensembles: { name: string; ensemble: Ensemble }[];
  /** Run the elastic-net baseline. */
  enet: boolean;
  /** GWAS sample size: runs SuSiE-RSS when set. */
  n?: number;
}

export const METHOD = { beta: "unshrunk BETA", enet: "ENet", susie: "SuSiE-RSS" } as const;

/**
 * `f`'s result and its seconds: the best of 3 runs when a run takes under a
 * second (so that a method's first run, with the JIT's warm-up, does not
 * decide its figure), else the one run.
 */
function timed<T>(f: () => T): { value: T; seconds: number } {
  let t0 = performance.now();
  const value = f();
  let seconds = (performance.now() - t0) / 1000;
  for (let r = 1; r < 3 && seconds < 1; r++) {
    t0 = performance.now();
    f();
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  return { value, seconds };
}

/** Unshrunk BETA, then ENet, the ensembles and SuSiE-RSS as asked, each timed. */
export function compareMethods(core: Core, input: CompareInput): MethodEstimate[] {
  const { gwas, blocks } = input;
  const out: MethodEstimate[] = [{ method: METHOD.beta, estimates: gwas.beta, seconds: null }];
  if (input.enet) {
    const r = timed(() => enetShrinkWith(core, gwas, blocks));
    out.push({ method: METHOD.enet, estimates: r.value, seconds: r.seconds });
  }
  for (const { name, ensemble } of input.ensembles) {
    const r = timed(() => shrinkWith(core, { gwas, ldBlocks: blocks, models: ensemble }).betaShrink);
    out.push({ method: name, estimates: r.value, seconds: r.seconds });
  }
  if (input.n !== undefined) {
    const n = input.n;
    const r = timed(() => susieShrinkWith(core, gwas, blocks, n).betaShrink);
    out.push({ method: METHOD.susie, estimates: r.value, seconds: r.seconds });
  }
  return out;
}
