// The (width, seed) grid of a sweep, its deterministic shards, and the config of one run.
import type { ExperimentConfig } from '../../state/config';
import type { SweepSpec } from '../../state/sweep';
import { roundSignificant } from '../../state/config';

export interface GridPoint {
  /** Position in the full grid (width-major, then seed): the canonical order of runs. */
  index: number;
  width: number;
  /** θ₀ seed of this run: base.seed + k for the k-th seed. */
  seed: number;
}

/** Every (width, seed) pair, widths ascending, seeds base.seed … base.seed + seeds − 1. */
export function sweepGrid(spec: SweepSpec): GridPoint[] {
  const out: GridPoint[] = [];
  for (const width of spec.widths) for (let k = 0; k < spec.seeds; k++) out.push({ index: out.length, width, seed: spec.base.seed + k });
  return out;
}

/** Parse "i/K" (1 ≤ i ≤ K); throws a one-line Error. */
export function parseShard(raw: string): { i: number; k: number } {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const i = m ? Number(m[1]) : NaN;
  const k = m ? Number(m[2]) : NaN;
  if (!m || k < 1 || i < 1 || i > k) throw new Error(`--shard=${JSON.stringify(raw)} is not valid: expected i/K with 1 ≤ i ≤ K, e.g. 1/4`);
  return { i, k };
}

/** The i-th of K slices (1-based), round-robin over the grid so every slice gets every width. */
export function shard<T extends { index: number }>(grid: readonly T[], i: number, k: number): T[] {
  if (!(Number.isInteger(i) && Number.isInteger(k) && k >= 1 && i >= 1 && i <= k)) throw new Error(`shard ${i}/${k} is not valid: expected 1 ≤ i ≤ K`);
  return grid.filter((_, j) => j % k === i - 1);
}

/** η of a run at width n: η₀·n^α (α = base.lrWidthExp) when the base η is explicit (rounded to 6 digits), auto otherwise. */
export function lrForWidth(base: ExperimentConfig, width: number, alpha: number): number | null {
  if (base.lr === null || alpha === 0) return base.lr;
  return roundSignificant(base.lr * width ** alpha, 6);
}

/**
 * The config of one run: the base with this width and θ₀ seed, and η scaled by width (the run's
 * lrWidthExp is then 0: its lr is already the scaled one).
 */
export function configForRun(spec: SweepSpec, width: number, seed: number): ExperimentConfig {
  return { ...spec.base, width, seed, lr: lrForWidth(spec.base, width, spec.base.lrWidthExp), lrWidthExp: 0 };
}
