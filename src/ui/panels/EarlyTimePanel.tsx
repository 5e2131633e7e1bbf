// Early-time simplicity (docs/science.md §7): the two-layer network with f₀ ≡ 0 against the
// linear model on the inputs — both losses, their relative gap vs step with the step where the
// network departs, predictions on a few test points, earlyGap vs width, and the kernel identity.
import { useMemo, useState } from 'react';
import type { MetricRow } from '../../engine/records/runRecords';
import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { metricSeries, sharedStepProps } from './metricSeries';
import { StepPlot } from '../plots/StepPlot';
import { LinePlot, type SeriesSpec } from '../plots/LinePlot';
import { COLORS, TWIN_DASH } from '../plots/colors';
import { formatNumber } from '../plots/plotMath';
import { PANELS, EMPTY_MESSAGE } from '../../content/explanations';
import { EarlyPredictionsPlot } from './EarlyPredictionsPlot';
import { EarlyWidthSweep } from './EarlyWidthSweep';
import { KernelIdentity } from './KernelIdentity';
import { EARLY_GAP_THRESHOLD, departureStep, everBelow } from './earlyDeparture';
import { usePanelView } from './ViewSwitch';

const LOSS_SERIES: SeriesSpec<MetricRow>[] = [
  { ...metricSeries('loss', { color: COLORS.network }), label: 'network · train' },
  { ...metricSeries('testLoss', { color: COLORS.networkTest }), label: 'network · test' },
  { ...metricSeries('linLoss', { color: COLORS.twin, dash: TWIN_DASH }), label: 'linear model · train' },
  { ...metricSeries('linTestLoss', { color: COLORS.twinTest, dash: TWIN_DASH }), label: 'linear model · test' },
];
const GAP_SERIES: SeriesSpec<MetricRow>[] = [metricSeries('earlyGap', { color: COLORS.gap })];
const stepOf = (r: MetricRow) => r.step;

export function EarlyTimePanel(props: PanelProps) {
  const { meta, rows, snapshot } = props;
  const early = meta?.earlyTime;
  const gapRows = useMemo(() => rows.filter((r) => r.step > 0 && r.earlyGap !== undefined), [rows]);
  const departed = useMemo(() => departureStep(gapRows), [gapRows]);
  const markers = useMemo(() => (departed === null ? [] : [{ x: departed, label: `earlyGap > ${EARLY_GAP_THRESHOLD} at step ${departed}`, color: COLORS.gap }]), [departed]);
  const [predIndex, setPredIndex] = useState<number | null>(null);
  // In a small box (embed) one view at a time; with 1-D/2-D inputs only the losses apply.
  const lowDimRun = early !== undefined && early.inputDim <= 2;
  const historyLength = snapshot?.early?.predictions.length ?? 0;
  // (the width sweep needs its Run action, which an embed does not offer)
  const canSweep = Boolean(props.onEarlySweep) || props.earlySweep?.status === 'done';
  const applies = (k: string) => k === 'loss' || k === 'kernel' || (!lowDimRun && (k === 'gap' || (k === 'predictions' && historyLength > 0) || (k === 'width' && canSweep)));
  const [one, viewSwitch] = usePanelView('early-time', PANELS.earlyTime.title, applies);
  const show = (k: string) => one === null || one === k;
  if (meta && meta.config.model !== 'early-time')
    return (
      <PanelFrame id="early-time" text={PANELS.earlyTime}>
        <p className="plot-note" data-testid="early-not-applicable">
          This panel is about the early-time model. Choose <strong>Model: early-time</strong> in the settings (best with a high-dimensional data set such as gauss or mnist).
        </p>
      </PanelFrame>
    );
  if (!meta || !early)
    return (
      <PanelFrame id="early-time" text={PANELS.earlyTime}>
        <p className="plot-note">{EMPTY_MESSAGE}</p>
      </PanelFrame>
    );
  const lowDim = early.inputDim <= 2;
  const history = snapshot?.early?.predictions ?? [];
  const pi = predIndex === null ? history.length - 1 : Math.min(predIndex, history.length - 1);
  return (
    <PanelFrame
      id="early-time"
      text={PANELS.earlyTime}
      controls={viewSwitch}
      footer={
        <span className="plot-note">
          m = {early.width}, d = {early.inputDim}, ζ = {formatNumber(early.zeta, 5)}, ν = {formatNumber(Math.abs(early.nu) < 1e-12 ? 0 : early.nu, 5)} ({early.momentsMethod}), η ={' '}
          {formatNumber(meta.lr)}; mean ‖x‖²/d = {formatNumber(early.normRatio)} (the theory assumes ≈ 1).
        </span>
      }
    >
      {show('loss') && <StepPlot {...sharedStepProps(props, false)} series={LOSS_SERIES} twinName="linear model" ariaLabel="Early-time losses vs step" xScaleType="log" yScaleType="log" yLabel="loss" testId="early-loss-plot" height={190} />}
      {lowDim ? (
        show('loss') && (
          <p className="plot-note early-lowdim" role="note" data-testid="early-lowdim">
            {one === null
              ? `With ${early.inputDim}-dimensional inputs the network is not expected to follow the linear model: the agreement is a high-dimensional, asymptotic statement (‖x‖² ≈ d, d and the width m large). Choose the gauss or mnist data set to see it; the losses above are shown for comparison only.`
              : `${early.inputDim}-D inputs: not expected to agree; try gauss or mnist.`}
          </p>
        )
      ) : (
        <>
          {show('gap') && <LinePlot<MetricRow>
            data={gapRows}
            x={stepOf}
            series={GAP_SERIES}
            ariaLabel="earlyGap vs step"
            xScaleType="log"
            yScaleType="log"
            yLabel="earlyGap"
            xLabel="step"
            highlightX={props.hoverStep}
            onHoverX={props.onHoverStep}
            markers={markers}
            emptyMessage={rows.length ? 'earlyGap is defined from step 1 on (f_lin ≡ 0 at step 0)…' : EMPTY_MESSAGE}
            testId="early-gap-plot"
            height={170}
          >
            {({ yScale, innerWidth }) => {
              const y = yScale(EARLY_GAP_THRESHOLD);
              return Number.isFinite(y) ? <line className="threshold-line" x1={0} x2={innerWidth} y1={y} y2={y} stroke={COLORS.gap} strokeDasharray="2 3" strokeOpacity={0.6} /> : null;
            }}
          </LinePlot>}
          {show('gap') && <p className="plot-note" data-testid="early-departure">
            {departed !== null
              ? `The network leaves the linear model at step ${departed}: earlyGap rises above ${EARLY_GAP_THRESHOLD} (dotted line).`
              : gapRows.length === 0
                ? ''
                : everBelow(gapRows)
                  ? `earlyGap is still below ${EARLY_GAP_THRESHOLD} (dotted line): the network still follows the linear model.`
                  : one !== null
                    ? `earlyGap has not come below ${EARLY_GAP_THRESHOLD} (dotted line) in this run.`
                    : `earlyGap has not come below ${EARLY_GAP_THRESHOLD} (dotted line) in this run: at width m = ${early.width} and d = ${early.inputDim} finite-width fluctuations and the c·I part of Θ₀, which the linear model lacks, keep the two apart from the first step; a wider network shrinks the first.`}
          </p>}
          {show('predictions') && history.length > 0 && (
            <EarlyPredictionsPlot
              history={history}
              index={pi}
              onIndex={setPredIndex}
              targets={early.shown.y}
              alone={one !== null}
            />
          )}
          {show('width') && <EarlyWidthSweep state={props.earlySweep ?? { status: 'idle' }} onRun={props.onEarlySweep} lr={meta.lr} alone={one !== null} />}
        </>
      )}
      {show('kernel') && <KernelIdentity kernel={early.kernel} c={early.c} alone={one !== null} />}
    </PanelFrame>
  );
}
