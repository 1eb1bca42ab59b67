// The univariate gene test of ML-MAGES: T = Σ β̃² over a gene's variants
// against Σ λ_j χ²_1 with λ the eigenvalues of ε·R_gene (ε the variance of a
// small-effect cluster), by Liu's approximation and by an exact method.
// see: Liu, Crawford & Ramachandran (RECOMB 2025), gene-level test; published
//      _gene_funcs.test_gene.
import { InputError } from "../errors.js";
import type { LdBlock } from "../types.js";
import type { Core } from "../wasm/core.js";
import { getCore } from "../wasm/instance.js";
import { quadraticFormTail } from "./exact.js";
import type { GeneRange } from "./gene-table.js";
import { liuTail } from "./liu.js";

interface EigenKernels {
  symmetricEigenvalues(a: number, n: number, d: number, e: number): number;
}

export interface GeneTestRow {
  gene: GeneRange;
  /** T = Σ β̃². */
  stat: number;
  /** ε² Σ_ij R_ij², the variance term the published table reports. */
  variance: number;
  pLiu: number;
  /** −log10 of Liu's p-value (finite even where it underflows). */
  mlog10pLiu: number;
  pExact: number;
  /** −log10 of the exact p-value (finite even where it underflows). */
  mlog10pExact: number;
  exactMethod: string;
}

/** R restricted to variants [first, first + count), from consecutive blocks (0 across blocks). */
export function geneLd(blocks: LdBlock[], first: number, count: number): Float64Array {
  const out = new Float64Array(count * count);
  let lb = 0;
  for (const b of blocks) {
    const lo = Math.max(first, lb);
    const hi = Math.min(first + count, lb + b.n);
    for (let i = lo; i < hi; i++) for (let j = lo; j < hi; j++) out[(i - first) * count + (j - first)] = b.data[(i - lb) * b.n + (j - lb)];
    lb += b.n;
  }
  return out;
}

/**
 * ε as published: the variance of cluster index 1 (0-based, clusters sorted by
 * variance, largest first) when the largest cluster's weight exceeds 0.01,
 * else of cluster index 2.
 */
export function epsilonFromClusters(pi: number[], variances: number[]): number {
  const k = smallEffectCluster(pi);
  if (k >= variances.length) throw new Error(`the clustering has ${variances.length} clusters; the gene test needs at least ${k + 1}`);
  return variances[k];
}

/**
 * ε from a one-trait clustering read from `source` (weights pi, variances σ²_k):
 * an InputError naming the file when it has too few clusters or the chosen
 * cluster's variance is not positive.
 */
export function epsilonFromClustersFile(pi: number[], variances: number[], source: string): number {
  const k = smallEffectCluster(pi);
  if (k >= variances.length) {
    throw new InputError({ file: source }, `the clustering has ${variances.length} cluster${variances.length === 1 ? "" : "s"}; the gene test takes ε from cluster ${k + 1} (by variance), so it needs at least ${k + 1}`);
  }
  const eps = variances[k];
  if (!(eps > 0)) throw new InputError({ file: source }, `the small-effect cluster ${k + 1} has variance ${eps}; the gene test needs ε > 0`);
  return eps;
}

/** Throws unless ε is a variance the test can use: finite and above 0. */
function checkEpsilon(epsilon: number): void {
  if (!(epsilon > 0 && Number.isFinite(epsilon))) throw new RangeError(`the gene test's ε must be a finite number above 0, not ${epsilon}`);
}

/** The index of the small-effect cluster whose variance is ε (see epsilonFromClusters). */
export function smallEffectCluster(pi: number[]): number {
  return pi[0] > 0.01 ? 1 : 2;
}

/** A gene's LD matrix: variants [first, first + count) as a full count x count matrix. */
export type GeneLdSource = (first: number, count: number) => Float64Array;

/** What a gene's test needs of its LD, whatever the trait: the eigenvalues of R_gene and Σ R². */
export interface GeneSpectrum {
  eigenvalues: Float64Array;
  sumR2: number;
}

/**
 * The LD spectrum of every gene, computed once for all traits (each trait's
 * null weights are its ε times these eigenvalues). A gene's LD comes from
 * `ldOf` (default: the blocks, 0 across block edges; a run given the whole
 * chromosome's LD passes its band, so genes that straddle an edge keep it).
 */
export function geneSpectra(core: Core, blocks: LdBlock[], genes: GeneRange[], ldOf: GeneLdSource = (first, count) => geneLd(blocks, first, count)): GeneSpectrum[] {
  return genes.map((gene) => geneSpectrum(core, gene, ldOf(gene.first, gene.count)));
}

/** One gene's spectrum from its LD `r` (count x count, row-major). */
export function geneSpectrum(core: Core, gene: GeneRange, r: Float64Array): GeneSpectrum {
  const n = gene.count;
  let sumR2 = 0;
  for (let i = 0; i < n * n; i++) sumR2 += r[i] * r[i];
  const eigenvalues = core.scoped((s) => {
    const a = s.f64From(r);
    const d = s.f64(n);
    const e = s.f64(n);
    if (core.kernels<EigenKernels>().symmetricEigenvalues(a.ptr, n, d.ptr, e.ptr) !== 0) throw new Error(`eigenvalues of gene ${gene.gene} did not converge`);
    return d.view().slice();
  });
  return { eigenvalues, sumR2 };
}

/**
 * Tests every gene: T = Σ β̃² over its variants against Σ λ_j χ²_1 with λ the
 * eigenvalues of ε·R_gene (ε times the gene's spectrum). `effects` are the
 * shrunk effects in LD order; `spectra` as geneSpectra gives them.
 */
export function geneTestWith(core: Core, effects: Float64Array, genes: GeneRange[], spectra: GeneSpectrum[], epsilon: number): GeneTestRow[] {
  checkEpsilon(epsilon);
  return genes.map((gene, g) => {
    let stat = 0;
    for (let i = 0; i < gene.count; i++) stat += effects[gene.first + i] ** 2;
    const { eigenvalues, sumR2 } = spectra[g];
    const lambdas = eigenvalues.map((l) => epsilon * l);
    const liu = liuTail(stat, lambdas);
    const exact = quadraticFormTail(core, stat, lambdas);
    return { gene, stat, variance: epsilon * epsilon * sumR2, pLiu: liu.p, mlog10pLiu: -liu.logP / Math.LN10, pExact: exact.p, mlog10pExact: -exact.log10P, exactMethod: exact.method };
  });
}

/** Tests every gene on this thread's core (`effects`: shrunk effects in LD order; ε from epsilonFromClusters; `ldOf` as in geneSpectra). */
export async function geneTest(effects: Float64Array, ldBlocks: LdBlock[], genes: GeneRange[], epsilon: number, ldOf?: GeneLdSource): Promise<GeneTestRow[]> {
  const core = await getCore();
  return geneTestWith(core, effects, genes, geneSpectra(core, ldBlocks, genes, ldOf), epsilon);
}
