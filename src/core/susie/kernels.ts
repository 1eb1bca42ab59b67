// The SuSiE kernels of the WASM core that the host calls (assembly/susie.ts); arguments are addresses in its memory.

export interface SusieKernels {
  susieStandardiseLd(a: number, p: number, n1: number, csd: number, inv: number): void;
  susieSweep(
    xtx: number, xty: number, xtxr: number, xtxb: number, d: number, s2: number, pw: number, p: number, L: number,
    sigma2: number, checkNull: number, V: number, lbfModel: number, kl: number,
    alpha: number, mu: number, mu2: number, xtr: number, t: number, lbf: number, b: number,
  ): void;
  susieExpectedRss(alpha: number, mu: number, mu2: number, xtxb: number, xtxr: number, xty: number, d: number, L: number, p: number, yty: number): number;
}
