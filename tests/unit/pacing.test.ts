// The loop's pacing policy (src/worker/pacing.ts), rule by rule, without a session or a clock.
import { describe, expect, it } from 'vitest';
import {
  isSnapshotDue,
  MAX_TICK_DELAY_MS,
  nextStepsPerTick,
  nextTickDelay,
  planTick,
  STEPS_PER_TICK_BEFORE_FIRST_SYNC,
  updateMsPerStep,
} from '../../src/worker/pacing';

const O = { tickMs: 20, measureIntervalMs: 50, snapshotIntervalMs: 250, maxStepsPerTick: 2048 };
const tick = { now: 1000, step: 0, totalSteps: 1000, logEvery: 10, k: 25, lastMeasureT: 0, measureCost: 0 };

describe('planTick', () => {
  it('stops at the last multiple of logEvery inside the tick when a row is due', () => {
    expect(planTick({ ...tick, step: 3 }, O)).toEqual({ end: 20, measure: true });
  });
  it('runs the full k steps without a row when none is due', () => {
    expect(planTick({ ...tick, step: 3, lastMeasureT: 990 }, O)).toEqual({ end: 28, measure: false });
  });
  it('runs the full k steps when no multiple of logEvery falls inside the tick', () => {
    expect(planTick({ ...tick, step: 21, k: 5 }, O)).toEqual({ end: 26, measure: false });
  });
  it('stretches the row interval to 4× the readback cost', () => {
    // 100 ms since the last row ≥ 50 ms, but the row costs 30 ms → wait 120 ms.
    expect(planTick({ ...tick, now: 100, measureCost: 30 }, O).measure).toBe(false);
    expect(planTick({ ...tick, now: 120, measureCost: 30 }, O).measure).toBe(true);
  });
  it('never passes the run end and always measures the last step', () => {
    expect(planTick({ ...tick, step: 990, k: 64, lastMeasureT: 999, logEvery: 7 }, O)).toEqual({ end: 1000, measure: true });
  });
});

describe('isSnapshotDue', () => {
  const base = { finished: false, now: 100, step: 10, lastSyncStep: 0, k: 5, lastSnapshotT: 0, snapshotCost: 0 };
  it('after the interval, or at the end, or after 16 ticks of steps without a sync', () => {
    expect(isSnapshotDue(base, O)).toBe(false);
    expect(isSnapshotDue({ ...base, now: 250 }, O)).toBe(true);
    expect(isSnapshotDue({ ...base, finished: true }, O)).toBe(true);
    expect(isSnapshotDue({ ...base, step: 80 }, O)).toBe(true);
    expect(isSnapshotDue({ ...base, step: 79 }, O)).toBe(false);
  });
  it('stretches the interval to 5× the snapshot cost', () => {
    expect(isSnapshotDue({ ...base, now: 400, snapshotCost: 100 }, O)).toBe(false);
    expect(isSnapshotDue({ ...base, now: 500, snapshotCost: 100 }, O)).toBe(true);
  });
});

describe('updateMsPerStep', () => {
  it('takes the first measurement, then averages 50/50, and ignores empty intervals', () => {
    expect(updateMsPerStep(null, 40, 10)).toBe(4);
    expect(updateMsPerStep(4, 20, 10)).toBe(3);
    expect(updateMsPerStep(4, 0, 10)).toBe(4);
    expect(updateMsPerStep(null, 10, 0)).toBeNull();
  });
});

describe('nextStepsPerTick', () => {
  it('aims at tickMs of work per tick, from the slower of the two estimates', () => {
    // 0.25 ms/step synced, enqueue 0.1 ms/step → 80 steps, but at most doubling from 64.
    expect(nextStepsPerTick({ k: 64, n: 64, enqueueMs: 6.4, msPerStep: 0.25 }, O)).toBe(80);
    // enqueue is slower (1 ms/step, cpu-like) → 20.
    expect(nextStepsPerTick({ k: 64, n: 64, enqueueMs: 64, msPerStep: 0.25 }, O)).toBe(20);
  });
  it('at most doubles, stays ≥ 1, and is capped before the first sync and by maxStepsPerTick', () => {
    expect(nextStepsPerTick({ k: 3, n: 3, enqueueMs: 0, msPerStep: 0.001 }, O)).toBe(6);
    expect(nextStepsPerTick({ k: 1, n: 1, enqueueMs: 500, msPerStep: 500 }, O)).toBe(1);
    expect(nextStepsPerTick({ k: 8, n: 8, enqueueMs: 0, msPerStep: null }, O)).toBe(STEPS_PER_TICK_BEFORE_FIRST_SYNC);
    expect(nextStepsPerTick({ k: 2000, n: 2000, enqueueMs: 0, msPerStep: 1e-6 }, O)).toBe(O.maxStepsPerTick);
  });
});

describe('nextTickDelay', () => {
  it('waits 70% of the enqueued work minus the time already spent, within [0, 100] ms', () => {
    expect(nextTickDelay(10, 2, 4)).toBeCloseTo(10, 12);
    expect(nextTickDelay(10, 2, 30)).toBe(0);
    expect(nextTickDelay(10, null, 0)).toBe(0);
    expect(nextTickDelay(1000, 2, 0)).toBe(MAX_TICK_DELAY_MS);
  });
});
