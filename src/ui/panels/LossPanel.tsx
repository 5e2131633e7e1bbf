import type { MetricRow } from '../../engine/records/runRecords';
import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { metricSeries, useLogXToggle, sharedStepProps } from './metricSeries';
import { StepPlot } from '../plots/StepPlot';
import type { SeriesSpec } from '../plots/LinePlot';
import { COLORS, MACHINE_DASH, TWIN_DASH } from '../plots/colors';
import { PANELS } from '../../content/explanations';
import { useMemo } from 'react';
import { compareSeries } from './compareSeries';

const LOSS_SERIES: SeriesSpec<MetricRow>[] = [
  metricSeries('loss', { color: COLORS.network }),
  metricSeries('testLoss', { color: COLORS.networkTest }),
  metricSeries('linLoss', { color: COLORS.twin, dash: TWIN_DASH }),
  metricSeries('linTestLoss', { color: COLORS.twinTest, dash: TWIN_DASH }),
  // the infinite-width kernel machine's train loss (present when the run has one)
  metricSeries('infLoss', { color: COLORS.machine, dash: MACHINE_DASH }),
];

export function LossPanel(props: PanelProps) {
  const [logX, logXToggle] = useLogXToggle('Loss');
  const { compare } = props;
  // Compare mode: the train loss of each network (solid) and of its linear twin (dashed).
  const series = useMemo(() => (compare ? compareSeries([{ key: 'loss' }, { key: 'linLoss', dash: TWIN_DASH }], compare) : LOSS_SERIES), [compare]);
  return (
    <PanelFrame id="loss" text={PANELS.loss} controls={logXToggle}>
      <StepPlot {...sharedStepProps(props, logX)} rows={props.rows} series={series} ariaLabel="Loss vs step" yScaleType="log" yLabel="loss" height={220} />
    </PanelFrame>
  );
}
