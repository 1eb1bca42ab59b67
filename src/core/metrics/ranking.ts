// How well a score ranks the variants with non-zero true effects first.

/** Indices sorted by score, highest first. */
function byScore(score: ArrayLike<number>): number[] {
  return Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b] - score[a]);
}

/**
 * Area under the ROC curve, ties counted half (the Mann–Whitney U statistic
 * with mid-ranks), as sklearn's roc_auc_score. NaN without both classes.
 * see: Hanley & McNeil (1982), Radiology 143:29.
 */
export function auroc(positive: ArrayLike<boolean>, score: ArrayLike<number>): number {
  const order = byScore(score);
  let area = 0;
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; ) {
    let dtp = 0;
    let dfp = 0;
    const s = score[order[k]];
    while (k < order.length && score[order[k]] === s) {
      if (positive[order[k]]) dtp++;
      else dfp++;
      k++;
    }
    area += dfp * (tp + dtp / 2);
    tp += dtp;
    fp += dfp;
  }
  return tp && fp ? area / (tp * fp) : NaN;
}

/**
 * Average precision: Σ (R_k − R_{k−1}) P_k over the distinct score thresholds,
 * highest first, as sklearn's average_precision_score.
 */
export function averagePrecision(positive: ArrayLike<boolean>, score: ArrayLike<number>): number {
  const order = byScore(score);
  let total = 0;
  for (let i = 0; i < positive.length; i++) if (positive[i]) total++;
  if (!total) return NaN;
  let tp = 0;
  let seen = 0;
  let ap = 0;
  for (let k = 0; k < order.length; ) {
    const s = score[order[k]];
    let dtp = 0;
    while (k < order.length && score[order[k]] === s) {
      if (positive[order[k]]) dtp++;
      seen++;
      k++;
    }
    tp += dtp;
    ap += (dtp / total) * (tp / seen);
  }
  return ap;
}
