// Accuracy of estimated effects against true effects.
// see: published ML-MAGES _util_funcs.evaluate_perf (weighted RMSE).

/** Root mean squared error. */
export function rmse(truth: ArrayLike<number>, pred: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < truth.length; i++) s += (truth[i] - pred[i]) ** 2;
  return Math.sqrt(s / truth.length);
}

/**
 * The paper's weighted RMSE: the mean squared error over non-zero true effects
 * weighted by the fraction of zeros, plus that over zero effects weighted by
 * the fraction of non-zeros, so both groups count alike:
 * sqrt(MSE_nz·(1 − f) + MSE_zero·f), f = share of non-zero true effects.
 */
export function weightedRmse(truth: ArrayLike<number>, pred: ArrayLike<number>): number {
  let nz = 0;
  let z = 0;
  let nnz = 0;
  for (let i = 0; i < truth.length; i++) {
    const e = (truth[i] - pred[i]) ** 2;
    if (truth[i] !== 0) {
      nz += e;
      nnz++;
    } else z += e;
  }
  const n = truth.length;
  const f = nnz / n;
  const mseNz = nnz ? nz / nnz : 0;
  const mseZ = n - nnz ? z / (n - nnz) : 0;
  return Math.sqrt(mseNz * (1 - f) + mseZ * f);
}

/** Pearson correlation. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Coefficient of determination 1 − SS_res / SS_tot of predictions for the truth. */
export function rSquared(truth: ArrayLike<number>, pred: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < truth.length; i++) mean += truth[i];
  mean /= truth.length;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < truth.length; i++) {
    res += (truth[i] - pred[i]) ** 2;
    tot += (truth[i] - mean) ** 2;
  }
  return 1 - res / tot;
}
