// The inside of a plot's <svg>, shared by LinePlot and the sweep's LogLogPlot: the clip path of the
// plot area, the margin transform, the empty state (a soft box and a message), the axes, the
// clipped content (lines, points) and what is drawn over it unclipped (markers, hover, labels).
import type { ReactNode } from 'react';
import { Axes, type AxesProps, type Margin } from './Axes';

export interface PlotFrameProps {
  clipId: string;
  width: number;
  height: number;
  margin: Margin;
  /** Scales, domains, kinds, labels and the inner size. */
  axes: AxesProps;
  /** Show `emptyMessage` instead of axes and content. */
  empty: boolean;
  emptyMessage: ReactNode;
  /** Drawn inside the plot area's clip. */
  children?: ReactNode;
  /** Drawn after the clipped content, unclipped. */
  overlay?: ReactNode;
}

export function PlotFrame({ clipId, width, height, margin: m, axes, empty, emptyMessage, children, overlay }: PlotFrameProps) {
  const { innerWidth, innerHeight } = axes;
  return (
    <>
      <defs>
        <clipPath id={clipId}>
          <rect x={-2} y={-2} width={innerWidth + 4} height={innerHeight + 4} />
        </clipPath>
      </defs>
      <g transform={`translate(${m.left},${m.top})`}>
        {empty ? (
          <>
            <rect className="plot-empty-bg" x={-m.left + 1} y={-m.top + 1} width={width - 2} height={height - 2} rx={8} />
            <text className="plot-empty" x={(width - 2 * m.left) / 2 + 1} y={(height - 2 * m.top) / 2} textAnchor="middle" dy="0.32em">
              {emptyMessage}
            </text>
          </>
        ) : (
          <>
            <Axes {...axes} />
            <g clipPath={`url(#${clipId})`}>{children}</g>
            {overlay}
          </>
        )}
      </g>
    </>
  );
}
