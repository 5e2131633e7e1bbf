// What the Modes panel draws, as plain data (no React): one colour per eigenmode on a sequential
// scale in the order of λ_k, the per-mode series over steps, the spectral-bias points at one step, and the
// eigenvectors as functions of x. Unit-tested in tests/unit/modesData.test.ts.
import { interpolateViridis } from 'd3-scale-chromatic';
import type { MetricRow, RunMeta } from '../../engine/records/runRecords';
import { gdModeClosedForm } from '../../engine/metrics/modeClosedForm';
import type { SeriesSpec } from '../plots/LinePlot';
import { parseColor } from '../plots/plotMath/colorScale';
import { TWIN_DASH } from '../plots/colors';
import { rawStep } from '../../engine/lr/rule';

/**
 * One colour per mode, in the order of λ_k (descending): viridis from dark (k = 1, largest λ) to
 * green (k = K), evenly spaced by rank so that neighbouring modes stay distinguishable when the
 * spectrum spans many decades; the yellow end is left out (unreadable on white).
 */
export function modeColors(lambda: readonly number[], dark = false): string[] {
  const k = lambda.length;
  // On the dark background the ramp runs the other way, from yellow (k = 1) down to teal (0.45),
  // so the top modes are the brightest and every mode keeps ≥ 3:1 contrast (viridis(0.45) ≈ 3.9:1 on #171e28).
  const t = (i: number) => (k > 1 ? i / (k - 1) : 0);
  return lambda.map((_, i) => interpolateViridis(dark ? 1 - 0.55 * t(i) : 0.8 * t(i)));
}

/** The same colour at `alpha` opacity (faint closed-form lines). */
export function faint(color: string, alpha = 0.35): string {
  const [r, g, b] = parseColor(color);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

export interface ModeContext {
  lambda: number[];
  colors: string[];
  /** u_kᵀ(f₀ − y) from the step-0 row, or null when that row is not loaded. */
  initial: number[] | null;
  lr: number;
  gd: boolean;
}

export function modeContext(meta: RunMeta, rows: readonly MetricRow[], dark = false): ModeContext | null {
  const m = meta.modes;
  if (!m || m.count === 0) return null;
  const first = rows[0];
  return {
    lambda: m.lambda,
    colors: modeColors(m.lambda, dark),
    initial: first && first.step === 0 && first.modes && first.modes.lin.every((v) => v !== null) ? (first.modes.lin as number[]) : null,
    // the step applied to θ: η/α² (docs/science.md §10); λ_k are the scaled model's eigenvalues
    lr: rawStep(meta.config, meta.lr),
    gd: meta.config.optimizer === 'gd',
  };
}

const abs = (v: number | null | undefined) => (v === undefined || v === null ? undefined : Math.abs(v));

/** |u_kᵀr| vs step: network (solid), twin (dashed) and, for GD, the twin's closed form (faint). */
export function stepSeries(ctx: ModeContext): SeriesSpec<MetricRow>[] {
  const out: SeriesSpec<MetricRow>[] = [];
  ctx.lambda.forEach((lam, k) => {
    const color = ctx.colors[k];
    const init = ctx.initial;
    if (ctx.gd && init)
      out.push({ key: `closed${k + 1}`, label: `GD closed form k=${k + 1}`, color: faint(color), width: 4, y: (r) => Math.abs(gdModeClosedForm(lam, ctx.lr, r.step, init[k])) });
    out.push({ key: `net${k + 1}`, label: `network k=${k + 1}`, color, width: 1.6, y: (r) => abs(r.modes?.net[k]) });
    out.push({ key: `lin${k + 1}`, label: `twin k=${k + 1}`, color, width: 1.4, dash: TWIN_DASH, y: (r) => abs(r.modes?.lin[k]) });
  });
  return out;
}

/** One mode at one step: λ_k/N and the remaining fraction |u_kᵀr_t| / |u_kᵀr_0| of network and twin. */
export interface SpectrumPoint {
  k: number;
  lambda: number;
  net: number | undefined;
  lin: number | undefined;
  /** GD closed form |1 − ηλ/N|^t (the same for every mode with this λ). */
  closed: number | undefined;
}

/**
 * Modes whose initial projection is below this fraction of the largest one are left out of the
 * spectral-bias view (their remaining fraction is a ratio of rounding errors).
 */
export const MIN_INITIAL_SHARE = 1e-4;

const ratio = (v: number | null, v0: number) => (v === null ? undefined : Math.abs(v / v0));

export function spectrumAt(ctx: ModeContext, row: MetricRow | undefined): SpectrumPoint[] {
  const init = ctx.initial;
  if (!init || !row?.modes) return [];
  const big = Math.max(...init.map(Math.abs));
  const out: SpectrumPoint[] = [];
  ctx.lambda.forEach((lam, k) => {
    if (!(Math.abs(init[k]) > MIN_INITIAL_SHARE * big) || !(lam > 0)) return;
    out.push({
      k: k + 1,
      lambda: lam,
      net: ratio(row.modes!.net[k], init[k]),
      lin: ratio(row.modes!.lin[k], init[k]),
      closed: ctx.gd ? Math.abs(gdModeClosedForm(lam, ctx.lr, row.step, 1)) : undefined,
    });
  });
  return out.sort((a, b) => a.lambda - b.lambda);
}

/** The top `count` eigenvectors against the (1-D) training inputs, sorted by x. */
export function eigenvectorRows(meta: RunMeta, count: number): { x: number; u: number[] }[] {
  const m = meta.modes;
  if (!m || meta.dataset.inputDim !== 1) return [];
  const n = meta.dataset.xTrain.length;
  const shown = Math.min(count, m.count);
  return Array.from({ length: n }, (_, i) => ({ x: meta.dataset.xTrain[i], u: Array.from({ length: shown }, (_, k) => m.vectors[k * n + i]) })).sort((a, b) => a.x - b.x);
}

/** The row at the hovered step (nearest at or before it), else the latest row with modes. */
export function rowAt(rows: readonly MetricRow[], step: number | null): MetricRow | undefined {
  let best: MetricRow | undefined;
  for (const r of rows) {
    if (!r.modes) continue;
    if (step !== null && r.step > step) break;
    best = r;
  }
  return best;
}
