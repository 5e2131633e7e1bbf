import { useMemo } from 'react';
import type { MetricRow } from '../../engine/records/runRecords';
import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { metricSeries, useLogXToggle, sharedStepProps } from './metricSeries';
import { onlyStepZero, StepPlot } from '../plots/StepPlot';
import type { SeriesSpec } from '../plots/LinePlot';
import { COLORS, TWIN_DASH } from '../plots/colors';
import { formatNumber } from '../plots/plotMath/format';
import { isValidNumber } from '../plots/plotMath/scales';
import { nearestIndex } from '../plots/plotMath/lines';
import { Formula } from '../../content/Formula';
import { PANELS } from '../../content/explanations';
import { criticalRateFormula } from '../../content/criticalRate';
import { compareSeries } from './compareSeries';
import { usePlotLayout } from '../plots/plotLayout';

const DRIFT_SERIES: SeriesSpec<MetricRow>[] = [
  metricSeries('ntkDrift', { color: COLORS.drift }),
  metricSeries('alignDrift', { color: COLORS.align, dash: TWIN_DASH }),
];
const LAMBDA_SERIES: SeriesSpec<MetricRow>[] = [metricSeries('lambdaMax', { color: COLORS.lambda, width: 1.6 })];
const stepOf = (r: MetricRow) => r.step;

function firstLambda(rows: readonly MetricRow[]): number | undefined {
  for (const r of rows) if (isValidNumber(r.lambdaMax)) return r.lambdaMax;
  return undefined;
}

export function DriftPanel(props: PanelProps) {
  const [logX, logXToggle] = useLogXToggle('NTK drift');
  const { rows, hoverStep, meta, compare } = props;
  // Compare mode: the drift and λmax of both runs, one colour per run.
  const series = useMemo(() => (compare ? compareSeries([{ key: 'ntkDrift' }], compare) : DRIFT_SERIES), [compare]);
  const lambdaSeries = useMemo(() => (compare ? compareSeries([{ key: 'lambdaMax', width: 1.6 }], compare) : LAMBDA_SERIES), [compare]);
  // λmax is logged every few steps: read it from the nearest row that has it.
  const lamRows = useMemo(() => rows.filter((r) => isValidNumber(r.lambdaMax)), [rows]);
  const i = hoverStep === null ? lamRows.length - 1 : nearestIndex(lamRows, stepOf, hoverStep);
  const lam = i >= 0 ? lamRows[i].lambdaMax : undefined;
  const lam0 = firstLambda(lamRows);
  // λmax and its readout: left out of a compact box (glance grid, embed), where the drift itself is the point.
  const { compact } = usePlotLayout();
  const hasLambda = !compact && lam0 !== undefined;
  // The run's output scale α (its kernel is α²·Θ of f; η is shown in α = 1 units).
  const alpha = meta?.config.outputScale ?? 1;
  return (
    <PanelFrame id="drift" text={PANELS.drift} controls={logXToggle}>
      <StepPlot {...sharedStepProps(props, logX)} series={series} ariaLabel="NTK drift vs step" yScaleType="log" yLabel="drift (log)" notMeasuredMessage={onlyStepZero(props.rows) ? 'Step 0: the kernel is still Θ₀ (drift 0). Press Play to watch it move.' : 'NTK drift is measured every few steps…'} height={200} />
      {hasLambda && (
        <>
          {!compare && <div className="secondary-readout" data-testid="lambda-readout">
            <Formula tex={String.raw`\lambda_{\max}(\Theta_t)/N`} />
            <span className="big">{formatNumber(lam)}</span>
            {hoverStep !== null && i >= 0 && <span>at step {lamRows[i].step},</span>}
            <span>
              at init {formatNumber(lam0)}
              {isValidNumber(lam) && isValidNumber(lam0) && lam0 !== 0 ? ` (×${formatNumber(lam / lam0)})` : ''}
            </span>
            {meta?.criticalLr != null && (
              <span>
                η = {formatNumber(meta.lr)}, critical {criticalRateFormula(meta.config.outputScale)} = {formatNumber(meta.criticalLr)}
              </span>
            )}
            {alpha > 1 && (
              <span data-testid="lambda-scaled-note">
                (λ<sub>max</sub> here is of α·(f − f₀): α² = {formatNumber(alpha * alpha)} times that of f; η and the critical rate
                are in α = 1 units, the raw step is η/α²)
              </span>
            )}
          </div>}
          <StepPlot {...sharedStepProps(props, logX)} series={lambdaSeries} ariaLabel="Top NTK eigenvalue vs step" yScaleType="linear" xLabel="" legend={false} readout={false} height={96} />
        </>
      )}
    </PanelFrame>
  );
}
