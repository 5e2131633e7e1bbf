// The training loop behind the worker, free of browser APIs so Node tests can drive it with a fake
// clock, a fake scheduler and a real Session on the cpu backend.
//
// Rules it keeps:
// - never a synchronous readback: advance(k) only enqueues work; measure()/snapshot() are awaited;
// - pacing (steps per tick, when to read a row or a snapshot, tick delay) is the pure policy in
//   pacing.ts: ~tickMs of real throughput per tick (GPU work included, because the estimate is taken
//   between readbacks), rows on multiples of config.logEvery at most once per measureIntervalMs,
//   snapshots every snapshotIntervalMs, both stretched by their own cost;
// - rows and snapshots also on pause, step, reset and restart;
// - every operation runs through one serial queue, so a restart never disposes a Session that a
//   tick is still awaiting; a failure is posted as {type:'error'} and stops the run, never thrown.
import { CreateAborted } from '../engine/session/startupCost';
import type { WorkerRequest } from './protocol';
import { isSnapshotDue, nextStepsPerTick, nextTickDelay, planTick } from './pacing';
import { LoopReadout } from './loopReadout';
import type { LoopSession, StartupProgress } from './loopSession';

export * from './loopSession';
export { FIRST_STEPS_MESSAGE } from './loopReadout';

/** The requests the training loop handles (the worker routes the sweep and debug ones elsewhere). */
export const LOOP_REQUEST_TYPES = ['init', 'config', 'reset', 'play', 'pause', 'step', 'cancel', 'pairIndex', 'earlySweep', 'nfaLayer'] as const;
export type LoopRequest = Extract<WorkerRequest, { type: (typeof LOOP_REQUEST_TYPES)[number] }>;

export class TrainingLoop extends LoopReadout {
  handle(req: LoopRequest): void {
    switch (req.type) {
      case 'init':
      case 'config':
        this.cancelled = false;
        this.pending = { config: req.config, runId: req.runId, compare: req.compare ?? null };
        void this.enqueue(() => this.restart());
        return;
      case 'reset': {
        const config = this.pending?.config ?? this.config;
        if (!config) return;
        this.wantPlay = false;
        this.cancelled = false;
        this.pending = { config, runId: req.runId, compare: this.pending ? this.pending.compare : this.compareConfig };
        void this.enqueue(() => this.restart());
        return;
      }
      case 'play':
        this.wantPlay = true;
        void this.enqueue(() => this.play());
        return;
      case 'pause':
        this.wantPlay = false;
        void this.enqueue(() => this.pause());
        return;
      case 'step':
        this.wantPlay = false;
        void this.enqueue(() => this.stepBy(Math.max(1, Math.floor(req.count))));
        return;
      case 'cancel':
        // Checked between start-up stages: the create in progress stops and disposes what it built.
        this.cancelled = true;
        this.wantPlay = false;
        this.pending = null;
        return;
      case 'pairIndex':
        this.pairIndex = Math.max(0, Math.floor(req.index));
        void this.enqueue(() => this.refreshSnapshot());
        return;
      case 'earlySweep':
        void this.enqueue(() => this.runEarlySweep());
        return;
      case 'nfaLayer':
        this.nfaLayer = Math.max(1, Math.floor(req.layer));
        void this.enqueue(() => this.refreshSnapshot());
        return;
      default: {
        // Unreachable by type; at run time a request the loop does not know is an error, never ignored.
        const unknown: never = req;
        this.fail(new Error(`The training loop cannot handle the request ${JSON.stringify((unknown as { type?: unknown }).type)}`));
      }
    }
  }

  // ---- operations (run only from the queue) ----

  private async restart(): Promise<void> {
    const p = this.pending;
    if (!p) return; // coalesced into a later restart that already ran
    this.pending = null;
    this.session?.dispose();
    this.session = null;
    this.runId = p.runId;
    this.config = p.config;
    this.compareConfig = p.compare;
    this.rows = [];
    this.lastRowStep = -1;
    this.divergedAt = null;
    this.initialLoss = NaN;
    this.k = 1;
    this.msPerStep = null;
    this.measureCost = 0;
    this.snapshotCost = 0;
    this.stepsPerSec = 0;
    this.firstStepsPending = true;
    this.state = 'loading';
    this.postStatus();
    const runId = p.runId;
    // A newer config/reset (pending) or a cancel stops this start-up between stages.
    const aborted = () => this.pending !== null || this.cancelled;
    const progress: StartupProgress = {
      report: (stage, fraction, etaMs) => {
        if (!aborted()) this.deps.post({ type: 'progress', runId, stage, fraction, ...(etaMs !== undefined ? { etaMs } : {}) });
      },
      aborted,
    };
    let s: LoopSession;
    try {
      s = await this.deps.createSession(p.config, progress, p.compare);
    } catch (e) {
      if (e instanceof CreateAborted || aborted()) {
        this.afterAbort();
        return;
      }
      throw e;
    }
    if (aborted()) {
      s.dispose();
      this.afterAbort();
      return;
    }
    this.session = s;
    this.deps.post({ type: 'ready', runId: this.runId, meta: s.meta, ...(s.compare ? { compareMeta: s.compare.meta } : {}) });
    const fm = s.firstMeasure;
    progress.report('firstMeasure', fm?.fraction ?? 0.99, fm?.etaMs ?? undefined);
    // The snapshot first: it draws f₀ (and the twin, equal to it at step 0) before the step-0 row,
    // whose expensive metrics take longer.
    await this.takeSnapshot(s);
    if (this.cancelled && !this.pending) return this.cancelStarted(s);
    // Then what the start-up left for later (the kernel machine); when nobody is waiting for a
    // step, one more snapshot shows it at step 0 too.
    if (s.completeStartup?.() && !this.wantPlay) {
      await this.takeSnapshot(s);
      if (this.cancelled && !this.pending) return this.cancelStarted(s);
    }
    const row = await this.readRow(s);
    if (this.cancelled && !this.pending) return this.cancelStarted(s);
    this.initialLoss = row.loss;
    this.flushRows();
    if (this.checkDiverged(row)) return;
    this.state = 'ready';
    if (this.wantPlay) this.startPlaying();
    else this.postStatus();
  }

  /** Cancel during the first measurement: the session exists already and is dropped. */
  private cancelStarted(s: LoopSession): void {
    if (this.session === s) this.session = null;
    s.dispose();
    this.rows = [];
    this.afterAbort();
  }

  /** A start-up was abandoned: a newer restart is queued, or (cancel) the worker waits idle. */
  private afterAbort(): void {
    if (this.pending) return;
    this.cancelled = false;
    this.state = 'paused';
    this.postStatus('Start-up cancelled — press Reset to start again');
  }

  private async play(): Promise<void> {
    if (!this.session || this.state === 'loading') return; // the restart in the queue will honour wantPlay
    if (this.state === 'diverged' || this.state === 'done') {
      this.wantPlay = false;
      this.postStatus();
      return;
    }
    if (this.state !== 'playing') this.startPlaying();
  }

  private startPlaying(): void {
    this.state = 'playing';
    const now = this.deps.now();
    const step = this.session?.step ?? 0;
    this.rate = { t: now, step };
    this.lastSync = { t: now, step };
    this.stepsPerSec = 0;
    this.postStatus();
    this.scheduleTick();
  }

  private async pause(): Promise<void> {
    const s = this.session;
    if (!s || this.state !== 'playing') return;
    this.state = 'paused';
    const diverged = s.step !== this.lastRowStep && this.checkDiverged(await this.readRow(s));
    this.flushRows();
    if (diverged) return;
    await this.takeSnapshot(s);
    this.postStatus();
  }

  private async stepBy(count: number): Promise<void> {
    const s = this.session;
    const cfg = this.config;
    if (!s || !cfg || this.state === 'loading' || this.state === 'diverged' || this.state === 'done') return;
    const n = Math.min(count, cfg.steps - s.step);
    this.state = 'paused';
    if (n > 0) s.advance(n);
    const row = await this.readRow(s, s.step >= cfg.steps);
    this.flushRows();
    if (this.checkDiverged(row)) return;
    await this.takeSnapshot(s);
    if (s.step >= cfg.steps) this.state = 'done';
    this.postStatus();
  }

  private async runEarlySweep(): Promise<void> {
    const s = this.session;
    const cfg = this.config;
    const runId = this.runId;
    if (!s || !cfg || cfg.model !== 'early-time' || !this.deps.earlySweep) {
      this.deps.post({ type: 'earlySweep', runId, points: null, message: 'The width sweep needs the early-time model.' });
      return;
    }
    const points = await this.deps.earlySweep(cfg, s.meta.lr);
    if (this.runId === runId) this.deps.post({ type: 'earlySweep', runId, points });
  }

  private async refreshSnapshot(): Promise<void> {
    const s = this.session;
    if (!s || this.state === 'playing' || this.state === 'loading' || this.state === 'diverged') return;
    await this.takeSnapshot(s);
  }

  private scheduleTick(delayMs = 0): void {
    if (this.tickScheduled) return;
    this.tickScheduled = true;
    this.deps.schedule(() => {
      this.tickScheduled = false;
      void this.enqueue(() => this.tick());
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const s = this.session;
    const cfg = this.config;
    if (!s || !cfg || this.state !== 'playing') return;
    const { opts, deps } = this;
    const t0 = deps.now();
    const start = s.step;
    const plan = planTick(
      { now: t0, step: start, totalSteps: cfg.steps, logEvery: cfg.logEvery, k: this.k, lastMeasureT: this.lastMeasureT, measureCost: this.measureCost },
      opts,
    );
    const doMeasure = plan.measure;
    const n = plan.end - start;
    if (n > 0) s.advance(n);
    const tAdvanced = deps.now();

    const finished = s.step >= cfg.steps;
    // A snapshot is also a sync point: forced if many steps were enqueued without any readback.
    const snapshotDue = isSnapshotDue(
      { finished, now: deps.now(), step: s.step, lastSyncStep: this.lastSync.step, k: this.k, lastSnapshotT: this.lastSnapshotT, snapshotCost: this.snapshotCost },
      opts,
    );
    if (doMeasure || snapshotDue) {
      // Wait for the queued training alone first, so its time is not mixed with the readbacks'.
      if (s.fence) await s.fence();
      this.noteSync(s.step);
      if (doMeasure) {
        const tm = deps.now();
        const row = await this.readRow(s, finished);
        this.lastMeasureT = deps.now();
        // Rows with the expensive metrics (NTK drift, correlations) are budgeted by the Session
        // itself; spacing rows by their cost would thin out the loss curve needlessly.
        if (row.ntkDrift === undefined) this.measureCost = this.lastMeasureT - tm;
        if (this.checkDiverged(row)) return;
      }
      if (snapshotDue) {
        const ts = deps.now();
        await this.takeSnapshot(s);
        this.snapshotCost = deps.now() - ts;
      }
      // Readback time is not training time: the next interval starts after it.
      this.lastSync.t = deps.now();
    }
    if (finished) {
      this.state = 'done';
      this.wantPlay = false;
      this.updateRate(s.step, true);
      this.flushRows();
      this.postStatus();
      return;
    }
    this.k = nextStepsPerTick({ k: this.k, n, enqueueMs: tAdvanced - t0, msPerStep: this.msPerStep }, opts);
    if (deps.now() - this.lastPostT >= opts.postIntervalMs) {
      this.updateRate(s.step, false);
      this.flushRows();
      this.postStatus();
    }
    this.scheduleTick(nextTickDelay(n, this.msPerStep, deps.now() - t0));
  }
}
