// The training loop behind the worker, free of browser APIs so Node tests can drive it with a fake
// clock, a fake scheduler and a real Session on the cpu backend.
//
// Rules it keeps:
// - never a synchronous readback: advance(k) only enqueues work; measure()/snapshot() are awaited;
// - each tick runs k steps, k adapted so a tick costs ~tickMs of real throughput (GPU work included,
//   because the estimate is taken between readbacks, which wait for the queue to drain);
// - metric rows land on multiples of config.logEvery, at most one readback per measureIntervalMs
//   (so the stride grows when steps are fast), plus the final step and any step/pause point;
// - a snapshot every snapshotIntervalMs while playing, and on pause, step, reset and restart;
// - both intervals stretch to 4× / 5× the readback's own cost, so metrics never eat the run;
// - every operation runs through one serial queue, so a restart never disposes a Session that a
//   tick is still awaiting; a failure is posted as {type:'error'} and stops the run, never thrown.
import type { ExperimentConfig } from '../state/config';
import { isDiverged, type ExpensiveMode, type MetricRow, type RunMeta, type Session, type Snapshot } from '../engine/session';
import type { RunState, WorkerEvent, WorkerRequest } from './protocol';

/** What the loop needs from a Session (the real Session satisfies it). */
export interface LoopSession {
  readonly meta: RunMeta;
  readonly step: number;
  advance(k: number): void;
  measure(): Promise<MetricRow>;
  snapshot(opts?: { pairIndex?: number }): Promise<Snapshot>;
  /** Resolves once all queued training work has run (a tiny readback that depends on it). */
  fence?(): Promise<void>;
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
    measure: () => s.measure(expensive),
    snapshot: (o) => s.snapshot(pair ? o : {}),
    ...(opts.fence ? { fence: opts.fence } : {}),
    dispose: () => s.dispose(),
  };
}

export interface LoopDeps {
  createSession(config: ExperimentConfig): Promise<LoopSession>;
  post(ev: WorkerEvent): void;
  /** Milliseconds, monotonic (performance.now in the worker). */
  now(): number;
  /**
   * Run fn as a new task after delayMs (0: as soon as possible, e.g. a MessageChannel task in the
   * worker, without setTimeout's clamp), so messages can interleave.
   */
  schedule(fn: () => void, delayMs: number): void;
}

export interface LoopOptions {
  /** Target wall time of one tick. */
  tickMs: number;
  /** Minimum time between metric readbacks (20/s). */
  measureIntervalMs: number;
  /** Minimum time between snapshots while playing (4/s). */
  snapshotIntervalMs: number;
  /** Minimum time between status / metrics posts while playing. */
  postIntervalMs: number;
  maxStepsPerTick: number;
}

export const DEFAULT_LOOP_OPTIONS: LoopOptions = {
  tickMs: 20,
  measureIntervalMs: 50,
  snapshotIntervalMs: 250,
  postIntervalMs: 100,
  maxStepsPerTick: 2048,
};

function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

function sanitizeRow(r: MetricRow): MetricRow {
  const out: Record<string, number | number[]> = {};
  for (const [key, v] of Object.entries(r)) {
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
    else if (Array.isArray(v) && v.every(Number.isFinite)) out[key] = v;
  }
  return out as unknown as MetricRow;
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
  private initialLoss = NaN;
  private lastRowStep = -1;
  private divergedAt: number | null = null;
  private pending: { config: ExperimentConfig; runId: number } | null = null;
  private chain: Promise<void> = Promise.resolve();
  private tickScheduled = false;

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

  /** Exposed for tests: sizes of the advance() calls made by ticks. */
  readonly tickSizes: number[] = [];
  /** Exposed for tests: number of metric readbacks (measure calls). */
  measureCount = 0;

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
        this.pending = { config: req.config, runId: req.runId ?? Math.max(this.runId, this.pending?.runId ?? 0) + 1 };
        void this.enqueue(() => this.restart());
        return;
      case 'reset': {
        const config = this.pending?.config ?? this.config;
        if (!config) return;
        this.wantPlay = false;
        this.pending = { config, runId: req.runId ?? Math.max(this.runId, this.pending?.runId ?? 0) + 1 };
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
      case 'pairIndex':
        this.pairIndex = Math.max(0, Math.floor(req.index));
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
    this.state = 'loading';
    this.postStatus();
    const s = await this.deps.createSession(p.config);
    if (this.pending) {
      // A newer config arrived while this one was being built: its queued restart takes over.
      s.dispose();
      return;
    }
    this.session = s;
    this.deps.post({ type: 'ready', runId: this.runId, meta: s.meta });
    const row = await this.readRow(s);
    this.initialLoss = row.loss;
    this.flushRows();
    if (this.checkDiverged(row)) return;
    await this.takeSnapshot(s);
    this.state = 'ready';
    if (this.wantPlay) this.startPlaying();
    else this.postStatus();
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
    const row = await this.readRow(s);
    this.flushRows();
    if (this.checkDiverged(row)) return;
    await this.takeSnapshot(s);
    if (s.step >= cfg.steps) this.state = 'done';
    this.postStatus();
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
    let end = Math.min(start + this.k, cfg.steps);
    let doMeasure = false;
    if (t0 - this.lastMeasureT >= Math.max(opts.measureIntervalMs, 4 * this.measureCost)) {
      // Due for a row: stop at the last multiple of logEvery inside this tick, if there is one.
      const m = Math.floor(end / cfg.logEvery) * cfg.logEvery;
      if (m > start) {
        end = m;
        doMeasure = true;
      }
    }
    if (end >= cfg.steps) doMeasure = true;
    const n = end - start;
    if (n > 0) s.advance(n);
    this.tickSizes.push(n);
    const tAdvanced = deps.now();

    const finished = s.step >= cfg.steps;
    // A snapshot is also a sync point: force one if many steps were enqueued without any readback.
    const snapshotDue =
      finished ||
      s.step - this.lastSync.step >= 16 * this.k ||
      deps.now() - this.lastSnapshotT >= Math.max(opts.snapshotIntervalMs, 5 * this.snapshotCost);
    if (doMeasure || snapshotDue) {
      // Wait for the queued training alone first, so its time is not mixed with the readbacks'.
      if (s.fence) await s.fence();
      this.noteSync(s.step);
      if (doMeasure) {
        const tm = deps.now();
        const row = await this.readRow(s);
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
    // Adapt k: the slower of the fence-to-fence training throughput (includes queued GPU work)
    // and this tick's own enqueue time (the whole cost on cpu/wasm). Before the first readback
    // the GPU cost is unknown, so k stays small until one has happened.
    const tickPerStep = n > 0 ? (tAdvanced - t0) / n : 0;
    const est = Math.max(this.msPerStep ?? 0, tickPerStep);
    const target = est > 0 ? Math.floor(opts.tickMs / est) : this.k * 2;
    const cap = this.msPerStep === null ? 8 : opts.maxStepsPerTick;
    this.k = Math.max(1, Math.min(cap, this.k * 2, target));
    if (deps.now() - this.lastPostT >= opts.postIntervalMs) {
      this.updateRate(s.step, false);
      this.flushRows();
      this.postStatus();
    }
    // Pace the next tick: on a GPU backend advance() returns long before the work is done, so
    // wait for most of the time the enqueued steps need (the queue stays short and the
    // per-step estimate can still fall when the device speeds up: 0.7, not 1).
    const owed = n * (this.msPerStep ?? 0) * 0.7 - (deps.now() - t0);
    this.scheduleTick(Math.min(100, Math.max(0, owed)));
  }

  // ---- helpers ----

  private async readRow(s: LoopSession): Promise<MetricRow> {
    this.measureCount++;
    const row = await s.measure();
    this.lastRowStep = row.step;
    this.rows.push(row);
    return row;
  }

  private async takeSnapshot(s: LoopSession): Promise<void> {
    const snapshot = await s.snapshot({ pairIndex: this.pairIndex });
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
    const t = this.deps.now();
    const dSteps = step - this.lastSync.step;
    const dt = t - this.lastSync.t;
    if (dSteps > 0 && dt > 0) {
      const m = dt / dSteps;
      this.msPerStep = this.msPerStep === null ? m : 0.5 * this.msPerStep + 0.5 * m;
    }
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
    const rows = this.rows.filter((r) => Number.isFinite(r.loss) && Number.isFinite(r.testLoss)).map(sanitizeRow);
    this.rows = [];
    if (rows.length > 0) this.deps.post({ type: 'metrics', runId: this.runId, rows });
  }

  private postStatus(message?: string): void {
    this.lastPostT = this.deps.now();
    const step = this.session?.step ?? 0;
    const sps = this.state === 'playing' || this.state === 'done' ? Math.round(this.stepsPerSec * 10) / 10 : 0;
    const msg = message ?? (this.state === 'diverged' && this.divergedAt !== null ? `Diverged at step ${this.divergedAt} — learning rate above the stable limit` : undefined);
    this.deps.post({ type: 'status', runId: this.runId, state: this.state, step, stepsPerSec: sps, ...(msg ? { message: msg } : {}) });
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
