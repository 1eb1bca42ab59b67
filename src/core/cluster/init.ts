// Initial variational parameters of one restart, drawn as the published code
// draws them: Beta parameters a, b ~ U(0, 1); Wishart degrees of freedom
// ν ~ U{p, ..., p + 7}; scale matrices: for the first p components a
// "dimension-specific" one, 2 M / max(M) with M = 100·I but 1 at [i, i]
// (broad along trait i only; for p = 1 simply 2), for the rest
// C Cᵀ / max(C Cᵀ) with C uniform on [-0.5, 0.5]^{p x p}.
// see: ML-MAGES mlmages/_cls_funcs.py initialize_VEM.
import type { Rng } from "../random.js";

export interface MixtureParameters {
  /** Beta(a_k, b_k): the stick proportions' variational posteriors. */
  a: Float64Array;
  b: Float64Array;
  /** Wishart(ν_k, L_k): the precisions' variational posteriors; L is K x p x p. */
  nu: Float64Array;
  L: Float64Array;
}

export function initialParameters(p: number, K: number, rng: Rng): MixtureParameters {
  const a = Float64Array.from({ length: K }, () => rng.uniform());
  const b = Float64Array.from({ length: K }, () => rng.uniform());
  const nu = Float64Array.from({ length: K }, () => p + rng.int(8));
  const L = new Float64Array(K * p * p);
  for (let k = 0; k < K; k++) {
    const at = k * p * p;
    if (k < p) {
      const max = p > 1 ? 100 : 1;
      for (let i = 0; i < p; i++) L[at + i * p + i] = (2 * (i === k ? 1 : 100)) / max;
      continue;
    }
    const c = Float64Array.from({ length: p * p }, () => rng.uniform() - 0.5);
    let max = -Infinity;
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let t = 0; t < p; t++) s += c[i * p + t] * c[j * p + t];
        L[at + i * p + j] = s;
        max = Math.max(max, s);
      }
    }
    for (let q = 0; q < p * p; q++) L[at + q] /= max;
  }
  return { a, b, nu, L };
}
