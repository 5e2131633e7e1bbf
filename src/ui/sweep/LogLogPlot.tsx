// A log–log scatter of a metric against width: per-seed points (faint), the seed mean with a
// min–max spread bar, and per series a fitted power law with its 95% slope band; optional dashed
// grey reference slopes that are labelled as references, never drawn like data.
// React owns the SVG; d3 computes scales and paths.
import { forwardRef, useId, useMemo } from 'react';
import { area as d3area, line as d3line } from 'd3-shape';
import { PlotFrame } from '../plots/PlotFrame';
import { DEFAULT_MARGIN } from '../plots/LinePlot';
import { finiteExtent, makeScale, paddedDomain } from '../plots/plotMath/scales';
import { formatNumber } from '../plots/plotMath/format';
import { useWidth } from '../plots/useWidth';
import { fitBand, referenceLabelAt, referenceLine, slopeLabel, type BandPoint, type ReferenceSlope, type SeedPoint, type WidthMean } from './sweepData';
import type { PowerLawFit } from './types';

export interface LogLogSeries {
  key: string;
  label: string;
  color: string;
  /** Hollow markers (e.g. the initialisation phase). */
  hollow?: boolean;
  points: readonly SeedPoint[];
  means: readonly WidthMean[];
  fit?: PowerLawFit | null;
}

export interface LogLogPlotProps {
  series: readonly LogLogSeries[];
  ariaLabel: string;
  /** Widths of the whole sweep (x domain, so every plot of a sweep lines up). */
  widths: readonly number[];
  references?: readonly ReferenceSlope[];
  height?: number;
  yLabel?: string;
  emptyMessage?: string;
  testId?: string;
}

const REF_COLOR = '#9ca3af';

export const LogLogPlot = forwardRef<SVGSVGElement, LogLogPlotProps>(function LogLogPlot(
  { series, ariaLabel, widths, references = [], height = 230, yLabel, emptyMessage = 'No finished runs yet', testId },
  svgRef,
) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const clipId = 'clip-' + useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const m = { ...DEFAULT_MARGIN, right: 18 };
  const innerWidth = Math.max(40, width - m.left - m.right);
  const innerHeight = Math.max(40, height - m.top - m.bottom);

  const bands = useMemo(() => series.map((s) => (s.fit ? fitBand(s.fit, s.means.map((p) => p.width)) : [])), [series]);
  const xExt = finiteExtent(widths, 'log');
  const yExt = finiteExtent(
    (function* () {
      for (const s of series) for (const p of s.points) yield p.value;
    })(),
    'log',
  );
  const [x0, x1] = paddedDomain(xExt, 'log', 0.06);
  const [y0, y1] = paddedDomain(yExt, 'log', 0.1);
  const xScale = useMemo(() => makeScale('log', [x0, x1], [0, innerWidth]), [x0, x1, innerWidth]);
  const yScale = useMemo(() => makeScale('log', [y0, y1], [innerHeight, 0]), [y0, y1, innerHeight]);
  const empty = yExt === null;

  const line = d3line<BandPoint>()
    .x((d) => xScale(d.width))
    .y((d) => yScale(d.fit));
  const band = d3area<BandPoint>()
    .x((d) => xScale(d.width))
    .y0((d) => yScale(d.lo))
    .y1((d) => yScale(d.hi));

  // Reference slopes pass through the first series' mean at its smallest width.
  const anchorSeries = series.find((s) => s.means.length > 0);
  const anchor = anchorSeries ? { width: anchorSeries.means[0].width, value: anchorSeries.means[0].mean } : null;

  return (
    <div className="plot loglog-plot" ref={ref} data-testid={testId}>
      <ul className="legend loglog-legend" aria-label="Legend">
        {series.map((s) => (
          <li key={s.key} className="legend-item" data-series={s.key}>
            <svg className="legend-swatch" width={14} height={10} aria-hidden="true">
              <circle cx={7} cy={5} r={3.6} fill={s.hollow ? '#fff' : s.color} stroke={s.color} strokeWidth={1.6} />
            </svg>
            <span className="legend-label">{s.label}</span>
            {s.fit ? (
              <span className="slope-label" data-testid="slope-label" data-series={s.key}>
                {slopeLabel(s.fit)}
              </span>
            ) : (
              <span className="slope-label slope-missing">{s.points.length === 0 ? 'no values' : s.means.length < 2 ? 'needs ≥ 2 widths to fit' : 'no fit'}</span>
            )}
          </li>
        ))}
      </ul>
      <svg ref={svgRef} role="img" aria-label={ariaLabel} width={width} height={height} className="plot-svg" xmlns="http://www.w3.org/2000/svg">
        <PlotFrame
          clipId={clipId}
          width={width}
          height={height}
          margin={m}
          axes={{ xScale, yScale, xKind: 'log', yKind: 'log', xDomain: [x0, x1], yDomain: [y0, y1], innerWidth, innerHeight, xLabel: 'width n', yLabel }}
          empty={empty}
          emptyMessage={emptyMessage}
          overlay={
            <>
              {anchor &&
                references.map((r) => {
                  const at = referenceLabelAt(r.slope, anchor, [x0, x1], [y0, y1]);
                  if (!at) return null;
                  return (
                    <text key={r.label} className="reference-label" data-reference={r.slope} x={xScale(at[0]) - 4} y={yScale(at[1]) - 5} textAnchor="end" fill="#6b7280" aria-label={r.label}>
                      reference n
                      <tspan dy={-4} fontSize="8.5">
                        {r.exponent}
                      </tspan>
                    </text>
                  );
                })}
            </>
          }
        >
          {anchor &&
            references.map((r) => {
              const [[a0, v0], [a1, v1]] = referenceLine(r.slope, anchor, x0, x1);
              return (
                <line
                  key={r.label}
                  className="reference-line"
                  data-reference={r.slope}
                  x1={xScale(a0)}
                  y1={yScale(v0)}
                  x2={xScale(a1)}
                  y2={yScale(v1)}
                  stroke={REF_COLOR}
                  strokeWidth={1.2}
                  strokeDasharray="2 5"
                />
              );
            })}
          {series.map((s, i) =>
            bands[i].length > 0 ? (
              <g key={s.key} className="fit" data-series={s.key}>
                <path className="fit-band" d={band(bands[i]) ?? ''} fill={s.color} fillOpacity={0.13} stroke="none" />
                <path className="fit-line" d={line(bands[i]) ?? ''} fill="none" stroke={s.color} strokeWidth={1.6} />
              </g>
            ) : null,
          )}
          {series.map((s) => (
            <g key={s.key} className="seed-points" data-series={s.key}>
              {s.points.map((p) => (
                <circle key={`${p.width}-${p.seed}`} className="seed-point" cx={xScale(p.width)} cy={yScale(p.value)} r={2.2} fill={s.color} fillOpacity={0.3}>
                  <title>{`width ${p.width}, seed ${p.seed}: ${formatNumber(p.value)}`}</title>
                </circle>
              ))}
            </g>
          ))}
          {series.map((s) => (
            <g key={s.key} className="means" data-series={s.key}>
              {s.means.map((p) => {
                const cx = xScale(p.width);
                return (
                  <g key={p.width} className="mean-point" data-width={p.width}>
                    <line className="spread-bar" x1={cx} x2={cx} y1={yScale(p.min)} y2={yScale(p.max)} stroke={s.color} strokeWidth={1.4} />
                    <circle cx={cx} cy={yScale(p.mean)} r={4} fill={s.hollow ? '#fff' : s.color} stroke={s.color} strokeWidth={1.8}>
                      <title>{`width ${p.width}: mean ${formatNumber(p.mean)} over ${p.n} seed${p.n === 1 ? '' : 's'} (range ${formatNumber(p.min)}–${formatNumber(p.max)})`}</title>
                    </circle>
                  </g>
                );
              })}
            </g>
          ))}
        </PlotFrame>
      </svg>
    </div>
  );
});
