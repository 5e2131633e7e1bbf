import { useMemo } from 'react';
import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { Heatmap } from '../plots/Heatmap';
import { SpectrumPlot } from '../plots/SpectrumPlot';
import { autoColorSpec, divergingSpec } from '../plots/plotMath/colorScale';
import { formatNumber } from '../plots/plotMath/format';
import { squareSide, subtract } from '../plots/plotMath/matrix';
import { EMPTY_MESSAGE, PANELS } from '../../content/explanations';
import { FillSlot, HEATMAP_CHROME, HEATMAP_TABLE } from '../plots/FillSlot';
import { usePlotLayout } from '../plots/plotLayout';
import { InfiniteKernelNote } from './InfiniteKernelNote';
import { probeAxes } from './probeAxes';
import { relativeFrobenius } from '../../engine/linalg/frobenius';

export function NtkPanel(props: PanelProps) {
  const { snapshot, meta } = props;
  const ntk0 = meta && meta.ntk0.length > 0 ? meta.ntk0 : undefined;
  const ntkT = snapshot?.ntkT;
  const side = squareSide(ntk0?.length ?? ntkT?.length ?? 0);
  const ntkInf = meta?.ntkInf && meta.ntkInf.length === (ntk0?.length ?? -1) ? meta.ntkInf : undefined;
  const spec = useMemo(() => autoColorSpec(ntk0, ntkT, ntkInf), [ntk0, ntkT, ntkInf]);
  const gapInf = useMemo(() => (ntk0 && ntkInf ? relativeFrobenius(ntk0, ntkInf) : null), [ntk0, ntkInf]);
  const diff = useMemo(() => (ntk0 && ntkT && ntk0.length === ntkT.length ? subtract(ntkT, ntk0) : null), [ntk0, ntkT]);
  const diffSpec = useMemo(() => divergingSpec(diff), [diff]);
  const cell = (name: string) => (r: number, c: number, v: number) => `${name}[${r + 1}, ${c + 1}] = ${formatNumber(v)}`;
  const empty = side === 0;
  // rows x, columns x′: the probe points sorted by input (ticks show their inputs on 1-D data)
  const axes = useMemo(() => probeAxes(meta, { x: 'x′', y: 'x' }), [meta]);
  // In a small box (embed) the three heatmaps alone, sized to the height left; the spectrum is in the Lab's tab.
  const { compact } = usePlotLayout();
  const showInf = Boolean(ntkInf) && !compact;
  const countNote = meta && meta.probe.count > 0 ? `${meta.probe.count} probe points (${meta.probe.trainCount} train), sorted by input` : 'probe points sorted by input';
  return (
    <PanelFrame id="ntk" text={PANELS.ntk} footer={!empty ? <span className="plot-note">{countNote}; Θ₀, Θt{ntkInf ? ' and Θ∞' : ''} share one colour scale, Θt − Θ₀ has its own symmetric one.</span> : undefined}>
      {empty ? (
        <p className="plot-note" data-testid="ntk-empty">
          {props.rows.length === 0 ? EMPTY_MESSAGE : 'Waiting for the first kernel snapshot…'}
        </p>
      ) : (
        <FillSlot>
          {(h) => {
            // with Θ∞ the four heatmaps stand in two rows: each gets half the height left. A compact
            // box (embed) keeps one row, Θ₀ · Θt · Θt − Θ₀; Θ∞ is in the Lab's NTK tab.
            // (a compact box leaves out the "Show data" tables)
            const maxSize = h === null ? undefined : Math.max(60, h / (showInf ? 2 : 1) - HEATMAP_CHROME - (compact ? 0 : HEATMAP_TABLE));
            return (
              <div className={`small-multiples ${showInf ? 'cols-2' : 'cols-3'}`} data-testid="ntk-heatmap">
                {ntk0 && <Heatmap values={ntk0} rows={side} cols={side} color={spec} ariaLabel="NTK heatmap at initialisation" testId="ntk-heatmap-0" caption="Θ₀ (init)" cellLabel={cell('Θ₀')} maxSize={maxSize} indexAxes={axes} dataTable={!compact} />}
                {showInf && ntkInf && <Heatmap values={ntkInf} rows={side} cols={side} color={spec} ariaLabel="Infinite-width NTK heatmap" testId="ntk-heatmap-inf" caption="Θ∞ (infinite width)" cellLabel={cell('Θ∞')} maxSize={maxSize} indexAxes={axes} dataTable={!compact} />}
                {ntkT && (
                  <Heatmap values={ntkT} rows={side} cols={side} color={spec} ariaLabel="NTK heatmap" testId="ntk-heatmap-t" caption={`Θt (step ${snapshot?.step ?? 0})`} cellLabel={cell('Θt')} maxSize={maxSize} indexAxes={axes} dataTable={!compact} />
                )}
                {diff && <Heatmap values={diff} rows={side} cols={side} color={diffSpec} ariaLabel="NTK change heatmap" testId="ntk-heatmap-diff" caption="Θt − Θ₀" cellLabel={cell('Θt − Θ₀')} maxSize={maxSize} indexAxes={axes} dataTable={!compact} />}
              </div>
            );
          }}
        </FillSlot>
      )}
      {!compact && gapInf !== null && meta && <InfiniteKernelNote gap={gapInf} width={meta.config.width} note={meta.infiniteNote} />}
      {!compact && !ntkInf && meta?.machineOff && !empty && <p className="plot-note">{meta.machineOff}</p>}
      {!compact && (meta?.eig0.length || snapshot?.eigT) && <SpectrumPlot eig0={meta?.eig0} eigT={snapshot?.eigT} height={180} />}
    </PanelFrame>
  );
}
