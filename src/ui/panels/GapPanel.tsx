import { useState } from 'react';
import type { MetricRow } from '../../engine/session';
import type { PanelProps } from './types';
import { PanelFrame, Toggle } from '../plots/PanelFrame';
import { StepPlot } from '../plots/StepPlot';
import type { SeriesSpec } from '../plots/LinePlot';
import { COLORS, DOT_DASH } from '../plots/colors';
import { PANELS, SERIES } from '../../content/explanations';

const GAP_SERIES: SeriesSpec<MetricRow>[] = [
  { key: 'gapTrain', label: SERIES.gapTrain.label, tex: SERIES.gapTrain.tex, y: (r) => r.gapTrain, color: COLORS.gap },
  { key: 'gapTest', label: SERIES.gapTest.label, tex: SERIES.gapTest.tex, y: (r) => r.gapTest, color: COLORS.gapTest },
  { key: 'gapTrainRel', label: SERIES.gapTrainRel.label, tex: SERIES.gapTrainRel.tex, y: (r) => r.gapTrainRel, color: COLORS.gap, dash: DOT_DASH, width: 2.4 },
  { key: 'gapTestRel', label: SERIES.gapTestRel.label, tex: SERIES.gapTestRel.tex, y: (r) => r.gapTestRel, color: COLORS.gapTest, dash: DOT_DASH, width: 2.4 },
];

export function GapPanel(props: PanelProps) {
  const [logX, setLogX] = useState(false);
  return (
    <PanelFrame id="gap" text={PANELS.gap} controls={<Toggle label="log x" ariaLabel="Log-scale steps: Network vs linear model" checked={logX} onChange={setLogX} />}>
      <StepPlot
        rows={props.rows}
        series={GAP_SERIES}
        ariaLabel="Network vs linear model gap"
        xScaleType={logX ? 'log' : 'linear'}
        yScaleType="log"
        yLabel="RMS gap (dotted: relative)"
        hoverStep={props.hoverStep}
        onHoverStep={props.onHoverStep}
        divergedAt={props.divergedAt}
        notMeasuredMessage="The gap appears once the linear twin is tracked"
        height={220}
      />
    </PanelFrame>
  );
}
