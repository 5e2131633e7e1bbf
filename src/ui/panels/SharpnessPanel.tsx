// Sharpness panel: η·S_t (S = λmax(Θ_t(X,X))/(α²N), src/engine/metrics/sharpness.ts) against the
// stability line 2, next to the loss of the network and of its linear twin (StepPlot marks where the
// twin blew up, from row.twinDiverged), and the run's measured learning-rate phase (src/engine/lr/phase.ts) as a badge.
import { useMemo } from 'react';
import type { MetricRow } from '../../engine/records/runRecords';
import { lrPhaseSummary } from '../../engine/lr/phase';
import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { useLogXToggle, sharedStepProps } from './metricSeries';
import { StepPlot } from '../plots/StepPlot';
import type { SeriesSpec } from '../plots/LinePlot';
import { COLORS, TWIN_DASH, DOT_DASH } from '../plots/colors';
import { formatNumber } from '../plots/plotMath/format';
import { PHASE_BADGE, SHARPNESS_PANEL, SHARPNESS_SERIES, SHARPNESS_SHORT_LABELS } from '../../content/lrPhases';
import { usePanelView } from './ViewSwitch';
import './sharpness.css';

/** η·S and the line 2; `short`: one-line legend labels for a small box. */
function edgeSeries(lr: number, short: boolean): SeriesSpec<MetricRow>[] {
  const t = SHARPNESS_SERIES;
  const label = (k: 'edge' | 'etaSharpness') => (short ? SHARPNESS_SHORT_LABELS[k] : t[k].label);
  return [
    { key: 'etaSharpness', label: label('etaSharpness'), tex: t.etaSharpness.tex, note: t.etaSharpness.note, y: (r) => (r.sharpness === undefined ? undefined : lr * r.sharpness), color: COLORS.lambda, width: 1.8 },
    { key: 'edge', label: label('edge'), note: t.edge.note, y: () => 2, color: COLORS.diverged, dash: DOT_DASH },
  ];
}

const LOSS_SERIES: SeriesSpec<MetricRow>[] = [
  { key: 'loss', label: SHARPNESS_SERIES.loss.label, y: (r) => r.loss, color: COLORS.network },
  { key: 'linLoss', label: SHARPNESS_SERIES.linLoss.label, y: (r) => r.linLoss, color: COLORS.twin, dash: TWIN_DASH },
];

export function SharpnessPanel(props: PanelProps) {
  const [logX, logXToggle] = useLogXToggle('Sharpness');
  const { rows, meta } = props;
  const lr = meta?.lr ?? NaN;
  // In a small box (embed) one plot at a time, η·S or the losses; the readout keeps η/η_c and the measured phase.
  const [one, viewSwitch] = usePanelView('sharpness', SHARPNESS_PANEL.title);
  const show = (k: string) => one === null || one === k;
  const series = useMemo(() => edgeSeries(lr, one !== null), [lr, one]);
  const summary = useMemo(() => (rows.length > 0 && Number.isFinite(lr) ? lrPhaseSummary(rows, lr, props.divergedAt !== null) : null), [rows, lr, props.divergedAt]);
  const badge = summary?.phase ? PHASE_BADGE[summary.phase] : null;
  const ratio = meta?.criticalLr ? meta.lr / meta.criticalLr : null;
  return (
    <PanelFrame id="sharpness" text={SHARPNESS_PANEL} controls={<>{viewSwitch}{logXToggle}</>}>
      <div className="secondary-readout" data-testid="sharpness-readout">
        {ratio !== null && (
          <span>
            η/η<sub>c</sub> = <strong>{formatNumber(ratio)}</strong> (η·S₀ = {formatNumber(2 * ratio)})
          </span>
        )}
        {one === null && summary && summary.etaSharpnessMax !== null && <span>max η·S = {formatNumber(summary.etaSharpnessMax)}</span>}
        {one === null && summary && summary.sharpness0 !== null && summary.sharpnessFinal !== null && (
          <span>
            S: {formatNumber(summary.sharpness0)} → {formatNumber(summary.sharpnessFinal)}
          </span>
        )}
        {badge && (
          <span className={`phase-badge phase-${summary?.phase}`} data-testid="phase-badge" data-phase={summary?.phase} title={badge.title}>
            <span className="regime-tag">measured:</span> <strong>{badge.label}</strong>
          </span>
        )}
      </div>
      {show('sharpness') && <StepPlot {...sharedStepProps(props, logX)} series={series} ariaLabel="eta times sharpness vs step" yScaleType="linear" yLabel="η·S" notMeasuredMessage="The sharpness is measured every few steps…" height={170} />}
      {show('loss') && <StepPlot
        {...sharedStepProps(props, logX)}
        series={LOSS_SERIES}
        ariaLabel="Loss of the network and of the linear twin vs step"
        yScaleType="log"
        yLabel="loss"
        height={140}
      />}
    </PanelFrame>
  );
}
