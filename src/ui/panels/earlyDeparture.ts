// When the early-time network leaves the linear model, read from the logged earlyGap values.
import type { MetricRow } from '../../engine/records/runRecords';

/** earlyGap above this counts as "the network has left the linear model". */
export const EARLY_GAP_THRESHOLD = 0.2;

/**
 * First logged step at which earlyGap rises above the threshold after having been at or below it
 * (the network leaving the linear model), or null. A gap that starts above the threshold (narrow
 * width, low d) has no such step.
 */
export function departureStep(rows: readonly Pick<MetricRow, 'step' | 'earlyGap'>[], threshold = EARLY_GAP_THRESHOLD): number | null {
  let below = false;
  for (const r of rows) {
    if (r.earlyGap === undefined || !Number.isFinite(r.earlyGap)) continue;
    if (r.earlyGap <= threshold) below = true;
    else if (below) return r.step;
  }
  return null;
}

/** Whether any logged earlyGap is at or below the threshold. */
export function everBelow(rows: readonly Pick<MetricRow, 'earlyGap'>[], threshold = EARLY_GAP_THRESHOLD): boolean {
  return rows.some((r) => r.earlyGap !== undefined && r.earlyGap <= threshold);
}
