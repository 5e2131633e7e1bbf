// Eigenvalues of Θ₀ and Θ_t by rank (largest first) on a log y axis. Non-positive eigenvalues
// (numerical zeros) cannot sit on a log axis and become gaps; the count is reported.
import { useMemo } from 'react';
import { LinePlot, type SeriesSpec } from './LinePlot';
import { COLORS } from './colors';
import { METRIC_TEXT } from '../../schema/metricText';

export interface SpectrumPlotProps {
  eig0?: ArrayLike<number> | null;
  eigT?: ArrayLike<number> | null;
  ariaLabel?: string;
  height?: number;
  xScaleType?: 'linear' | 'log';
}

interface RankRow {
  rank: number;
  e0?: number;
  eT?: number;
}

const SERIES_SPEC: SeriesSpec<RankRow>[] = [
  { key: 'eig0', label: METRIC_TEXT.eig0.label, tex: METRIC_TEXT.eig0.tex, y: (d) => d.e0, color: COLORS.init, dots: true, width: 1.5 },
  { key: 'eigT', label: METRIC_TEXT.eigT.label, tex: METRIC_TEXT.eigT.tex, y: (d) => d.eT, color: COLORS.current, dots: true, width: 1.5 },
];
const rankX = (d: RankRow) => d.rank;

export function sortedDesc(v: ArrayLike<number> | null | undefined): number[] {
  return v ? Array.from(v).sort((a, b) => b - a) : [];
}

export function SpectrumPlot({ eig0, eigT, ariaLabel = 'NTK eigenvalue spectrum', height = 200, xScaleType = 'log' }: SpectrumPlotProps) {
  const rows = useMemo(() => {
    const a = sortedDesc(eig0);
    const b = sortedDesc(eigT);
    const n = Math.max(a.length, b.length);
    return Array.from({ length: n }, (_, i): RankRow => ({ rank: i + 1, e0: a[i], eT: b[i] }));
  }, [eig0, eigT]);
  const hiddenCount = rows.filter((r) => (r.e0 !== undefined && !(r.e0 > 0)) || (r.eT !== undefined && !(r.eT > 0))).length;
  return (
    <div className="spectrum">
      <LinePlot<RankRow>
        data={rows}
        x={rankX}
        series={SERIES_SPEC}
        ariaLabel={ariaLabel}
        xScaleType={xScaleType}
        yScaleType="log"
        xLabel="rank k"
        yLabel="eigenvalue λ_k"
        xName="rank"
        height={height}
        emptyMessage="No kernel spectrum yet"
      />
      {hiddenCount > 0 && <p className="plot-note">{hiddenCount} rank(s) with eigenvalue ≤ 0 (numerical zero) are not shown on the log axis.</p>}
    </div>
  );
}
