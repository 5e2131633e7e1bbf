// The one table of what a width sweep records and fits: runs.csv columns, summary.csv rows, fits.json
// keys, the app's plots and slope table all come from it (the CLI and the app share it). Each
// metric's title and note (display text) are its entry in src/schema/metricText.ts, the one table of
// metric texts the panels read too.
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
import { layerChangeText, sweepText, ucNfaLastText, type MetricTextKey } from '../../schema/metricText';
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
type Key = RowKey & MetricTextKey;
type Kind = Omit<Partial<SweepMetric>, 'label' | 'note'>;

/** The sweep's metrics for networks of this depth and activation, in display order; titles and notes from schema/metricText.ts. */
export function sweepMetrics(cfg: { depth: number; activation: Activation }): SweepMetric[] {
  const kinks = hasKinks(cfg.activation);
  const field = (key: Key, group: SweepMetricGroup, o: Kind = {}): SweepMetric => ({ key, ...sweepText(key, kinks), group, fitted: true, stepDependent: false, zeroAtInit: false, get: (r) => num(r[key]), ...o });
  const recorded = (key: Key, group: SweepMetricGroup): SweepMetric => field(key, group, { fitted: false, stepDependent: true });
  /** `key` divided by RMS(c₁) of the same step: invariant to the step's scale. */
  const perC1 = (key: Key & `${string}`, o: Kind = {}): SweepMetric => ({ ...field(key, 'gradient', { get: (r) => num(r[key]) / num(r.c1Rms), ...o }), key: `${key}PerC1`, ...sweepText(`${key}PerC1` as MetricTextKey, kinks) });
  const zero = { zeroAtInit: true };
  const base: SweepMetric[] = [
    field('ntkDrift', 'kernel', zero),
    field('sharpness', 'kernel', { fitted: false }),
    field('gapTrain', 'gap', zero),
    field('gapTest', 'gap', zero),
    field('gapTrainRel', 'gap', zero),
    field('gapTestRel', 'gap', zero),
    field('modeDeparture', 'gap', zero),
    field('kernelGapInf', 'kernel'),
    field('gapInf', 'gap', zero),
    field('twinGapInf', 'gap', zero),
    field('c2OverC1Sq', 'correlations'),
    field('c3OverC1Cube', 'correlations'),
    field('gradChangeFixedStep', 'gradient'),
    field('gradChangeFirstOrderFixedStep', 'gradient'),
    ...(kinks ? [field('gradChangeFrozenFixedStep', 'gradient'), field('flipFractionFixedStep', 'gradient')] : []),
    // relu: a unit crossing 0 changes its gradient by a jump, so the per-unit-step change still depends on the step
    kinks ? perC1('gradChange', { fitted: false, stepDependent: true }) : perC1('gradChange'),
    perC1('gradChangeFirstOrder'),
    ...(kinks ? [perC1('gradChangeFrozen'), perC1('flipFraction')] : []),
    recorded('c1Rms', 'correlations'),
    recorded('c2OverC1', 'correlations'),
    recorded('c3OverC1', 'correlations'),
    recorded('gradChange', 'gradient'),
    recorded('gradChangeFirstOrder', 'gradient'),
    ...(kinks ? [recorded('gradChangeFrozen', 'gradient'), recorded('flipFraction', 'gradient')] : []),
  ];
  const layers = Array.from({ length: cfg.depth + 1 }, (_, l): SweepMetric => ({
    key: `layerChange${l + 1}`,
    ...layerChangeText(l, cfg.depth),
    group: 'layers',
    fitted: true,
    stepDependent: false,
    zeroAtInit: true,
    get: (r) => num(r.layerChange?.[l]),
  }));
  return [...base, ...layers, ucNfaLast(cfg.depth)];
}

/** UC-NFA of the last hidden layer (layer `depth`), ρ(NFM, AGOP) of docs/science.md §6: a correlation, recorded, not fitted. */
function ucNfaLast(depth: number): SweepMetric {
  return {
    key: UC_NFA_LAST,
    ...ucNfaLastText(depth),
    group: 'features',
    fitted: false,
    stepDependent: false,
    zeroAtInit: false,
    get: (r) => num(r.nfa?.find((e) => e.layer === depth)?.uc),
  };
}

/** Key of the last hidden layer's UC-NFA (a runs.csv column; parsed back into row.nfa). */
export const UC_NFA_LAST = 'ucNfaLast';

/** Columns of runs.csv besides the metrics. */
export const RUN_ROW_EXTRAS = ['loss', 'testLoss', 'linLoss', 'linTestLoss'] as const;
