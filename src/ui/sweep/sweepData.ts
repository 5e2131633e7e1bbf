// Pure data preparation for the Sweep plots: per-seed points and seed means vs width, the fitted
// power law and its 95% band, reference slopes, the per-width mean curve over training steps, and
// colours by width. No DOM, no React (tests/unit/sweepData.test.ts).
import { interpolateViridis } from 'd3-scale-chromatic';
import type { MetricRow } from '../../engine/records/runRecords';
import type { Stage, PowerLawFit, SweepMetric, SweepRun } from './types';

export interface SeedPoint {
  width: number;
  seed: number;
  value: number;
}

export interface WidthMean {
  width: number;
  mean: number;
  /** Smallest and largest seed value at this width (the spread bar). */
  min: number;
  max: number;
  /** Number of seeds with a positive, finite value. */
  n: number;
}

export interface WidthSeries {
  points: SeedPoint[];
  means: WidthMean[];
  /** Values left out because they are not positive (cannot sit on a log axis). */
  dropped: number;
}

/** The row of `run` at a stage (init or final). */
export function stageRow(run: SweepRun, stage: Stage): MetricRow {
  return stage === 'init' ? run.init : run.final;
}

/** Per-seed values of `metric` at `stage` and their per-width mean, min and max (positive values only). */
export function widthSeries(runs: readonly SweepRun[], metric: SweepMetric, stage: Stage): WidthSeries {
  const points: SeedPoint[] = [];
  let dropped = 0;
  for (const run of runs) {
    const v = metric.get(stageRow(run, stage));
    if (Number.isNaN(v)) continue;
    if (!(v > 0)) {
      dropped++;
      continue;
    }
    points.push({ width: run.width, seed: run.seed, value: v });
  }
  points.sort((a, b) => a.width - b.width || a.seed - b.seed);
  const byWidth = new Map<number, number[]>();
  for (const p of points) {
    const list = byWidth.get(p.width);
    if (list) list.push(p.value);
    else byWidth.set(p.width, [p.value]);
  }
  const means: WidthMean[] = [];
  for (const [width, vals] of byWidth) {
    const mean = vals.reduce((s, v) => s + v, 0) / vals.length;
    means.push({ width, mean, min: Math.min(...vals), max: Math.max(...vals), n: vals.length });
  }
  return { points, means, dropped };
}

/** The fitted power law at width n: e^intercept · n^slope (natural log, as the fit is done). */
export function powerLawAt(fit: Pick<PowerLawFit, 'slope' | 'intercept'>, n: number): number {
  return Math.exp(fit.intercept + fit.slope * Math.log(n));
}

export interface BandPoint {
  width: number;
  fit: number;
  lo: number;
  hi: number;
}

/**
 * The fitted line and its 95% slope band at `count` log-spaced widths in [n0, n1]. The band pivots
 * on the fit at the geometric mean width of the data (where an OLS line passes through the data's
 * centre), with the slope at the two ends of its 95% interval.
 */
export function fitBand(fit: PowerLawFit, widths: readonly number[], count = 24): BandPoint[] {
  const ws = widths.filter((w) => w > 0);
  if (ws.length === 0 || !Number.isFinite(fit.slope) || !Number.isFinite(fit.intercept)) return [];
  const l0 = Math.log(Math.min(...ws));
  const l1 = Math.log(Math.max(...ws));
  const lc = ws.reduce((s, w) => s + Math.log(w), 0) / ws.length;
  const yc = fit.intercept + fit.slope * lc;
  const [a, b] = fit.ci95 ?? [fit.slope, fit.slope];
  const out: BandPoint[] = [];
  for (let i = 0; i < count; i++) {
    const l = count === 1 ? l0 : l0 + ((l1 - l0) * i) / (count - 1);
    const d = l - lc;
    const ya = yc + a * d;
    const yb = yc + b * d;
    out.push({ width: Math.exp(l), fit: Math.exp(yc + fit.slope * d), lo: Math.exp(Math.min(ya, yb)), hi: Math.exp(Math.max(ya, yb)) });
  }
  return out;
}

/** "−0.52" with a real minus sign and two decimals. */
export function formatSlopeNumber(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const s = Math.abs(v).toFixed(2);
  return (v < 0 && s !== '0.00' ? '−' : '') + s;
}

/** "−0.52 [−0.61, −0.44]", or "−0.52 (one seed: no interval)". */
export function slopeText(fit: PowerLawFit): string {
  if (!fit.ci95) return `${formatSlopeNumber(fit.slope)} (one seed: no interval)`;
  const interval = `${formatSlopeNumber(fit.slope)} [${formatSlopeNumber(fit.ci95[0])}, ${formatSlopeNumber(fit.ci95[1])}]`;
  // With two seeds the Student quantile of one degree of freedom (12.7) makes the interval span
  // several units: it cannot pin a slope, and says so.
  return fit.seeds < 3 ? `${interval} (${fit.seeds} seeds: interval not informative, use ≥ 3)` : interval;
}

/** "slope −0.52 [−0.61, −0.44]" */
export function slopeLabel(fit: PowerLawFit): string {
  return `slope ${slopeText(fit)}`;
}

export interface ReferenceSlope {
  slope: number;
  /** Plain-text label, e.g. "reference n^−1/2"; `exponent` is drawn as a superscript. */
  label: string;
  exponent: string;
}

export const REFERENCE_SLOPES: readonly ReferenceSlope[] = [
  { slope: -0.5, label: 'reference n^−1/2 (bound)', exponent: '−1/2' },
  { slope: -1, label: 'reference n^−1 (perturbation theory)', exponent: '−1' },
];

/** What the reference lines are (shown next to them): theory, not data. */
export const REFERENCE_NOTE =
  'References, not fits: n^−1/2 is an upper bound on the NTK drift (it falls at least that fast; Lee et al. 2019); perturbation theory predicts order 1/n (Dyer & Gur-Ari 2019). Measured here at a fixed η·t (5 seeds, widths 16–2048, depth 2): the NTK drift falls as n^−0.84 (tanh, Gaussian inputs, η = 3.7, 100 steps) and n^−0.80 (relu, MNIST 0 vs 7, η = 3.09, 300 steps); the slope depends on η·t (tanh, sine, η = 0.3: −0.60 after 25 steps, −1.05 after 300), docs/results.';

/** End points of a reference line of `slope` through `anchor`, over [n0, n1]. */
export function referenceLine(slope: number, anchor: { width: number; value: number }, n0: number, n1: number): [BandPoint['width'], number][] {
  const at = (n: number) => anchor.value * (n / anchor.width) ** slope;
  return [
    [n0, at(n0)],
    [n1, at(n1)],
  ];
}

/**
 * Where to write a reference line's label: its rightmost point inside the plot's y range
 * (shrunk by `margin` in log space so the text stays inside), or null when it never enters it.
 */
export function referenceLabelAt(
  slope: number,
  anchor: { width: number; value: number },
  [n0, n1]: [number, number],
  [y0, y1]: [number, number],
  margin = 0.08,
): [number, number] | null {
  const ly0 = Math.log(y0);
  const ly1 = Math.log(y1);
  const lo = Math.exp(ly0 + (ly1 - ly0) * margin);
  const hi = Math.exp(ly1 - (ly1 - ly0) * margin);
  const at = (n: number) => anchor.value * (n / anchor.width) ** slope;
  let n = n1;
  const v = at(n1);
  if (v < lo || v > hi) {
    if (slope === 0) return null;
    const target = v < lo ? lo : hi;
    n = anchor.width * (target / anchor.value) ** (1 / slope);
  }
  if (!(n >= n0 && n <= n1)) return null;
  return [n, at(n)];
}

export interface CurvePoint {
  step: number;
  value: number;
}

export interface WidthCurve {
  width: number;
  /** Mean over the seeds of this width at each logged step (steps where every value was positive). */
  points: CurvePoint[];
  seeds: number;
}

/** Each width's mean trajectory of `metric` over training steps (the family of curves). */
export function familyCurves(runs: readonly SweepRun[], metric: SweepMetric): WidthCurve[] {
  const byWidth = new Map<number, SweepRun[]>();
  for (const r of runs) {
    const list = byWidth.get(r.width);
    if (list) list.push(r);
    else byWidth.set(r.width, [r]);
  }
  const out: WidthCurve[] = [];
  for (const [width, list] of [...byWidth].sort((a, b) => a[0] - b[0])) {
    const sums = new Map<number, { s: number; n: number }>();
    for (const run of list) {
      for (const row of run.rows) {
        const v = metric.get(row);
        if (!(v > 0)) continue;
        const acc = sums.get(row.step);
        if (acc) {
          acc.s += v;
          acc.n++;
        } else sums.set(row.step, { s: v, n: 1 });
      }
    }
    const points = [...sums]
      .filter(([, a]) => a.n === list.length)
      .map(([step, a]) => ({ step, value: a.s / a.n }))
      .sort((a, b) => a.step - b.step);
    out.push({ width, points, seeds: list.length });
  }
  return out;
}

/** A colour-blind-safe sequential colour for `width` among `widths` (viridis on log width, dark → light, yellow end cut). */
export function widthColor(width: number, widths: readonly number[]): string {
  const ws = widths.filter((w) => w > 0);
  if (ws.length <= 1) return interpolateViridis(0.15);
  const l0 = Math.log(Math.min(...ws));
  const l1 = Math.log(Math.max(...ws));
  const t = l1 > l0 ? (Math.log(width) - l0) / (l1 - l0) : 0;
  return interpolateViridis(0.05 + 0.8 * Math.min(1, Math.max(0, t)));
}

/** Milliseconds as "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
