// Seeds of independent random streams derived from one user seed, so that
// ensemble member i (and the validation split) get their own reproducible
// streams whatever the number of members.

/** lowbias32 integer hash (C. Wellons, 2018): a bijection on 32-bit integers. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A 32-bit seed for the stream named by `path` under `seed` (an integer; its
 * low 32 bits and, for larger seeds, the high bits are both used):
 * deriveSeed(s, 0) is the validation split, deriveSeed(s, 1, i) member i.
 */
export function deriveSeed(seed: number, ...path: number[]): number {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`a seed must be a whole number from 0 to 2^53 - 1, not ${seed}`);
  let h = mix32((seed >>> 0) ^ 0x6d6c6d67);
  h = mix32(h ^ Math.floor(seed / 4294967296));
  for (const p of path) h = mix32((h + Math.imul(p + 1, 0x9e3779b9)) >>> 0);
  return h;
}
