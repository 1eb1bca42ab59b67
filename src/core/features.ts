// Per-variant LD features of one block, computed by the `ldFeatures` kernel:
// [beta, se, ldscore, beta of the top-r LD neighbours, their r LD values].
import type { Scope, WasmBuffer } from "./wasm/core.js";

interface FeatureKernels {
  ldFeatures(ld: number, n: number, beta: number, se: number, nbeta: number, r: number, out: number, scratch: number): number;
  toFeatureMajorF32(src: number, n: number, w: number, dst: number): void;
}

/** Number of features for r top-LD neighbours: beta, se, ldscore, r betas, r LD values. */
export function featureWidth(topR: number): number {
  return 2 * topR + 3;
}

/** Features of one block, row-major n x (2r + 3) float64, still in WASM memory. */
export interface BlockFeatures {
  rows: WasmBuffer<Float64Array>;
  n: number;
  width: number;
  /** Variants with fewer than r other variants in the block (padded with zeros). */
  padded: number;
}

/**
 * Computes the features of a block whose LD matrix, betas and SEs are already in
 * WASM memory (`ld` is n x n row-major). Neighbours' betas come from
 * `neighbourBeta` (the block's own betas unless given; see shrink.ts).
 */
export function blockFeatures(
  scope: Scope,
  ld: WasmBuffer<Float64Array>,
  beta: WasmBuffer<Float64Array>,
  se: WasmBuffer<Float64Array>,
  topR: number,
  neighbourBeta: WasmBuffer<Float64Array> = beta,
): BlockFeatures {
  const n = beta.length;
  const width = featureWidth(topR);
  const rows = scope.f64(n * width);
  const scratch = scope.f64(topR * 2);
  const k = scope.core.kernels<FeatureKernels>();
  const padded = k.ldFeatures(ld.ptr, n, beta.ptr, se.ptr, neighbourBeta.ptr, topR, rows.ptr, scratch.ptr);
  return { rows, n, width, padded };
}

/** The features as the networks take them: float32, feature-major (width x n). */
export function featureMajorF32(scope: Scope, f: BlockFeatures): WasmBuffer<Float32Array> {
  const x = scope.f32(f.n * f.width);
  scope.core.kernels<FeatureKernels>().toFeatureMajorF32(f.rows.ptr, f.n, f.width, x.ptr);
  return x;
}
