// Raster heatmap inside an SVG: the cells are painted to an offscreen canvas once per data change
// and placed as an SVG <image> (data URL), so React still owns the whole DOM. Optional axes (when
// the raster covers a known data-space rectangle), overlay points, a highlighted row/column,
// a colour legend and a hover readout of the cell under the pointer.
import { useId, useMemo, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { colorFn, colorLut, rasterRGBAForSpec, type ColorScaleSpec } from './plotMath/colorScale';
import { formatNumber } from './plotMath/format';
import { makeScale } from './plotMath/scales';
import { Axes } from './Axes';
import { useWidth } from './useWidth';
import { DataTable } from './DataTable';
import { sampleIndices } from './dataTable';
import { HeatmapIndexAxes, INDEX_AXES_MARGIN, type IndexAxes } from './HeatmapAxes';

export interface HeatPoint {
  x: number;
  y: number;
  value: number;
  /** Faint (e.g. test) point. */
  faint?: boolean;
}

export interface HeatmapProps {
  /** Row-major rows × cols, row 0 drawn at the top. */
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  color: ColorScaleSpec;
  ariaLabel: string;
  testId?: string;
  caption?: string;
  /** Data-space extent of the raster (cell centres at the ends): enables axes and points. */
  xExtent?: [number, number];
  /** y extent [bottom, top] in data space; row 0 is the top (largest y). */
  yExtent?: [number, number];
  points?: readonly HeatPoint[];
  /** Outline this row and column (e.g. the chosen probe point). */
  highlight?: number | null;
  legend?: boolean;
  legendLabel?: string;
  smooth?: boolean;
  /** Text for the cell under the pointer. */
  cellLabel?: (row: number, col: number, value: number) => string;
  maxSize?: number;
  /** Ticks and axis names for a matrix over an ordered set (probe points, coordinates); ignored with xExtent/yExtent. */
  indexAxes?: IndexAxes;
  /** The "Show data" table (default on; a row of small multiples in an embed leaves it out). */
  dataTable?: boolean;
}

const LEGEND_H = 34;

/**
 * colorFn(spec), memoised on the spec's numbers rather than its identity: panels build a fresh
 * spec object every render, and an unchanged colour scale must reuse the painted raster. (String()
 * of a number round-trips exactly through Number().)
 */
function useStableSpec(spec: ColorScaleSpec): ColorScaleSpec {
  const { kind } = spec;
  const domainKey = spec.domain.join(',');
  return useMemo(() => ({ kind, domain: domainKey === '' ? [] : domainKey.split(',').map(Number) }), [kind, domainKey]);
}
function useColorFn(spec: ColorScaleSpec): (v: number) => string {
  const stable = useStableSpec(spec);
  return useMemo(() => colorFn(stable), [stable]);
}

/** The colour lookup tables of the two scale kinds (they do not depend on the domain). */
const LUTS = new Map<ColorScaleSpec['kind'], Uint8ClampedArray>();
function lutFor(kind: ColorScaleSpec['kind']): Uint8ClampedArray {
  let lut = LUTS.get(kind);
  if (!lut) LUTS.set(kind, (lut = colorLut({ kind, domain: [] })));
  return lut;
}

export function Heatmap(props: HeatmapProps) {
  const { values, rows, cols, color, ariaLabel, testId, caption, xExtent, yExtent, points, highlight, legend = true, legendLabel, smooth = false, cellLabel, maxSize = 320, indexAxes, dataTable = true } = props;
  const [ref, width] = useWidth<HTMLDivElement>(200);
  const [hover, setHover] = useState<{ r: number; c: number } | null>(null);
  const axes = Boolean(xExtent && yExtent);
  const byIndex = !axes && indexAxes !== undefined;
  const m = axes ? { top: 8, right: 8, bottom: 24, left: 34 } : byIndex ? INDEX_AXES_MARGIN : { top: 4, right: 4, bottom: 4, left: 4 };
  const side = Math.max(60, Math.min(maxSize, width - m.left - m.right));
  const height = m.top + side + m.bottom + (legend ? LEGEND_H : 0);

  const paint = useColorFn(color);
  const spec = useStableSpec(color);
  const href = useMemo(() => rasterDataUrl(values, rows, cols, spec), [values, rows, cols, spec]);

  // Data-space scales: the image spans half a cell beyond the first/last cell centres.
  const [xa, xb] = xExtent ?? [0, 1];
  const [ya, yb] = yExtent ?? [0, 1];
  const hx = cols > 1 ? (xb - xa) / (cols - 1) / 2 : 0.5;
  const hy = rows > 1 ? (yb - ya) / (rows - 1) / 2 : 0.5;
  const xScale = useMemo(() => makeScale('linear', [xa - hx, xb + hx], [0, side]), [xa, xb, hx, side]);
  const yScale = useMemo(() => makeScale('linear', [ya - hy, yb + hy], [side, 0]), [ya, yb, hy, side]);

  const onMove = (e: ReactPointerEvent<SVGRectElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const c = Math.floor(((e.clientX - r.left) / r.width) * cols);
    const rr = Math.floor(((e.clientY - r.top) / r.height) * rows);
    if (c >= 0 && c < cols && rr >= 0 && rr < rows) setHover((h) => (h && h.r === rr && h.c === c ? h : { r: rr, c }));
  };

  const cw = side / Math.max(1, cols);
  const ch = side / Math.max(1, rows);
  const hoverValue = hover ? values[hover.r * cols + hover.c] : undefined;

  return (
    <figure className="plot heatmap" ref={ref}>
      {caption && <figcaption className="heatmap-caption">{caption}</figcaption>}
      <svg role="img" aria-label={ariaLabel} data-testid={testId} width={m.left + side + m.right} height={height} className="plot-svg">
        <g transform={`translate(${m.left},${m.top})`}>
          {href ? (
            <image
              href={href}
              x={0}
              y={0}
              width={side}
              height={side}
              preserveAspectRatio="none"
              style={{ imageRendering: smooth ? 'auto' : 'pixelated' }}
            />
          ) : (
            <rect width={side} height={side} fill="var(--tl-heat-bg, #f1f5f9)" />
          )}
          <rect className="heatmap-frame" width={side} height={side} fill="none" />
          {axes && (
            <Axes
              xScale={xScale}
              yScale={yScale}
              xKind="linear"
              yKind="linear"
              xDomain={[xa - hx, xb + hx]}
              yDomain={[ya - hy, yb + hy]}
              innerWidth={side}
              innerHeight={side}
              xTickCount={4}
              yTickCount={4}
              grid={false}
            />
          )}
          {byIndex && <HeatmapIndexAxes axes={indexAxes} rows={rows} cols={cols} side={side} />}
          {highlight !== null && highlight !== undefined && highlight >= 0 && highlight < rows && (
            <g className="heatmap-highlight" pointerEvents="none">
              <rect x={0} y={highlight * ch} width={side} height={ch} />
              <rect x={highlight * cw} y={0} width={cw} height={side} />
            </g>
          )}
          {axes &&
            points?.map((p, i) => {
              const cx = xScale(p.x);
              const cy = yScale(p.y);
              if (!Number.isFinite(cx) || !Number.isFinite(cy)) return null;
              return (
                <circle
                  key={i}
                  className={p.faint ? 'heat-point faint' : 'heat-point'}
                  cx={cx}
                  cy={cy}
                  r={p.faint ? 2.2 : 3.2}
                  fill={paint(p.value)}
                />
              );
            })}
          {hover && (
            <rect className="heatmap-hover" x={hover.c * cw} y={hover.r * ch} width={cw} height={ch} pointerEvents="none" />
          )}
          <rect width={side} height={side} fill="transparent" onPointerMove={onMove} onPointerLeave={() => setHover(null)} />
          {legend && (
            <g transform={`translate(0,${side + m.bottom + 4})`}>
              <ColorBar spec={color} width={side} label={legendLabel} />
            </g>
          )}
        </g>
      </svg>
      <div className="plot-readout heatmap-readout">
        {hover && hoverValue !== undefined
          ? cellLabel
            ? cellLabel(hover.r, hover.c, hoverValue)
            : `row ${hover.r + 1}, col ${hover.c + 1}: ${formatNumber(hoverValue)}`
          : '\u00a0'}
      </div>
      {dataTable && <HeatmapTable caption={ariaLabel} values={values} rows={rows} cols={cols} />}
    </figure>
  );
}

/** The matrix as a table, at most 12 × 12 evenly spaced rows and columns (1-based indices). */
function HeatmapTable({ caption, values, rows, cols }: { caption: string; values: ArrayLike<number>; rows: number; cols: number }) {
  const colIdx = sampleIndices(cols, 12);
  const rowIdx = sampleIndices(rows, 12);
  return (
    <DataTable
      caption={caption}
      rowCount={values.length >= rows * cols ? rowIdx.length : 0}
      maxRows={12}
      columns={[
        { header: 'row', value: (i) => rowIdx[i] + 1 },
        ...colIdx.map((c) => ({ header: `col ${c + 1}`, value: (i: number) => values[rowIdx[i] * cols + c] })),
      ]}
    />
  );
}

/** Horizontal colour bar with min / 0 / max ticks, drawn in SVG. */
export function ColorBar({ spec, width, label }: { spec: ColorScaleSpec; width: number; label?: string }) {
  const paint = useColorFn(spec);
  const lo = spec.domain[0];
  const hi = spec.domain[spec.domain.length - 1];
  const gid = 'cb' + useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const stops = 16;
  // a narrow bar (a small heatmap) gets one centred label for its range, so labels cannot overlap
  const narrow = width < 140;
  const ticks = narrow ? [] : spec.kind === 'diverging' ? [lo, 0, hi] : [lo, (lo + hi) / 2, hi];
  const range = spec.kind === 'diverging' && Math.abs(lo + hi) <= 1e-12 * Math.abs(hi) ? `±${formatNumber(hi, 2)}` : `${formatNumber(lo, 2)} … ${formatNumber(hi, 2)}`;
  const pos = (v: number) => ((v - lo) / (hi - lo || 1)) * width;
  return (
    <g className="color-bar" aria-hidden="true">
      <defs>
        <linearGradient id={gid} x1="0" x2="1" y1="0" y2="0">
          {Array.from({ length: stops + 1 }, (_, i) => (
            <stop key={i} offset={i / stops} stopColor={paint(lo + ((hi - lo) * i) / stops)} />
          ))}
        </linearGradient>
      </defs>
      <rect width={width} height={8} fill={`url(#${gid})`} rx={2} />
      {narrow && (
        <text className="tick-label" x={width / 2} y={21} textAnchor="middle">
          {range}
        </text>
      )}
      {ticks.map((t, i) => (
        <text key={i} className="tick-label" x={pos(t)} y={21} textAnchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}>
          {formatNumber(t)}
        </text>
      ))}
      {label && (
        <text className="axis-label" x={width / 2} y={32} textAnchor="middle">
          {label}
        </text>
      )}
    </g>
  );
}

/** One scratch canvas for every heatmap's raster (a fresh canvas and 2-D context per paint is slow). */
let scratch: { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } | null = null;

function rasterDataUrl(values: ArrayLike<number>, rows: number, cols: number, spec: ColorScaleSpec): string | null {
  if (typeof document === 'undefined' || rows <= 0 || cols <= 0) return null;
  if (!scratch) {
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    scratch = { canvas, ctx };
  }
  const { canvas, ctx } = scratch;
  canvas.width = cols;
  canvas.height = rows;
  const img = ctx.createImageData(cols, rows);
  img.data.set(rasterRGBAForSpec(values, rows, cols, spec, lutFor(spec.kind)));
  ctx.putImageData(img, 0, 0);
  return canvas.toDataURL('image/png');
}
