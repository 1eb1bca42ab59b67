// Adjusted Rand index between two labelings of the same items: agreement of
// the pair counts beyond what random labelings with the same cluster sizes give.
// see: Hubert & Arabie (1985), "Comparing partitions", J. Classification 2, eq. 5.

function choose2(x: number): number {
  return (x * (x - 1)) / 2;
}

/** ARI of labelings a and b (any integer labels); 1 for identical partitions. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error("adjustedRandIndex: labelings differ in length");
  const n = a.length;
  const joint = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]},${b[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const c of joint.values()) index += choose2(c);
  let sa = 0;
  for (const c of rows.values()) sa += choose2(c);
  let sb = 0;
  for (const c of cols.values()) sb += choose2(c);
  const expected = (sa * sb) / choose2(n);
  const max = (sa + sb) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
