// Liu's approximation to the tail of Q = Σ λ_j χ²_1 (central): match the
// mean, variance and skewness of Q with a chi-square χ²_l. For non-negative
// weights s1² ≤ s2 (Cauchy–Schwarz), so Liu's non-centrality is 0 and
// l = 1/s1², the branch the published code (chiscore.liu_sf) takes; negative
// round-off eigenvalues are taken as 0.
// see: Liu, Tang & Zhang (2009), Comput. Stat. Data Anal. 53:853, Sec. 2.
import { chiSquareTail } from "./gamma.js";

export interface LiuResult {
  p: number;
  logP: number;
  dof: number;
}

export function liuTail(t: number, lambdas: ArrayLike<number>): LiuResult {
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  for (let i = 0; i < lambdas.length; i++) {
    const l = Math.max(lambdas[i], 0);
    c1 += l;
    c2 += l * l;
    c3 += l * l * l;
  }
  const s1 = c3 / (c2 * Math.sqrt(c2));
  const dof = 1 / (s1 * s1);
  const x = ((t - c1) / Math.sqrt(2 * c2)) * Math.sqrt(2 * dof) + dof;
  const { p, logP } = chiSquareTail(x, dof);
  return { p, logP, dof };
}
