// The training loop's state and its readouts (loop.ts's base class): rows and snapshots read from
// the Session and posted, the divergence check, the step-rate estimate, status and error events, and
// the one serial queue every operation runs through.
import type { MetricRow } from '../engine/records/runRecords';
import { isDiverged } from '../engine/session/divergence';
import { finiteRow } from '../engine/records/runRecords';
import type { ExperimentConfig } from '../schema/config';
import type { RunState } from './protocol';
import { updateMsPerStep } from './pacing';
import { DEFAULT_LOOP_OPTIONS, type LoopDeps, type LoopOptions, type LoopSession } from './loopSession';

/** Status message while the first training steps of a run build their kernels. */
export const FIRST_STEPS_MESSAGE = 'compiling kernels… (first training steps)';

function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

export abstract class LoopReadout {
  protected readonly opts: LoopOptions;
  protected session: LoopSession | null = null;
  protected config: ExperimentConfig | null = null;
  protected runId = 0;
  protected state: RunState = 'loading';
  /** The user wants the run to be playing (survives restarts). */
  protected wantPlay = false;
  protected pairIndex = 0;
  /** Hidden layer of the NFM/AGOP heatmaps; undefined = the session's default. */
  protected nfaLayer: number | undefined = undefined;
  protected initialLoss = NaN;
  protected lastRowStep = -1;
  protected divergedAt: number | null = null;
  protected pending: { config: ExperimentConfig; runId: number; compare: ExperimentConfig | null } | null = null;
  /** Compare mode's second config (trained alongside, see pairSession.ts), or null. */
  protected compareConfig: ExperimentConfig | null = null;
  protected chain: Promise<void> = Promise.resolve();
  protected tickScheduled = false;
  /** A cancel request arrived: the start-up in progress stops at its next stage boundary. */
  protected cancelled = false;
  /**
   * No training step of this run has been read back yet: the first ones build the training kernels
   * (seconds on WebGPU/WebGL shader compilers), so 'playing' says so instead of a silent counter.
   */
  protected firstStepsPending = true;

  // Throughput bookkeeping.
  protected k = 1;
  protected msPerStep: number | null = null;
  protected lastSync = { t: 0, step: 0 };
  protected lastMeasureT = -Infinity;
  protected lastSnapshotT = -Infinity;
  /** Wall time of the last readbacks: their intervals grow so they stay a modest share of the time. */
  protected measureCost = 0;
  protected snapshotCost = 0;
  protected lastPostT = -Infinity;
  protected rate = { t: 0, step: 0 };
  protected stepsPerSec = 0;
  protected rows: MetricRow[] = [];

  constructor(
    protected readonly deps: LoopDeps,
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

  /** `final`: the run's last step (every metric is measured there). */
  protected async readRow(s: LoopSession, final = false): Promise<MetricRow> {
    const row = await s.measure(final ? { final } : undefined);
    if (row.step > 0) this.firstStepsPending = false;
    this.lastRowStep = row.step;
    this.rows.push(row);
    return row;
  }

  protected async takeSnapshot(s: LoopSession): Promise<void> {
    const snapshot = await s.snapshot({ pairIndex: this.pairIndex, ...(this.nfaLayer === undefined ? {} : { nfaLayer: this.nfaLayer }) });
    this.lastSnapshotT = this.deps.now();
    if (this.session !== s) return;
    const compareSnapshot = s.compare?.takeSnapshot();
    this.deps.post({ type: 'snapshot', runId: this.runId, snapshot, ...(compareSnapshot ? { compareSnapshot } : {}) });
  }

  /** Stops the run with state 'diverged' when the row says so. */
  protected checkDiverged(row: MetricRow): boolean {
    const ref = Number.isFinite(this.initialLoss) ? this.initialLoss : 1;
    if (!isDiverged(row, ref)) return false;
    this.divergedAt = row.step;
    this.state = 'diverged';
    this.wantPlay = false;
    this.flushRows();
    this.postStatus(`Diverged at step ${row.step} — learning rate above the stable limit`);
    return true;
  }

  protected noteSync(step: number): void {
    if (step > 0) this.firstStepsPending = false;
    const t = this.deps.now();
    this.msPerStep = updateMsPerStep(this.msPerStep, t - this.lastSync.t, step - this.lastSync.step);
    this.lastSync = { t, step };
  }

  protected updateRate(step: number, final: boolean): void {
    const t = this.deps.now();
    const dt = t - this.rate.t;
    const ds = step - this.rate.step;
    if (dt <= 0) return;
    const sps = (ds * 1000) / dt;
    this.stepsPerSec = this.stepsPerSec === 0 || final ? sps : 0.6 * this.stepsPerSec + 0.4 * sps;
    this.rate = { t, step };
  }

  protected flushRows(): void {
    const compareRows = this.session?.compare?.takeRows() ?? [];
    if (this.rows.length === 0 && compareRows.length === 0) return;
    // Rows with a non-finite loss (the divergence row) are not plotted: the banner explains them.
    // Non-finite optional metrics become absent, so no plot ever receives NaN.
    const rows = this.rows.filter((r) => Number.isFinite(r.loss) && Number.isFinite(r.testLoss)).map(finiteRow);
    this.rows = [];
    if (rows.length > 0 || compareRows.length > 0) this.deps.post({ type: 'metrics', runId: this.runId, rows, ...(compareRows.length ? { compareRows } : {}) });
  }

  protected postStatus(message?: string): void {
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
    const compareDivergedAt = this.session?.compare?.divergedAt ?? null;
    this.deps.post({
      type: 'status',
      runId: this.runId,
      state: this.state,
      step,
      stepsPerSec: sps,
      ...(msg ? { message: msg } : {}),
      ...this.deps.memory?.(),
      ...(compareDivergedAt !== null ? { compareDivergedAt } : {}),
    });
  }

  protected fail(e: unknown): void {
    const message = errorMessage(e);
    this.wantPlay = false;
    if (this.state !== 'diverged' && this.state !== 'done') this.state = 'paused';
    this.flushRows();
    this.deps.post({ type: 'error', runId: this.runId, message });
    this.postStatus();
  }
}
