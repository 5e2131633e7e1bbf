// One run of a sweep, and a whole sweep (or one shard of it): the ONE sweep runner of the app's
// worker and the CLI. It resolves η once (lr.ts), keeps up to `jobs` runs in flight (each through an
// executor: this thread by default, worker threads in the CLI), and reports one progress shape.
import type { ExperimentConfig } from '../../schema/config';
import type { SweepSpec } from '../../schema/sweep';
import { Session } from '../session/session';
import { type MetricRow } from '../records/runRecords';
import { isDiverged } from '../session/divergence';
import { finiteRow } from '../records/runRecords';
import type { SweepLrs, SweepProgress, SweepRun } from '../records/sweepRecords';
import { configForRun, sweepGrid, shard as shardOf, type GridPoint } from './grid';
import { resolveSweepLrs } from '../lr/sweepLr';
import { lrPhaseSummary } from '../lr/phase';

export class SweepAborted extends Error {
  constructor() {
    super('sweep cancelled');
    this.name = 'SweepAborted';
  }
}

/** Rows logged per run of a sweep: about this many, whatever the number of steps. */
export const SWEEP_ROWS_PER_RUN = 25;

/** The logging stride of a sweep with `steps` steps (at least the config's own logEvery). */
export function sweepLogEvery(steps: number, logEvery: number): number {
  return Math.max(1, logEvery, Math.ceil(steps / SWEEP_ROWS_PER_RUN));
}

/** One cell of the grid with everything needed to run it anywhere (a worker thread too). */
export interface SweepCell extends GridPoint {
  config: ExperimentConfig;
  logEvery: number;
  /** The data set's seed (the sweep's base seed: the data stay fixed while θ₀ varies). */
  dataSeed: number;
}

/** Train one cell with every metric at each logged step; stops early on divergence. */
export async function runCell(cell: SweepCell, onStep?: (step: number) => void, signal?: AbortSignal): Promise<SweepRun> {
  const t0 = now();
  const { config } = cell;
  if (signal?.aborted) throw new SweepAborted();
  const session = await Session.create(config, { gridSize: 2, dataSeed: cell.dataSeed });
  try {
    const raw: MetricRow[] = [await session.measure('always')];
    let diverged = false;
    while (session.step < config.steps) {
      if (signal?.aborted) throw new SweepAborted();
      session.advance(Math.min(cell.logEvery - (session.step % cell.logEvery), config.steps - session.step));
      const row = await session.measure('always');
      raw.push(row);
      onStep?.(row.step);
      if (isDiverged(row, raw[0].loss)) {
        diverged = true;
        break;
      }
    }
    const rows = raw.filter((r) => Number.isFinite(r.loss) && Number.isFinite(r.testLoss)).map(finiteRow);
    if (rows.length === 0) throw new Error(`width ${cell.width} seed ${cell.seed}: the loss is not finite at initialisation`);
    const summary = lrPhaseSummary(raw, session.meta.lr, diverged);
    const lrScale = cell.lrScale === undefined ? {} : { lrScale: cell.lrScale };
    return { param: cell.param, outputScale: cell.outputScale, ...lrScale, width: cell.width, seed: cell.seed, index: cell.index, lr: session.meta.lr, rows, init: rows[0], final: rows[rows.length - 1], diverged, summary, seconds: (now() - t0) / 1000 };
  } finally {
    session.dispose();
  }
}

/** Runs one cell somewhere (this thread, a worker thread) and reports its logged steps. */
export type CellExecutor = (cell: SweepCell, onStep: (step: number) => void, signal?: AbortSignal) => Promise<SweepRun>;

export interface SweepOptions {
  /** Run only the i-th of K shards (1-based). */
  shard?: { i: number; k: number };
  /** Runs in flight at once (default 1); each needs its own executor slot (see `execute`). */
  jobs?: number;
  /** Runs a cell (default runCell in this thread). */
  execute?: CellExecutor;
  signal?: AbortSignal;
  /** The resolved η (one per parametrization), before the first run. */
  onLr?: (lrs: SweepLrs) => void;
  onRun?: (run: SweepRun) => void;
  onProgress?: (p: SweepProgress) => void;
  /** Minimum time between two progress reports within a run (runs starting or ending always report); default 200 ms. */
  progressIntervalMs?: number;
  /** Resolves after pending messages were handled (called between runs, so a cancel can arrive). */
  yieldNow?: () => Promise<void>;
}

/**
 * Relative cost of one training step at width n, used to weight progress for the ETA: a fixed
 * overhead (dispatch, readbacks, probe-set metrics) that dominates small widths, then the n-wide
 * products, then the n×n ones. Fitted to a depth-2 tanh sweep on wasm (gauss, 64 points, 100 steps:
 * ~0.25 s per run at widths 16–64, ~1.2 s at 512, ~4.5 s at 1024).
 */
export function stepCost(width: number): number {
  return 512 + width + (width * width) / 128;
}

/** The cells of a sweep (or one shard), with the resolved η in each run's config. */
export function sweepCells(spec: SweepSpec, lrs: SweepLrs, shard?: { i: number; k: number }): SweepCell[] {
  const grid = shard ? shardOf(sweepGrid(spec), shard.i, shard.k) : sweepGrid(spec);
  const logEvery = sweepLogEvery(spec.base.steps, spec.base.logEvery);
  return grid.map((p) => ({ ...p, config: configForRun(spec, lrs, p), logEvery, dataSeed: spec.base.seed }));
}

/**
 * Resolve η (per parametrization), then run the sweep's grid (or one shard of it), up to `jobs` runs at a time. Returns
 * the runs and η. On cancel, throws SweepAborted after onRun was called for every finished run.
 */
export async function runSweep(spec: SweepSpec, opts: SweepOptions = {}): Promise<{ lrs: SweepLrs; runs: SweepRun[] }> {
  const t0 = now();
  const lrs = await resolveSweepLrs(spec);
  opts.onLr?.(lrs);
  const cells = sweepCells(spec, lrs, opts.shard);
  const steps = spec.base.steps;
  const execute = opts.execute ?? runCell;
  const jobs = Math.max(1, Math.min(opts.jobs ?? 1, cells.length));
  const totalCost = cells.reduce((s, c) => s + stepCost(c.width) * steps, 0) || 1;
  const active = new Map<number, SweepProgress['active'][number]>();
  const runs: SweepRun[] = [];
  let doneCost = 0;
  let lastReport = -Infinity;
  const interval = opts.progressIntervalMs ?? 200;
  const report = (force: boolean) => {
    const t = now();
    if (!opts.onProgress || (!force && t - lastReport < interval)) return;
    lastReport = t;
    const inFlight = [...active.values()].reduce((s, a) => s + stepCost(a.width) * a.step, 0);
    const fraction = Math.min(1, (doneCost + inFlight) / totalCost);
    const elapsedMs = t - t0;
    const etaMs = fraction >= 1 ? 0 : fraction > 0.005 ? (elapsedMs * (1 - fraction)) / fraction : null;
    const list = [...active.values()].sort((a, b) => a.index - b.index).map((a) => ({ ...a }));
    opts.onProgress({ done: runs.length, total: cells.length, active: list, steps, fraction, elapsedMs, etaMs });
  };
  let next = 0;
  let failure: unknown = null;
  const worker = async () => {
    while (next < cells.length && failure === null) {
      await opts.yieldNow?.();
      if (opts.signal?.aborted) return;
      const cell = cells[next++];
      const slot = { index: cell.index, param: cell.param, outputScale: cell.outputScale, ...(cell.lrScale === undefined ? {} : { lrScale: cell.lrScale }), width: cell.width, seed: cell.seed, step: 0 };
      active.set(cell.index, slot);
      report(true);
      try {
        const run = await execute(
          cell,
          (step) => {
            slot.step = step;
            report(false);
          },
          opts.signal,
        );
        active.delete(cell.index);
        if (opts.signal?.aborted && run.final.step < steps && !run.diverged) return;
        runs.push(run);
        doneCost += stepCost(cell.width) * steps;
        opts.onRun?.(run);
        report(true);
      } catch (e) {
        active.delete(cell.index);
        if (!(e instanceof SweepAborted)) failure ??= e;
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  if (failure !== null && !opts.signal?.aborted) throw failure;
  if (opts.signal?.aborted) throw new SweepAborted();
  report(true);
  return { lrs, runs };
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
