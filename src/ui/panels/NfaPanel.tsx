// Neural feature alignment per hidden layer: UC-NFA and C-NFA vs step, and the NFM / AGOP of one
// chosen layer at init and now (docs/science.md §6).
import { useMemo } from 'react';
import type { MetricRow } from '../../engine/records/runRecords';
import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { useLogXToggle, sharedStepProps } from './metricSeries';
import { StepPlot } from '../plots/StepPlot';
import type { SeriesSpec } from '../plots/LinePlot';
import { SEQUENCE_COLORS } from '../plots/colors';

import { SelectField } from '../controls/SelectField';
import { PANELS, EMPTY_MESSAGE } from '../../content/explanations';
import { NfaHeatmaps } from './NfaHeatmaps';
import { usePanelView } from './ViewSwitch';

/** One hue per layer (uc solid, c dashed). */
const LAYER_COLORS = SEQUENCE_COLORS;

function nfaSeries(depth: number): SeriesSpec<MetricRow>[] {
  const out: SeriesSpec<MetricRow>[] = [];
  for (let l = 1; l <= depth; l++) {
    const color = LAYER_COLORS[(l - 1) % LAYER_COLORS.length];
    const at = (r: MetricRow) => r.nfa?.find((n) => n.layer === l);
    out.push({ key: `uc${l}`, label: `UC-NFA · layer ${l}`, tex: String.raw`\rho(W_${l}^\top W_${l},\ W_${l}^\top K_${l} W_${l})`, y: (r) => at(r)?.uc ?? null, color });
    out.push({ key: `c${l}`, label: `C-NFA · layer ${l}`, tex: String.raw`\rho(\Delta W_${l}^\top \Delta W_${l},\ \Delta W_${l}^\top K_${l} \Delta W_${l})`, y: (r) => at(r)?.c ?? null, color, dash: '6 4' });
  }
  return out;
}

export function NfaPanel(props: PanelProps) {
  const [logX, logXToggle] = useLogXToggle('Feature alignment');
  const { meta, rows, snapshot } = props;
  const depth = meta?.config.depth ?? 0;
  const series = useMemo(() => nfaSeries(depth), [depth]);
  const nfaRows = useMemo(() => rows.filter((r) => r.nfa !== undefined), [rows]);
  // In a small box (embed) one view at a time: the alignment vs step, or the layer's matrices.
  const [one, viewSwitch] = usePanelView('nfa', PANELS.nfa.title);
  const show = (k: string) => one === null || one === k;
  if (meta?.config.model === 'early-time')
    return (
      <PanelFrame id="nfa" text={PANELS.nfa}>
        <p className="plot-note" data-testid="nfa-not-applicable">
          Feature alignment is measured for the deep network (Model: MLP). The early-time model is shown in “Early-time simplicity”.
        </p>
      </PanelFrame>
    );
  if (meta?.nfaLive === false)
    return (
      <PanelFrame id="nfa" text={PANELS.nfa}>
        <p className="plot-note" data-testid="nfa-not-live">
          At width {meta.config.width} one alignment measurement costs about n³ = {(meta.config.width ** 3 / 1e9).toFixed(0)}·10⁹ multiply-adds, too slow to run live here: feature alignment is measured up to width 2048 in the app. The command line measures it at any width (<code>npx tangent-lab train --json</code>).
        </p>
      </PanelFrame>
    );
  if (meta && meta.config.depth === 1 && meta.dataset.inputDim === 1)
    return (
      <PanelFrame id="nfa" text={PANELS.nfa}>
        <p className="plot-note plot-reason" data-testid="nfa-not-applicable">
          Not defined for this network: its only hidden layer has a 1-D input (x), so WᵀW is a 1×1 matrix and its
          correlation with WᵀKW is undefined. Feature alignment needs depth ≥ 2 (layers 2… have n inputs) or a data set with
          2-D or higher inputs.
        </p>
      </PanelFrame>
    );
  const last = nfaRows[nfaRows.length - 1]?.nfa;
  const cMissing = last !== undefined && last.every((n) => n.c === null);
  const ucMissing = last?.filter((n) => n.uc === null).map((n) => n.layer) ?? [];
  const nfa = snapshot?.nfa;
  return (
    <PanelFrame
      id="nfa"
      text={PANELS.nfa}
      controls={<>{viewSwitch}{show('steps') && logXToggle}</>}
      footer={
        <span className="plot-note">
          ρ = Pearson correlation of the matrix entries; K_l from the backprop signals over the training set.
          {cMissing && ' C-NFA: not defined yet — ΔW = 0 at step 0.'}
        </span>
      }
    >
      {show('steps') && ucMissing.length > 0 && (
        <p className="plot-note plot-reason" data-testid="nfa-layer-undefined">
          {one === null
            ? `Layer ${ucMissing.join(', ')}: not defined (its input is 1-D, so WᵀW is 1×1); the curves are the deeper layers.`
            : `Layer ${ucMissing.join(', ')}: not defined (1-D input).`}
        </p>
      )}
      {show('steps') && <StepPlot
        {...sharedStepProps(props, logX)}
        rows={nfaRows}
        series={series}
        ariaLabel="Feature alignment vs step"
        yScaleType="linear"
        yLabel="correlation ρ"
        yDomain={[-0.05, 1.02]}
        notMeasuredMessage="Feature alignment is measured every few steps…"
        testId="nfa-plot"
        height={210}
      />}
      {show('matrices') && depth > 1 && props.onNfaLayer && (
        <SelectField
          label="Layer shown"
          value={String(nfa?.layer ?? props.nfaLayer ?? 1)}
          options={Array.from({ length: depth }, (_, i) => ({ value: String(i + 1), label: `hidden layer ${i + 1}` }))}
          onChange={(v) => props.onNfaLayer?.(Number(v))}
        />
      )}
      {!show('matrices') ? null : nfa ? (
        <NfaHeatmaps nfa={nfa} step={snapshot?.step ?? 0} alone={one !== null} />
      ) : (
        <p className="plot-note" data-testid="nfa-heatmap-empty">
          {rows.length === 0 ? EMPTY_MESSAGE : 'Waiting for the first NFM/AGOP snapshot…'}
        </p>
      )}
    </PanelFrame>
  );
}

