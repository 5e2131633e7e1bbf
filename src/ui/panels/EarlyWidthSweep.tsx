// earlyGap against width: a mini sweep run on request in the worker (same data, seed and η, one
// run per width, read at fixed steps).
import { useMemo } from 'react';
import type { EarlyWidthPoint } from '../../engine/records/earlyWidthPoint';
import { SWEEP_STEPS, SWEEP_WIDTHS } from '../../engine/records/earlyWidthPoint';
import type { EarlySweepState } from '../shared/useRun';
import { LinePlot, type SeriesSpec } from '../plots/LinePlot';
import { formatNumber } from '../plots/plotMath';
import { SEQUENCE_COLORS } from '../plots/colors';

interface ByWidth {
  width: number;
  gaps: Record<number, number | null>;
}

const STEP_COLORS = [SEQUENCE_COLORS[3], SEQUENCE_COLORS[1], SEQUENCE_COLORS[2]];

/** `alone`: the only view of a small box (embed): a one-line heading, the plot fills the height left. */
export function EarlyWidthSweep({ state, onRun, lr, alone = false }: { state: EarlySweepState; onRun?: () => void; lr: number; alone?: boolean }) {
  const data = useMemo<ByWidth[]>(() => groupByWidth(state.status === 'done' ? state.points : []), [state]);
  const series = useMemo<SeriesSpec<ByWidth>[]>(
    () => SWEEP_STEPS.map((s, i) => ({ key: `s${s}`, label: `step ${s}`, y: (d) => d.gaps[s] ?? null, color: STEP_COLORS[i % STEP_COLORS.length], dots: true })),
    [],
  );
  return (
    <div className={alone ? 'early-width-sweep fill-view' : 'early-width-sweep'} data-testid="early-width-sweep">
      <div className="field-head">
        <span>
          {alone
            ? `earlyGap vs width m at steps ${SWEEP_STEPS.join(' and ')}`
            : `earlyGap against width m = ${SWEEP_WIDTHS.join(', ')} at steps ${SWEEP_STEPS.join(' and ')} (this data and seed, η = ${formatNumber(lr)}, one run per width)`}
        </span>
        {onRun && (
          <button type="button" className="btn btn-small" onClick={onRun} disabled={state.status === 'running'}>
            {state.status === 'running' ? 'Measuring…' : state.status === 'done' ? 'Measure again' : 'Measure earlyGap vs width'}
          </button>
        )}
      </div>
      {state.status === 'failed' && <p role="alert">The width sweep failed: {state.message}</p>}
      {state.status === 'done' && (
        <LinePlot<ByWidth> data={data} x={(d) => d.width} series={series} ariaLabel="earlyGap vs width" xScaleType="log" yScaleType="log" xLabel="width m" xName="m" yLabel="earlyGap" height={160} testId="early-width-plot" />
      )}
      {state.status === 'running' && <p className="plot-note">Training {SWEEP_WIDTHS.length} networks; the run pauses meanwhile…</p>}
    </div>
  );
}

function groupByWidth(points: readonly EarlyWidthPoint[]): ByWidth[] {
  const m = new Map<number, ByWidth>();
  for (const p of points) {
    const e = m.get(p.width) ?? { width: p.width, gaps: {} };
    e.gaps[p.step] = p.earlyGap;
    m.set(p.width, e);
  }
  return [...m.values()].sort((a, b) => a.width - b.width);
}
