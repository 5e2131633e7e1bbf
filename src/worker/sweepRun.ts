// One run of a width sweep on a real Session: measure every metric at step 0, then train in
// chunks of logEvery steps, measuring after each; stops early when the loss diverges or the
// signal aborts. Yields to the event loop after every chunk so a cancel message can arrive.
import { Session, isDiverged, type MetricRow } from '../engine/session';
import type { ExperimentConfig } from '../state/config';
import type { SweepRun } from './sweepSpec';

export interface RunOneOptions {
  logEvery: number;
  /** Seed of the data set (fixed across a sweep's seeds, so only θ₀ varies); default config.seed. */
  dataSeed?: number;
  onRow?: (row: MetricRow) => void;
  signal?: AbortSignal;
  /** Called after every chunk; resolves once pending messages (e.g. a cancel) have been handled. */
  yieldNow?: () => Promise<void>;
}

export class SweepAborted extends Error {
  constructor() {
    super('sweep cancelled');
    this.name = 'SweepAborted';
  }
}

/** Train `config` for config.steps steps, logging every `logEvery`; the whole record of the run. */
export async function runSweepCell(config: ExperimentConfig, opts: RunOneOptions): Promise<SweepRun> {
  const logEvery = Math.max(1, Math.floor(opts.logEvery));
  const s = await Session.create(config, opts.dataSeed === undefined ? {} : { dataSeed: opts.dataSeed });
  try {
    const rows: MetricRow[] = [];
    const take = async () => {
      const row = await s.measure('always');
      rows.push(row);
      opts.onRow?.(row);
      return row;
    };
    const first = await take();
    while (s.step < config.steps && !isDiverged(rows[rows.length - 1], first.loss)) {
      if (opts.signal?.aborted) throw new SweepAborted();
      s.advance(Math.min(logEvery, config.steps - s.step));
      await take();
      await opts.yieldNow?.();
    }
    if (opts.signal?.aborted && s.step < config.steps) throw new SweepAborted();
    return { width: config.width, seed: config.seed, rows, init: rows[0], final: rows[rows.length - 1] };
  } finally {
    s.dispose();
  }
}
