// The metrics the Sweep view plots against width: a key (also the CSV/fit key), a label, how to
// read it from a metric row, and what to say about it. layerChange is one metric per layer.
import type { MetricRow } from '../../engine/session';
import type { Activation } from '../../state/config';

/** A logged row of a sweep run (every metric optional: a row has what was measured). */
export type SweepRow = MetricRow;

type ScalarKey =
  | 'ntkDrift'
  | 'gapTrain'
  | 'gapTest'
  | 'gapTrainRel'
  | 'gapTestRel'
  | 'c2OverC1'
  | 'c3OverC1'
  | 'c2OverC1Sq'
  | 'c3OverC1Cube'
  | 'gradChange'
  | 'gradChangeFirstOrder'
  | 'gradChangeFrozen'
  | 'flipFraction'
  | 'modeDeparture';

export interface SweepMetric {
  /** `ntkDrift`, …, or `layerChange.0` for layer 1. */
  key: string;
  label: string;
  /** A finite value of this metric in the row, or undefined when it was not measured. */
  get: (row: SweepRow) => number | undefined;
  /** Short explanation shown under the plot. */
  note?: string;
  /** Zero at initialisation by definition (drift, gap, weight change): no init fit. */
  zeroAtInit?: boolean;
  /** Panel group: plots in one group share a heading. */
  group: 'kernel' | 'gap' | 'correlations' | 'gradient' | 'layers';
}

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function scalar(key: ScalarKey, label: string, group: SweepMetric['group'], extra: Partial<SweepMetric> = {}): SweepMetric {
  return { key, label, group, get: (r) => finite(r[key]), ...extra };
}

/** The scalar metrics of a sweep, in display order. `activation` picks the relu labels. */
export function sweepMetrics(activation: Activation): SweepMetric[] {
  const relu = activation === 'relu';
  return [
    scalar('ntkDrift', 'NTK drift ‖Θt − Θ0‖/‖Θ0‖', 'kernel', { zeroAtInit: true }),
    scalar('gapTrain', 'gap to the linear twin · train', 'gap', { zeroAtInit: true }),
    scalar('gapTest', 'gap to the linear twin · test', 'gap', { zeroAtInit: true }),
    scalar('gapTrainRel', 'relative gap · train', 'gap', { zeroAtInit: true, note: 'Gap divided by RMS(f_t − f_0): how much of the function’s movement the linear twin misses.' }),
    scalar('gapTestRel', 'relative gap · test', 'gap', { zeroAtInit: true }),
    scalar('c2OverC1Sq', 'c2 / c1² (step-size invariant)', 'correlations', {
      note: 'RMS(c2)/RMS(c1)²: unchanged when η or the residual is rescaled. Read this one for a scaling claim.',
    }),
    scalar('c3OverC1Cube', 'c3 / c1³ (step-size invariant)', 'correlations', {
      note: relu
        ? 'RMS(c3)/RMS(c1)³. relu is piecewise linear, so c3 comes only from products of three layers’ weight changes: exactly 0 with one hidden layer.'
        : 'RMS(c3)/RMS(c1)³: unchanged when η or the residual is rescaled. Read this one for a scaling claim.',
    }),
    scalar('c2OverC1', 'c2 / c1', 'correlations', {
      note: 'RMS(c2)/RMS(c1) ∝ η‖r‖: it also falls because the residual falls, so its slope mixes width and training progress.',
    }),
    scalar('c3OverC1', 'c3 / c1', 'correlations', { note: 'RMS(c3)/RMS(c1) ∝ (η‖r‖)²: moves with the residual, not only with width.' }),
    scalar('gradChange', relu ? 'gradient change of one step (includes kinks)' : 'gradient change of one step', 'gradient', {
      note: relu
        ? 'Full step, includes kinks: relu units that cross 0 within the step change the gradient by a jump, which does not shrink with width.'
        : '‖∇f(θ+Δ) − ∇f(θ)‖/‖∇f(θ)‖ for one gradient step.',
    }),
    scalar('gradChangeFirstOrder', 'gradient change, first order ‖HΔ‖/‖∇f‖', 'gradient'),
    scalar('gradChangeFrozen', 'gradient change, activation pattern frozen', 'gradient', {
      note: 'The same step with every unit’s activation pattern (relu: which side of 0) held at θ: the smooth part of the change.',
    }),
    scalar('flipFraction', 'fraction of (unit, point) pairs that flip sign', 'gradient', { note: 'Pre-activations that change sign within one step.' }),
    scalar('modeDeparture', 'departure per NTK eigenmode', 'gap', {
      zeroAtInit: true,
      note: 'RMS over the top K eigenmodes u_k of Θ₀ of u_kᵀ(f_t − f_lin,t), divided by RMS(f₀ − y) over the training points.',
    }),
  ];
}

/** ‖W_l(t) − W_l(0)‖/‖W_l(0)‖ for each of `layers` weight matrices (hidden layers, then the output). */
export function layerChangeMetrics(layers: number): SweepMetric[] {
  return Array.from({ length: layers }, (_, l) => ({
    key: `layerChange.${l}`,
    label: l === layers - 1 ? `weight change · output layer` : `weight change · layer ${l + 1}`,
    group: 'layers' as const,
    zeroAtInit: true,
    get: (r: SweepRow) => finite(r.layerChange?.[l]),
  }));
}

/** Number of weight matrices recorded in layerChange across the rows (0 when none was measured). */
export function layerCount(rows: readonly SweepRow[]): number {
  let n = 0;
  for (const r of rows) n = Math.max(n, r.layerChange?.length ?? 0);
  return n;
}
