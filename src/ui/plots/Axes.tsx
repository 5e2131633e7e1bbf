// Axes with grid lines, tick labels and axis titles, drawn by React from pure tick lists.
import { axisTicks } from './plotMath/ticks';
import { type ScaleKind } from './plotMath/scales';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface AxesProps {
  xScale: (v: number) => number;
  yScale: (v: number) => number;
  xKind: ScaleKind;
  yKind: ScaleKind;
  xDomain: [number, number];
  yDomain: [number, number];
  innerWidth: number;
  innerHeight: number;
  xLabel?: string;
  yLabel?: string;
  xTickCount?: number;
  yTickCount?: number;
  /** Hide the y grid lines (e.g. on heatmaps). */
  grid?: boolean;
  /** Only integer x ticks (steps, ranks). */
  integerX?: boolean;
}

export function Axes({ xScale, yScale, xKind, yKind, xDomain, yDomain, innerWidth, innerHeight, xLabel, yLabel, xTickCount, yTickCount, grid = true, integerX = false }: AxesProps) {
  const xt0 = axisTicks(xKind, xDomain, xTickCount ?? Math.max(2, Math.floor(innerWidth / 70)));
  const xt = integerX ? xt0.filter((t) => Number.isInteger(t.value)) : xt0;
  const yt = axisTicks(yKind, yDomain, yTickCount ?? Math.max(3, Math.floor(innerHeight / 32)));
  return (
    <g className="axes" aria-hidden="true">
      <g className="axis axis-y">
        {yt.map((t) => {
          const y = yScale(t.value);
          if (!Number.isFinite(y)) return null;
          return (
            <g key={'y' + t.value} transform={`translate(0,${y})`}>
              {grid && <line className={t.major ? 'grid-line' : 'grid-line minor'} x1={0} x2={innerWidth} />}
              <line className="tick-mark" x1={-(t.major ? 4 : 2)} x2={0} />
              {t.label && (
                <text className="tick-label" x={-6} dy="0.32em" textAnchor="end">
                  {t.label}
                </text>
              )}
            </g>
          );
        })}
        <line className="domain-line" x1={0} x2={0} y1={0} y2={innerHeight} />
      </g>
      <g className="axis axis-x" transform={`translate(0,${innerHeight})`}>
        {xt.map((t) => {
          const x = xScale(t.value);
          if (!Number.isFinite(x)) return null;
          return (
            <g key={'x' + t.value} transform={`translate(${x},0)`}>
              {grid && <line className={t.major ? 'grid-line' : 'grid-line minor'} y1={-innerHeight} y2={0} />}
              <line className="tick-mark" y1={0} y2={t.major ? 4 : 2} />
              {t.label && (
                <text className="tick-label" y={16} textAnchor="middle">
                  {t.label}
                </text>
              )}
            </g>
          );
        })}
        <line className="domain-line" x1={0} x2={innerWidth} />
      </g>
      {xLabel && (
        <text className="axis-label" x={innerWidth} y={innerHeight + 30} textAnchor="end">
          {xLabel}
        </text>
      )}
      {yLabel && (
        <text className="axis-label" x={0} y={-8} textAnchor="start">
          {yLabel}
        </text>
      )}
    </g>
  );
}
