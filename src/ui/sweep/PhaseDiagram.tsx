// The phase diagram of a phase sweep: three heatmaps (final NTK drift, UC-NFA of the last hidden
// layer, relative gap to the linear twin), rows = (param, α) groups, columns = widths, each cell the
// seed mean with a tooltip of the per-seed values, a colour legend and a table. React owns the SVG;
// D3 only computes the colour scales and legend ticks (phaseData.ts).
import { useId, useMemo, useState } from 'react';
import type { SweepGroup } from '../../engine/sweep';
import { formatNumber } from '../plots/plotMath/format';
import { useWidth } from '../plots/useWidth';
import { DataTable, type DataColumn } from '../plots/DataTable';
import { PlotCard } from './PlotCard';
import { PHASE_METRICS, groupLabel, legendPosition, phaseColor, phaseGrid, textColorOn, type PhaseCell, type PhaseColor, type PhaseGrid, type PhaseScale } from './phaseData';
import type { SweepMetric, SweepRun } from './types';

export interface PhaseDiagramProps {
  runs: readonly SweepRun[];
  metrics: readonly SweepMetric[];
  groups: readonly SweepGroup[];
  widths: readonly number[];
}

export function PhaseDiagram({ runs, metrics, groups, widths }: PhaseDiagramProps) {
  const seeds = new Set(runs.map((r) => r.seed)).size;
  return (
    <section className="sweep-group" aria-label="Phase diagram" data-testid="phase-diagram">
      <h2 className="sweep-group-title">Phase diagram</h2>
      <p className="sweep-advice">
        Each row is one parametrization and output scale α, each column one width; a cell is the mean over {seeds === 1 ? 'the one seed' : `the ${seeds} seeds`} of
        the value after training (hover or focus a cell for the per-seed values). Every run of a phase sweep is centred, α·(f(x;θ) − f(x;θ₀)), with the raw step
        η/α², so the α = 1 row is the same centred model family as the others.
      </p>
      <div className="phase-grid">
        {PHASE_METRICS.map((pm) => {
          const metric = metrics.find((m) => m.key === pm.key);
          return metric ? <PhaseCard key={pm.key} metric={metric} title={pm.title} scale={pm.scale} legend={pm.legend} runs={runs} groups={groups} widths={widths} /> : null;
        })}
      </div>
    </section>
  );
}

function PhaseCard({ metric, title, scale, legend, runs, groups, widths }: { metric: SweepMetric; title: string; scale: PhaseScale; legend: string } & Omit<PhaseDiagramProps, 'metrics'>) {
  const grid = useMemo(() => phaseGrid(runs, metric, groups, widths), [runs, metric, groups, widths]);
  const color = useMemo(() => phaseColor(grid, scale), [grid, scale]);
  return (
    <PlotCard
      title={title}
      fileStem={`phase-${metric.key}`}
      testId={`phase-card-${metric.key}`}
      note={
        <>
          After training. {metric.note}
          {color.undrawn > 0 && <> {color.undrawn} cell{color.undrawn === 1 ? ' has' : 's have'} a mean ≤ 0, which a log scale cannot show (grey).</>}
        </>
      }
    >
      <PhaseHeatmap grid={grid} color={color} label={title} legend={legend} />
      <PhaseTable grid={grid} label={title} />
    </PlotCard>
  );
}

/** Width of the row labels: at least 112 px, wider for long labels (a learning-rate sweep's). */
const MIN_LABEL_W = 112;
const TOP = 18;
const CELL_H = 30;
const LEGEND_H = 44;

/** Optional per-cell overrides (the learning-rate phase diagram colours cells by measured verdict). */
export interface CellStyle {
  fill?: (cell: PhaseCell) => string | undefined;
  /** Appended to the cell's accessible name and tooltip. */
  note?: (cell: PhaseCell) => string;
}

export function PhaseHeatmap({ grid, color, label, legend, cellStyle }: { grid: PhaseGrid; color: PhaseColor; label: string; legend: string; cellStyle?: CellStyle }) {
  const [ref, width] = useWidth<HTMLDivElement>(340);
  const [hover, setHover] = useState<PhaseCell | null>(null);
  const LABEL_W = Math.max(MIN_LABEL_W, 6.5 * Math.max(0, ...grid.rows.map((g) => groupLabel(g).length)) + 10);
  const cols = grid.widths.length;
  const cellW = Math.max(28, Math.min(90, (width - LABEL_W - 4) / Math.max(1, cols)));
  const innerW = cellW * cols;
  const innerH = CELL_H * grid.rows.length;
  const svgW = LABEL_W + innerW + 4;
  const svgH = TOP + innerH + 8 + LEGEND_H;
  return (
    <div className="phase-heatmap" ref={ref}>
      <svg width={svgW} height={svgH} role="group" aria-label={`${label}: rows = ${grid.rows.some((g) => g.lrScale !== undefined) ? 'learning-rate scale' : 'parametrization and α'}, columns = width`} className="plot-svg" data-testid="phase-heatmap">
        <g transform={`translate(${LABEL_W},0)`}>
          {grid.widths.map((w, c) => (
            <text key={w} className="tick-label" x={(c + 0.5) * cellW} y={12} textAnchor="middle">
              {w}
            </text>
          ))}
        </g>
        <text className="axis-label" x={LABEL_W - 6} y={12} textAnchor="end">
          width →
        </text>
        {grid.rows.map((g, r) => (
          <text key={r} className="tick-label" x={LABEL_W - 6} y={TOP + (r + 0.5) * CELL_H + 4} textAnchor="end">
            {groupLabel(g)}
          </text>
        ))}
        <g transform={`translate(${LABEL_W},${TOP})`}>
          {grid.cells.map((cell) => {
            const fill = cellStyle?.fill?.(cell) ?? color.color(cell.mean);
            const has = cell.seeds.length > 0;
            const note = cellStyle?.note?.(cell) ?? '';
            const text = `${groupLabel(cell.group)}, width ${cell.width}: ${has ? `mean ${formatNumber(cell.mean)} over ${cell.seeds.length} seed${cell.seeds.length === 1 ? '' : 's'} (${seedText(cell)})` : 'no finished run'}${note}`;
            return (
              <g key={`${cell.row}/${cell.col}`}>
                <rect
                  className="phase-cell"
                  data-testid="phase-cell"
                  x={cell.col * cellW}
                  y={cell.row * CELL_H}
                  width={cellW - 1}
                  height={CELL_H - 1}
                  fill={fill}
                  tabIndex={0}
                  aria-label={text}
                  onPointerEnter={() => setHover(cell)}
                  onPointerLeave={() => setHover((h) => (h === cell ? null : h))}
                  onFocus={() => setHover(cell)}
                  onBlur={() => setHover((h) => (h === cell ? null : h))}
                />
                {has && cellW >= 40 && (
                  <text className="phase-cell-value" x={(cell.col + 0.5) * cellW} y={(cell.row + 0.5) * CELL_H + 4} textAnchor="middle" fill={textColorOn(fill)} pointerEvents="none">
                    {formatNumber(cell.mean, 2)}
                  </text>
                )}
              </g>
            );
          })}
          {hover && <rect className="phase-cell-hover" x={hover.col * cellW} y={hover.row * CELL_H} width={cellW - 1} height={CELL_H - 1} fill="none" pointerEvents="none" />}
        </g>
        <g transform={`translate(${LABEL_W},${TOP + innerH + 8})`}>
          <Legend color={color} width={Math.max(120, innerW)} label={legend} />
        </g>
      </svg>
      {hover && (
        <div
          className="phase-tooltip"
          role="tooltip"
          data-testid="phase-tooltip"
          style={{ left: Math.min(LABEL_W + (hover.col + 1) * cellW + 4, Math.max(0, width - 190)), top: TOP + hover.row * CELL_H }}
        >
          <b>
            {groupLabel(hover.group)}, width {hover.width}
          </b>
          {hover.seeds.length === 0 ? (
            <div>no finished run</div>
          ) : (
            <>
              <div>
                mean {formatNumber(hover.mean)} ({hover.seeds.length} seed{hover.seeds.length === 1 ? '' : 's'}){cellStyle?.note?.(hover) ?? ''}
              </div>
              {hover.seeds.map((s) => (
                <div key={s.seed}>
                  seed {s.seed}: {formatNumber(s.value)}
                </div>
              ))}
            </>
          )}
        </div>
      )}
    </div>
  );
}

const seedText = (cell: PhaseCell) => cell.seeds.map((s) => `seed ${s.seed}: ${formatNumber(s.value)}`).join(', ');

/** The colour bar: the scale's colours along its domain (log or linear), with its ticks. */
function Legend({ color, width, label }: { color: PhaseColor; width: number; label: string }) {
  const id = 'phase-legend' + useId().replace(/[^a-zA-Z0-9_-]/g, '');
  if (!color.domain) return null;
  const [lo, hi] = color.domain;
  const stops = 24;
  const at = (t: number) => (color.scale === 'log' ? Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * t) : lo + (hi - lo) * t);
  return (
    <g className="color-bar" data-testid="phase-legend">
      <defs>
        <linearGradient id={id} x1="0" x2="1" y1="0" y2="0">
          {Array.from({ length: stops + 1 }, (_, i) => (
            <stop key={i} offset={i / stops} stopColor={color.color(at(i / stops))} />
          ))}
        </linearGradient>
      </defs>
      <rect width={width} height={9} fill={`url(#${id})`} rx={2} />
      {color.ticks.map((t) => {
        const x = legendPosition(t, color.domain!, color.scale, width);
        return (
          <g key={t}>
            <line x1={x} x2={x} y1={9} y2={13} stroke="currentColor" />
            <text className="tick-label" x={x} y={24} textAnchor="middle">
              {formatNumber(t)}
            </text>
          </g>
        );
      })}
      <text className="axis-label" x={0} y={38}>
        {label}: {formatNumber(lo)} … {formatNumber(hi)}
      </text>
    </g>
  );
}

/** The heatmap's numbers: one row per (param, α, width), the seed mean and each seed's value. */
function PhaseTable({ grid, label }: { grid: PhaseGrid; label: string }) {
  const seedIds = [...new Set(grid.cells.flatMap((c) => c.seeds.map((s) => s.seed)))].sort((a, b) => a - b);
  const cells = grid.cells;
  const columns: DataColumn[] = [
    { header: 'parametrization, α', value: (i) => groupLabel(cells[i].group) },
    { header: 'width', value: (i) => cells[i].width },
    { header: 'mean over seeds', value: (i) => cells[i].mean },
    ...seedIds.map((seed) => ({ header: `seed ${seed}`, value: (i: number) => cells[i].seeds.find((s) => s.seed === seed)?.value })),
  ];
  return <DataTable caption={label} columns={columns} rowCount={cells.length} maxRows={400} summaryLabel="Show table" />;
}
