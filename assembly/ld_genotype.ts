// LD from hard-called genotypes: plink 1 `.bed` calls turned into bit planes,
// and Pearson's r of every pair of variants of a block over the samples called
// in both, as plink 1.9's `--r` computes it.
//
// A variant's planes (each `words` v128, one bit per kept sample, 0 past the
// last sample): A = "A1 dosage >= 1", B = "A1 dosage = 2", M = "called". The
// A1 dosage is d = A + B (0 when not called), d² = A + 3B, so over the samples
// called in both variants x and y:
//   N = |Mx & My|,  Σx = |Ax & My| + |Bx & My|,  Σx² = |Ax & My| + 3|Bx & My|,
//   Σxy = |Ax & Ay| + |Ax & By| + |Bx & Ay| + |Bx & By|   (|.| = popcount)
//   r = (N Σxy − Σx Σy) / sqrt((N Σx² − (Σx)²)(N Σy² − (Σy)²)).
// The sums are exact integers, so r equals plink's double-precision value.
// see: plink-ng 1.9/plink_ld.c, ld_dot_prod() and the r computation of
//      ld_block_thread() (pairwise-complete sums; A1 counted, 00 = hom A1).

/** Bytes of one plane of `words` v128. */
function planeBytes(words: i32): usize {
  return <usize>words << 4;
}

/**
 * Unpacks one variant's `.bed` calls (2 bits a sample, sample i at bits
 * 2(i mod 4) of byte i/4: 00 hom A1, 01 missing, 10 het, 11 hom A2) of the
 * samples `keep[0..count)` into planes A, B, M at `out` (3 planes, zeroed here).
 */
export function unpackBedVariant(bed: usize, keep: usize, count: i32, out: usize, words: i32): void {
  const pb = planeBytes(words);
  memory.fill(out, 0, pb * 3);
  for (let k = 0; k < count; k++) {
    const s = load<i32>(keep + (<usize>k << 2));
    const code = (<i32>load<u8>(bed + (<usize>s >> 2)) >> ((s & 3) << 1)) & 3;
    if (code == 1) continue;
    const byte = <usize>k >> 3;
    const bit: i32 = 1 << (k & 7);
    store<u8>(out + pb * 2 + byte, <i32>load<u8>(out + pb * 2 + byte) | bit);
    if (code != 3) store<u8>(out + byte, <i32>load<u8>(out + byte) | bit);
    if (code == 0) store<u8>(out + pb + byte, <i32>load<u8>(out + pb + byte) | bit);
  }
}

/**
 * unpackBedVariant for `m` variants: variant v's bytes at bed + rows[v] · stride,
 * its planes 3 · words v128 after variant v − 1's (one host call a block).
 */
export function unpackBedVariants(bed: usize, rows: usize, m: i32, stride: i32, keep: usize, count: i32, out: usize, words: i32): void {
  const vb = planeBytes(words) * 3;
  for (let v = 0; v < m; v++) unpackBedVariant(bed + <usize>load<i32>(rows + (<usize>v << 2)) * <usize>stride, keep, count, out + <usize>v * vb, words);
}

/** The even bits of x (bit 2i moved to bit i), the 32 samples' flags of a .bed u64. */
// @ts-ignore: decorator
@inline function evenBits(x: u64): u32 {
  x &= 0x5555555555555555;
  x = (x | (x >> 1)) & 0x3333333333333333;
  x = (x | (x >> 2)) & 0x0f0f0f0f0f0f0f0f;
  x = (x | (x >> 4)) & 0x00ff00ff00ff00ff;
  x = (x | (x >> 8)) & 0x0000ffff0000ffff;
  return <u32>(x | (x >> 16));
}

/**
 * unpackBedVariant when the kept samples are the row's first `count`, in order:
 * 32 samples a step from one u64 of calls, lo = bit 0 and hi = bit 1 of each
 * 2-bit code (00 hom A1, 01 missing, 10 het, 11 hom A2):
 *   A = ~lo, B = ~(lo | hi), M = ~(lo & ~hi), each gathered to one bit a sample;
 * the last step's bytes are read one by one (never past the row) and masked to `count`.
 */
export function unpackBedVariantAll(bed: usize, count: i32, out: usize, words: i32): void {
  const pb = planeBytes(words);
  memory.fill(out, 0, pb * 3);
  const full = count >> 5;
  for (let c = 0; c < full; c++) {
    const w = load<u64>(bed + (<usize>c << 3));
    const o = <usize>c << 2;
    store<u32>(out + o, ~evenBits(w));
    store<u32>(out + pb + o, ~evenBits(w | (w >> 1)));
    store<u32>(out + pb * 2 + o, ~evenBits(w & ~(w >> 1)));
  }
  const rest = count & 31;
  if (rest == 0) return;
  let w: u64 = 0;
  const at = bed + (<usize>full << 3);
  for (let b = 0; b < (rest + 3) >> 2; b++) w |= (<u64>load<u8>(at + b)) << (<u64>b << 3);
  const mask: u32 = (<u32>1 << rest) - 1;
  const o = <usize>full << 2;
  store<u32>(out + o, ~evenBits(w) & mask);
  store<u32>(out + pb + o, ~evenBits(w | (w >> 1)) & mask);
  store<u32>(out + pb * 2 + o, ~evenBits(w & ~(w >> 1)) & mask);
}

/** unpackBedVariants with every sample of the row kept (unpackBedVariantAll). */
export function unpackBedVariantsAll(bed: usize, rows: usize, m: i32, stride: i32, count: i32, out: usize, words: i32): void {
  const vb = planeBytes(words) * 3;
  for (let v = 0; v < m; v++) unpackBedVariantAll(bed + <usize>load<i32>(rows + (<usize>v << 2)) * <usize>stride, count, out + <usize>v * vb, words);
}

/** Σ of the 16 byte lanes' popcounts accumulated in 16-bit lanes. */
function hsum16(v: v128): i32 {
  const w = i32x4.extadd_pairwise_i16x8_u(v);
  return i32x4.extract_lane(w, 0) + i32x4.extract_lane(w, 1) + i32x4.extract_lane(w, 2) + i32x4.extract_lane(w, 3);
}

/** |a & b| over `words` v128 (fewer than 4096 words: 16-bit lanes cannot overflow). */
function popAnd(a: usize, b: usize, words: i32): i32 {
  let acc = i16x8.splat(0);
  for (let w = 0; w < words; w++) {
    const o = <usize>w << 4;
    acc = i16x8.add(acc, i16x8.extadd_pairwise_i8x16_u(i8x16.popcnt(v128.and(v128.load(a + o), v128.load(b + o)))));
  }
  return hsum16(acc);
}

/**
 * Σxy over `words` v128 (fewer than 1024). As B ⊂ A, (Ax&By) & (Bx&Ay) = Bx&By, so
 * |Ax&By| + |Bx&Ay| = |(Ax&By) | (Bx&Ay)| + |Bx&By| and
 * Σxy = |Ax&Ay| + |(Ax&By) | (Bx&Ay)| + 2|Bx&By|: three popcounts a word, not four.
 */
function dotAB(ax: usize, bx: usize, ay: usize, by: usize, words: i32): i32 {
  let acc = i16x8.splat(0);
  for (let w = 0; w < words; w++) {
    const o = <usize>w << 4;
    const a1 = v128.load(ax + o);
    const b1 = v128.load(bx + o);
    const a2 = v128.load(ay + o);
    const b2 = v128.load(by + o);
    const both = i8x16.popcnt(v128.and(b1, b2));
    const t = i8x16.add(
      i8x16.add(i8x16.popcnt(v128.and(a1, a2)), i8x16.popcnt(v128.or(v128.and(a1, b2), v128.and(b1, a2)))),
      i8x16.add(both, both),
    );
    acc = i16x8.add(acc, i16x8.extadd_pairwise_i8x16_u(t));
  }
  return hsum16(acc);
}

/** Σxy of two variants' planes (in chunks of 512 words, so that the 16-bit lanes cannot overflow). */
function dot(x: usize, y: usize, words: i32): i32 {
  const pb = planeBytes(words);
  if (words <= 512) return dotAB(x, x + pb, y, y + pb, words);
  let s = 0;
  for (let w0 = 0; w0 < words; w0 += 512) {
    const o = <usize>w0 << 4;
    s += dotAB(x + o, x + pb + o, y + o, y + pb + o, min(512, words - w0));
  }
  return s;
}

/** The second sum of dot2. */
let dot2Second: i32 = 0;

/**
 * Σxy of x with y and with z at once (x's words loaded once), for blocks of
 * fewer than 512 words; the first sum is returned, the second left in dot2Second.
 */
function dot2(x: usize, y: usize, z: usize, words: i32): i32 {
  const pb = planeBytes(words);
  let accY = i16x8.splat(0);
  let accZ = i16x8.splat(0);
  for (let w = 0; w < words; w++) {
    const o = <usize>w << 4;
    const a1 = v128.load(x + o);
    const b1 = v128.load(x + pb + o);
    const ay = v128.load(y + o);
    const by = v128.load(y + pb + o);
    const az = v128.load(z + o);
    const bz = v128.load(z + pb + o);
    const bothY = i8x16.popcnt(v128.and(b1, by));
    const bothZ = i8x16.popcnt(v128.and(b1, bz));
    const tY = i8x16.add(i8x16.add(i8x16.popcnt(v128.and(a1, ay)), i8x16.popcnt(v128.or(v128.and(a1, by), v128.and(b1, ay)))), i8x16.add(bothY, bothY));
    const tZ = i8x16.add(i8x16.add(i8x16.popcnt(v128.and(a1, az)), i8x16.popcnt(v128.or(v128.and(a1, bz), v128.and(b1, az)))), i8x16.add(bothZ, bothZ));
    accY = i16x8.add(accY, i16x8.extadd_pairwise_i8x16_u(tY));
    accZ = i16x8.add(accZ, i16x8.extadd_pairwise_i8x16_u(tZ));
  }
  dot2Second = hsum16(accZ);
  return hsum16(accY);
}

/** |a & b| in chunks of 2048 words. */
function pop(a: usize, b: usize, words: i32): i32 {
  let s = 0;
  for (let w0 = 0; w0 < words; w0 += 2048) s += popAnd(a + (<usize>w0 << 4), b + (<usize>w0 << 4), min(2048, words - w0));
  return s;
}

/**
 * Per variant of `m` (planes 3·words v128 apart): stats[3v..3v+3) = (N, Σd, Σd²)
 * over its called samples.
 */
export function genotypeStats(planes: usize, m: i32, words: i32, stats: usize): void {
  const pb = planeBytes(words);
  for (let v = 0; v < m; v++) {
    const p = planes + <usize>v * pb * 3;
    const a = pop(p, p + pb * 2, words);
    const b = pop(p + pb, p + pb * 2, words);
    const o = stats + <usize>v * 12;
    store<i32>(o, pop(p + pb * 2, p + pb * 2, words));
    store<i32>(o + 4, a + b);
    store<i32>(o + 8, a + 3 * b);
  }
}

/** r from the pairwise sums (0 when either variance is 0: plink writes nan). */
function pearson(n: f64, sx: f64, sy: f64, sxx: f64, syy: f64, sxy: f64): f64 {
  const vx = n * sxx - sx * sx;
  const vy = n * syy - sy * sy;
  if (vx <= 0 || vy <= 0) return 0;
  return (n * sxy - sx * sy) / Math.sqrt(vx * vy);
}

/**
 * r of variants i (of `planes`, `stats` from genotypeStats) and j: Σxy by
 * popcounts; when both are called in every sample the marginal sums are the
 * variants' own, else they are recounted over the samples called in both.
 */
function pairR(xi: usize, xj: usize, si: usize, sj: usize, words: i32, total: i32): f64 {
  const sxy = <f64>dot(xi, xj, words);
  const ni = load<i32>(si);
  const nj = load<i32>(sj);
  if (ni == total && nj == total) {
    return pearson(<f64>total, <f64>load<i32>(si, 4), <f64>load<i32>(sj, 4), <f64>load<i32>(si, 8), <f64>load<i32>(sj, 8), sxy);
  }
  const pb = planeBytes(words);
  const n = pop(xi + pb * 2, xj + pb * 2, words);
  const ai = pop(xi, xj + pb * 2, words);
  const bi = pop(xi + pb, xj + pb * 2, words);
  const aj = pop(xj, xi + pb * 2, words);
  const bj = pop(xj + pb, xi + pb * 2, words);
  return pearson(<f64>n, <f64>(ai + bi), <f64>(aj + bj), <f64>(ai + 3 * bi), <f64>(aj + 3 * bj), sxy);
}

/** Stores r as element `k` of `out`: float32 (plink bin4) when `f32`, else float64. */
// @ts-ignore: decorator
@inline function put(out: usize, k: usize, r: f64, f32: bool): void {
  if (f32) store<f32>(out + (k << 2), <f32>r);
  else store<f64>(out + (k << 3), r);
}

/**
 * The m x m correlation matrix (row-major at `out`, float32 when `f32` is 1, else
 * float64) of a block's variants (planes, stats as genotypeStats; `total` kept
 * samples): the upper triangle computed row by row, two pairs a pass where both
 * are called in every sample, then mirrored into the lower one tile by tile (a
 * column-wise mirror would miss the cache at every store).
 */
export function ldBlockGenotypes(planes: usize, stats: usize, m: i32, words: i32, total: i32, out: usize, f32: i32): void {
  const vb = planeBytes(words) * 3;
  const single = f32 != 0;
  for (let i = 0; i < m; i++) {
    const xi = planes + <usize>i * vb;
    const si = stats + <usize>i * 12;
    const row = <usize>i * m;
    const iFull = load<i32>(si) == total && words < 512;
    let j = i;
    while (j < m) {
      const sj = stats + <usize>j * 12;
      if (iFull && j + 1 < m && load<i32>(sj) == total && load<i32>(sj, 12) == total) {
        // both j and j + 1 called in every sample: two pairs for one pass over variant i
        const xj = planes + <usize>j * vb;
        const sxy = <f64>dot2(xi, xj, xj + vb, words);
        const n = <f64>total;
        const sx = <f64>load<i32>(si, 4);
        const sxx = <f64>load<i32>(si, 8);
        put(out, row + j, pearson(n, sx, <f64>load<i32>(sj, 4), sxx, <f64>load<i32>(sj, 8), sxy), single);
        put(out, row + j + 1, pearson(n, sx, <f64>load<i32>(sj, 16), sxx, <f64>load<i32>(sj, 20), <f64>dot2Second), single);
        j += 2;
      } else {
        put(out, row + j, pairR(xi, planes + <usize>j * vb, si, sj, words, total), single);
        j++;
      }
    }
  }
  if (single) mirrorUpper32(out, m);
  else mirrorUpper64(out, m);
}

/** Copies the upper triangle of the m x m f64 matrix at `a` into its lower one, in 32 x 32 tiles. */
function mirrorUpper64(a: usize, m: i32): void {
  for (let i0 = 0; i0 < m; i0 += 32) {
    for (let j0 = 0; j0 <= i0; j0 += 32) {
      const i1 = min(m, i0 + 32);
      const j1 = min(m, j0 + 32);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < min(j1, i); j++) store<f64>(a + ((<usize>i * m + j) << 3), load<f64>(a + ((<usize>j * m + i) << 3)));
      }
    }
  }
}

/** mirrorUpper64 for float32. */
function mirrorUpper32(a: usize, m: i32): void {
  for (let i0 = 0; i0 < m; i0 += 32) {
    for (let j0 = 0; j0 <= i0; j0 += 32) {
      const i1 = min(m, i0 + 32);
      const j1 = min(m, j0 + 32);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < min(j1, i); j++) store<f32>(a + ((<usize>i * m + j) << 2), load<f32>(a + ((<usize>j * m + i) << 2)));
      }
    }
  }
}

/**
 * The rectangle r(i, j) for i in [0, mi) of planes `pi` and j in [0, mj) of
 * planes `pj` (row-major mi x mj f64 at `out`): LD across two windows, for a
 * band around the diagonal.
 */
export function ldCrossGenotypes(pi: usize, si: usize, mi: i32, pj: usize, sj: usize, mj: i32, words: i32, total: i32, out: usize): void {
  const vb = planeBytes(words) * 3;
  for (let i = 0; i < mi; i++) {
    for (let j = 0; j < mj; j++) {
      store<f64>(out + ((<usize>i * mj + j) << 3), pairR(pi + <usize>i * vb, pj + <usize>j * vb, si + <usize>i * 12, sj + <usize>j * 12, words, total));
    }
  }
}

/**
 * dst[i] = (f32) src[i] for i < count: a block's r in plink's bin4 precision,
 * written from WASM memory without a copy on the host.
 */
export function demoteToF32(src: usize, dst: usize, count: i32): void {
  for (let i = 0; i < count; i++) store<f32>(dst + (<usize>i << 2), <f32>load<f64>(src + (<usize>i << 3)));
}
