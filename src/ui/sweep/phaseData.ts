// Pure data preparation for the phase diagram of a phase sweep: one heatmap per metric, rows =
// (param, α) groups, columns = widths, each cell the mean over seeds of the value after training,
// with its per-seed values; the sequential colour scale (log, or linear for a correlation) and its
// legend ticks. No DOM, no React (tests/unit/phaseData.test.ts).
import { scaleLinear, scaleLog, scaleSequential, scaleSequentialLog } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { PARAMETRIZATION_LABELS } from '../../schema/config';
import { groupKey, type SweepGroup } from '../../engine/sweep';
import { parseColor } from '../plots/plotMath/colorScale';
import type { SweepMetric, SweepRun } from './types';

/** The three heatmaps of the phase diagram and how each is coloured. */
export const PHASE_METRICS: readonly { key: string; title: string; scale: PhaseScale; legend: string }[] = [
  { key: 'ntkDrift', title: 'NTK drift ‖Θ_T − Θ₀‖/‖Θ₀‖', scale: 'log', legend: 'log colour scale' },
  { key: 'ucNfaLast', title: 'UC-NFA · last hidden layer', scale: 'linear', legend: 'linear scale (a correlation)' },
  { key: 'gapTrainRel', title: 'relative gap to the linear twin · train', scale: 'log', legend: 'log colour scale' },
];

export type PhaseScale = 'log' | 'linear';

export interface PhaseCell {
  row: number;
  col: number;
  group: SweepGroup;
  width: number;
  /** Finite final values, by seed ascending. */
  seeds: { seed: number; value: number }[];
  /** Mean over `seeds` (NaN when none). */
  mean: number;
}

export interface PhaseGrid {
  rows: SweepGroup[];
  widths: number[];
  /** Row-major: cells[row * widths.length + col]. */
  cells: PhaseCell[];
}

/** "μP · α = 10" ("NTK · α = 1 · η = 1.5·η_c" in a learning-rate sweep) */
export function groupLabel(g: SweepGroup): string {
  return `${PARAMETRIZATION_LABELS[g.param]} · α = ${g.outputScale}${g.lrScale === undefined ? '' : ` · η = ${g.lrScale}·η_c`}`;
}

/** The grid of one metric's final values: groups × widths (cells without runs have no seeds). */
export function phaseGrid(runs: readonly SweepRun[], metric: SweepMetric, groups: readonly SweepGroup[], widths: readonly number[]): PhaseGrid {
  const rowOf = new Map(groups.map((g, i) => [groupKey(g), i]));
  const cells: PhaseCell[] = groups.flatMap((group, row) => widths.map((width, col) => ({ row, col, group, width, seeds: [] as PhaseCell['seeds'], mean: NaN })));
  for (const r of runs) {
    const row = rowOf.get(groupKey(r));
    const col = widths.indexOf(r.width);
    const v = metric.get(r.final);
    if (row === undefined || col < 0 || !Number.isFinite(v)) continue;
    cells[row * widths.length + col].seeds.push({ seed: r.seed, value: v });
  }
  for (const c of cells) {
    c.seeds.sort((a, b) => a.seed - b.seed);
    c.mean = c.seeds.length ? c.seeds.reduce((s, x) => s + x.value, 0) / c.seeds.length : NaN;
  }
  return { rows: [...groups], widths: [...widths], cells };
}

export interface PhaseColor {
  scale: PhaseScale;
  /** [lo, hi] of the cell means that can be drawn (log: positive ones); null when none. */
  domain: [number, number] | null;
  /** Colour of a cell mean; grey when it cannot be drawn (none, or ≤ 0 on a log scale). */
  color(v: number): string;
  /** Legend ticks inside the domain. */
  ticks: number[];
  /** Cells with seeds whose mean cannot be drawn on this scale (≤ 0 on a log scale). */
  undrawn: number;
}

export const MISSING_COLOR = '#e5e7eb';

/** The sequential (viridis) colour scale over the cell means: log, or linear (a correlation). */
export function phaseColor(grid: PhaseGrid, scale: PhaseScale): PhaseColor {
  const means = grid.cells.filter((c) => c.seeds.length > 0).map((c) => c.mean);
  const ok = (v: number) => Number.isFinite(v) && (scale === 'linear' || v > 0);
  const drawable = means.filter(ok);
  const undrawn = means.length - drawable.length;
  if (drawable.length === 0) return { scale, domain: null, color: () => MISSING_COLOR, ticks: [], undrawn };
  let lo = Math.min(...drawable);
  let hi = Math.max(...drawable);
  if (lo === hi) [lo, hi] = scale === 'log' ? [lo / 2, hi * 2] : [lo - 0.05, hi + 0.05];
  const domain: [number, number] = [lo, hi];
  const s = scale === 'log' ? scaleSequentialLog(interpolateViridis).domain(domain).clamp(true) : scaleSequential(interpolateViridis).domain(domain).clamp(true);
  const ticks = legendTicks(domain, scale);
  return { scale, domain, color: (v) => (ok(v) ? s(v) : MISSING_COLOR), ticks, undrawn };
}

/** At most ~5 ticks inside the domain (log: powers of ten, or 1-2-5 steps within a decade). */
export function legendTicks([lo, hi]: [number, number], scale: PhaseScale): number[] {
  if (scale === 'linear') return scaleLinear().domain([lo, hi]).ticks(4);
  const s = scaleLog().domain([lo, hi]);
  const all = s.ticks();
  const pow10 = all.filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9);
  const pick = pow10.length >= 2 ? pow10 : all;
  const step = Math.ceil(pick.length / 5);
  return pick.filter((_, i) => i % step === 0);
}

/** Position of v along a legend of `width` px for the colour scale (log or linear). */
export function legendPosition(v: number, [lo, hi]: [number, number], scale: PhaseScale, width: number): number {
  const t = scale === 'log' ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
  return Math.max(0, Math.min(1, t)) * width;
}

/** Black or white text, whichever reads better on a cell of this colour. */
export function textColorOn(color: string): string {
  const [r, g, b] = parseColor(color);
  return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? '#111827' : '#ffffff';
}
