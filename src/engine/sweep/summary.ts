// Per-width summaries (mean, std, n over seeds) and power-law fits of a sweep's runs, at
// initialisation (step 0) and at the end of training.
import type { MetricRow } from '../session';
import { fitPowerLaw, type FitOptions, type PowerLawFit } from '../scaling/powerLaw';
import { metricValue, type SweepMetric } from './metrics';

export const PHASES = ['init', 'final'] as const;
export type Phase = (typeof PHASES)[number];

/** The minimum a run needs for summaries and fits. */
export interface RunEnds {
  width: number;
  seed: number;
  init: MetricRow;
  final: MetricRow;
}

export interface SummaryRow {
  metric: string;
  phase: Phase;
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

/** One row per metric × phase × width (in that nesting order). */
export function summarize(runs: readonly RunEnds[], metrics: readonly SweepMetric[]): SummaryRow[] {
  const out: SummaryRow[] = [];
  const widths = widthsOf(runs);
  for (const m of metrics)
    for (const phase of PHASES)
      for (const width of widths) {
        const vals = runs.filter((r) => r.width === width).map((r) => metricValue(r[phase], m.key)).filter(Number.isFinite);
        const n = vals.length;
        const mean = n ? vals.reduce((a, b) => a + b, 0) / n : NaN;
        const std = n > 1 ? Math.sqrt(vals.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : n === 1 ? 0 : NaN;
        out.push({ metric: m.key, phase, width, mean, std, n });
      }
  return out;
}

export type SweepFits = Record<string, Record<Phase, PowerLawFit | null>>;

/** Power-law fit per metric and phase over per-seed values (null where it can't be fitted, e.g. all zero at init). */
export function fitAll(runs: readonly RunEnds[], metrics: readonly SweepMetric[], opts: FitOptions = {}): SweepFits {
  const out: SweepFits = {};
  for (const m of metrics) {
    const byPhase = {} as Record<Phase, PowerLawFit | null>;
    for (const phase of PHASES)
      byPhase[phase] = fitPowerLaw(
        runs.map((r) => ({ x: r.width, y: metricValue(r[phase], m.key), group: r.seed })),
        opts,
      );
    out[m.key] = byPhase;
  }
  return out;
}
