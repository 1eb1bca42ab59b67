// Initial variational parameters of one restart, drawn as the published code
// draws them, in its order and from numpy's stream (so a seed gives the
// published run's starts): a ~ U(0, 1)^K, b ~ U(0, 1)^K, ν ~ U{p, ..., p + 7}^K;
// scale matrices: for the first p components a "dimension-specific" one,
// M/ν_i scaled to a maximum of 2, with M = 100·I but 1 at [i, i] (broad along
// trait i only; for p = 1 simply 2); for the rest C Cᵀ / max(C Cᵀ) with
// C = (U(0, 1)^{p x p} − 0.5) · U{1, ..., 9}.
// see: ML-MAGES mlmages/_cls_funcs.py initialize_VEM.
import { NumpyRandomState } from "./numpy-random.js";

export interface MixtureParameters {
  /** Beta(a_k, b_k): the stick proportions' variational posteriors. */
  a: Float64Array;
  b: Float64Array;
  /** Wishart(ν_k, L_k): the precisions' variational posteriors; L is K x p x p. */
  nu: Float64Array;
  L: Float64Array;
}

export function initialParameters(p: number, K: number, rs: NumpyRandomState): MixtureParameters {
  const a = Float64Array.from({ length: K }, () => rs.uniform());
  const b = Float64Array.from({ length: K }, () => rs.uniform());
  const nu = Float64Array.from({ length: K }, () => rs.int(p, 8 + p));
  const L = new Float64Array(K * p * p);
  for (let k = 0; k < Math.min(p, K); k++) {
    const at = k * p * p;
    const diag = (i: number) => (i === k ? 1 : 100) / nu[k];
    const max = p > 1 ? 100 / nu[k] : 1 / nu[k];
    for (let i = 0; i < p; i++) L[at + i * p + i] = diag(i) / (max / 2);
  }
  for (let k = p; k < K; k++) {
    const at = k * p * p;
    const c = Float64Array.from({ length: p * p }, () => rs.uniform() - 0.5);
    const scale = rs.int(1, 10);
    for (let q = 0; q < p * p; q++) c[q] *= scale;
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

/** The starts of `restarts` restarts, drawn one after another from np.random.seed(seed)'s stream. */
export function restartStarts(p: number, K: number, seed: number, restarts: number): MixtureParameters[] {
  const rs = new NumpyRandomState(seed);
  return Array.from({ length: restarts }, () => initialParameters(p, K, rs));
}
