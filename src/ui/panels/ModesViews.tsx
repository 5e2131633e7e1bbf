// The Modes panel's two small views: the spectral-bias picture at one step (remaining fraction of
// each mode against λ_k/N) and the top eigenvectors of Θ₀ as functions of a 1-D input.
import { useMemo } from 'react';
import type { MetricRow, RunMeta } from '../../engine/records/runRecords';
import { LinePlot, type SeriesSpec } from '../plots/LinePlot';
import { COLORS } from '../plots/colors';
import { eigenvectorRows, spectrumAt, type ModeContext, type SpectrumPoint } from './modesData';

const SPECTRUM_SERIES: SeriesSpec<SpectrumPoint>[] = [
  { key: 'closed', label: 'GD closed form |1 − ηλ/N|^t', color: COLORS.init, width: 1.5, y: (p) => p.closed },
  { key: 'net', label: 'network', color: COLORS.network, dots: true, line: false, y: (p) => p.net },
  { key: 'lin', label: 'linear twin', color: COLORS.twin, dots: true, line: false, y: (p) => p.lin },
];

/** Remaining fraction |u_kᵀr_t| / |u_kᵀr_0| against λ_k/N at the hovered (or latest) step. */
/** `alone`: the only view of a small box (embed): it fills the box, its explanation is behind Explain. */
export function ModesSpectrum({ ctx, row, alone = false }: { ctx: ModeContext; row: MetricRow | undefined; alone?: boolean }) {
  const points = useMemo(() => spectrumAt(ctx, row), [ctx, row]);
  const series = ctx.gd ? SPECTRUM_SERIES : SPECTRUM_SERIES.slice(1);
  const yDomain = useMemo(() => spectrumDomain(points), [points]);
  return (
    <div className={alone ? 'modes-view fill-view' : 'modes-view'} data-testid="modes-spectrum">
      <p className="modes-view-title">
        At step {row?.step ?? '—'}: fraction of each mode left, vs λ_k/N
      </p>
      <LinePlot<SpectrumPoint>
        data={points}
        x={(p) => p.lambda}
        series={series}
        ariaLabel={`Remaining residual per eigenmode vs eigenvalue at step ${row?.step ?? 'none'}`}
        xScaleType="log"
        yScaleType="log"
        xLabel="λ_k/N"
        yLabel="|r_k(t)| / |r_k(0)|"
        xName="λ/N"
        integerX={false}
        yDomain={yDomain}
        height={150}
        emptyMessage="Waiting for the first per-mode measurement…"
      />
      {ctx.gd && !alone && <SpectrumNote />}
    </div>
  );
}

/** How to read the spectrum view (GD runs: the twin's closed form). */
export function SpectrumNote() {
  return (
    <p className="plot-note">
          For the twin the grey curve is exact: log|r_k(t)/r_k(0)| = t·log|1 − ηλ_k/N| (ηλ_k/(α²N) with an output scale α {'>'} 1, λ_k being the scaled model’s eigenvalues), about −ηtλ_k/N while ηλ_k/N ≪ 1, so small-λ
          modes are learned last. Where the network’s dots leave the curve, the network has left its twin on that mode. Fractions below 10⁻⁴ are not drawn.
        </p>
  );
}

/** Fractions below this are not drawn (float32 rounding of the residual is of that order for small modes). */
export const SPECTRUM_FLOOR = 1e-4;

function spectrumDomain(points: readonly SpectrumPoint[]): [number, number] {
  let hi = 1;
  for (const p of points) for (const v of [p.net, p.lin]) if (v !== undefined && Number.isFinite(v)) hi = Math.max(hi, v);
  return [SPECTRUM_FLOOR, hi * 1.5];
}

const VECTORS_SHOWN = 4;
/** Neighbouring modes have close colours: the line style tells u1 … u4 apart as well. */
const VECTOR_DASH = [undefined, '7 3', '2 3', '9 3 2 3'];

/** u_1 … u_4 plotted against the training inputs (1-D data only). */
export function ModesVectors({ meta, ctx, alone = false }: { meta: RunMeta; ctx: ModeContext; alone?: boolean }) {
  const rows = useMemo(() => eigenvectorRows(meta, VECTORS_SHOWN), [meta]);
  const series = useMemo<SeriesSpec<{ x: number; u: number[] }>[]>(
    () =>
      Array.from({ length: Math.min(VECTORS_SHOWN, ctx.lambda.length) }, (_, k) => ({
        key: `u${k + 1}`,
        label: `u${k + 1}`,
        color: ctx.colors[k],
        dash: VECTOR_DASH[k],
        width: 1.8,
        dots: true,
        y: (d: { x: number; u: number[] }) => d.u[k],
      })),
    [ctx],
  );
  if (meta.dataset.inputDim !== 1)
    return (
      <div className="modes-view">
        <p className="plot-note" data-testid="modes-vectors-hidden">
          Eigenvectors as functions of x are drawn for 1-D inputs only (this data set has d = {meta.dataset.inputDim}).
        </p>
      </div>
    );
  return (
    <div className={alone ? 'modes-view fill-view' : 'modes-view'} data-testid="modes-vectors">
      <p className="modes-view-title">Top eigenvectors of Θ₀ on the training inputs</p>
      <LinePlot data={rows} x={(d) => d.x} series={series} ariaLabel="Top NTK eigenvectors as functions of x" xLabel="x" yLabel="u_k(x_i)" xName="x" integerX={false} height={150} />
    </div>
  );
}
