// Per-variant LD features of one LD block.
// see: Liu, Crawford & Ramachandran (RECOMB 2025), ML-MAGES, "Features":
//   x_i = [beta_i, se_i, l_i, beta_{t_i(1..r)}, R_{i,t_i(1..r)}]
//   l_i = sum_j R_ij^2 - 1  (LD score within the block)
//   t_i = the r variants j != i of largest signed R_ij, largest first;
//         among equal values the lower index first.
// Blocks with fewer than r + 1 variants pad the missing neighbours with
// beta = 0 and R = 0.

/** LD score of one row: sum_j R_ij^2 - 1, SIMD over j. */
// see: Bulik-Sullivan et al. (2015), LD score l_j = sum_k r_jk^2 (here minus the self term 1).
export function ldScoreRow(row: usize, n: i32): f64 {
  let acc = f64x2.splat(0);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const v = v128.load(row + (<usize>j << 3));
    acc = f64x2.add(acc, f64x2.mul(v, v));
  }
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; j < n; j++) {
    const v = load<f64>(row + (<usize>j << 3));
    s += v * v;
  }
  return s - 1.0;
}

// Inserts (v, j) into the descending list (vals, idx) of `count` entries,
// capacity r. Equal values keep the earlier (lower) index first.
// Returns the new count.
@inline
function insertTop(vals: usize, idx: usize, count: i32, r: i32, v: f64, j: i32): i32 {
  let pos = count < r ? count : r - 1;
  while (pos > 0 && load<f64>(vals + (<usize>(pos - 1) << 3)) < v) {
    store<f64>(vals + (<usize>pos << 3), load<f64>(vals + (<usize>(pos - 1) << 3)));
    store<i32>(idx + (<usize>pos << 2), load<i32>(idx + (<usize>(pos - 1) << 2)));
    pos--;
  }
  store<f64>(vals + (<usize>pos << 3), v);
  store<i32>(idx + (<usize>pos << 2), j);
  return count < r ? count + 1 : r;
}

/**
 * Top-r neighbours of row i by signed LD, self excluded. SIMD filter: a pair
 * of columns is only looked at in scalar code when one of them beats the
 * current r-th value. Writes `r` values and indices (padding: 0 and -1);
 * returns how many real neighbours were found (min(r, n - 1)).
 */
export function topRRow(row: usize, n: i32, i: i32, r: i32, vals: usize, idx: usize): i32 {
  let count = 0;
  let thr = -Infinity;
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const v = v128.load(row + (<usize>j << 3));
    if (v128.any_true(f64x2.gt(v, f64x2.splat(thr)))) {
      const a = f64x2.extract_lane(v, 0);
      if (j != i && a > thr) {
        count = insertTop(vals, idx, count, r, a, j);
        if (count == r) thr = load<f64>(vals + (<usize>(r - 1) << 3));
      }
      const b = f64x2.extract_lane(v, 1);
      if (j + 1 != i && b > thr) {
        count = insertTop(vals, idx, count, r, b, j + 1);
        if (count == r) thr = load<f64>(vals + (<usize>(r - 1) << 3));
      }
    }
  }
  for (; j < n; j++) {
    const a = load<f64>(row + (<usize>j << 3));
    if (j != i && a > thr) {
      count = insertTop(vals, idx, count, r, a, j);
      if (count == r) thr = load<f64>(vals + (<usize>(r - 1) << 3));
    }
  }
  for (let k = count; k < r; k++) {
    store<f64>(vals + (<usize>k << 3), 0.0);
    store<i32>(idx + (<usize>k << 2), -1);
  }
  return count;
}

/**
 * The LD side of a block's features, the same for every trait: per variant i
 * its LD score score[i] and its top-r neighbours, values vals[i * r + k] and
 * indices idx[i * r + k] (padding: 0 and -1). `ld` is the block's n x n matrix
 * (row-major, symmetric). Returns the number of rows padded for lack of
 * neighbours.
 */
export function ldNeighbours(ld: usize, n: i32, r: i32, score: usize, vals: usize, idx: usize): i32 {
  let padded = 0;
  for (let i = 0; i < n; i++) {
    const row = ld + ((<usize>i * <usize>n) << 3);
    store<f64>(score + (<usize>i << 3), ldScoreRow(row, n));
    if (topRRow(row, n, i, r, vals + ((<usize>i * <usize>r) << 3), idx + ((<usize>i * <usize>r) << 2)) < r) padded++;
  }
  return padded;
}

/**
 * Feature matrix of one block and trait, row-major n x (2r + 3), float64:
 *   [beta_i, se_i, ldscore_i, beta of the top r, their r LD values]
 * from ldNeighbours' score, vals and idx; neighbours' betas are read from
 * `nbeta` (normally `beta` itself), a padded neighbour's beta is 0.
 */
export function neighbourFeatures(n: i32, beta: usize, se: usize, nbeta: usize, r: i32, score: usize, vals: usize, idx: usize, out: usize): void {
  const w = 2 * r + 3;
  for (let i = 0; i < n; i++) {
    const o = out + ((<usize>i * <usize>w) << 3);
    const vi = vals + ((<usize>i * <usize>r) << 3);
    const ii = idx + ((<usize>i * <usize>r) << 2);
    store<f64>(o, load<f64>(beta + (<usize>i << 3)));
    store<f64>(o + 8, load<f64>(se + (<usize>i << 3)));
    store<f64>(o + 16, load<f64>(score + (<usize>i << 3)));
    for (let k = 0; k < r; k++) {
      const t = load<i32>(ii + (<usize>k << 2));
      store<f64>(o + (<usize>(3 + k) << 3), t < 0 ? 0.0 : load<f64>(nbeta + (<usize>t << 3)));
      store<f64>(o + (<usize>(3 + r + k) << 3), load<f64>(vi + (<usize>k << 3)));
    }
  }
}
