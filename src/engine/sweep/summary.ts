// Per-width summaries (mean, std, n over seeds) and power-law fits of a sweep's runs, at
// initialisation (step 0) and at the end of training, per (param, α) group (a plain width sweep has
// one group). One fit routine and one bootstrap seed rule for the CLI, the app's plots and the files.
import type { MetricRow } from '../records/runRecords';
import type { SweepSpec } from '../../schema/sweep';
import { fitPowerLaw, type FitOptions, type PowerLawFit } from '../scaling/powerLaw';
import type { SweepMetric } from './metrics';
import { groupKey, type RunId, type SweepGroup } from './grid';

/** The two moments of a run a sweep summarises and fits: θ₀ (step 0) and the end of training (not the learning-rate phase of ../lr/phase.ts). */
export const STAGES = ['init', 'final'] as const;
export type Stage = (typeof STAGES)[number];

/** The minimum a run needs for summaries and fits. */
export interface RunEnds extends RunId {
  init: MetricRow;
  final: MetricRow;
}

export interface SummaryRow extends SweepGroup {
  metric: string;
  /** Written as summary.csv's `phase` column. */
  stage: Stage;
  width: number;
  /** Over the seeds with a finite value (NaN when none). */
  mean: number;
  /** Sample standard deviation (n − 1); 0 for one seed, NaN for none. */
  std: number;
  n: number;
}

function widthsOf(runs: readonly RunEnds[]): number[] {
  return [...new Set(runs.map((r) => r.width))].sort((a, b) => a - b);
}

/** The runs of each group, groups in the given order (groups without runs are kept, empty). */
export function byGroup<T extends SweepGroup>(groups: readonly SweepGroup[], runs: readonly T[]): { group: SweepGroup; runs: T[] }[] {
  const map = new Map(groups.map((g) => [groupKey(g), { group: g, runs: [] as T[] }]));
  for (const r of runs) map.get(groupKey(r))?.runs.push(r);
  return [...map.values()];
}

/** Mean, sample std (n − 1; 0 for one value, NaN for none) and count of the finite values. */
export function meanStd(values: readonly number[]): { mean: number; std: number; n: number } {
  const vals = values.filter(Number.isFinite);
  const n = vals.length;
  const mean = n ? vals.reduce((a, b) => a + b, 0) / n : NaN;
  const std = n > 1 ? Math.sqrt(vals.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : n === 1 ? 0 : NaN;
  return { mean, std, n };
}

/** One row per group × metric × stage × width (in that nesting order), every metric of the table. */
export function summarize(runs: readonly RunEnds[], metrics: readonly SweepMetric[], groups: readonly SweepGroup[]): SummaryRow[] {
  const out: SummaryRow[] = [];
  for (const { group, runs: rs } of byGroup(groups, runs)) {
    const widths = widthsOf(rs);
    for (const m of metrics)
      for (const stage of STAGES)
        for (const width of widths) out.push({ ...group, metric: m.key, stage, width, ...meanStd(rs.filter((r) => r.width === width).map((r) => m.get(r[stage]))) });
  }
  return out;
}

/** Fits per fitted metric: init (absent for metrics that are 0 at init) and final; null where nothing can be fitted. */
export type SweepFits = Record<string, Partial<Record<Stage, PowerLawFit | null>>>;

/** Bootstrap resamples of every sweep fit. */
export const SWEEP_FIT_RESAMPLES = 1000;

/** The one bootstrap rule: 1000 resamples seeded by the sweep's base seed. */
export function sweepFitOptions(spec: Pick<SweepSpec, 'base'>): FitOptions {
  return { seed: spec.base.seed, resamples: SWEEP_FIT_RESAMPLES };
}

/** The fit of one metric at one stage over per-seed values (null when it can't be fitted, e.g. all zero). */
export function fitMetric(runs: readonly RunEnds[], m: SweepMetric, stage: Stage, opts: FitOptions): PowerLawFit | null {
  return fitPowerLaw(
    runs.map((r) => ({ x: r.width, y: m.get(r[stage]), group: r.seed })),
    opts,
  );
}

/** Power-law fits in width of the fitted metrics within each (param, α) group. */
export function fitGroups(runs: readonly RunEnds[], metrics: readonly SweepMetric[], opts: FitOptions, groups: readonly SweepGroup[]): (SweepGroup & { fits: SweepFits })[] {
  return byGroup(groups, runs).map(({ group, runs: rs }) => ({ ...group, fits: fitAll(rs, metrics, opts) }));
}

/** Power-law fits of the fitted metrics over runs of one group (step-dependent ones and correlations are recorded, never fitted). */
export function fitAll(runs: readonly RunEnds[], metrics: readonly SweepMetric[], opts: FitOptions): SweepFits {
  const out: SweepFits = {};
  for (const m of metrics) {
    if (!m.fitted) continue;
    const byStage: Partial<Record<Stage, PowerLawFit | null>> = {};
    for (const stage of STAGES) if (!(stage === 'init' && m.zeroAtInit)) byStage[stage] = fitMetric(runs, m, stage, opts);
    out[m.key] = byStage;
  }
  return out;
}
