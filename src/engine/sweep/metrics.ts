// Which per-row metrics a sweep records, fits and plots.
import type { MetricRow } from '../session';

export interface SweepMetric {
  /** Column name in runs.csv / key in fits.json (layerChange is split into layerChange1 … layerChange{L+1}). */
  key: string;
  label: string;
  /** Plotted in the sweep view by default. */
  plotted: boolean;
  /** Meaningful at initialisation (drift, gaps and weight change are exactly 0 at step 0). */
  atInit: boolean;
}

const BASE: SweepMetric[] = [
  { key: 'ntkDrift', label: 'NTK drift ‖Θ_t − Θ₀‖/‖Θ₀‖', plotted: true, atInit: false },
  { key: 'gapTrain', label: 'gap to the linear twin (train, RMS)', plotted: true, atInit: false },
  { key: 'gapTest', label: 'gap to the linear twin (test, RMS)', plotted: true, atInit: false },
  { key: 'gapTrainRel', label: 'relative gap (train)', plotted: false, atInit: false },
  { key: 'gapTestRel', label: 'relative gap (test)', plotted: false, atInit: false },
  { key: 'c2OverC1', label: 'RMS(c₂)/RMS(c₁)', plotted: false, atInit: true },
  { key: 'c3OverC1', label: 'RMS(c₃)/RMS(c₁)', plotted: false, atInit: true },
  { key: 'c2OverC1Sq', label: 'RMS(c₂)/RMS(c₁)² (η-invariant)', plotted: true, atInit: true },
  { key: 'c3OverC1Cube', label: 'RMS(c₃)/RMS(c₁)³ (η-invariant)', plotted: true, atInit: true },
  { key: 'gradChange', label: 'gradient change of one step (includes kinks)', plotted: true, atInit: true },
  { key: 'gradChangeFirstOrder', label: 'first-order gradient change ‖HΔ‖/‖∇f‖', plotted: false, atInit: true },
  { key: 'gradChangeFrozen', label: 'gradient change, activation pattern frozen', plotted: true, atInit: true },
  { key: 'flipFraction', label: 'fraction of units flipping sign in one step', plotted: false, atInit: true },
  { key: 'modeDeparture', label: 'network vs twin per NTK eigenmode, RMS_k / RMS(f₀ − y)', plotted: true, atInit: false },
];

/** The sweep metrics for networks with `depth` hidden layers (one layerChange per weight matrix). */
export function sweepMetrics(depth: number): SweepMetric[] {
  const layers = Array.from({ length: depth + 1 }, (_, l) => ({
    key: `layerChange${l + 1}`,
    label: `‖W${l + 1}(t) − W${l + 1}(0)‖/‖W${l + 1}(0)‖`,
    plotted: true,
    atInit: false,
  }));
  return [...BASE, ...layers];
}

/** SWEEP_METRICS for the default depth 2 (use sweepMetrics(depth) for others). */
export const SWEEP_METRICS: readonly SweepMetric[] = sweepMetrics(2);

/** Columns of runs.csv besides the metrics. */
export const RUN_ROW_EXTRAS = ['loss', 'testLoss', 'linLoss', 'linTestLoss'] as const;

/** A metric's value in a row (NaN when absent). */
export function metricValue(row: MetricRow, key: string): number {
  const m = /^layerChange(\d+)$/.exec(key);
  if (m) return row.layerChange?.[Number(m[1]) - 1] ?? NaN;
  const v = (row as unknown as Record<string, unknown>)[key];
  return typeof v === 'number' ? v : NaN;
}
