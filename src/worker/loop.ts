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
import type { ExperimentConfig } from '../state/config';
import { isDiverged } from '../engine/divergence';
import { CreateAborted, type CreateProgress, type ExpensiveMode, type MetricRow, type RunMeta, type Session, type Snapshot } from '../engine/session';
import type { EarlyTimeSession } from '../engine/earlyTimeSession';
import type { EarlyWidthPoint } from '../engine/earlyTimeSweep';
import { finiteRow } from '../engine/runRecords';
import type { RunState, WorkerEvent, WorkerRequest } from './protocol';
import { isSnapshotDue, nextStepsPerTick, nextTickDelay, planTick, updateMsPerStep, type PacingOptions } from './pacing';

/** What the loop needs from a Session (the real Session satisfies it). */
export interface LoopSession {
  readonly meta: RunMeta;
  readonly step: number;
  advance(k: number): void;
  /** `final`: the run's last step — measure every metric, even those a duty cycle would skip now. */
  measure(opts?: { final?: boolean }): Promise<MetricRow>;
  snapshot(opts?: { pairIndex?: number; nfaLayer?: number }): Promise<Snapshot>;
  /** Resolves once all queued training work has run (a tiny readback that depends on it). */
  fence?(): Promise<void>;
  /** Start-up: estimated ms of the first measurement and the share of start-up done before it. */
  readonly firstMeasure?: { etaMs: number | null; fraction: number };
  dispose(): void;
}

/**
 * A Session as the loop sees it. `expensive` picks when NTK drift and correlations are measured
 * (the app: 'auto', time-budgeted); `pair: false` leaves the 𝔆^{0,2} pair matrix out of snapshots.
 */
export function loopSession(
  s: Session,
  opts: { expensive?: ExpensiveMode; pair?: boolean; fence?: () => Promise<void> } = {},
): LoopSession {
  const { expensive = 'auto', pair = true } = opts;
  return {
    get meta() {
      return s.meta;
    },
    get step() {
      return s.step;
    },
    advance: (k) => s.advance(k),
    measure: (o) => s.measure(expensive, { force: o?.final === true }),
    snapshot: (o) => s.snapshot({ ...(pair ? { pairIndex: o?.pairIndex } : {}), nfaLayer: o?.nfaLayer ?? s.defaultNfaLayer() }),
    ...(opts.fence ? { fence: opts.fence } : {}),
    get firstMeasure() {
      return { etaMs: s.firstMeasureEstimateMs, fraction: s.firstMeasureFraction };
    },
    dispose: () => s.dispose(),
  };
}

/** An early-time run as the loop sees it (it has no NTK probe, pair matrix or NFA). */
export function earlyTimeLoopSession(s: EarlyTimeSession, opts: { fence?: () => Promise<void> } = {}): LoopSession {
  return {
    get meta() {
      return s.meta;
    },
    get step() {
      return s.step;
    },
    advance: (k) => s.advance(k),
    measure: () => s.measure(),
    snapshot: () => s.snapshot(),
    ...(opts.fence ? { fence: opts.fence } : {}),
    dispose: () => s.dispose(),
  };
}

/** What createSession gets to report start-up stages and to learn that it should stop. */
export type StartupProgress = CreateProgress;

export interface LoopDeps {
  createSession(config: ExperimentConfig, progress: StartupProgress): Promise<LoopSession>;
  post(ev: WorkerEvent): void;
  /** Milliseconds, monotonic (performance.now in the worker). */
  now(): number;
  /**
   * Run fn as a new task after delayMs (0: as soon as possible, e.g. a MessageChannel task in the
   * worker, without setTimeout's clamp), so messages can interleave.
   */
  schedule(fn: () => void, delayMs: number): void;
  /** The backend's live tensor count and bytes (tf.memory()), reported with each status. */
  memory?(): { numTensors: number; numBytes: number };
  /** earlyGap against width for an early-time config with learning rate lr (absent: not offered). */
  earlySweep?(config: ExperimentConfig, lr: number): Promise<EarlyWidthPoint[]>;
}

/** The pacing policy's knobs (pacing.ts) plus how often status / metrics are posted while playing. */
export interface LoopOptions extends PacingOptions {
  /** Minimum time between status / metrics posts while playing. */
  postIntervalMs: number;
}

export const DEFAULT_LOOP_OPTIONS: LoopOptions = {
  tickMs: 20,
  measureIntervalMs: 50,
  snapshotIntervalMs: 250,
  postIntervalMs: 100,
  maxStepsPerTick: 2048,
};

/** Status message while the first training steps of a run build their kernels. */
export const FIRST_STEPS_MESSAGE = 'compiling kernels… (first training steps)';

function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

export class TrainingLoop {
  private readonly opts: LoopOptions;
  private session: LoopSession | null = null;
  private config: ExperimentConfig | null = null;
  private runId = 0;
  private state: RunState = 'loading';
  /** The user wants the run to be playing (survives restarts). */
  private wantPlay = false;
  private pairIndex = 0;
  /** Hidden layer of the NFM/AGOP heatmaps; undefined = the session's default. */
  private nfaLayer: number | undefined = undefined;
  private initialLoss = NaN;
  private lastRowStep = -1;
  private divergedAt: number | null = null;
  private pending: { config: ExperimentConfig; runId: number } | null = null;
  private chain: Promise<void> = Promise.resolve();
  private tickScheduled = false;
  /** A cancel request arrived: the start-up in progress stops at its next stage boundary. */
  private cancelled = false;
  /**
   * No training step of this run has been read back yet: the first ones build the training kernels
   * (seconds on WebGPU/WebGL shader compilers), so 'playing' says so instead of a silent counter.
   */
  private firstStepsPending = true;

  // Throughput bookkeeping.
  private k = 1;
  private msPerStep: number | null = null;
  private lastSync = { t: 0, step: 0 };
  private lastMeasureT = -Infinity;
  private lastSnapshotT = -Infinity;
  /** Wall time of the last readbacks: their intervals grow so they stay a modest share of the time. */
  private measureCost = 0;
  private snapshotCost = 0;
  private lastPostT = -Infinity;
  private rate = { t: 0, step: 0 };
  private stepsPerSec = 0;
  private rows: MetricRow[] = [];

  constructor(
    private readonly deps: LoopDeps,
    opts: Partial<LoopOptions> = {},
  ) {
    this.opts = { ...DEFAULT_LOOP_OPTIONS, ...opts };
  }

  get currentRunId(): number {
    return this.runId;
  }
  get currentState(): RunState {
    return this.state;
  }
  get currentSession(): LoopSession | null {
    return this.session;
  }

  /** Resolves when every queued operation has finished. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Run fn after every operation queued so far; failures become {type:'error'} events. */
  enqueue(fn: () => Promise<void> | void): Promise<void> {
    this.chain = this.chain.then(async () => {
      try {
        await fn();
      } catch (e) {
        this.fail(e);
      }
    });
    return this.chain;
  }

  handle(req: WorkerRequest): void {
    switch (req.type) {
      case 'init':
      case 'config':
        this.cancelled = false;
        this.pending = { config: req.config, runId: req.runId };
        void this.enqueue(() => this.restart());
        return;
      case 'reset': {
        const config = this.pending?.config ?? this.config;
        if (!config) return;
        this.wantPlay = false;
        this.cancelled = false;
        this.pending = { config, runId: req.runId };
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
      s = await this.deps.createSession(p.config, progress);
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
    this.deps.post({ type: 'ready', runId: this.runId, meta: s.meta });
    const fm = s.firstMeasure;
    progress.report('firstMeasure', fm?.fraction ?? 0.99, fm?.etaMs ?? undefined);
    const row = await this.readRow(s);
    if (this.cancelled && !this.pending) return this.cancelStarted(s);
    this.initialLoss = row.loss;
    this.flushRows();
    if (this.checkDiverged(row)) return;
    await this.takeSnapshot(s);
    if (this.cancelled && !this.pending) return this.cancelStarted(s);
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

  // ---- helpers ----

  /** `final`: the run's last step (every metric is measured there). */
  private async readRow(s: LoopSession, final = false): Promise<MetricRow> {
    const row = await s.measure(final ? { final } : undefined);
    if (row.step > 0) this.firstStepsPending = false;
    this.lastRowStep = row.step;
    this.rows.push(row);
    return row;
  }

  private async takeSnapshot(s: LoopSession): Promise<void> {
    const snapshot = await s.snapshot({ pairIndex: this.pairIndex, ...(this.nfaLayer === undefined ? {} : { nfaLayer: this.nfaLayer }) });
    this.lastSnapshotT = this.deps.now();
    if (this.session !== s) return;
    this.deps.post({ type: 'snapshot', runId: this.runId, snapshot });
  }

  /** Stops the run with state 'diverged' when the row says so. */
  private checkDiverged(row: MetricRow): boolean {
    const ref = Number.isFinite(this.initialLoss) ? this.initialLoss : 1;
    if (!isDiverged(row, ref)) return false;
    this.divergedAt = row.step;
    this.state = 'diverged';
    this.wantPlay = false;
    this.flushRows();
    this.postStatus(`Diverged at step ${row.step} — learning rate above the stable limit`);
    return true;
  }

  private noteSync(step: number): void {
    if (step > 0) this.firstStepsPending = false;
    const t = this.deps.now();
    this.msPerStep = updateMsPerStep(this.msPerStep, t - this.lastSync.t, step - this.lastSync.step);
    this.lastSync = { t, step };
  }

  private updateRate(step: number, final: boolean): void {
    const t = this.deps.now();
    const dt = t - this.rate.t;
    const ds = step - this.rate.step;
    if (dt <= 0) return;
    const sps = (ds * 1000) / dt;
    this.stepsPerSec = this.stepsPerSec === 0 || final ? sps : 0.6 * this.stepsPerSec + 0.4 * sps;
    this.rate = { t, step };
  }

  private flushRows(): void {
    if (this.rows.length === 0) return;
    // Rows with a non-finite loss (the divergence row) are not plotted: the banner explains them.
    // Non-finite optional metrics become absent, so no plot ever receives NaN.
    const rows = this.rows.filter((r) => Number.isFinite(r.loss) && Number.isFinite(r.testLoss)).map(finiteRow);
    this.rows = [];
    if (rows.length > 0) this.deps.post({ type: 'metrics', runId: this.runId, rows });
  }

  private postStatus(message?: string): void {
    this.lastPostT = this.deps.now();
    const step = this.session?.step ?? 0;
    const sps = this.state === 'playing' || this.state === 'done' ? Math.round(this.stepsPerSec * 10) / 10 : 0;
    const msg =
      message ??
      (this.state === 'diverged' && this.divergedAt !== null
        ? `Diverged at step ${this.divergedAt} — learning rate above the stable limit`
        : this.state === 'playing' && this.firstStepsPending
          ? FIRST_STEPS_MESSAGE
          : undefined);
    this.deps.post({ type: 'status', runId: this.runId, state: this.state, step, stepsPerSec: sps, ...(msg ? { message: msg } : {}), ...this.deps.memory?.() });
  }

  private fail(e: unknown): void {
    const message = errorMessage(e);
    this.wantPlay = false;
    if (this.state !== 'diverged' && this.state !== 'done') this.state = 'paused';
    this.flushRows();
    this.deps.post({ type: 'error', runId: this.runId, message });
    this.postStatus();
  }
}
