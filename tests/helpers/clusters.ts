// Comparing a clustering with the published one: clusters are matched by
// shared members, then their π and Σ compared.

/** Pairs (ours, reference) of clusters sharing at least 85% of each one's members (labels < 0 skipped). */
export function matchClusters(ours: ArrayLike<number>, ref: ArrayLike<number>, K: number, Kref: number): [number, number][] {
  const table = Array.from({ length: K }, () => new Array<number>(Kref).fill(0));
  for (let i = 0; i < ref.length; i++) if (ref[i] >= 0 && ours[i] >= 0) table[ours[i]][ref[i]]++;
  const rowSum = table.map((r) => r.reduce((x, y) => x + y, 0));
  const colSum = Array.from({ length: Kref }, (_, b) => table.reduce((x, r) => x + r[b], 0));
  const pairs: [number, number][] = [];
  table.forEach((row, a) => row.forEach((c, b) => c >= 0.85 * rowSum[a] && c >= 0.85 * colSum[b] && pairs.push([a, b])));
  return pairs;
}

/** ‖A − B‖_F / ‖B‖_F for a p x p A and B given row-major. */
export function frobeniusRel(a: number[][], bFlat: number[]): number {
  const p = a.length;
  let d = 0;
  let s = 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      d += (a[i][j] - bFlat[i * p + j]) ** 2;
      s += bFlat[i * p + j] ** 2;
    }
  }
  return Math.sqrt(d / s);
}

/** The worst relative difference, π or Σ, over matched clusters; throws unless at least K − 1 clusters match. */
export function worstMatchedDifference(labels: ArrayLike<number>, pi: number[], sigma: number[][][], ref: ArrayLike<number>, refPi: number[], refSigma: number[][]): number {
  const pairs = matchClusters(labels, ref, pi.length, refPi.length);
  if (pairs.length < refPi.length - 1) throw new Error(`only ${pairs.length} of ${refPi.length} clusters match the reference's`);
  let worst = 0;
  for (const [a, b] of pairs) worst = Math.max(worst, Math.abs(pi[a] - refPi[b]) / refPi[b], frobeniusRel(sigma[a], refSigma[b]));
  return worst;
}
