// The training loop's pacing policy as pure functions of what the loop has measured: how many steps a
// tick enqueues, whether it ends with a metric row and/or a snapshot, how the per-step cost estimate
// and the tick size adapt, and how long to wait before the next tick. No clock, no session: the loop
// (loop.ts) feeds in times and counts, and tests/unit/pacing.test.ts checks each rule directly.

export interface PacingOptions {
  /** Target wall time of one tick. */
  tickMs: number;
  /** Minimum time between metric readbacks. */
  measureIntervalMs: number;
  /** Minimum time between snapshots while playing. */
  snapshotIntervalMs: number;
  maxStepsPerTick: number;
}

/** Before the first readback the real (GPU) cost per step is unknown: ticks stay this small. */
export const STEPS_PER_TICK_BEFORE_FIRST_SYNC = 8;
/** Metric rows are spaced by at least this many times their own readback cost. */
export const MEASURE_COST_FACTOR = 4;
/** Snapshots are spaced by at least this many times their own cost. */
export const SNAPSHOT_COST_FACTOR = 5;
/** Force a sync (snapshot) after this many ticks' worth of steps without a readback. */
export const SYNC_EVERY_TICKS = 16;
/** Wait for this share of the enqueued steps' estimated time before the next tick. */
export const PACE_SHARE = 0.7;
/** Never wait longer than this between ticks. */
export const MAX_TICK_DELAY_MS = 100;

export interface TickPlanInput {
  now: number;
  /** Steps done before this tick. */
  step: number;
  totalSteps: number;
  logEvery: number;
  /** Current steps-per-tick. */
  k: number;
  lastMeasureT: number;
  /** Wall time of the last cheap metric readback. */
  measureCost: number;
}

export interface TickPlan {
  /** Step count after this tick (the tick advances end − step steps, possibly 0). */
  end: number;
  /** Read a metric row after advancing. */
  measure: boolean;
}

/**
 * Steps for one tick: k steps, capped at the run's end. When a row is due (the measure interval,
 * stretched to MEASURE_COST_FACTOR × the readback's cost, has passed) the tick stops at the last
 * multiple of logEvery inside it, if any, and measures there; the last step is always measured.
 */
export function planTick(p: TickPlanInput, o: Pick<PacingOptions, 'measureIntervalMs'>): TickPlan {
  let end = Math.min(p.step + p.k, p.totalSteps);
  let measure = false;
  if (p.now - p.lastMeasureT >= Math.max(o.measureIntervalMs, MEASURE_COST_FACTOR * p.measureCost)) {
    const m = Math.floor(end / p.logEvery) * p.logEvery;
    if (m > p.step) {
      end = m;
      measure = true;
    }
  }
  if (end >= p.totalSteps) measure = true;
  return { end, measure };
}

export interface SnapshotDueInput {
  finished: boolean;
  now: number;
  step: number;
  /** Step of the last sync point (readback). */
  lastSyncStep: number;
  k: number;
  lastSnapshotT: number;
  snapshotCost: number;
}

/** A snapshot at the end, after SYNC_EVERY_TICKS ticks of steps without a sync, or when its interval is up. */
export function isSnapshotDue(p: SnapshotDueInput, o: Pick<PacingOptions, 'snapshotIntervalMs'>): boolean {
  return (
    p.finished ||
    p.step - p.lastSyncStep >= SYNC_EVERY_TICKS * p.k ||
    p.now - p.lastSnapshotT >= Math.max(o.snapshotIntervalMs, SNAPSHOT_COST_FACTOR * p.snapshotCost)
  );
}

/** Per-step cost between two sync points, smoothed 50/50 with the previous estimate (null: none yet). */
export function updateMsPerStep(prev: number | null, dtMs: number, dSteps: number): number | null {
  if (!(dSteps > 0 && dtMs > 0)) return prev;
  const m = dtMs / dSteps;
  return prev === null ? m : 0.5 * prev + 0.5 * m;
}

export interface NextKInput {
  k: number;
  /** Steps this tick advanced. */
  n: number;
  /** Time this tick spent enqueueing them (the whole cost on cpu/wasm). */
  enqueueMs: number;
  /** Sync-to-sync cost per step (includes queued GPU work), null before the first sync. */
  msPerStep: number | null;
}

/**
 * Next steps-per-tick: tickMs divided by the slower of the two per-step costs, at most doubling per
 * tick, at least 1, capped at STEPS_PER_TICK_BEFORE_FIRST_SYNC until a sync has measured the real
 * cost, and at maxStepsPerTick after.
 */
export function nextStepsPerTick(p: NextKInput, o: Pick<PacingOptions, 'tickMs' | 'maxStepsPerTick'>): number {
  const tickPerStep = p.n > 0 ? p.enqueueMs / p.n : 0;
  const est = Math.max(p.msPerStep ?? 0, tickPerStep);
  const target = est > 0 ? Math.floor(o.tickMs / est) : p.k * 2;
  const cap = p.msPerStep === null ? STEPS_PER_TICK_BEFORE_FIRST_SYNC : o.maxStepsPerTick;
  return Math.max(1, Math.min(cap, p.k * 2, target));
}

/**
 * Delay before the next tick: on a GPU backend advance() returns long before the work is done, so
 * wait for PACE_SHARE of the time the enqueued steps need minus what this tick already took
 * (the queue stays short, and the estimate can still fall when the device speeds up).
 */
export function nextTickDelay(n: number, msPerStep: number | null, elapsedMs: number): number {
  const owed = n * (msPerStep ?? 0) * PACE_SHARE - elapsedMs;
  return Math.min(MAX_TICK_DELAY_MS, Math.max(0, owed));
}
