// A 1D function plot: training targets (dots), test targets (faint dots), the network's curve
// (solid), the linear twin's curve (dashed) and the infinite-width machine's (dash-dot) on one pair of axes.
import { useId, useMemo } from 'react';
import { Axes } from './Axes';
import { DEFAULT_MARGIN } from './LinePlot';
import { DataTable } from './DataTable';
import { Legend } from './Legend';
import { COLORS, MACHINE_DASH, TWIN_DASH } from './colors';
import { functionYDomain, isValidNumber, makeScale, paddedDomain, finiteExtent } from './plotMath/scales';
import { linePath } from './plotMath/lines';
import { useWidth } from './useWidth';
import { usePlotHeight } from './plotLayout';

export interface FunctionPlot1DProps {
  xTrain: readonly number[];
  yTrain: readonly number[];
  xTest?: readonly number[];
  yTest?: readonly number[];
  gridX: readonly number[];
  f?: readonly number[] | null;
  fLin?: readonly number[] | null;
  /** The infinite-width kernel machine f∞,t on the grid (absent when the run has none). */
  fInf?: readonly number[] | null;
  ariaLabel?: string;
  height?: number;
  xDomain?: [number, number];
  emptyMessage?: string;
  /**
   * Compare mode: the curves of two runs instead of f / fLin, one colour per run (network solid,
   * twin dashed), named in the legend by the run's label.
   */
  runs?: readonly { label: string; color: string; f: readonly number[] | null; fLin: readonly number[] | null }[];
  /** The linear twin has blown up: drawn as a marked label in the plot (its curve runs off the axes). */
  twinDivergedNote?: string | null;
}

const idx = (_: number, i: number) => i;

export function FunctionPlot1D({ xTrain, yTrain, xTest = [], yTest = [], gridX, f, fLin, fInf, ariaLabel = 'Learned function', height: fixedHeight = 240, xDomain, emptyMessage = 'Press Play to start training', twinDivergedNote = null, runs }: FunctionPlot1DProps) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const [areaRef, height, fill] = usePlotHeight<HTMLDivElement>(fixedHeight);
  const clipId = 'clip-' + useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const m = DEFAULT_MARGIN;
  const iw = Math.max(40, width - m.left - m.right);
  const ih = Math.max(40, height - m.top - m.bottom);
  const [xa, xb] = xDomain ?? paddedDomain(finiteExtent([...gridX, ...xTrain]), 'linear', 0.02);
  const [ya, yb] = useMemo(
    () => functionYDomain([yTrain, yTest], runs ? runs.flatMap((r) => [r.f ?? [], r.fLin ?? []]) : [f ?? [], fLin ?? [], fInf ?? []]),
    [yTrain, yTest, f, fLin, fInf, runs],
  );
  const xScale = useMemo(() => makeScale('linear', [xa, xb], [0, iw]), [xa, xb, iw]);
  const yScale = useMemo(() => makeScale('linear', [ya, yb], [ih, 0]), [ya, yb, ih]);
  const empty = xTrain.length === 0 && gridX.length === 0;
  const netPath = useMemo(() => (f ? linePath(gridX.map(idx), (i) => gridX[i], (i) => f[i], xScale, yScale) : ''), [f, gridX, xScale, yScale]);
  const linPath = useMemo(() => (fLin ? linePath(gridX.map(idx), (i) => gridX[i], (i) => fLin[i], xScale, yScale) : ''), [fLin, gridX, xScale, yScale]);
  const runPaths = useMemo(
    () =>
      runs?.map((r) => ({
        ...r,
        net: r.f ? linePath(gridX.map(idx), (i) => gridX[i], (i) => r.f![i], xScale, yScale) : '',
        lin: r.fLin ? linePath(gridX.map(idx), (i) => gridX[i], (i) => r.fLin![i], xScale, yScale) : '',
      })),
    [runs, gridX, xScale, yScale],
  );
  const infPath = useMemo(() => (fInf ? linePath(gridX.map(idx), (i) => gridX[i], (i) => fInf[i], xScale, yScale) : ''), [fInf, gridX, xScale, yScale]);

  const items = [
    { key: 'train', label: 'train targets', color: COLORS.target, dots: true },
    ...(xTest.length ? [{ key: 'test', label: 'test targets', color: COLORS.targetTest, dots: true }] : []),
    ...(runs
      ? runs.flatMap((r, k) => [
          { key: `network@${k + 1}`, label: `network · ${r.label}`, color: r.color },
          { key: `twin@${k + 1}`, label: `twin · ${r.label}`, color: r.color, dash: TWIN_DASH },
        ])
      : [
          { key: 'network', label: 'network f_t', color: COLORS.network },
          { key: 'twin', label: 'linear twin f_lin,t', color: COLORS.twin, dash: TWIN_DASH },
          ...(fInf ? [{ key: 'machine', label: 'infinite-width machine f∞,t', color: COLORS.machine, dash: MACHINE_DASH }] : []),
        ]),
  ];
  return (
    <div className="plot function-plot" ref={ref}>
      <Legend items={items} />
      <div className="plot-area" ref={areaRef} style={fill ? undefined : { height }}>
      <svg role="img" aria-label={ariaLabel} width={width} height={height} className="plot-svg">
        <defs>
          <clipPath id={clipId}>
            <rect width={iw} height={ih} />
          </clipPath>
        </defs>
        <g transform={`translate(${m.left},${m.top})`}>
          {empty ? (
            <text className="plot-empty" x={iw / 2} y={ih / 2} textAnchor="middle">
              {emptyMessage}
            </text>
          ) : (
            <>
              <Axes xScale={xScale} yScale={yScale} xKind="linear" yKind="linear" xDomain={[xa, xb]} yDomain={[ya, yb]} innerWidth={iw} innerHeight={ih} xLabel="x" yLabel="f(x)" />
              <g clipPath={`url(#${clipId})`}>
                {xTest.map((x, i) =>
                  isValidNumber(yTest[i]) ? <circle key={'t' + i} className="target-point test" cx={xScale(x)} cy={yScale(yTest[i])} r={2.2} fill={COLORS.targetTest} /> : null,
                )}
                {xTrain.map((x, i) =>
                  isValidNumber(yTrain[i]) ? <circle key={'p' + i} className="target-point" cx={xScale(x)} cy={yScale(yTrain[i])} r={3} fill={COLORS.target} /> : null,
                )}
                {runPaths?.map((r, k) => (
                  <g key={k}>
                    {r.net && <path className="series-line" data-series={`network@${k + 1}`} d={r.net} fill="none" stroke={r.color} strokeWidth={2.2} />}
                    {r.lin && <path className="series-line" data-series={`twin@${k + 1}`} d={r.lin} fill="none" stroke={r.color} strokeWidth={2.2} strokeDasharray={TWIN_DASH} />}
                  </g>
                ))}
                {!runs && netPath && <path className="series-line" data-series="network" d={netPath} fill="none" stroke={COLORS.network} strokeWidth={2.2} />}
                {!runs && linPath && <path className="series-line" data-series="twin" d={linPath} fill="none" stroke={COLORS.twin} strokeWidth={2.2} strokeDasharray={TWIN_DASH} />}
                {!runs && infPath && <path className="series-line" data-series="machine" d={infPath} fill="none" stroke={COLORS.machine} strokeWidth={2} strokeDasharray={MACHINE_DASH} />}
              </g>
              {twinDivergedNote && (
                <g className="twin-diverged" data-testid="twin-diverged" transform="translate(8,14)">
                  <path d="M-4,-4L4,4M-4,4L4,-4" stroke={COLORS.twin} strokeWidth={2.2} />
                  <text className="marker-label" x={9} dy="0.35em" fill={COLORS.twin}>
                    {twinDivergedNote}
                  </text>
                </g>
              )}
            </>
          )}
        </g>
      </svg>
      </div>
      <DataTable
        caption={`${ariaLabel} on the plotting grid`}
        rowCount={f || fLin || runs ? gridX.length : 0}
        columns={[
          { header: 'x', value: (i) => gridX[i] },
          ...(runs
            ? runs.flatMap((r) => [
                { header: `network · ${r.label}`, value: (i: number) => r.f?.[i] },
                { header: `linear twin · ${r.label}`, value: (i: number) => r.fLin?.[i] },
              ])
            : [
                { header: 'network f_t(x)', value: (i: number) => f?.[i] },
                { header: 'linear twin f_lin,t(x)', value: (i: number) => fLin?.[i] },
                ...(fInf ? [{ header: 'infinite-width machine f∞,t(x)', value: (i: number) => fInf[i] }] : []),
              ]),
        ]}
      />
    </div>
  );
}
