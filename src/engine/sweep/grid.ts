// The (param, output scale α[, lr-scale c], width, seed) grid of a sweep, its deterministic shards,
// its groups (one per (param, α[, c]): a plain width sweep has one), and the config of one run.
import type { ExperimentConfig, Parametrization } from '../../schema/config';
import { isPhaseSweep, type SweepSpec } from '../../schema/sweep';
import { lrAtWidth, lrOf } from '../lr/rule';
import type { SweepLr } from '../records/sweepRecords';

/** One (param, α) row of a sweep: fits and summaries are per group, in width within it. */
export interface SweepGroup {
  param: Parametrization;
  outputScale: number;
  /** Learning-rate scale c (η = c·η_c of the run's own θ₀) in a learning-rate sweep; absent otherwise. */
  lrScale?: number;
}

/** What identifies a run within a sweep. */
export interface RunId extends SweepGroup {
  width: number;
  seed: number;
}

export interface GridPoint extends RunId {
  /** Position in the full grid (param-major, then α, width, seed): the canonical order of runs. */
  index: number;
  /** θ₀ seed of this run: base.seed + k for the k-th seed. */
  seed: number;
}

const lrPart = (g: SweepGroup) => (g.lrScale === undefined ? '' : `/c${g.lrScale}`);
/** "ntk/10" — the key of a group ("ntk/1/c1.5" in a learning-rate sweep). */
export const groupKey = (g: SweepGroup): string => `${g.param}/${g.outputScale}${lrPart(g)}`;
/** "ntk/10/64/3" — the key of a run ("ntk/1/c1.5/64/3" in a learning-rate sweep). */
export const runKey = (r: RunId): string => `${r.param}/${r.outputScale}${lrPart(r)}/${r.width}/${r.seed}`;
/** How a run is named in messages: "width 64 seed 3", with "μP α = 10" (and "η = 1.5·η_c") in front in a phase sweep. */
export function runName(r: RunId, phase: boolean): string {
  const lr = r.lrScale === undefined ? '' : `η = ${r.lrScale}·η_c `;
  return `${phase ? `${r.param} α=${r.outputScale} ${lr}` : ''}width ${r.width} seed ${r.seed}`;
}

/** The (param, α) groups in grid order: params in the spec's order, α ascending. */
export function sweepGroups(spec: Pick<SweepSpec, 'params' | 'outputScales' | 'lrScales'>): SweepGroup[] {
  const lrs: (number | undefined)[] = spec.lrScales?.length ? spec.lrScales : [undefined];
  return spec.params.flatMap((param) =>
    spec.outputScales.flatMap((outputScale) => lrs.map((lrScale) => (lrScale === undefined ? { param, outputScale } : { param, outputScale, lrScale }))),
  );
}

/** Every (param, α, width, seed), in that nesting order: widths ascending, seeds base.seed … base.seed + seeds − 1. */
export function sweepGrid(spec: SweepSpec): GridPoint[] {
  const out: GridPoint[] = [];
  for (const g of sweepGroups(spec))
    for (const width of spec.widths) for (let k = 0; k < spec.seeds; k++) out.push({ index: out.length, ...g, width, seed: spec.base.seed + k });
  return out;
}

/** Parse "i/K" (1 ≤ i ≤ K); null when the text is not one (the CLI words the error). */
export function parseShard(raw: string): { i: number; k: number } | null {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const i = m ? Number(m[1]) : NaN;
  const k = m ? Number(m[2]) : NaN;
  return !m || k < 1 || i < 1 || i > k ? null : { i, k };
}

/** The i-th of K slices (1-based), round-robin over the grid so every slice gets every width. */
export function shard<T extends { index: number }>(grid: readonly T[], i: number, k: number): T[] {
  if (!(Number.isInteger(i) && Number.isInteger(k) && k >= 1 && i >= 1 && i <= k)) throw new Error(`shard ${i}/${k} is not valid: expected 1 ≤ i ≤ K`);
  return grid.filter((_, j) => j % k === i - 1);
}

/**
 * The config of one run: the base with this parametrization, output scale, width and θ₀ seed, and
 * the sweep's resolved η for the parametrization at this width (lrWidthExp is then 0: the run's lr
 * is already the scaled one; lr stays null = auto only under the auto-per-run rule). Every run of a
 * phase sweep is centred, so its α = 1 runs are the same model family as the α > 1 ones.
 */
export function configForRun(spec: SweepSpec, lrs: readonly SweepLr[], p: RunId): ExperimentConfig {
  // centred when α or the parametrization varies (a learning-rate sweep alone keeps the base's centring)
  const center = isPhaseSweep({ outputScales: spec.outputScales, params: spec.params }) ? true : spec.base.center;
  const run = { ...spec.base, param: p.param, outputScale: p.outputScale, center, width: p.width, seed: p.seed, lrWidthExp: 0 };
  // a learning-rate sweep: η = c·η_c of this run's own θ₀ (the session resolves it)
  if (p.lrScale !== undefined) return { ...run, lr: null, lrScale: p.lrScale };
  return { ...run, lr: lrAtWidth(lrOf(lrs, p.param), p.width), lrScale: null };
}
