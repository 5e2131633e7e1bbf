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

/** Greedy word wrap of a message into lines of at most `maxChars` characters (a longer word stays whole). */
export function wrapWords(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Average glyph width of the 13 px empty-state text, as a share of its font size (system sans). */
const CHAR_EM = 0.56;

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
            <EmptyMessage message={emptyMessage} x={(width - 2 * m.left) / 2 + 1} y={(height - 2 * m.top) / 2} maxWidth={width - 24} />
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

/** The empty state's message, centred; a string is wrapped to the plot's width (SVG text does not wrap). */
function EmptyMessage({ message, x, y, maxWidth }: { message: ReactNode; x: number; y: number; maxWidth: number }) {
  if (typeof message !== 'string') {
    return (
      <text className="plot-empty" x={x} y={y} textAnchor="middle" dy="0.32em">
        {message}
      </text>
    );
  }
  const lines = wrapWords(message, Math.max(12, Math.floor(maxWidth / (13 * CHAR_EM))));
  return (
    <text className="plot-empty" x={x} y={y} textAnchor="middle">
      {lines.map((l, i) => (
        <tspan key={i} x={x} dy={i === 0 ? `${0.32 - ((lines.length - 1) * 1.3) / 2}em` : '1.3em'}>
          {i < lines.length - 1 ? `${l} ` : l}
        </tspan>
      ))}
    </text>
  );
}
