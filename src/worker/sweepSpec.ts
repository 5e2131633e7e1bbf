// What the UI asks the worker to sweep, the (width, seed) grid it expands to, the config of each
// run, and the records the worker sends back (one finished run; progress).
import type { MetricRow } from '../engine/session';
import type { ExperimentConfig } from '../state/config';

export interface SweepRequestSpec {
  /** Every setting except width and seed (steps, data, activation, η₀ …). */
  base: ExperimentConfig;
  /** Distinct widths, ascending. */
  widths: number[];
  /** Seeds per width: base.seed, base.seed + 1, … (initial weights only: the data keep base.seed). */
  seeds: number;
  /** Learning-rate width exponent α: η = η₀·n^α (only when η₀ is explicit; auto η is per width already). */
  alpha: number;
}

/** One (width, seed) run of a sweep (the engine's record: rows, init/final rows, lr, diverged). */
export type { SweepRun } from '../engine/sweep/run';

export interface SweepProgress {
  /** 1-based index of the run in progress (the number finished once the sweep has ended). */
  run: number;
  total: number;
  width: number;
  seed: number;
  /** Steps done in the current run and its length. */
  step: number;
  steps: number;
  /** Fraction of all the sweep's training steps done, 0…1. */
  fraction: number;
  elapsedMs: number;
  /** null until there is enough to estimate. */
  etaMs: number | null;
}

/** The (width, seed) pairs of a sweep in run order: widths ascending, seeds inner. */
export function sweepCells(spec: Pick<SweepRequestSpec, 'widths' | 'seeds' | 'base'>): { width: number; seed: number }[] {
  const out: { width: number; seed: number }[] = [];
  for (const width of spec.widths) for (let k = 0; k < spec.seeds; k++) out.push({ width, seed: spec.base.seed + k });
  return out;
}

/** The config of one run: the base with this width and seed, and η = η₀·n^α when η₀ is explicit. */
export function configForSweepRun(spec: SweepRequestSpec, width: number, seed: number): ExperimentConfig {
  const lr = spec.base.lr === null ? null : spec.base.lr * width ** spec.alpha;
  return { ...spec.base, width, seed, lr };
}
