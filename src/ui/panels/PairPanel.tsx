import { useMemo } from 'react';
import { FillSlot, HEATMAP_CHROME, HEATMAP_TABLE } from '../plots/FillSlot';
import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { Heatmap } from '../plots/Heatmap';
import { divergingSpec } from '../plots/plotMath/colorScale';
import { formatNumber } from '../plots/plotMath/format';
import { squareSide } from '../plots/plotMath/matrix';
import { EMPTY_MESSAGE, PANELS } from '../../content/explanations';
import { usePlotLayout } from '../plots/plotLayout';
import { probeAxes } from './probeAxes';

function pointLabel(x: ArrayLike<number>, index: number, d: number): string {
  const v = Array.from(x).slice(index * d, index * d + d);
  if (v.length === 0) return `#${index + 1}`;
  return d === 1 ? `x = ${formatNumber(v[0])}` : `x = (${v.map((t) => formatNumber(t)).join(', ')})`;
}

export function PairPanel(props: PanelProps) {
  const { meta, snapshot, pairIndex, onPairIndex } = props;
  const pair = snapshot?.pair;
  const matrix = pair?.matrix;
  const side = squareSide(matrix?.length ?? 0);
  const spec = useMemo(() => divergingSpec(matrix), [matrix]);
  const probe = meta?.probe;
  const d = meta?.dataset.inputDim ?? 1;
  const count = probe && probe.count > 0 ? probe.count : side;
  // Options in display order (sorted by input); values are probe indices.
  const order = probe && probe.order.length === count ? probe.order : Array.from({ length: count }, (_, i) => i);
  const displayPos = pair ? order.indexOf(pair.index) : -1;
  const chosenLabel = probe && probe.x.length ? pointLabel(probe.x, pairIndex, d) : `#${pairIndex + 1}`;
  const isTrain = probe ? pairIndex < probe.trainCount : true;
  // rows x′, columns x″: the probe points sorted by input; the axes name them, so a small box keeps a one-line caption
  const axes = useMemo(() => probeAxes(meta, { x: 'x″', y: 'x′' }), [meta]);
  const { compact } = usePlotLayout();
  const caption = compact ? `x = point ${displayPos + 1} outlined` : `rows x′, columns x″: probe points sorted by input; x = point ${displayPos + 1} outlined`;
  // the long caption wraps to three lines; a compact box has a one-line caption and no "Show data"
  const chrome = HEATMAP_CHROME + (compact ? 0 : 40 + HEATMAP_TABLE);
  // the point chooser: above the heatmap, or in the header of a small box (embed)
  const pairControls = (
    <div className="pair-controls">
      <label>
        {compact ? 'x:' : 'Pair point'}{' '}
        <select value={count > 0 ? pairIndex : ''} disabled={count === 0} onChange={(e) => onPairIndex(Number(e.target.value))}>
          {count === 0 && <option value="">—</option>}
          {order.map((idx, k) => (
            <option key={idx} value={idx}>
              {k + 1}. {probe && probe.x.length ? pointLabel(probe.x, idx, d) : `probe ${idx + 1}`}
              {probe && probe.count > 0 ? (idx < probe.trainCount ? ' (train)' : ' (test)') : ''}
            </option>
          ))}
        </select>
      </label>
      {count > 0 && !compact && (
        <span className="pair-input" data-testid="pair-input">
          {chosenLabel} {probe && probe.count > 0 ? (isTrain ? '· training point' : '· test point') : ''}
        </span>
      )}
      {pair && pair.index !== pairIndex && <span className="plot-note">updating…</span>}
    </div>
  );
  return (
    <PanelFrame id="pair" text={PANELS.pair} controls={compact ? pairControls : undefined}>
      {!compact && pairControls}
      {side > 0 && matrix ? (
        <FillSlot>
          {(h) => (
        <div className="pair-heatmap-wrap">
          <Heatmap
            values={matrix}
            rows={side}
            cols={side}
            color={spec}
            ariaLabel="Pair matrix heatmap"
            testId="pair-heatmap"
            caption={caption}
            indexAxes={axes}
            dataTable={!compact}
            highlight={displayPos >= 0 ? displayPos : null}
            legendLabel="symmetric, 0 = white"
            cellLabel={(r, c, v) => `P(x, x′#${r + 1}, x″#${c + 1}) = ${formatNumber(v)}`}
            maxSize={h === null ? 300 : Math.max(60, Math.min(compact ? 300 : 1200, h - chrome))} // full screen (F): as tall as the screen allows
          />
        </div>
          )}
        </FillSlot>
      ) : (
        <p className="plot-note">{props.rows.length === 0 ? EMPTY_MESSAGE : 'Waiting for the pair matrix…'}</p>
      )}
    </PanelFrame>
  );
}
