import type { MetricRow } from '../../engine/records/runRecords';
import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { metricSeries, useLogXToggle, sharedStepProps } from './metricSeries';
import { onlyStepZero, StepPlot } from '../plots/StepPlot';
import type { SeriesSpec } from '../plots/LinePlot';
import { COLORS, DOT_DASH, TWIN_DASH } from '../plots/colors';
import { PANELS } from '../../content/explanations';
import { useMemo } from 'react';
import { compareSeries } from './compareSeries';

const GAP_SERIES: SeriesSpec<MetricRow>[] = [
  metricSeries('gapTrain', { color: COLORS.gap }),
  metricSeries('gapTest', { color: COLORS.gapTest }),
  metricSeries('gapTrainRel', { color: COLORS.gap, dash: DOT_DASH, width: 2.4 }),
  metricSeries('gapTestRel', { color: COLORS.gapTest, dash: DOT_DASH, width: 2.4 }),
  // the infinite-width machine (present when the run has one): network − machine, twin − machine (dashed, as the twin)
  metricSeries('gapInf', { color: COLORS.machine }),
  metricSeries('twinGapInf', { color: COLORS.machine, dash: TWIN_DASH }),
];

export function GapPanel(props: PanelProps) {
  const [logX, logXToggle] = useLogXToggle('Network vs linear model');
  const { compare } = props;
  // Compare mode: the train (solid) and test (dotted) gap of both runs, one colour per run.
  const series = useMemo(() => (compare ? compareSeries([{ key: 'gapTrain' }, { key: 'gapTest', dash: DOT_DASH, width: 2.4 }], compare) : GAP_SERIES), [compare]);
  return (
    <PanelFrame id="gap" text={PANELS.gap} controls={logXToggle}>
      <StepPlot
        {...sharedStepProps(props, logX)}
        series={series}
        ariaLabel="Network vs linear model gap"
        yScaleType="log"
        yLabel={compare ? 'RMS gap (dotted: test)' : 'RMS gap (dotted: relative)'}
        notMeasuredMessage={onlyStepZero(props.rows) ? 'Step 0: the twin is the network itself (gap 0). Press Play to watch them part.' : 'The gap appears once the linear twin is tracked'}
        height={220}
      />
    </PanelFrame>
  );
}
