import { useState } from 'react';
import type { MetricRow } from '../../engine/session';
import type { PanelProps } from './types';
import { PanelFrame, Toggle } from '../plots/PanelFrame';
import { StepPlot } from '../plots/StepPlot';
import type { SeriesSpec } from '../plots/LinePlot';
import { COLORS, TWIN_DASH } from '../plots/colors';
import { formatNumber, nearestIndex } from '../plots/plotMath';
import { PANELS, SERIES } from '../../content/explanations';

const CORR_SERIES: SeriesSpec<MetricRow>[] = [
  { key: 'c2OverC1', label: SERIES.c2OverC1.label, tex: SERIES.c2OverC1.tex, note: SERIES.c2OverC1.note, y: (r) => r.c2OverC1, color: COLORS.c2 },
  { key: 'c3OverC1', label: SERIES.c3OverC1.label, tex: SERIES.c3OverC1.tex, note: SERIES.c3OverC1.note, y: (r) => r.c3OverC1, color: COLORS.c3 },
  { key: 'gradChange', label: SERIES.gradChange.label, tex: SERIES.gradChange.tex, note: SERIES.gradChange.note, y: (r) => r.gradChange, color: COLORS.gradChange },
  {
    key: 'gradChangeFirstOrder',
    label: SERIES.gradChangeFirstOrder.label,
    tex: SERIES.gradChangeFirstOrder.tex,
    note: SERIES.gradChangeFirstOrder.note,
    y: (r) => r.gradChangeFirstOrder,
    color: COLORS.gradChangeFirstOrder,
    dash: TWIN_DASH,
  },
  {
    key: 'firstOrderError',
    label: SERIES.firstOrderError.label,
    tex: SERIES.firstOrderError.tex,
    note: SERIES.firstOrderError.note,
    y: (r) => r.firstOrderError,
    color: COLORS.firstOrderError,
    dash: '2 3',
  },
];
const stepOf = (r: MetricRow) => r.step;

export function CorrelationsPanel(props: PanelProps) {
  const [logX, setLogX] = useState(false);
  const { rows, hoverStep } = props;
  // The linked readout: the network–twin gap at the hovered (or latest) step.
  const i = hoverStep === null ? rows.length - 1 : nearestIndex(rows, stepOf, hoverStep);
  const row = i >= 0 ? rows[i] : undefined;
  const gap = row?.gapTrainRel ?? row?.gapTrain;
  return (
    <PanelFrame
      id="correlations"
      text={PANELS.correlations}
      controls={<Toggle label="log x" ariaLabel="Log-scale steps: Derivative correlations" checked={logX} onChange={setLogX} />}
      footer={
        <>
          <p className="why">{PANELS.correlations.why}</p>
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
        rows={rows}
        series={CORR_SERIES}
        ariaLabel="Derivative correlations vs step"
        xScaleType={logX ? 'log' : 'linear'}
        yScaleType="log"
        yLabel="ratio (log)"
        hoverStep={hoverStep}
        onHoverStep={props.onHoverStep}
        divergedAt={props.divergedAt}
        notMeasuredMessage="Derivative correlations are measured every few steps…"
        height={220}
      />
    </PanelFrame>
  );
}
