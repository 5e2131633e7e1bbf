// Compare mode in the worker: two runs stepped together as one LoopSession. The loop sees the first
// run (its meta, step, rows, divergence); the second run advances by the same k steps, is measured
// at the same steps (one readback of its own) and snapshotted with the first. Its rows, snapshot and
// divergence step are collected in `compare` for the loop to post alongside the first run's. When the
// second run diverges it stops (its last finite rows stay) and the first goes on.
import { isDiverged } from '../engine/session/divergence';
import { finiteRow } from '../engine/records/runRecords';
import type { MetricRow, RunMeta, Snapshot } from '../engine/records/runRecords';
import type { CompareSide, LoopSession, StartupProgress } from './loopSession';

export function pairLoopSession(a: LoopSession, b: LoopSession): LoopSession {
  let rows: MetricRow[] = [];
  let snapshot: Snapshot | null = null;
  let divergedAt: number | null = null;
  let initialLoss = NaN;
  const live = () => divergedAt === null;
  const compare: CompareSide = {
    meta: b.meta,
    takeRows: () => {
      const out = rows;
      rows = [];
      return out;
    },
    takeSnapshot: () => {
      // Posted once (its buffers are transferred): a stopped second run sends no stale snapshot.
      const out = snapshot;
      snapshot = null;
      return out;
    },
    get divergedAt() {
      return divergedAt;
    },
  };
  const pair: LoopSession = {
    get meta(): RunMeta {
      return a.meta;
    },
    get step(): number {
      return a.step;
    },
    get firstMeasure() {
      const fa = a.firstMeasure;
      const fb = b.firstMeasure;
      if (!fa) return fb;
      return { etaMs: fa.etaMs === null || !fb || fb.etaMs === null ? fa.etaMs : fa.etaMs + fb.etaMs, fraction: fa.fraction };
    },
    compare,
    completeStartup() {
      const builtA = a.completeStartup?.() ?? false;
      const builtB = b.completeStartup?.() ?? false;
      return builtA || builtB;
    },
    advance(k: number) {
      a.advance(k);
      if (live()) b.advance(k);
    },
    async measure(opts) {
      const row = await a.measure(opts);
      if (live() && b.step === a.step) {
        const rb = await b.measure(opts);
        if (!Number.isFinite(initialLoss)) initialLoss = rb.loss;
        if (isDiverged(rb, Number.isFinite(initialLoss) ? initialLoss : 1)) divergedAt = rb.step;
        // As for the first run (loopReadout.flushRows): the divergence row is not plotted, and
        // non-finite optional metrics become absent.
        if (Number.isFinite(rb.loss) && Number.isFinite(rb.testLoss)) rows.push(finiteRow(rb));
      }
      return row;
    },
    async snapshot(opts) {
      const snap = await a.snapshot(opts);
      if (live()) snapshot = await b.snapshot(opts);
      return snap;
    },
    async fence() {
      await a.fence?.();
      if (live()) await b.fence?.();
    },
    dispose() {
      a.dispose();
      b.dispose();
      rows = [];
      snapshot = null;
    },
  };
  return pair;
}

/** Progress of building two sessions in turn: the first fills [0, ½), the second [½, 1). */
export function halfProgress(p: StartupProgress, second: boolean): StartupProgress {
  return {
    report: (stage, fraction, etaMs) => p.report(stage, second ? 0.5 + fraction / 2 : fraction / 2, etaMs),
    aborted: () => p.aborted?.() ?? false,
  };
}
