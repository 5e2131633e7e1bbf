// NFM = WᵀW and AGOP = WᵀKW of one layer at init and now: each matrix divided by its largest
// |entry|, so all four share one colour scale [−1, 1] and show structure, not magnitude.
import { useMemo } from 'react';
import type { NfaSnapshot } from '../../engine/records/runRecords';
import { Heatmap } from '../plots/Heatmap';
import { formatNumber, squareSide, type ColorScaleSpec } from '../plots/plotMath';
import { FillSlot } from '../plots/FillSlot';
import { INDEX_AXES_MARGIN } from '../plots/HeatmapAxes';
import { coordinateAxes } from './probeAxes';

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
  const grid = (maxSize: number) => (
    <div className={`small-multiples ${alone ? 'cols-4' : 'cols-2'}`} data-testid="nfa-heatmaps">
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
        <FillSlot>{(h) => grid(h === null ? 180 : Math.max(60, h - CHROME))}</FillSlot>
        <p className="plot-note">WᵀW (NFM) and WᵀKW (AGOP) of hidden layer {nfa.layer}, each ÷ its largest |entry|: −1 blue, 0 white, 1 red.</p>
      </>
    );
  return (
    <>
      {grid(180)}
      <p className="plot-note">{note}</p>
    </>
  );
}
