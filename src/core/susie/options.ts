// SuSiE-RSS settings: susieR 0.12.35's defaults for susie_rss(z, R, n) (and
// the susie_suff_stat it calls), estimate_residual_variance = FALSE.

export interface SusieOptions {
  /** Number of single effects (susieR's L; at most the block's variant count). */
  L: number;
  /** Initial prior variance of each effect, as a fraction of var(y) (susieR's scaled_prior_variance). */
  scaledPriorVariance: number;
  /** IBSS iterations at most. */
  maxIter: number;
  /** Stop when the ELBO rises by less than this. */
  tol: number;
  /** Effects with prior variance at most this are left out of PIPs and credible sets. */
  priorTol: number;
  /** Set V to 0 unless it beats V = 0 by this much log-likelihood. */
  checkNullThreshold: number;
  /** Credible-set coverage. */
  coverage: number;
  /** Purity filter: credible sets whose smallest |r| between members is below this are dropped. */
  minAbsCorr: number;
}

export const SUSIE_DEFAULTS: SusieOptions = {
  L: 10,
  scaledPriorVariance: 0.2,
  maxIter: 100,
  tol: 1e-3,
  priorTol: 1e-9,
  checkNullThreshold: 0,
  coverage: 0.95,
  minAbsCorr: 0.5,
};
