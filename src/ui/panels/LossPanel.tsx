import type { MetricRow } from '../../engine/records/runRecords';
import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { metricSeries, useLogXToggle, sharedStepProps } from './metricSeries';
import { StepPlot } from '../plots/StepPlot';
import type { SeriesSpec } from '../plots/LinePlot';
import { COLORS, TWIN_DASH } from '../plots/colors';
import { PANELS } from '../../content/explanations';

const LOSS_SERIES: SeriesSpec<MetricRow>[] = [
  metricSeries('loss', { color: COLORS.network }),
  metricSeries('testLoss', { color: COLORS.networkTest }),
  metricSeries('linLoss', { color: COLORS.twin, dash: TWIN_DASH }),
  metricSeries('linTestLoss', { color: COLORS.twinTest, dash: TWIN_DASH }),
];

export function LossPanel(props: PanelProps) {
  const [logX, logXToggle] = useLogXToggle('Loss');
  return (
    <PanelFrame id="loss" text={PANELS.loss} controls={logXToggle}>
      <StepPlot {...sharedStepProps(props, logX)} rows={props.rows} series={LOSS_SERIES} ariaLabel="Loss vs step" yScaleType="log" yLabel="loss" height={220} />
    </PanelFrame>
  );
}
