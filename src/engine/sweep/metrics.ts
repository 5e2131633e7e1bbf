// The one table of what a width sweep records and fits: runs.csv columns, summary.csv rows, fits.json
// keys, the app's plots and slope table all come from it (the CLI and the app share it).
//
// Two kinds of columns:
//  - fitted: a log–log slope in width is meaningful. Either the metric does not depend on the size
//    of the last step (drift, gaps, weight change; c₂/c₁² and c₃/c₁³, invariant to rescaling the
//    step), or it is read at a fixed function-space step size ("…FixedStep": the GD direction
//    rescaled to RMS(c₁) = ρ·RMS(y), src/engine/metrics/fixedStep.ts), or it is divided by RMS(c₁),
//    the first-order function change of that same step ("…PerC1", invariant to the step's scale
//    where the metric is linear in the step: not relu's full gradient change, whose kink part grows
//    like √step, so gradChangePerC1 is recorded only for relu);
//  - recorded only (stepDependent): values that scale with η‖∇L‖ at the step where they are read
//    (c₂/c₁, gradChange, …). They are in runs.csv and summary.csv, never fitted: their slope would
//    mostly follow how well each run has fitted its data;
//  - recorded only (a correlation): UC-NFA of the last hidden layer lies in [−1, 1], so a power law
//    in width means nothing; it is in runs.csv, summary.csv and the phase diagram, never fitted.
import { hasKinks, type Activation } from '../../schema/config';
import type { MetricRow } from '../records/runRecords';

export type SweepMetricGroup = 'kernel' | 'gap' | 'correlations' | 'gradient' | 'layers' | 'features';

export interface SweepMetric {
  /** Column of runs.csv, row of summary.csv, key of fits.json. */
  key: string;
  label: string;
  group: SweepMetricGroup;
  /** Fitted in width (fits.json, slope table, log–log plots). */
  fitted: boolean;
  /** Scales with the size of the step it is read at (recorded, not fitted). */
  stepDependent: boolean;
  /** Exactly 0 at step 0 by definition (drift, gaps, weight change): no fit at init. */
  zeroAtInit: boolean;
  /** What it measures, shown under its plot. */
  note?: string;
  /** The value in a logged row (NaN when absent). */
  get(row: MetricRow): number;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);
type RowKey = Exclude<keyof MetricRow, 'step' | 'layerChange' | 'nfa'>;

function field(key: RowKey, label: string, group: SweepMetricGroup, o: Partial<SweepMetric> = {}): SweepMetric {
  return { key, label, group, fitted: true, stepDependent: false, zeroAtInit: false, get: (r) => num(r[key]), ...o };
}
const recorded = (key: RowKey, label: string, group: SweepMetricGroup, note: string): SweepMetric =>
  field(key, label, group, { fitted: false, stepDependent: true, note });
/** `key` divided by RMS(c₁) of the same step: invariant to the step's scale. */
function perC1(key: RowKey, label: string, note: string): SweepMetric {
  return field(key, label, 'gradient', { key: `${key}PerC1`, note, get: (r) => num(r[key]) / num(r.c1Rms) });
}

/** The sweep's metrics for networks of this depth and activation, in display order. */
export function sweepMetrics(cfg: { depth: number; activation: Activation }): SweepMetric[] {
  const kinks = hasKinks(cfg.activation);
  const zero = { zeroAtInit: true };
  const base: SweepMetric[] = [
    field('ntkDrift', 'NTK drift ‖Θ_t − Θ₀‖/‖Θ₀‖', 'kernel', zero),
    field('sharpness', 'sharpness S = λmax(Θ_t(X,X))/(α²N) · train', 'kernel', {
      fitted: false,
      note: 'Top eigenvalue of the tangent kernel on the training set per point, in the units of η: the linearisation at θ_t is stable iff η·S < 2. Recorded, not fitted (runs.csv also has each run’s S₀, max S, final S and max η·S).',
    }),
    field('gapTrain', 'gap to the linear twin · train (RMS)', 'gap', zero),
    field('gapTest', 'gap to the linear twin · test (RMS)', 'gap', zero),
    field('gapTrainRel', 'relative gap · train', 'gap', { ...zero, note: 'Gap divided by RMS(f_t − f₀): how much of the function’s movement the linear twin misses.' }),
    field('gapTestRel', 'relative gap · test', 'gap', zero),
    field('modeDeparture', 'network vs twin per NTK eigenmode', 'gap', {
      ...zero,
      note: 'RMS over the top K eigenmodes u_k of Θ₀ of u_kᵀ(f_t − f_lin,t), divided by RMS(f₀ − y) over the training points (absent when modes are off). An RMS over the K tracked modes, so it depends on K (default task, width 256, step 1: 0.048 with K = 4, 0.024 with K = 16): compare sweeps with the same K.',
    }),
    field('kernelGapInf', 'distance to the infinite-width kernel ‖Θ − Θ∞‖/‖Θ∞‖', 'kernel', {
      note: 'On the probe set, with Θ∞ the analytic limit (docs/science.md §11). At θ₀ theory predicts slope −½ (the finite-width fluctuations of Θ₀); after training it also holds the kernel’s drift. Absent for the standard parametrization (no finite Θ∞) and with machine=false.',
    }),
    field('gapInf', 'gap to the infinite-width machine · train (RMS)', 'gap', { ...zero, note: 'RMS over the training points of f_t − f∞,t, the kernel machine trained with Θ∞ from the network’s own f₀ (docs/science.md §11).' }),
    field('twinGapInf', 'linear twin vs infinite-width machine · train (RMS)', 'gap', { ...zero, note: 'RMS of f_lin,t − f∞,t: both frozen kernels, Θ₀ against Θ∞.' }),
    field('c2OverC1Sq', 'c₂/c₁² along one GD step', 'correlations', {
      note: 'RMS(c₂)/RMS(c₁)²: unchanged when the step is rescaled (η, the residual’s size), but not when its direction changes. At θ₀ every width takes the same kind of step; after training the step points along the slow modes that are left, so the final value is not a pure width effect.',
    }),
    field('c3OverC1Cube', 'c₃/c₁³ along one GD step', 'correlations', {
      note: kinks
        ? 'RMS(c₃)/RMS(c₁)³. relu is piecewise linear, so c₃ comes only from products of three layers’ weight changes: exactly 0 with one hidden layer.'
        : 'RMS(c₃)/RMS(c₁)³: invariant to the step’s scale, not its direction (read the value at θ₀ for a width claim).',
    }),
    field('gradChangeFixedStep', 'gradient change at a fixed step (RMS(c₁) = 0.1·RMS(y))', 'gradient', {
      note: kinks
        ? 'mean_x ‖∇f(θ+Δ) − ∇f(θ)‖/‖∇f(θ)‖ with the GD step Δ rescaled so that RMS(c₁) = 0.1·RMS(y) on the probe set: independent of η and of the residual. Includes the jumps of relu units that cross 0 within the step.'
        : 'mean_x ‖∇f(θ+Δ) − ∇f(θ)‖/‖∇f(θ)‖ with the GD step Δ rescaled so that RMS(c₁) = 0.1·RMS(y) on the probe set: independent of η and of the residual.',
    }),
    field('gradChangeFirstOrderFixedStep', 'first-order gradient change at the fixed step', 'gradient', { note: '‖H(x)Δ‖/‖∇f(x)‖ (mean over probe points) for the same fixed-size step: the Hessian term alone.' }),
    ...(kinks
      ? [
          field('gradChangeFrozenFixedStep', 'gradient change, relu pattern frozen, at the fixed step', 'gradient', { note: 'The fixed-size step with every relu unit held on its side of 0 (the smooth part of the change).' }),
          field('flipFractionFixedStep', 'fraction of units flipping at the fixed step', 'gradient', { note: 'Fraction of (unit, probe point) pre-activations that change sign within the fixed-size step.' }),
        ]
      : []),
    kinks
      ? { ...perC1('gradChange', 'gradient change per unit step (step-dependent for relu)', 'mean_x ‖∇f(θ+Δ) − ∇f(θ)‖/‖∇f(θ)‖ divided by RMS(c₁) of the GD step. For relu this still depends on the step: a unit that crosses 0 changes its gradient by a jump, not in proportion to the step (width 256, depth 2, θ₀: 0.127, 0.147, 0.096, 0.036 at η = 0.000978, 0.00978, 0.0978, 0.978); recorded, not fitted (see the fixed-step version).'), fitted: false, stepDependent: true }
      : perC1('gradChange', 'gradient change per unit step', 'mean_x ‖∇f(θ+Δ) − ∇f(θ)‖/‖∇f(θ)‖ divided by RMS(c₁) of the same step Δ: invariant to the step’s scale in the small-step limit of a smooth φ (tanh, width 256, depth 2, θ₀: 0.1439, 0.1438, 0.1480 at η = 0.0161, 0.161, 1.61).'),
    perC1('gradChangeFirstOrder', 'first-order gradient change per unit step', '‖H(x)Δ‖/‖∇f(x)‖ (mean over probe points) divided by RMS(c₁): the Hessian term alone, exactly invariant to the step’s scale.'),
    ...(kinks
      ? [
          perC1('gradChangeFrozen', 'gradient change, relu pattern frozen, per unit step', 'The same step with every relu unit held on its side of 0 (the smooth part of the change), divided by RMS(c₁).'),
          perC1('flipFraction', 'fraction of units flipping per unit step', 'Fraction of (unit, probe point) pre-activations that change sign within the step, divided by RMS(c₁).'),
        ]
      : []),
    recorded('c1Rms', 'RMS(c₁): first-order change of f in the step', 'correlations', 'The normaliser of the …PerC1 metrics; ∝ η‖∇L‖, so recorded, not fitted.'),
    recorded('c2OverC1', 'c₂/c₁ (step-dependent)', 'correlations', 'RMS(c₂)/RMS(c₁) ∝ η‖r‖: falls as training fits the data; recorded, not fitted.'),
    recorded('c3OverC1', 'c₃/c₁ (step-dependent)', 'correlations', 'RMS(c₃)/RMS(c₁) ∝ (η‖r‖)²; recorded, not fitted.'),
    recorded('gradChange', 'gradient change of one step (step-dependent)', 'gradient', 'Scales with η‖∇L‖ at the step; recorded, not fitted (see the per-unit-step version).'),
    recorded('gradChangeFirstOrder', 'first-order gradient change (step-dependent)', 'gradient', 'Scales with η‖∇L‖ at the step; recorded, not fitted.'),
    ...(kinks
      ? [
          recorded('gradChangeFrozen', 'gradient change, pattern frozen (step-dependent)', 'gradient', 'Scales with η‖∇L‖ at the step; recorded, not fitted.'),
          recorded('flipFraction', 'fraction of units flipping (step-dependent)', 'gradient', 'Scales with η‖∇L‖ at the step; recorded, not fitted.'),
        ]
      : []),
  ];
  const layers = Array.from({ length: cfg.depth + 1 }, (_, l): SweepMetric => ({
    key: `layerChange${l + 1}`,
    label: l === cfg.depth ? 'weight change · output layer' : `weight change · layer ${l + 1}`,
    group: 'layers',
    fitted: true,
    stepDependent: false,
    zeroAtInit: true,
    note: `‖W${l + 1}(t) − W${l + 1}(0)‖/‖W${l + 1}(0)‖`,
    get: (r) => num(r.layerChange?.[l]),
  }));
  return [...base, ...layers, ucNfaLast(cfg.depth)];
}

/** UC-NFA of the last hidden layer (layer `depth`), ρ(NFM, AGOP) of docs/science.md §6: a correlation, recorded, not fitted. */
function ucNfaLast(depth: number): SweepMetric {
  return {
    key: UC_NFA_LAST,
    label: 'UC-NFA · last hidden layer',
    group: 'features',
    fitted: false,
    stepDependent: false,
    zeroAtInit: false,
    note: `ρ(W${depth}ᵀW${depth}, AGOP) of hidden layer ${depth}: a correlation in [−1, 1], so it is recorded, not fitted as a power law in width (empty when the NFM is 1×1, i.e. one input feature).`,
    get: (r) => num(r.nfa?.find((e) => e.layer === depth)?.uc),
  };
}

/** Key of the last hidden layer's UC-NFA (a runs.csv column; parsed back into row.nfa). */
export const UC_NFA_LAST = 'ucNfaLast';

/** Columns of runs.csv besides the metrics. */
export const RUN_ROW_EXTRAS = ['loss', 'testLoss', 'linLoss', 'linTestLoss'] as const;
