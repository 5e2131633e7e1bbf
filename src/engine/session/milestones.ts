// Log-spaced early milestones (1, 2, 5, 10, …) at which the live app measures its expensive metrics.

/** The smallest of 1, 2, 5, 10, 20, 50, … strictly above `step`. */
export function nextOneTwoFive(step: number): number {
  let decade = 1;
  for (;;) {
    for (const m of [1, 2, 5]) if (m * decade > step) return m * decade;
    decade *= 10;
  }
}

/**
 * Which expensive metrics (probe NTK drift, derivative correlations) measure() computes:
 * 'always' (CLI, tests), 'never', or 'auto': only while their share of wall time stays under
 * `expensiveBudget`, plus early milestones (the live app uses this: ~8% at most past step 500).
 */
export type ExpensiveMode = 'always' | 'never' | 'auto';

/**
 * When ExpensiveMode 'auto' measures the expensive metrics: when their share of wall time stays
 * under `budget`, plus at the first row at or past each early milestone 1, 2, 5, 10, … up to
 * `milestoneMax`. 'always' and a forced measurement always do, 'never' never.
 */
export class ExpensiveSchedule {
  /**
   * Largest share of wall time the expensive metrics may take in 'auto' mode: after one that took
   * T ms, the next waits T·(1/budget − 1) ms, so they slow training by at most 1/(1 − budget) − 1 = 7.5%
   * (bench: the whole live-metrics cost — these, the early milestones below, rows and snapshots with
   * the pair matrix — is ~1.17× at the default settings on wasm; 0.2 gave 1.27× once the step got faster).
   */
  budget = 0.07;
  /**
   * Early milestones up to this step (log-spaced detail where drift and correlations change fastest;
   * the duty cycle alone can leave the first few hundred fast steps without a point). 0 turns them off.
   */
  milestoneMax = 500;
  private nextAt = 0;
  private nextMilestone = 1;

  want(mode: ExpensiveMode, force: boolean, step: number, nowMs: number): boolean {
    if (mode === 'never') return false;
    const milestone = this.nextMilestone <= this.milestoneMax && step >= this.nextMilestone;
    return force || mode === 'always' || milestone || nowMs >= this.nextAt;
  }

  /** An expensive measurement ran from t0 to t1 (ms) at `step`. */
  measured(t0: number, t1: number, step: number): void {
    this.nextAt = t1 + (t1 - t0) * (1 / this.budget - 1);
    this.nextMilestone = nextOneTwoFive(step);
  }
}
