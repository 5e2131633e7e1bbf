// NFM = WᵀW and AGOP = WᵀKW of one layer at init and now: each matrix divided by its largest
// |entry|, so all four share one colour scale [−1, 1] and show structure, not magnitude.
import { useMemo } from 'react';
import type { NfaSnapshot } from '../../engine/records/runRecords';
import { Heatmap } from '../plots/Heatmap';
import { formatNumber, squareSide, type ColorScaleSpec } from '../plots/plotMath';

const SHARED: ColorScaleSpec = { kind: 'diverging', domain: [-1, 0, 1] };

/** m / max|m| (all zeros stay zeros). */
export function maxAbsNormalised(m: readonly number[]): { values: number[]; scale: number } {
  let s = 0;
  for (const v of m) s = Math.max(s, Math.abs(v));
  return { values: s > 0 ? m.map((v) => v / s) : m.slice(), scale: s };
}

export function NfaHeatmaps({ nfa, step }: { nfa: NfaSnapshot; step: number }) {
  const k = squareSide(nfa.nfm.length);
  const mats = useMemo(
    () => [
      { key: 'nfm0', name: 'NFM WᵀW · init', ...maxAbsNormalised(nfa.nfm0) },
      { key: 'nfm', name: `NFM WᵀW · step ${step}`, ...maxAbsNormalised(nfa.nfm) },
      { key: 'agop0', name: 'AGOP WᵀKW · init', ...maxAbsNormalised(nfa.agop0) },
      { key: 'agop', name: `AGOP WᵀKW · step ${step}`, ...maxAbsNormalised(nfa.agop) },
    ],
    [nfa, step],
  );
  if (k < 2)
    return (
      <p className="plot-note" data-testid="nfa-heatmap-trivial">
        Layer {nfa.layer} has a {nfa.inputSize}-dimensional input, so its NFM and AGOP are 1×1: nothing to correlate. Pick a deeper layer or a higher-dimensional data set.
      </p>
    );
  const shown = nfa.index.length < nfa.inputSize ? `${k} of its ${nfa.inputSize} input coordinates (evenly spaced)` : `all ${k} input coordinates`;
  return (
    <>
      <div className="small-multiples cols-2" data-testid="nfa-heatmaps">
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
            maxSize={180}
            cellLabel={(r, c, v) => `[${nfa.index[r] + 1}, ${nfa.index[c] + 1}] = ${formatNumber(v * m.scale)}`}
          />
        ))}
      </div>
      <p className="plot-note">
        Hidden layer {nfa.layer}, {shown}. Each matrix is divided by its largest |entry| (one shared scale from −1 to 1).
      </p>
    </>
  );
}
