// Genotype LD kernels against a scalar reference: Pearson's r over the samples
// called in both variants, computed from the A1 dosages directly.
import { demoteToF32, genotypeStats, ldBlockGenotypes, ldCrossGenotypes, unpackBedVariant, unpackBedVariantAll, unpackBedVariants, unpackBedVariantsAll } from "../../assembly/ld_genotype";

const LENGTHS: i32[] = [1, 3, 4, 100, 240];
const M: i32 = 6;

/** A1 dosage of sample s in variant v (-1: missing), varied and correlated across variants. */
function dosage(v: i32, s: i32, n: i32): i32 {
  if (v == 2 && n > 1 && s % 3 == 1) return -1; // a variant with missing calls
  if (v == 4 && s % 5 == 2) return -1;
  const base = (s * 7 + 3) % 5;
  if (v == 0) return base % 3;
  if (v == 1) return 2 - (base % 3); // anti-correlated with variant 0
  if (v == 5) return s == 0 ? 1 : (s * 13 + v) % 3;
  return (base + s * v + (s >> 2)) % 3;
}

/** `.bed` bytes of variant v: 00 hom A1 (d = 2), 10 het, 11 hom A2, 01 missing. */
function bedBytes(v: i32, n: i32): usize {
  const bytes = (n + 3) >> 2;
  const p = heap.alloc(<usize>bytes);
  memory.fill(p, 0, bytes);
  for (let s = 0; s < n; s++) {
    const d = dosage(v, s, n);
    const code = d == 2 ? 0 : d == 1 ? 2 : d == 0 ? 3 : 1;
    store<u8>(p + (s >> 2), load<u8>(p + (s >> 2)) | <u8>(code << ((s & 3) << 1)));
  }
  return p;
}

function scalarR(x: i32, y: i32, n: i32): f64 {
  let c = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0;
  for (let s = 0; s < n; s++) {
    const a = dosage(x, s, n);
    const b = dosage(y, s, n);
    if (a < 0 || b < 0) continue;
    c += 1;
    sx += a;
    sy += b;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
  }
  const vx = c * sxx - sx * sx;
  const vy = c * syy - sy * sy;
  if (vx <= 0 || vy <= 0) return 0;
  return (c * sxy - sx * sy) / Math.sqrt(vx * vy);
}

/** Planes of all M variants over samples 0..n-1 (every sample kept). */
function planesOf(n: i32, words: i32): usize {
  const keep = heap.alloc(<usize>n << 2);
  for (let s = 0; s < n; s++) store<i32>(keep + (<usize>s << 2), s);
  const planes = heap.alloc(<usize>M * 3 * (<usize>words << 4));
  for (let v = 0; v < M; v++) unpackBedVariant(bedBytes(v, n), keep, n, planes + <usize>v * 3 * (<usize>words << 4), words);
  return planes;
}

describe("ldBlockGenotypes", () => {
  it("equals the scalar pairwise-complete r at every length", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const words = (n + 127) >> 7;
      const planes = planesOf(n, words);
      const stats = heap.alloc(<usize>M * 12);
      genotypeStats(planes, M, words, stats);
      const out = heap.alloc(<usize>M * M * 8);
      const out32 = heap.alloc(<usize>M * M * 4);
      ldBlockGenotypes(planes, stats, M, words, n, out, 0);
      ldBlockGenotypes(planes, stats, M, words, n, out32, 1);
      for (let i = 0; i < M; i++) {
        for (let j = 0; j < M; j++) {
          expect(Math.abs(load<f64>(out + ((<usize>(i * M + j)) << 3)) - scalarR(i, j, n))).toBeLessThan(1e-12);
          expect(load<f32>(out32 + ((<usize>(i * M + j)) << 2))).toBe(<f32>scalarR(i, j, n));
        }
      }
    }
  });

  it("counts calls, dosages and squares per variant", () => {
    const n = 100;
    const planes = planesOf(n, 1);
    const stats = heap.alloc(<usize>M * 12);
    genotypeStats(planes, M, 1, stats);
    for (let v = 0; v < M; v++) {
      let c = 0, s1 = 0, s2 = 0;
      for (let s = 0; s < n; s++) {
        const d = dosage(v, s, n);
        if (d < 0) continue;
        c++;
        s1 += d;
        s2 += d * d;
      }
      expect(load<i32>(stats + <usize>v * 12)).toBe(c);
      expect(load<i32>(stats + <usize>v * 12 + 4)).toBe(s1);
      expect(load<i32>(stats + <usize>v * 12 + 8)).toBe(s2);
    }
  });
});

describe("ldCrossGenotypes", () => {
  it("equals the scalar r between two windows at every length", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const words = (n + 127) >> 7;
      const planes = planesOf(n, words);
      const stats = heap.alloc(<usize>M * 12);
      genotypeStats(planes, M, words, stats);
      const vb = <usize>3 * (<usize>words << 4);
      const out = heap.alloc(<usize>2 * 4 * 8);
      ldCrossGenotypes(planes, stats, 2, planes + 2 * vb, stats + 24, 4, words, n, out);
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 4; j++) expect(Math.abs(load<f64>(out + ((<usize>(i * 4 + j)) << 3)) - scalarR(i, j + 2, n))).toBeLessThan(1e-12);
      }
    }
  });
});

describe("unpackBedVariant", () => {
  it("keeps only the listed samples, in the listed order", () => {
    const n = 9;
    const bed = bedBytes(0, n);
    const keep = heap.alloc(12);
    store<i32>(keep, 8);
    store<i32>(keep + 4, 0);
    store<i32>(keep + 8, 5);
    const planes = heap.alloc(48);
    unpackBedVariant(bed, keep, 3, planes, 1);
    const d8 = dosage(0, 8, n);
    const d0 = dosage(0, 0, n);
    const d5 = dosage(0, 5, n);
    const a = load<u8>(planes);
    const b = load<u8>(planes + 16);
    const m = load<u8>(planes + 32);
    expect(<i32>m).toBe(7);
    expect(<i32>(a & 1) + <i32>(b & 1)).toBe(d8);
    expect(<i32>((a >> 1) & 1) + <i32>((b >> 1) & 1)).toBe(d0);
    expect(<i32>((a >> 2) & 1) + <i32>((b >> 2) & 1)).toBe(d5);
  });
});

describe("demoteToF32", () => {
  it("rounds each value to float32 at every length", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const src = heap.alloc(<usize>n << 3);
      const dst = heap.alloc(<usize>n << 2);
      for (let i = 0; i < n; i++) store<f64>(src + (<usize>i << 3), Math.sin(<f64>i * 0.37) / 3);
      demoteToF32(src, dst, n);
      for (let i = 0; i < n; i++) expect(load<f32>(dst + (<usize>i << 2))).toBe(<f32>(Math.sin(<f64>i * 0.37) / 3));
    }
  });
});

describe("unpackBedVariants", () => {
  it("equals unpackBedVariant variant by variant, rows picked from a run of variants", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const words = (n + 127) >> 7;
      const stride = (n + 3) >> 2;
      const bed = heap.alloc(<usize>(M * stride));
      for (let v = 0; v < M; v++) memory.copy(bed + <usize>(v * stride), bedBytes(v, n), <usize>stride);
      const keep = heap.alloc(<usize>n << 2);
      for (let s = 0; s < n; s++) store<i32>(keep + (<usize>s << 2), s);
      const rows = heap.alloc(12);
      store<i32>(rows, 4);
      store<i32>(rows + 4, 1);
      store<i32>(rows + 8, 5);
      const vb = <usize>3 * (<usize>words << 4);
      const got = heap.alloc(3 * vb);
      unpackBedVariants(bed, rows, 3, stride, keep, n, got, words);
      const want = planesOf(n, words);
      expect(memory.compare(got, want + 4 * vb, vb)).toBe(0);
      expect(memory.compare(got + vb, want + vb, vb)).toBe(0);
      expect(memory.compare(got + 2 * vb, want + 5 * vb, vb)).toBe(0);
    }
  });
});

describe("unpackBedVariantAll", () => {
  it("equals unpackBedVariant with every sample kept, at every length and around 32-sample steps", () => {
    const lengths: i32[] = [1, 3, 4, 100, 240, 31, 32, 33, 64, 129];
    for (let t = 0; t < lengths.length; t++) {
      const n = lengths[t];
      const words = (n + 127) >> 7;
      const vb = <usize>3 * (<usize>words << 4);
      const keep = heap.alloc(<usize>n << 2);
      for (let s = 0; s < n; s++) store<i32>(keep + (<usize>s << 2), s);
      for (let v = 0; v < M; v++) {
        const bed = bedBytes(v, n);
        const want = heap.alloc(vb);
        const got = heap.alloc(vb);
        memory.fill(got, 0xff, vb);
        unpackBedVariant(bed, keep, n, want, words);
        unpackBedVariantAll(bed, n, got, words);
        expect(memory.compare(got, want, vb)).toBe(0);
      }
    }
  });

  it("reads only the row's first samples when fewer are kept", () => {
    const n = 100;
    const bed = bedBytes(3, n);
    const keep = heap.alloc(<usize>n << 2);
    for (let s = 0; s < n; s++) store<i32>(keep + (<usize>s << 2), s);
    const want = heap.alloc(48);
    const got = heap.alloc(48);
    unpackBedVariant(bed, keep, 37, want, 1);
    unpackBedVariantAll(bed, 37, got, 1);
    expect(memory.compare(got, want, 48)).toBe(0);
  });
});

describe("unpackBedVariantsAll", () => {
  it("equals unpackBedVariants with every sample kept", () => {
    for (let t = 0; t < LENGTHS.length; t++) {
      const n = LENGTHS[t];
      const words = (n + 127) >> 7;
      const stride = (n + 3) >> 2;
      const bed = heap.alloc(<usize>(M * stride));
      for (let v = 0; v < M; v++) memory.copy(bed + <usize>(v * stride), bedBytes(v, n), <usize>stride);
      const keep = heap.alloc(<usize>n << 2);
      for (let s = 0; s < n; s++) store<i32>(keep + (<usize>s << 2), s);
      const rows = heap.alloc(12);
      store<i32>(rows, 4);
      store<i32>(rows + 4, 0);
      store<i32>(rows + 8, 5);
      const vb = <usize>3 * (<usize>words << 4);
      const want = heap.alloc(3 * vb);
      const got = heap.alloc(3 * vb);
      unpackBedVariants(bed, rows, 3, stride, keep, n, want, words);
      unpackBedVariantsAll(bed, rows, 3, stride, n, got, words);
      expect(memory.compare(got, want, 3 * vb)).toBe(0);
    }
  });
});
