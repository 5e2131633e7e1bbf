// One run of a sweep, and a whole sweep (or one shard of it) run after another. No DOM: the same
// code runs in the browser worker and in the Node CLI.
import type { ExperimentConfig } from '../../state/config';
import type { SweepSpec } from '../../state/sweep';
import { Session, isDiverged, type MetricRow } from '../session';
import { configForRun, sweepGrid, shard as shardOf, type GridPoint } from './grid';

export interface SweepRun {
  width: number;
  seed: number;
  /** Position in the full grid (canonical order). */
  index: number;
  /** The learning rate used (auto resolved). */
  lr: number;
  /** Every logged row; rows[0] is step 0. */
  rows: MetricRow[];
  init: MetricRow;
  final: MetricRow;
  diverged: boolean;
  /** Wall time of the run (not written to runs.csv, which must not depend on the machine). */
  seconds: number;
}

export class SweepAborted extends Error {
  constructor() {
    super('sweep cancelled');
    this.name = 'SweepAborted';
  }
}

export interface RunOptions {
  /** Measure every this many steps (default config.logEvery); step 0 and the last step always. */
  logEvery?: number;
  onRow?: (row: MetricRow) => void;
  signal?: AbortSignal;
  /** Data-set seed (a sweep keeps it fixed while θ₀'s seed varies); default config.seed. */
  dataSeed?: number;
  /** Position in the sweep grid, copied into the result. */
  index?: number;
}

/** Train one network with every metric at each logged step; stops early on divergence. */
export async function runOne(config: ExperimentConfig, opts: RunOptions = {}): Promise<SweepRun> {
  const t0 = now();
  const every = Math.max(1, opts.logEvery ?? config.logEvery);
  if (opts.signal?.aborted) throw new SweepAborted();
  const session = await Session.create(config, { gridSize: 2, dataSeed: opts.dataSeed });
  try {
    const rows: MetricRow[] = [];
    const push = (r: MetricRow) => {
      rows.push(r);
      opts.onRow?.(r);
    };
    push(await session.measure('always'));
    let diverged = false;
    while (session.step < config.steps) {
      if (opts.signal?.aborted) throw new SweepAborted();
      session.advance(Math.min(every - (session.step % every), config.steps - session.step));
      const row = await session.measure('always');
      push(row);
      if (isDiverged(row, rows[0].loss)) {
        diverged = true;
        break;
      }
    }
    return {
      width: config.width,
      seed: config.seed,
      index: opts.index ?? 0,
      lr: session.meta.lr,
      rows,
      init: rows[0],
      final: rows[rows.length - 1],
      diverged,
      seconds: (now() - t0) / 1000,
    };
  } finally {
    session.dispose();
  }
}

export interface SweepProgress {
  /** Runs finished so far (of this shard). */
  done: number;
  total: number;
  elapsedSeconds: number;
  /** Estimated seconds left (from the mean time per run so far, scaled by width cost); null before the first run. */
  etaSeconds: number | null;
  current: GridPoint | null;
}

export interface SweepOptions {
  /** Run only the i-th of K shards (1-based). */
  shard?: { i: number; k: number };
  signal?: AbortSignal;
  onRun?: (run: SweepRun) => void;
  onProgress?: (p: SweepProgress) => void;
  onRow?: (point: GridPoint, row: MetricRow) => void;
}

/**
 * Run the sweep's grid (or one shard of it) one run after another. On cancel, throws SweepAborted
 * after onRun was called for every finished run (so callers keep them).
 */
export async function runSweep(spec: SweepSpec, opts: SweepOptions = {}): Promise<SweepRun[]> {
  const grid = opts.shard ? shardOf(sweepGrid(spec), opts.shard.i, opts.shard.k) : sweepGrid(spec);
  const runs: SweepRun[] = [];
  const t0 = now();
  // cost model for the ETA: a fixed per-run overhead (about a width-256 run) plus width² (n×n matmuls)
  const cost = (p: GridPoint) => 256 * 256 + p.width * p.width;
  const totalCost = grid.reduce((s, p) => s + cost(p), 0);
  let doneCost = 0;
  const progress = (current: GridPoint | null) => {
    const elapsed = (now() - t0) / 1000;
    opts.onProgress?.({
      done: runs.length,
      total: grid.length,
      elapsedSeconds: elapsed,
      etaSeconds: doneCost > 0 ? (elapsed * (totalCost - doneCost)) / doneCost : null,
      current,
    });
  };
  for (const p of grid) {
    progress(p);
    const run = await runOne(configForRun(spec, p.width, p.seed), {
      signal: opts.signal,
      dataSeed: spec.base.seed,
      index: p.index,
      onRow: opts.onRow ? (r) => opts.onRow!(p, r) : undefined,
    });
    runs.push(run);
    doneCost += cost(p);
    opts.onRun?.(run);
  }
  progress(null);
  return runs;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
