import { useState } from 'react';
import type { MetricRow } from '../../engine/session';
import type { PanelProps } from './types';
import { PanelFrame, Toggle } from '../plots/PanelFrame';
import { StepPlot } from '../plots/StepPlot';
import type { SeriesSpec } from '../plots/LinePlot';
import { COLORS, TWIN_DASH } from '../plots/colors';
import { PANELS, SERIES } from '../../content/explanations';

const LOSS_SERIES: SeriesSpec<MetricRow>[] = [
  { key: 'loss', label: SERIES.loss.label, tex: SERIES.loss.tex, y: (r) => r.loss, color: COLORS.network },
  { key: 'testLoss', label: SERIES.testLoss.label, tex: SERIES.testLoss.tex, y: (r) => r.testLoss, color: COLORS.networkTest },
  { key: 'linLoss', label: SERIES.linLoss.label, tex: SERIES.linLoss.tex, y: (r) => r.linLoss, color: COLORS.twin, dash: TWIN_DASH },
  { key: 'linTestLoss', label: SERIES.linTestLoss.label, tex: SERIES.linTestLoss.tex, y: (r) => r.linTestLoss, color: COLORS.twinTest, dash: TWIN_DASH },
];

export function LossPanel(props: PanelProps) {
  const [logX, setLogX] = useState(false);
  return (
    <PanelFrame id="loss" text={PANELS.loss} controls={<Toggle label="log x" ariaLabel="Log-scale steps: Loss" checked={logX} onChange={setLogX} />}>
      <StepPlot
        rows={props.rows}
        series={LOSS_SERIES}
        ariaLabel="Loss vs step"
        xScaleType={logX ? 'log' : 'linear'}
        yScaleType="log"
        yLabel="loss"
        hoverStep={props.hoverStep}
        onHoverStep={props.onHoverStep}
        divergedAt={props.divergedAt}
        height={220}
      />
    </PanelFrame>
  );
}
