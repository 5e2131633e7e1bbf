// Line series: SVG path strings with gap handling, downsampling, nearest-point lookup.
// Pure (no DOM, no React); unit-tested in tests/unit/plotMath.test.ts.
import { line as d3line } from 'd3-shape';
import { bisector } from 'd3-array';
import { isValidNumber } from './scales';

/** A field that was not measured in this row (as opposed to a measured NaN). */
export function isMissing(v: unknown): v is null | undefined {
  return v === undefined || v === null;
}

/**
 * An SVG path string for one series. Rows where the field is missing (undefined/null: not
 * measured at that step, e.g. a metric logged every k steps) are skipped and the line connects
 * over them; a measured value whose scaled position is not a valid number (NaN, ±∞,
 * non-positive on a log axis) breaks the line into segments.
 */
export function linePath<Datum>(
  data: readonly Datum[],
  x: (d: Datum) => number | null | undefined,
  y: (d: Datum) => number | null | undefined,
  xScale: (v: number) => number,
  yScale: (v: number) => number,
): string {
  const px = (d: Datum): number => {
    const v = x(d);
    return isValidNumber(v) ? xScale(v) : NaN;
  };
  const py = (d: Datum): number => {
    const v = y(d);
    return isValidNumber(v) ? yScale(v) : NaN;
  };
  const gen = d3line<Datum>()
    .defined((d) => isValidNumber(px(d)) && isValidNumber(py(d)))
    .x((d) => round2(px(d)))
    .y((d) => round2(py(d)));
  return gen(data.filter((d) => !isMissing(y(d)) && !isMissing(x(d)))) ?? '';
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/**
 * Keep at most ~maxPoints data points for drawing: always the first and last, and per bucket of
 * consecutive points the ones holding the min and max of `value` (so spikes survive), else a stride.
 */
export function downsample<Datum>(data: readonly Datum[], maxPoints: number, value?: (d: Datum) => number | null | undefined): Datum[] {
  const n = data.length;
  if (n <= maxPoints || maxPoints < 3) return data.slice();
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  if (value) {
    const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
    const size = (n - 2) / buckets;
    for (let b = 0; b < buckets; b++) {
      const start = 1 + Math.floor(b * size);
      const end = Math.min(n - 1, 1 + Math.floor((b + 1) * size));
      let iMin = -1;
      let iMax = -1;
      for (let i = start; i < end; i++) {
        const v = value(data[i]);
        if (isMissing(v)) continue; // not measured here: nothing to keep
        if (!isValidNumber(v)) {
          keep[i] = 1; // keep gaps (measured NaN/±∞) visible
          continue;
        }
        if (iMin < 0 || v < (value(data[iMin]) as number)) iMin = i;
        if (iMax < 0 || v > (value(data[iMax]) as number)) iMax = i;
      }
      if (iMin >= 0) keep[iMin] = 1;
      if (iMax >= 0) keep[iMax] = 1;
      if (iMin < 0 && iMax < 0 && start < end) keep[start] = 1;
    }
  } else {
    const stride = (n - 1) / (maxPoints - 1);
    for (let k = 0; k < maxPoints; k++) keep[Math.round(k * stride)] = 1;
  }
  const out: Datum[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(data[i]);
  return out;
}

/** Index of the datum whose x is nearest to `target` in data sorted by x, or -1 for no data. */
export function nearestIndex<Datum>(data: readonly Datum[], x: (d: Datum) => number, target: number): number {
  if (data.length === 0 || !isValidNumber(target)) return -1;
  const i = bisector<Datum, number>(x).left(data as Datum[], target);
  if (i <= 0) return 0;
  if (i >= data.length) return data.length - 1;
  return target - x(data[i - 1]) <= x(data[i]) - target ? i - 1 : i;
}
