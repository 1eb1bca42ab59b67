// Eigen-decomposition of a cluster's small covariance matrix (p x p, p the
// number of traits) by the cyclic Jacobi method: a few rotations suffice for
// the 2 to 10 traits of a joint clustering, so this stays in plain TypeScript.
// see: Golub & Van Loan, Matrix Computations, 4th ed., Alg. 8.5.3 (cyclic Jacobi).

/** Eigenvalues (descending) and unit eigenvectors (vectors[k] belongs to values[k]). */
export interface SymmetricEigen {
  values: number[];
  vectors: number[][];
}

const MAX_SWEEPS = 100;

/** Eigen-decomposition of the symmetric matrix `a` (rows; the upper and lower triangles are averaged). */
export function symmetricEigen(a: number[][]): SymmetricEigen {
  const p = a.length;
  const m = a.map((row, i) => row.map((_, j) => 0.5 * (a[i][j] + a[j][i])));
  const v = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j): number => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < p; i++) {
      diag += m[i][i] * m[i][i];
      for (let j = i + 1; j < p; j++) off += m[i][j] * m[i][j];
    }
    if (off <= 1e-32 * diag || off === 0) break;
    for (let q = 0; q < p; q++) {
      for (let r = q + 1; r < p; r++) {
        if (m[q][r] === 0) continue;
        // Rotation (c, s) that zeroes m[q][r]: t = tan θ, the smaller root of t² + 2τt − 1 = 0.
        const tau = (m[r][r] - m[q][q]) / (2 * m[q][r]);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          const mkq = m[k][q];
          const mkr = m[k][r];
          m[k][q] = c * mkq - s * mkr;
          m[k][r] = s * mkq + c * mkr;
        }
        for (let k = 0; k < p; k++) {
          const mqk = m[q][k];
          const mrk = m[r][k];
          m[q][k] = c * mqk - s * mrk;
          m[r][k] = s * mqk + c * mrk;
        }
        for (let k = 0; k < p; k++) {
          const vkq = v[k][q];
          const vkr = v[k][r];
          v[k][q] = c * vkq - s * vkr;
          v[k][r] = s * vkq + c * vkr;
        }
      }
    }
  }
  const order = Array.from({ length: p }, (_, k) => k).sort((x, y) => m[y][y] - m[x][x]);
  return {
    values: order.map((k) => m[k][k]),
    vectors: order.map((k) => v.map((row) => row[k])),
  };
}
