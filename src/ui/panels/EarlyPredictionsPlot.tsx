// Predictions of the early-time network and the linear model on a few test points at a chosen
// logged step (a slider over the stored history), with the targets.
import { useId, useMemo } from 'react';
import type { EarlyPredictions } from '../../engine/records/runRecords';
import { LinePlot, type SeriesSpec } from '../plots/LinePlot';
import { COLORS } from '../plots/colors';

interface Point {
  i: number;
  y: number;
  f: number | null;
  fLin: number | null;
}

const SERIES: SeriesSpec<Point>[] = [
  { key: 'y', label: 'target', y: (p) => p.y, color: COLORS.target, dots: true, line: false },
  { key: 'f', label: 'network', y: (p) => p.f, color: COLORS.network, dots: true, line: false },
  { key: 'fLin', label: 'linear model', y: (p) => p.fLin, color: COLORS.twin, dots: true, line: false },
];

/** `alone`: the only view of a small box (embed): the plot fills the height left under the slider. */
export function EarlyPredictionsPlot({ history, index, onIndex, targets, alone = false }: { history: EarlyPredictions[]; index: number; onIndex: (i: number) => void; targets: number[]; alone?: boolean }) {
  const id = useId();
  const h = history[Math.max(0, index)];
  const points = useMemo<Point[]>(() => targets.map((y, i) => ({ i: i + 1, y, f: h.f[i], fLin: h.fLin[i] })), [h, targets]);
  return (
    <div className={alone ? 'early-predictions fill-view' : 'early-predictions'} data-testid="early-predictions">
      <div className="field">
        <label htmlFor={id}>
          Test-point predictions at step <strong>{h.step}</strong>
          {h.fLin.some((v) => v === null) && <span className="diverged-note"> · linear model diverged (overflowed), not drawn</span>}
          {h.f.some((v) => v === null) && <span className="diverged-note"> · network diverged (overflowed), not drawn</span>}
        </label>
        <input id={id} type="range" min={0} max={history.length - 1} step={1} value={Math.max(0, index)} onChange={(e) => onIndex(Number(e.currentTarget.value))} />
      </div>
      <LinePlot<Point> data={points} x={(p) => p.i} series={SERIES} ariaLabel="Predictions on test points" xLabel="test point" xName="point" height={150} testId="early-pred-plot" />
    </div>
  );
}
