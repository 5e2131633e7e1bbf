// Runs a width (or phase) sweep inside the worker through the engine's one sweep runner (src/engine/sweep/run.ts,
// the same code as the CLI), posting the resolved η, progress, each finished run, and done /
// cancelled / failed. A cancel stops the current run at its next logged step; the runs already
// posted stay valid.
import { runSweep, SweepAborted, type CellExecutor } from '../engine/sweep/run';
import type { SweepSpec } from '../schema/sweep';
import type { WorkerEvent } from './protocol';

export interface SweepRunnerDeps {
  post(ev: WorkerEvent): void;
  now(): number;
  /** Runs one cell (default: the engine's runCell in this worker; tests pass a fake). */
  execute?: CellExecutor;
  /** Minimum time between two progress events within a run. */
  progressIntervalMs?: number;
  /** Resolves after pending messages were handled (called between runs, so a cancel can arrive). */
  yieldNow?: () => Promise<void>;
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
  async run(sweepId: number, spec: SweepSpec): Promise<void> {
    this.active?.abort.abort();
    const abort = new AbortController();
    const me = { id: sweepId, abort };
    this.active = me;
    const { deps } = this;
    const t0 = deps.now();
    let state: 'done' | 'cancelled' | 'failed' = 'done';
    let message: string | undefined;
    try {
      await runSweep(spec, {
        signal: abort.signal,
        execute: deps.execute,
        yieldNow: deps.yieldNow,
        progressIntervalMs: deps.progressIntervalMs ?? 200,
        onLr: (lrs) => deps.post({ type: 'sweepLr', sweepId, lrs }),
        onProgress: (progress) => deps.post({ type: 'sweepProgress', sweepId, progress }),
        onRun: (run) => deps.post({ type: 'sweepRun', sweepId, run }),
      });
    } catch (e) {
      if (abort.signal.aborted || e instanceof SweepAborted) state = 'cancelled';
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
