// The SuSiE kernels of the WASM core (assembly/susie.ts).

export interface SusieKernels {
  susieMatVec(a: number, x: number, p: number, y: number): void;
  susieLogBf(t: number, s2: number, pw: number, p: number, V: number, lbf: number): number;
  susieSerPosterior(xtr: number, d: number, pw: number, lbf: number, p: number, V: number, sigma2: number, lbfModel: number, alpha: number, mu: number, mu2: number): void;
}
