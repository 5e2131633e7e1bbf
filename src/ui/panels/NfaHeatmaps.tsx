// NFM = WᵀW and AGOP = WᵀKW of one layer at init and now: each matrix divided by its largest
// |entry|, so all four share one colour scale [−1, 1] and show structure, not magnitude.
import { useMemo, type ReactNode } from 'react';
import type { NfaSnapshot } from '../../engine/records/runRecords';
import { Heatmap } from '../plots/Heatmap';
import { formatNumber, squareSide, type ColorScaleSpec } from '../plots/plotMath';
import { FillSlot } from '../plots/FillSlot';
import { INDEX_AXES_MARGIN } from '../plots/HeatmapAxes';
import { coordinateAxes } from './probeAxes';
import { useWidth } from '../plots/useWidth';

const SHARED: ColorScaleSpec = { kind: 'diverging', domain: [-1, 0, 1] };

/** m / max|m| (all zeros stay zeros). */
export function maxAbsNormalised(m: readonly number[]): { values: number[]; scale: number } {
  let s = 0;
  for (const v of m) s = Math.max(s, Math.abs(v));
  return { values: s > 0 ? m.map((v) => v / s) : m.slice(), scale: s };
}

/** Caption, index axes and readout around each square in a small box (no colour bar: one shared scale, named below; no "Show data"). */
const CHROME = 18 + INDEX_AXES_MARGIN.top + INDEX_AXES_MARGIN.bottom + 20;

/** `alone`: the only view of a small box (embed): the four matrices in one row, sized to the height left. */
export function NfaHeatmaps({ nfa, step, alone = false }: { nfa: NfaSnapshot; step: number; alone?: boolean }) {
  const k = squareSide(nfa.nfm.length);
  const axes = useMemo(() => coordinateAxes(nfa.index), [nfa.index]);
  const mats = useMemo(
    () => [
      { key: 'nfm0', name: alone ? 'NFM · init' : 'NFM WᵀW · init', ...maxAbsNormalised(nfa.nfm0) },
      { key: 'nfm', name: alone ? `NFM · step ${step}` : `NFM WᵀW · step ${step}`, ...maxAbsNormalised(nfa.nfm) },
      { key: 'agop0', name: alone ? 'AGOP · init' : 'AGOP WᵀKW · init', ...maxAbsNormalised(nfa.agop0) },
      { key: 'agop', name: alone ? `AGOP · step ${step}` : `AGOP WᵀKW · step ${step}`, ...maxAbsNormalised(nfa.agop) },
    ],
    [nfa, step, alone],
  );
  if (k < 2)
    return (
      <p className="plot-note" data-testid="nfa-heatmap-trivial">
        Layer {nfa.layer} has a {nfa.inputSize}-dimensional input, so its NFM and AGOP are 1×1: nothing to correlate. Pick a deeper layer or a higher-dimensional data set.
      </p>
    );
  const shown = nfa.index.length < nfa.inputSize ? `${k} of its ${nfa.inputSize} input coordinates (evenly spaced)` : `all ${k} input coordinates`;
  const grid = (maxSize: number, cols: 2 | 4) => (
    <div className={`small-multiples cols-${cols}`} data-testid="nfa-heatmaps">
      {mats.map((m) => (
        <Heatmap
          key={m.key}
          values={m.values}
          rows={k}
          cols={k}
          color={SHARED}
          ariaLabel={`${m.name}, layer ${nfa.layer}`}
          testId={`nfa-heatmap-${m.key}`}
          caption={m.name}
          legend={false}
          maxSize={maxSize}
          indexAxes={axes}
          dataTable={!alone}
          cellLabel={(r, c, v) => `[${nfa.index[r] + 1}, ${nfa.index[c] + 1}] = ${formatNumber(v * m.scale)}`}
        />
      ))}
    </div>
  );
  const note = `Hidden layer ${nfa.layer}, ${shown}. Each matrix is divided by its largest |entry| (one shared scale from −1 to 1).`;
  if (alone)
    return (
      <>
        <FillSlot>{(h) => <FittedGrid height={h} grid={grid} />}</FillSlot>
        <p className="plot-note">WᵀW (NFM) and WᵀKW (AGOP) of hidden layer {nfa.layer}, each ÷ its largest |entry|: −1 blue, 0 white, 1 red.</p>
      </>
    );
  return (
    <>
      {grid(180, 2)}
      <p className="plot-note">{note}</p>
    </>
  );
}

/** Index axes' side margins plus the grid gap: the width each square's column loses. */
const SIDE_CHROME = INDEX_AXES_MARGIN.left + INDEX_AXES_MARGIN.right + 10;

/**
 * The four matrices in the box left (`height`, the box's width measured here): one row of four or
 * two rows of two, whichever draws the larger squares (a wide, short embed: one row; full screen: 2×2).
 */
function FittedGrid({ height, grid }: { height: number | null; grid: (maxSize: number, cols: 2 | 4) => ReactNode }) {
  const [ref, width] = useWidth<HTMLDivElement>(400);
  const h = height ?? 180 + CHROME;
  const row = Math.min(width / 4 - SIDE_CHROME, h - CHROME);
  const square = Math.min(width / 2 - SIDE_CHROME, h / 2 - CHROME);
  // (about equal squares: two rows, which cover the box rather than a strip of it)
  return <div ref={ref}>{square >= 0.9 * row ? grid(Math.max(60, square), 2) : grid(Math.max(60, row), 4)}</div>;
}
