// Accuracy metrics against hand-computed values.
import { describe, expect, it } from "vitest";
import { auroc, averagePrecision } from "../src/core/metrics/ranking.js";
import { pearson, rSquared, rmse, weightedRmse } from "../src/core/metrics/regression.js";

describe("regression metrics", () => {
  const truth = [0, 0, 1, -1];
  const pred = [0.5, 0, 0.5, -1];

  it("RMSE", () => expect(rmse(truth, pred)).toBeCloseTo(Math.sqrt(0.5 / 4), 15));

  it("weighted RMSE weighs zero and non-zero errors alike", () => {
    // non-zero MSE = (0.25 + 0) / 2, zero MSE = (0.25 + 0) / 2, f = 1/2
    expect(weightedRmse(truth, pred)).toBeCloseTo(Math.sqrt(0.125 * 0.5 + 0.125 * 0.5), 15);
    // one non-zero of four: f = 1/4
    expect(weightedRmse([0, 0, 0, 2], [1, 0, 0, 0])).toBeCloseTo(Math.sqrt(4 * 0.75 + (1 / 3) * 0.25), 15);
  });

  it("Pearson r and R²", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 15);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 15);
    expect(rSquared([1, 2, 3], [1, 2, 4])).toBeCloseTo(1 - 1 / 2, 15);
  });
});

describe("ranking metrics", () => {
  it("AUROC counts ties half", () => {
    expect(auroc([true, false], [2, 1])).toBe(1);
    expect(auroc([true, false], [1, 2])).toBe(0);
    expect(auroc([true, false], [1, 1])).toBe(0.5);
    // positives 3, 1(tie with a negative); negatives 1, 0: pairs (3>1,3>0,1=1,1>0) = 3.5/4
    expect(auroc([true, true, false, false], [3, 1, 1, 0])).toBe(0.875);
    expect(Number.isNaN(auroc([true, true], [1, 2]))).toBe(true);
  });

  it("average precision over distinct thresholds", () => {
    // ranks: + - + : P@1 = 1, P@3 = 2/3 -> (1 + 2/3) / 2
    expect(averagePrecision([true, false, true], [3, 2, 1])).toBeCloseTo(5 / 6, 15);
    // a tie of + and - at the top: one threshold with precision 1/2, recall 1/1
    expect(averagePrecision([true, false], [1, 1])).toBe(0.5);
  });
});
