// Small self-contained simulated GWAS for the trainer's tests: AR(1) LD
// blocks (R_ij = rho^|i-j|), sparse true effects b, and summary statistics of
// standardised genotypes, beta_hat = R b + e / sqrt(N) with e ~ N(0, R) and
// SE = 1 / sqrt(N).
import { seededUniform } from "../../src/core/random.js";
import type { Gwas, LdBlock } from "../../src/core/types.js";


function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export interface SimTrait {
  gwas: Gwas;
  ldBlocks: LdBlock[];
  truth: Float64Array;
}

/**
 * `blocks` AR(1) blocks of `size` variants with rho in [0.5, 0.95) (drawn from
 * `ldSeed`), causal fraction p, effects N(0, sd^2), sample size N.
 */
export function simulateTrait(seed: number, blocks: number, size: number, ldSeed = seed, opts = { p: 0.05, sd: 0.05, sampleSize: 5000 }): SimTrait {
  const u = seededUniform(seed);
  const ldU = seededUniform(ldSeed ^ 0x51d);
  const n = blocks * size;
  const beta = new Float64Array(n);
  const truth = new Float64Array(n);
  const se = new Float64Array(n).fill(1 / Math.sqrt(opts.sampleSize));
  const ldBlocks: LdBlock[] = [];
  for (let k = 0; k < blocks; k++) {
    const rho = 0.5 + 0.45 * ldU();
    const data = new Float64Array(size * size);
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) data[i * size + j] = rho ** Math.abs(i - j);
    ldBlocks.push({ source: `sim${seed}_block${k}`, n: size, data });
    const b = Float64Array.from({ length: size }, () => (u() < opts.p ? opts.sd * normal(u) : 0));
    let e = normal(u);
    for (let i = 0; i < size; i++) {
      if (i > 0) e = rho * e + Math.sqrt(1 - rho * rho) * normal(u);
      let rb = 0;
      for (let j = 0; j < size; j++) rb += data[i * size + j] * b[j];
      beta[k * size + i] = rb + e / Math.sqrt(opts.sampleSize);
      truth[k * size + i] = b[i];
    }
  }
  return { gwas: { source: `sim${seed}`, n, chr: null, pos: null, id: null, beta, se }, ldBlocks, truth };
}
