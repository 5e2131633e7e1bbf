// When a run counts as diverged (the Lab, the CLI and the sweep runner use this one rule).
import type { MetricRow } from '../records/runRecords';

/** Divergence: a non-finite loss, or one that grew by 10⁶ over its initial value. */
export function isDiverged(row: Pick<MetricRow, 'loss'>, initialLoss: number): boolean {
  return !Number.isFinite(row.loss) || row.loss > 1e6 * Math.max(initialLoss, 1e-3);
}
