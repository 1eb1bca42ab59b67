// Every accuracy figure of estimated effects against the truth, as the paper reports them.
import { auroc, averagePrecision } from "./ranking.js";
import { pearson, rSquared, rmse, weightedRmse } from "./regression.js";

export interface Accuracy {
  rmse: number;
  wrmse: number;
  pearson: number;
  r2: number;
  /** Finding non-zero true effects by |estimate|. */
  auroc: number;
  ap: number;
}

export function accuracy(truth: ArrayLike<number>, pred: ArrayLike<number>): Accuracy {
  const positive = Array.from(truth, (t) => t !== 0);
  const score = Array.from(pred, Math.abs);
  return {
    rmse: rmse(truth, pred),
    wrmse: weightedRmse(truth, pred),
    pearson: pearson(truth, pred),
    r2: rSquared(truth, pred),
    auroc: auroc(positive, score),
    ap: averagePrecision(positive, score),
  };
}
