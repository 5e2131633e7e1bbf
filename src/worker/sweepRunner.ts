// Runs a width sweep inside the worker: every (width, seed) cell one after another, posting
// progress (run k of K, elapsed, ETA), each finished run, and done / cancelled / failed.
// A cancel stops the current run at its next logged step; the runs already posted stay valid.
import type { MetricRow } from '../engine/session';
import { finiteRow } from '../engine/runRecords';
import type { ExperimentConfig } from '../state/config';
import type { WorkerEvent } from './protocol';
import { configForSweepRun, sweepCells, type SweepRequestSpec, type SweepRun } from './sweepSpec';

export interface SweepRunnerDeps {
  runOne(config: ExperimentConfig, opts: { logEvery: number; dataSeed: number; onRow: (row: MetricRow) => void; signal: AbortSignal }): Promise<SweepRun>;
  post(ev: WorkerEvent): void;
  now(): number;
  /** Minimum time between two progress events. */
  progressIntervalMs?: number;
  /** Resolves after pending messages were handled (called between runs, so a cancel can arrive). */
  yieldNow?: () => Promise<void>;
}

/** Rows logged per run of a sweep: about this many, whatever the number of steps. */
export const SWEEP_ROWS_PER_RUN = 25;

/** The logging stride of a sweep with `steps` steps (at least the config's own logEvery). */
export function sweepLogEvery(steps: number, logEvery: number): number {
  return Math.max(1, logEvery, Math.ceil(steps / SWEEP_ROWS_PER_RUN));
}

/**
 * Relative cost of one training step at width n, used to weight progress for the ETA: the
 * per-step work grows with n, plus a fixed overhead (dispatch, readbacks, probe-set metrics) that
 * dominates small widths. 512 fits a depth-1 sweep on wasm (widths 16…1024: 1.7 s vs 5 s per run).
 */
export function stepCost(width: number): number {
  return width + 512;
}

/**
 * The run as posted to the page: rows whose loss is not finite (the divergence row) are left out,
 * as in the Lab, so `final` is the last finite row; `diverged` still says the run blew up.
 */
export function postableRun(run: SweepRun): SweepRun {
  const rows = run.rows.filter((r) => Number.isFinite(r.loss) && Number.isFinite(r.testLoss)).map(finiteRow);
  if (rows.length === 0) return { ...run, rows: [], init: finiteRow(run.init), final: finiteRow(run.init), diverged: true };
  return { ...run, rows, init: rows[0], final: rows[rows.length - 1] };
}

export class SweepRunner {
  private active: { id: number; abort: AbortController } | null = null;

  constructor(private readonly deps: SweepRunnerDeps) {}

  get running(): boolean {
    return this.active !== null;
  }

  cancel(sweepId: number): void {
    if (this.active?.id === sweepId) this.active.abort.abort();
  }

  /** Run the sweep to the end (or until cancelled); never throws: failures end it as 'failed'. */
  async run(sweepId: number, spec: SweepRequestSpec): Promise<void> {
    this.active?.abort.abort();
    const abort = new AbortController();
    const me = { id: sweepId, abort };
    this.active = me;
    const { deps } = this;
    const cells = sweepCells(spec);
    const steps = spec.base.steps;
    const logEvery = sweepLogEvery(steps, spec.base.logEvery);
    const totalCost = cells.reduce((s, c) => s + stepCost(c.width) * steps, 0);
    const t0 = deps.now();
    let doneCost = 0;
    let lastPost = -Infinity;
    const interval = deps.progressIntervalMs ?? 200;
    const progress = (k: number, cell: { width: number; seed: number }, step: number, force: boolean) => {
      const t = deps.now();
      if (!force && t - lastPost < interval) return;
      lastPost = t;
      const fraction = Math.min(1, (doneCost + stepCost(cell.width) * step) / totalCost);
      const elapsedMs = t - t0;
      const etaMs = fraction > 0.005 && fraction < 1 ? (elapsedMs * (1 - fraction)) / fraction : fraction >= 1 ? 0 : null;
      deps.post({ type: 'sweepProgress', sweepId, progress: { run: k, total: cells.length, width: cell.width, seed: cell.seed, step, steps, fraction, elapsedMs, etaMs } });
    };
    let state: 'done' | 'cancelled' | 'failed' = 'done';
    let message: string | undefined;
    try {
      for (let i = 0; i < cells.length; i++) {
        await deps.yieldNow?.();
        if (abort.signal.aborted) break;
        const cell = cells[i];
        progress(i + 1, cell, 0, true);
        const config = configForSweepRun(spec, cell.width, cell.seed);
        const run = await deps.runOne(config, { logEvery, dataSeed: spec.base.seed, signal: abort.signal, onRow: (row) => progress(i + 1, cell, row.step, false) });
        if (abort.signal.aborted && run.final.step < steps) break;
        deps.post({ type: 'sweepRun', sweepId, run: postableRun(run) });
        progress(i + 1, cell, steps, true);
        doneCost += stepCost(cell.width) * steps;
      }
      if (abort.signal.aborted) state = 'cancelled';
    } catch (e) {
      if (abort.signal.aborted) state = 'cancelled';
      else {
        state = 'failed';
        message = e instanceof Error ? e.message || e.name : String(e);
      }
    } finally {
      if (this.active === me) this.active = null;
    }
    deps.post({ type: 'sweepDone', sweepId, state, elapsedMs: deps.now() - t0, ...(message ? { message } : {}) });
  }
}
