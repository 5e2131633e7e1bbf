// Axes of a matrix over an ordered set (probe points sorted by input, input coordinates of a layer):
// ticks at the centres of a few evenly spaced cells, labelled with what that index stands for (an
// input value x, a coordinate number), and the two axes' names. Rows and columns index the same set
// (the kernels and Gram matrices drawn as heatmaps are square).

export interface IndexAxes {
  /** What cell index i (0-based, display order) stands for, e.g. "−1.5" or "12". */
  label: (i: number) => string;
  /** Name of the column axis (drawn under the ticks), e.g. "x′". */
  x: string;
  /** Name of the row axis (drawn left of the ticks, rotated), e.g. "x". */
  y: string;
}

/** Room the index axes take around the square: tick labels and names (left, bottom). */
export const INDEX_AXES_MARGIN = { top: 4, right: 14, bottom: 32, left: 56 };

/** At most `max` evenly spaced cell indices from 0 to n − 1, both ends included (n ≥ 1). */
export function indexTicks(n: number, max: number): number[] {
  if (n <= 0) return [];
  const k = Math.max(1, Math.min(n, Math.floor(max)));
  if (k === 1) return [0];
  const out: number[] = [];
  for (let j = 0; j < k; j++) {
    const i = Math.round((j * (n - 1)) / (k - 1));
    if (out[out.length - 1] !== i) out.push(i);
  }
  return out;
}

export function HeatmapIndexAxes({ axes, rows, cols, side }: { axes: IndexAxes; rows: number; cols: number; side: number }) {
  const max = Math.max(2, Math.floor(side / 44) + 1);
  const xt = indexTicks(cols, max);
  const yt = indexTicks(rows, Math.max(2, Math.floor(side / 28) + 1));
  const cw = side / Math.max(1, cols);
  const ch = side / Math.max(1, rows);
  return (
    <g className="axes heatmap-axes" aria-hidden="true">
      {yt.map((i) => (
        <g key={'y' + i} transform={`translate(0,${(i + 0.5) * ch})`}>
          <line className="tick-mark" x1={-4} x2={0} />
          <text className="tick-label" x={-6} dy="0.32em" textAnchor="end">
            {axes.label(i)}
          </text>
        </g>
      ))}
      {xt.map((i, j) => {
        const x = (i + 0.5) * cw;
        const anchor = j === 0 && xt.length > 1 ? 'start' : j === xt.length - 1 && xt.length > 1 ? 'end' : 'middle';
        return (
          <g key={'x' + i} transform={`translate(${x},${side})`}>
            <line className="tick-mark" y1={0} y2={4} />
            <text className="tick-label" y={15} textAnchor={anchor} dx={anchor === 'start' ? -4 : anchor === 'end' ? 4 : 0}>
              {axes.label(i)}
            </text>
          </g>
        );
      })}
      <text className="axis-label" x={side / 2} y={side + 28} textAnchor="middle">
        {axes.x}
      </text>
      <text className="axis-label" transform={`translate(${-INDEX_AXES_MARGIN.left + 10},${side / 2}) rotate(-90)`} textAnchor="middle">
        {axes.y}
      </text>
    </g>
  );
}
