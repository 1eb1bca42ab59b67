// Per-variant LD features of one block: [beta, se, ldscore, beta of the top-r
// LD neighbours, their r LD values]. The LD side (LD scores and neighbours)
// is the same for every trait, so it is computed once per block
// (`blockNeighbours`, the only pass over the LD matrix) and each trait's
// features are assembled from it (`blockFeatures`).
import type { Core, Scope, WasmBuffer } from "./wasm/core.js";

interface FeatureKernels {
  ldNeighbours(ld: number, n: number, r: number, score: number, vals: number, idx: number): number;
  neighbourFeatures(n: number, beta: number, se: number, nbeta: number, r: number, score: number, vals: number, idx: number, out: number): void;
  toFeatureMajorF32(src: number, n: number, w: number, dst: number): void;
}

/** Number of features for r top-LD neighbours: beta, se, ldscore, r betas, r LD values. */
export function featureWidth(topR: number): number {
  return 2 * topR + 3;
}

/** A block's LD scores and top-r neighbours (values and indices, n x r; padding 0 and -1). */
export interface BlockNeighbours {
  n: number;
  r: number;
  score: Float64Array;
  vals: Float64Array;
  idx: Int32Array;
  /** Variants with fewer than r other variants in the block (padded). */
  padded: number;
}

/** The LD scores and top-r neighbours of one block (`ld`: its n x n matrix, row-major). */
export function blockNeighbours(core: Core, ld: ArrayLike<number>, n: number, r: number): BlockNeighbours {
  return core.scoped((s) => {
    const m = s.f64From(ld);
    const score = s.f64(n);
    const vals = s.f64(n * r);
    const idx = s.i32(n * r);
    const padded = s.core.kernels<FeatureKernels>().ldNeighbours(m.ptr, n, r, score.ptr, vals.ptr, idx.ptr);
    return { n, r, score: score.view().slice(), vals: vals.view().slice(), idx: idx.view().slice(), padded };
  });
}

/** Features of one block, row-major n x (2r + 3) float64, still in WASM memory. */
export interface BlockFeatures {
  rows: WasmBuffer<Float64Array>;
  n: number;
  width: number;
}

/**
 * One trait's features of a block from its neighbours, with the betas and SEs
 * already in WASM memory. Neighbours' betas come from `neighbourBeta` (the
 * block's own betas unless given; see shrink.ts).
 */
export function blockFeatures(
  scope: Scope,
  nb: BlockNeighbours,
  beta: WasmBuffer<Float64Array>,
  se: WasmBuffer<Float64Array>,
  neighbourBeta: WasmBuffer<Float64Array> = beta,
): BlockFeatures {
  const { n, r } = nb;
  const width = featureWidth(r);
  const rows = scope.f64(n * width);
  const score = scope.f64From(nb.score);
  const vals = scope.f64From(nb.vals);
  const idx = scope.i32From(nb.idx);
  scope.core.kernels<FeatureKernels>().neighbourFeatures(n, beta.ptr, se.ptr, neighbourBeta.ptr, r, score.ptr, vals.ptr, idx.ptr, rows.ptr);
  return { rows, n, width };
}

/** The features as the networks take them: float32, feature-major (width x n). */
export function featureMajorF32(scope: Scope, f: BlockFeatures): WasmBuffer<Float32Array> {
  const x = scope.f32(f.n * f.width);
  scope.core.kernels<FeatureKernels>().toFeatureMajorF32(f.rows.ptr, f.n, f.width, x.ptr);
  return x;
}
