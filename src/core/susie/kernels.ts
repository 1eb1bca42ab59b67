// The SuSiE kernels of the WASM core (assembly/susie.ts); arguments are addresses in its memory.

export interface SusieKernels {
  susieMatVec(a: number, x: number, p: number, y: number): void;
  susieLogBf(t: number, s2: number, pw: number, p: number, V: number, lbf: number): number;
  susieSerPosterior(xtr: number, d: number, pw: number, lbf: number, p: number, V: number, sigma2: number, lbfModel: number, alpha: number, mu: number, mu2: number): void;
  susieStandardiseLd(a: number, p: number, n1: number, csd: number, inv: number): void;
  susieRemoveEffect(xty: number, xtxr: number, xtxbl: number, d: number, s2: number, p: number, xtr: number, t: number): void;
  susieEffectMoments(alpha: number, mu: number, mu2: number, xtr: number, d: number, p: number, b: number): number;
  susieAddTo(x: number, y: number, p: number): void;
  susieExpectedRss(alpha: number, mu: number, mu2: number, xtxb: number, xtxr: number, xty: number, d: number, L: number, p: number, yty: number): number;
}
