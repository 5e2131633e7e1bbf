// When a run counts as diverged (the Lab, the CLI and the sweep runner use this one rule).
import type { MetricRow } from '../records/runRecords';

/** Divergence: a non-finite loss, or one that grew by 10⁶ over its initial value. */
export function isDiverged(row: Pick<MetricRow, 'loss'>, initialLoss: number): boolean {
  return !Number.isFinite(row.loss) || row.loss > 1e6 * Math.max(initialLoss, 1e-3);
}

/**
 * The linear twin's blow-up, by the same rule on its loss (its first value is its start): once
 * diverged it stays so, so every later row carries the flag even after its loss overflows.
 */
export class TwinWatch {
  private start: number | null = null;
  private gone = false;

  /** Feed the twin's loss at a logged row (undefined when not measured); true once it has diverged. */
  observe(linLoss: number | undefined): boolean {
    if (linLoss === undefined) return this.gone;
    if (this.start === null && Number.isFinite(linLoss)) this.start = linLoss;
    if (!this.gone && isDiverged({ loss: linLoss }, this.start ?? 0)) this.gone = true;
    return this.gone;
  }
}
