// Domains and scales: which values can be drawn, their extents, padded domains, d3 scales.
// Pure (no DOM, no React); unit-tested in tests/unit/plotMath.test.ts.
import { type ScaleLinear, type ScaleLogarithmic, scaleLinear, scaleLog } from 'd3-scale';

export type ScaleKind = 'linear' | 'log';
export type NumScale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;

/** A number that can be drawn: not NaN, not ±∞ (visx `isValidNumber`). */
export function isValidNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A value that can be placed on an axis of the given kind (log axes also need v > 0). */
export function isPlottable(v: unknown, kind: ScaleKind): v is number {
  return isValidNumber(v) && (kind === 'linear' || v > 0);
}

/** Min and max of the plottable values, or null when there are none. */
export function finiteExtent(values: Iterable<number | null | undefined>, kind: ScaleKind = 'linear'): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!isPlottable(v, kind)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * A drawable domain for an extent: padded by `pad` of the span (in log space for log axes),
 * widened when degenerate, and a sensible default ([0, 1] or [1, 10]) when there is no data.
 */
export function paddedDomain(extent: [number, number] | null, kind: ScaleKind, pad = 0.05): [number, number] {
  if (!extent) return kind === 'log' ? [1, 10] : [0, 1];
  const [lo, hi] = extent;
  if (kind === 'log') {
    let a = Math.log10(lo);
    let b = Math.log10(hi);
    if (b - a < 1e-9) {
      a -= 0.5;
      b += 0.5;
    } else {
      const p = (b - a) * pad;
      a -= p;
      b += p;
    }
    return [10 ** a, 10 ** b];
  }
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi))) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - d, hi + d];
  }
  const p = (hi - lo) * pad;
  return [lo - p, hi + p];
}

/** A d3 scale of the given kind (log scales clamp nothing: non-positive input gives NaN → a gap). */
export function makeScale(kind: ScaleKind, domain: [number, number], range: [number, number]): NumScale {
  return kind === 'log' ? scaleLog().domain(domain).range(range) : scaleLinear().domain(domain).range(range);
}

/** [−m, m] with m the largest finite |value| (≥ a tiny floor so the scale is never degenerate). */
export function symmetricDomain(...arrays: (ArrayLike<number> | null | undefined)[]): [number, number] {
  let m = 0;
  for (const arr of arrays) {
    if (!arr) continue;
    for (let i = 0; i < arr.length; i++) {
      const v = Math.abs(arr[i]);
      if (Number.isFinite(v) && v > m) m = v;
    }
  }
  if (m === 0) m = 1;
  return [-m, m];
}

/** Min and max over several arrays of finite values, or null when all are empty / non-finite. */
export function sharedExtent(...arrays: (ArrayLike<number> | null | undefined)[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const arr of arrays) {
    if (!arr) continue;
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Step-axis domain: from the first to the last step (log axes start at the first positive step). */
export function stepExtent<Datum>(data: readonly Datum[], x: (d: Datum) => number, kind: ScaleKind): [number, number] | null {
  const ext = finiteExtent(
    data.map((d) => x(d)),
    kind,
  );
  if (!ext) return null;
  if (ext[0] === ext[1]) return kind === 'log' ? [ext[0], ext[0] * 10] : [ext[0], ext[0] + 10];
  return ext;
}

/**
 * y domain for a function plot: the targets' range (padded) widened to include the curves, but
 * never more than `maxZoomOut` target-spans beyond it, so one diverging curve cannot flatten the rest.
 */
export function functionYDomain(targets: readonly (ArrayLike<number>)[], curves: readonly (ArrayLike<number>)[], maxZoomOut = 1): [number, number] {
  const t = sharedExtent(...targets);
  const c = sharedExtent(...curves);
  if (!t && !c) return [-1, 1];
  if (!t) return paddedDomain(c, 'linear', 0.08);
  const span = Math.max(t[1] - t[0], 1e-6);
  let lo = t[0];
  let hi = t[1];
  if (c) {
    lo = Math.max(Math.min(lo, c[0]), t[0] - maxZoomOut * span);
    hi = Math.min(Math.max(hi, c[1]), t[1] + maxZoomOut * span);
  }
  return paddedDomain([lo, hi], 'linear', 0.08);
}
