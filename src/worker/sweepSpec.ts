// What the UI asks the worker to sweep, the (width, seed) grid it expands to, the config of each
// run, and the records the worker sends back (one finished run; progress).
import type { ExperimentConfig } from '../state/config';
import type { SweepRequestSpec } from './protocol';

// The wire shapes are zod schemas in protocol.ts (validated on both sides of postMessage).
export type { SweepProgress, SweepRequestSpec } from './protocol';

/** One (width, seed) run of a sweep (the engine's record: rows, init/final rows, lr, diverged). */
export type { SweepRun } from '../engine/sweep/run';

/** The (width, seed) pairs of a sweep in run order: widths ascending, seeds inner. */
export function sweepCells(spec: Pick<SweepRequestSpec, 'widths' | 'seeds' | 'base'>): { width: number; seed: number }[] {
  const out: { width: number; seed: number }[] = [];
  for (const width of spec.widths) for (let k = 0; k < spec.seeds; k++) out.push({ width, seed: spec.base.seed + k });
  return out;
}

/**
 * The config of one run: the base with this width and seed, and η = η₀·n^α when η₀ is explicit
 * (lrWidthExp is then 0: the run's lr is already the scaled one, as in the engine's configForRun).
 */
export function configForSweepRun(spec: SweepRequestSpec, width: number, seed: number): ExperimentConfig {
  const lr = spec.base.lr === null ? null : spec.base.lr * width ** spec.alpha;
  return { ...spec.base, width, seed, lr, lrWidthExp: 0 };
}
