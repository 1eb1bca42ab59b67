// LD of a panel's variants from their hard calls, by the WASM kernels of
// assembly/ld_genotype.ts: the `.bed` bytes of a run of variants are unpacked
// into bit planes of the kept samples, then r of every pair is taken over the
// samples called in both (plink 1.9's --r), signed for the `.bim`'s A1.
import type { Core, Scope } from "../wasm/core.js";

interface GenotypeKernels {
  unpackBedVariants(bed: number, rows: number, m: number, stride: number, keep: number, count: number, out: number, words: number): void;
  unpackBedVariantsAll(bed: number, rows: number, m: number, stride: number, count: number, out: number, words: number): void;
  genotypeStats(planes: number, m: number, words: number, stats: number): void;
  ldBlockGenotypes(planes: number, stats: number, m: number, words: number, total: number, out: number, f32: number): void;
  ldCrossGenotypes(pi: number, si: number, mi: number, pj: number, sj: number, mj: number, words: number, total: number, out: number): void;
  demoteToF32(src: number, dst: number, count: number): void;
}

/** Variants unpacked into WASM memory: planes and per-variant (calls, Σd, Σd²). */
export interface Planes {
  m: number;
  ptr: number;
  stats: number;
}

/** The kept samples' genotypes, unpacked and correlated in one WASM core. */
export class GenotypeLd {
  private readonly k: GenotypeKernels;
  /** v128 words per plane. */
  readonly words: number;
  /** Whether the kept samples are the panel's first ones in order (then unpacked 32 at a time). */
  private readonly leading: boolean;

  constructor(
    private readonly core: Core,
    /** Panel indices of the kept samples. */
    private readonly keep: Int32Array,
    /** Bytes per variant in the .bed. */
    private readonly stride: number,
  ) {
    this.k = core.kernels<GenotypeKernels>();
    this.words = Math.max(1, Math.ceil(keep.length / 128));
    this.leading = keep.every((s, i) => s === i);
  }

  /** Unpacks `rows` (indices into `bytes`, stride bytes each) into planes held by `scope`. */
  unpack(scope: Scope, bytes: Uint8Array, rows: ArrayLike<number>): Planes {
    const m = rows.length;
    const bed = scope.i32(Math.ceil(bytes.length / 4) + 1);
    new Uint8Array(this.core.memory.buffer, bed.ptr, bytes.length).set(bytes);
    const planes = scope.i32(Math.max(1, m) * 3 * this.words * 4);
    const stats = scope.i32(Math.max(1, m) * 3);
    const rowIdx = scope.i32From(rows);
    if (this.leading) this.k.unpackBedVariantsAll(bed.ptr, rowIdx.ptr, m, this.stride, this.keep.length, planes.ptr, this.words);
    else this.k.unpackBedVariants(bed.ptr, rowIdx.ptr, m, this.stride, scope.i32From(this.keep).ptr, this.keep.length, planes.ptr, this.words);
    this.k.genotypeStats(planes.ptr, m, this.words, stats.ptr);
    return { m, ptr: planes.ptr, stats: stats.ptr };
  }

  /** (calls, Σd, Σd²) of each unpacked variant, d the A1 dosage. */
  stats(p: Planes): Int32Array {
    return new Int32Array(this.core.memory.buffer, p.stats, p.m * 3).slice();
  }

  /** The m x m correlation matrix of the unpacked variants. */
  square(scope: Scope, p: Planes): Float64Array {
    return this.squareView(scope, p).slice();
  }

  /** That matrix as a view of WASM memory (valid until the next allocation). */
  squareView(scope: Scope, p: Planes): Float64Array {
    const out = scope.f64(Math.max(1, p.m * p.m));
    this.k.ldBlockGenotypes(p.ptr, p.stats, p.m, this.words, this.keep.length, out.ptr, 0);
    return new Float64Array(this.core.memory.buffer, out.ptr, p.m * p.m);
  }

  /** The matrix and its float32 rounding (plink bin4 bytes), both views of WASM memory (valid until the next allocation). */
  squareWithBin4(scope: Scope, p: Planes): { r: Float64Array; bin4: Uint8Array } {
    const n = p.m * p.m;
    const out = scope.f64(Math.max(1, n));
    const f32 = scope.f32(Math.max(1, n));
    this.k.ldBlockGenotypes(p.ptr, p.stats, p.m, this.words, this.keep.length, out.ptr, 0);
    this.k.demoteToF32(out.ptr, f32.ptr, n);
    return { r: new Float64Array(this.core.memory.buffer, out.ptr, n), bin4: new Uint8Array(this.core.memory.buffer, f32.ptr, n * 4) };
  }

  /** The matrix in float32 only (plink bin4 bytes, computed in float64 and rounded), a view of WASM memory. */
  squareBin4(scope: Scope, p: Planes): Uint8Array {
    const n = p.m * p.m;
    const out = scope.f32(Math.max(1, n));
    this.k.ldBlockGenotypes(p.ptr, p.stats, p.m, this.words, this.keep.length, out.ptr, 1);
    return new Uint8Array(this.core.memory.buffer, out.ptr, n * 4);
  }

  /** r between every variant of `a` (rows) and of `b` (columns). */
  cross(scope: Scope, a: Planes, b: Planes): Float64Array {
    const out = scope.f64(Math.max(1, a.m * b.m));
    this.k.ldCrossGenotypes(a.ptr, a.stats, a.m, b.ptr, b.stats, b.m, this.words, this.keep.length, out.ptr);
    return out.view().slice(0, a.m * b.m);
  }
}
