// Pure plotting helpers: domains, scales, ticks, path strings, gap handling, colour scales and
// downsampling. No DOM, no React: everything here is unit-tested in Node (tests/unit/plotMath.test.ts).
import { scaleLinear, scaleLog, scaleSequential, scaleDiverging, type ScaleLinear, type ScaleLogarithmic } from 'd3-scale';
import { line as d3line } from 'd3-shape';
import { bisector } from 'd3-array';
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';

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
  let [lo, hi] = extent;
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

export interface Tick {
  value: number;
  label: string;
  /** Minor ticks get a short mark / faint grid line and no label. */
  major: boolean;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 10^k written with superscripts ("10⁻³"); 1 and 10 written plainly. */
export function formatPow10(k: number): string {
  if (k === 0) return '1';
  if (k === 1) return '10';
  return '10' + String(k).replace(/[-0-9]/g, (c) => SUPERSCRIPT[c]);
}

/** A compact human label for a number: 3 significant digits, k/M suffixes, exponents for tiny values. */
export function formatNumber(v: number | null | undefined, digits = 3): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const sign = v < 0 ? '−' : '';
  if (a >= 1e9 || a < 1e-3) {
    const [m, e] = a.toExponential(Math.max(0, digits - 1)).split('e');
    return sign + trimZeros(m) + '×' + formatPow10(Number(e));
  }
  if (a >= 1e6) return sign + trimZeros((a / 1e6).toPrecision(digits)) + 'M';
  if (a >= 1e4) return sign + trimZeros((a / 1e3).toPrecision(digits)) + 'k';
  if (a >= 1e3) return sign + String(Math.round(a));
  return sign + trimZeros(a.toPrecision(digits));
}

function trimZeros(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

/** A tick label for an axis value: exact powers of ten as 10ᵏ, the rest compact. */
export function formatTick(v: number, kind: ScaleKind, allPow10 = false): string {
  if (kind === 'log' && v > 0) {
    const k = Math.round(Math.log10(v));
    if (Math.abs(v - 10 ** k) <= 1e-9 * 10 ** k && (allPow10 || k <= -3 || k >= 4)) return formatPow10(k);
  }
  if (Math.abs(v) < 1e-12) return '0';
  return formatNumber(v, 3);
}

/**
 * Ticks for an axis. Linear: d3's nice ticks, all labelled. Log over more than ~1 decade: every
 * decade labelled (thinned to at most `count` labels), the 2…9 multiples as unlabelled minor
 * ticks; over a short span d3's multiples are labelled directly.
 */
export function axisTicks(kind: ScaleKind, domain: [number, number], count = 5): Tick[] {
  const [lo, hi] = domain[0] <= domain[1] ? domain : [domain[1], domain[0]];
  if (!(isValidNumber(lo) && isValidNumber(hi))) return [];
  if (kind === 'linear') {
    return scaleLinear()
      .domain([lo, hi])
      .ticks(count)
      .map((value) => ({ value, label: formatTick(value, 'linear'), major: true }));
  }
  if (lo <= 0) return [];
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const decadesInside: number[] = [];
  for (let k = a; k <= b; k++) if (10 ** k >= lo * (1 - 1e-12) && 10 ** k <= hi * (1 + 1e-12)) decadesInside.push(k);
  if (decadesInside.length >= 2) {
    const stride = Math.max(1, Math.ceil(decadesInside.length / count));
    const out: Tick[] = [];
    for (let k = a; k <= b; k++) {
      for (let m = 1; m <= 9; m++) {
        const value = k < 0 ? m / 10 ** -k : m * 10 ** k; // exact decimal (10 ** -4 !== 1e-4)
        if (value < lo * (1 - 1e-12) || value > hi * (1 + 1e-12)) continue;
        const major = m === 1 && (k - decadesInside[0]) % stride === 0;
        // with many decades, drop the 2…9 minor ticks (too dense to read)
        if (m !== 1 && decadesInside.length > 6) continue;
        // over many decades write every label as 10ᵏ so the axis reads uniformly
        out.push({ value, label: major ? formatTick(value, 'log', decadesInside.length > 5) : '', major });
      }
    }
    return out;
  }
  // short span: d3 picks multiples (or falls back to linear ticks); label at most `count` of them
  const t = scaleLog().domain([lo, hi]).ticks(count);
  // label the "round" mantissas first (1-2-5, then 1-3, then decades) so labels are evenly readable
  const mantissa = (v: number) => Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
  for (const set of [[1, 2, 5], [1, 3], [1, 2, 4, 6, 8]]) {
    const picked = t.filter((v) => set.includes(mantissa(v)) && Math.abs(v / 10 ** Math.floor(Math.log10(v) + 1e-9) - mantissa(v)) < 1e-6);
    if (picked.length >= 2 && picked.length <= count + 1) {
      const set2 = new Set(picked);
      return t.map((value) => ({ value, label: set2.has(value) ? formatTick(value, 'log') : '', major: set2.has(value) }));
    }
  }
  const stride = Math.max(1, Math.ceil(t.length / count));
  return t.map((value, i) => ({ value, label: i % stride === 0 ? formatTick(value, 'log') : '', major: i % stride === 0 }));
}

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

export type ColorScaleKind = 'diverging' | 'sequential';

export interface ColorScaleSpec {
  kind: ColorScaleKind;
  /** diverging: [−m, 0, m] (symmetric); sequential: [lo, hi]. */
  domain: number[];
}

/**
 * The colour scale for a kernel-like heatmap sharing one range across matrices: sequential when
 * every value is ≥ 0, otherwise diverging and symmetric about 0 so white always means zero.
 */
export function autoColorSpec(...arrays: (ArrayLike<number> | null | undefined)[]): ColorScaleSpec {
  const ext = sharedExtent(...arrays);
  if (ext && ext[0] >= 0) return { kind: 'sequential', domain: ext[1] > ext[0] ? [ext[0], ext[1]] : [ext[0], ext[0] + 1] };
  const [lo, hi] = symmetricDomain(...arrays);
  return { kind: 'diverging', domain: [lo, 0, hi] };
}

/** Symmetric diverging spec over arrays (differences, signed functions). */
export function divergingSpec(...arrays: (ArrayLike<number> | null | undefined)[]): ColorScaleSpec {
  const [lo, hi] = symmetricDomain(...arrays);
  return { kind: 'diverging', domain: [lo, 0, hi] };
}

/** Blue (negative) – white (0) – red (positive); viridis for sequential. Non-finite → light grey. */
export function colorFn(spec: ColorScaleSpec): (v: number) => string {
  if (spec.kind === 'diverging') {
    const [lo, mid, hi] = spec.domain;
    const s = scaleDiverging((t: number) => interpolateRdBu(1 - t))
      .domain([lo, mid, hi])
      .clamp(true);
    return (v) => (Number.isFinite(v) ? s(v) : NAN_COLOR);
  }
  const s = scaleSequential(interpolateViridis).domain([spec.domain[0], spec.domain[1]]).clamp(true);
  return (v) => (Number.isFinite(v) ? s(v) : NAN_COLOR);
}

export const NAN_COLOR = 'rgb(220, 220, 220)';

/** Parse "rgb(r, g, b)" or "#rrggbb" into bytes. */
export function parseColor(c: string): [number, number, number] {
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(c);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (h) return [parseInt(h[1], 16), parseInt(h[2], 16), parseInt(h[3], 16)];
  return [220, 220, 220];
}

/** RGBA bytes for a row-major rows × cols raster (row 0 at the top). */
export function rasterRGBA(values: ArrayLike<number>, rows: number, cols: number, color: (v: number) => string): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rows * cols * 4);
  const cache = new Map<string, [number, number, number]>();
  for (let i = 0; i < rows * cols; i++) {
    const c = color(i < values.length ? values[i] : NaN);
    let rgb = cache.get(c);
    if (!rgb) {
      rgb = parseColor(c);
      cache.set(c, rgb);
    }
    out[i * 4] = rgb[0];
    out[i * 4 + 1] = rgb[1];
    out[i * 4 + 2] = rgb[2];
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** Elementwise a − b (NaN where either is missing). */
export function subtract(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i < a.length && i < b.length ? a[i] - b[i] : NaN;
  return out;
}

/** The side of a square matrix stored in `len` entries, or 0 when `len` is not a square. */
export function squareSide(len: number): number {
  const n = Math.round(Math.sqrt(len));
  return n * n === len ? n : 0;
}

/** Rows that have at least one plottable value for one of the accessors. */
export function hasAnyValue<Datum>(data: readonly Datum[], accessors: ((d: Datum) => number | null | undefined)[], kind: ScaleKind = 'linear'): boolean {
  for (const d of data) for (const a of accessors) if (isPlottable(a(d), kind)) return true;
  return false;
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
