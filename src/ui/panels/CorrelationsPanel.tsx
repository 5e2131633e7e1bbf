import type { MetricRow } from '../../engine/records/runRecords';
import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { metricSeries, useLogXToggle, sharedStepProps } from './metricSeries';
import { StepPlot, presentKeys } from '../plots/StepPlot';
import type { SeriesSpec } from '../plots/LinePlot';
import { COLORS, DOT_DASH, TWIN_DASH } from '../plots/colors';
import { formatNumber } from '../plots/plotMath/format';
import { nearestIndex } from '../plots/plotMath/lines';
import { PANELS } from '../../content/explanations';
import { useMemo } from 'react';
import { compareSeries } from './compareSeries';
import { usePlotLayout } from '../plots/plotLayout';

/**
 * The step metrics of one GD step. The frozen-pattern gradient change and the sign flips exist only
 * for relu (kinks); for smooth φ the "frozen" variant linearises φ′ at θ, which is the first-order
 * term again (measured: 0.0355 vs 0.0354 at width 64, tanh), so it is left out rather than shown twice.
 */
function corrSeries(relu: boolean): SeriesSpec<MetricRow>[] {
  const gradChange = metricSeries('gradChange', { color: COLORS.gradChange });
  return [
    metricSeries('c2OverC1', { color: COLORS.c2 }),
    metricSeries('c3OverC1', { color: COLORS.c3 }),
    relu ? { ...gradChange, label: `${gradChange.label} (includes kinks)` } : gradChange,
    metricSeries('gradChangeFirstOrder', { color: COLORS.gradChangeFirstOrder, dash: TWIN_DASH }),
    ...(relu
      ? [metricSeries('gradChangeFrozen', { color: COLORS.gradChange, dash: DOT_DASH, width: 2.4 }), metricSeries('flipFraction', { color: COLORS.lambda, dash: '4 2' })]
      : []),
    metricSeries('firstOrderError', { color: COLORS.firstOrderError, dash: '2 3' }),
  ];
}
const CORR_SERIES = { relu: corrSeries(true), other: corrSeries(false) };
const INVARIANT_SERIES: SeriesSpec<MetricRow>[] = [
  metricSeries('c2OverC1Sq', { color: COLORS.c2 }),
  metricSeries('c3OverC1Cube', { color: COLORS.c3 }),
];
const stepOf = (r: MetricRow) => r.step;

export function CorrelationsPanel(props: PanelProps) {
  const [logX, logXToggle] = useLogXToggle('Derivative correlations');
  const { rows, hoverStep, compare } = props;
  // Compare mode: c₂/c₁ (solid) and the gradient change of one step (dashed) of both runs.
  const cmpSeries = useMemo(() => (compare ? compareSeries([{ key: 'c2OverC1' }, { key: 'gradChange', dash: TWIN_DASH }], compare) : null), [compare]);
  const cmpInvariant = useMemo(() => (compare ? compareSeries([{ key: 'c2OverC1Sq' }], compare) : null), [compare]);
  // The linked readout: the network–twin gap at the hovered (or latest) step.
  const i = hoverStep === null ? rows.length - 1 : nearestIndex(rows, stepOf, hoverStep);
  const row = i >= 0 ? rows[i] : undefined;
  const gap = row?.gapTrainRel ?? row?.gapTrain;
  const relu = props.meta?.config.activation === 'relu';
  // In a compact box (glance grid, embed) only the main plot: the step-invariant ratios are one click away.
  const { compact } = usePlotLayout();
  const invariant = !compact && presentKeys(rows, INVARIANT_SERIES) !== '';
  return (
    <PanelFrame
      id="correlations"
      text={PANELS.correlations}
      controls={logXToggle}
      about={
        <>
          <p className="why">{PANELS.correlations.why}</p>
          <p className="why">{PANELS.correlations.scaling}</p>
          {relu && <p className="why">{PANELS.correlations.kinks}</p>}
        </>
      }
      footer={
        <>
          {row && gap !== undefined && (
            <p className="plot-note linked-readout" data-step={row.step}>
              {hoverStep === null ? 'Latest' : 'At'} step {row.step}: {row.gapTrainRel !== undefined ? 'relative gap (train)' : 'gap (train)'} to the linear model ={' '}
              <b>{formatNumber(gap)}</b>
              {row.c2OverC1 !== undefined && (
                <>
                  , second-order / first-order = <b>{formatNumber(row.c2OverC1)}</b>
                </>
              )}
              .
            </p>
          )}
        </>
      }
    >
      <StepPlot
        {...sharedStepProps(props, logX)}
        series={cmpSeries ?? (relu ? CORR_SERIES.relu : CORR_SERIES.other)}
        ariaLabel="Derivative correlations vs step"
        yScaleType="log"
        yLabel="ratio (log)"
        notMeasuredMessage="Derivative correlations are measured every few steps…"
        height={220}
      />
      {invariant && (
        <StepPlot {...sharedStepProps(props, logX)} series={cmpInvariant ?? INVARIANT_SERIES} ariaLabel="Step-size-invariant correlation ratios vs step" yScaleType="log" yLabel="step-scale-invariant ratio (log)" height={170} />
      )}
    </PanelFrame>
  );
}
