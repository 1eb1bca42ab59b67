// Early stopping on the validation loss, as the published trainer does it:
// stop after `patience` epochs whose loss exceeds the best by more than
// minDelta; the epoch kept is the one with the lowest validation loss.
// see: ML-MAGES _train_funcs.py, EarlyStopper.early_stop; train_model.py (best_epoch = argmin val loss).

export class EarlyStopper {
  private best = Infinity;
  private worse = 0;

  constructor(
    readonly patience: number,
    readonly minDelta: number,
  ) {}

  /** The lowest loss seen so far. */
  get bestLoss(): number {
    return this.best;
  }

  /**
   * Records an epoch's loss. Returns whether it is a new best (strictly lower)
   * and whether training should stop. A non-finite loss counts as worse.
   */
  update(loss: number): { improved: boolean; stop: boolean } {
    if (loss < this.best) {
      this.best = loss;
      this.worse = 0;
      return { improved: true, stop: false };
    }
    if (!(loss <= this.best + this.minDelta)) {
      this.worse++;
      if (this.worse >= this.patience) return { improved: false, stop: true };
    }
    return { improved: false, stop: false };
  }
}
