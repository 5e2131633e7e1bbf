// The (width, seed) grid of a sweep, its deterministic shards, and the config of one run.
import type { ExperimentConfig } from '../../schema/config';
import type { SweepSpec } from '../../schema/sweep';
import { lrAtWidth, type SweepLr } from './lr';

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

/**
 * The config of one run: the base with this width and θ₀ seed, and the sweep's resolved η at this
 * width (lrWidthExp is then 0: the run's lr is already the scaled one; lr stays null = auto only
 * under the auto-per-run rule).
 */
export function configForRun(spec: SweepSpec, lr: SweepLr, width: number, seed: number): ExperimentConfig {
  return { ...spec.base, width, seed, lr: lrAtWidth(lr, width), lrWidthExp: 0 };
}
