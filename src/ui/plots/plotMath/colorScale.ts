// Colour scales for heatmaps (sequential / diverging about 0) and rasterising a matrix to RGBA.
// Pure (no DOM, no React); unit-tested in tests/unit/plotMath.test.ts.
import { scaleDiverging, scaleSequential } from 'd3-scale';
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import { sharedExtent, symmetricDomain } from './scales';

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

/** Entries of the colour lookup table: finer than 8-bit colour, so the raster matches colorFn. */
export const LUT_SIZE = 1024;

/**
 * The spec's colours at LUT_SIZE evenly spaced positions t ∈ [0, 1] of the scale (diverging: lo → 0,
 * mid → 0.5, hi → 1), as RGB bytes; rasterising through it avoids a d3 colour string per cell.
 */
export function colorLut(spec: ColorScaleSpec, n = LUT_SIZE): Uint8ClampedArray {
  const lut = new Uint8ClampedArray(n * 3);
  const interp = spec.kind === 'diverging' ? (t: number) => interpolateRdBu(1 - t) : interpolateViridis;
  for (let i = 0; i < n; i++) {
    const [r, g, b] = parseColor(interp(n > 1 ? i / (n - 1) : 0));
    lut[i * 3] = r;
    lut[i * 3 + 1] = g;
    lut[i * 3 + 2] = b;
  }
  return lut;
}

/** Position t ∈ [0, 1] of value v on the spec's (clamped) scale; NaN for a non-finite v. */
export function scalePosition(spec: ColorScaleSpec, v: number): number {
  if (!Number.isFinite(v)) return NaN;
  const clamp01 = (t: number) => (t <= 0 ? 0 : t >= 1 ? 1 : Number.isNaN(t) ? 0.5 : t);
  if (spec.kind === 'diverging') {
    const [lo, mid, hi] = spec.domain;
    if (v < mid) return mid > lo ? clamp01(0.5 * ((v - lo) / (mid - lo))) : 0.5;
    return hi > mid ? clamp01(0.5 + 0.5 * ((v - mid) / (hi - mid))) : 0.5;
  }
  const [lo, hi] = spec.domain;
  return hi > lo ? clamp01((v - lo) / (hi - lo)) : 0.5;
}

/** rasterRGBA for a colour spec, through its lookup table (colorFn's picture, at most one ramp entry off). */
export function rasterRGBAForSpec(values: ArrayLike<number>, rows: number, cols: number, spec: ColorScaleSpec, lut = colorLut(spec)): Uint8ClampedArray {
  const n = lut.length / 3;
  const out = new Uint8ClampedArray(rows * cols * 4);
  const [nr, ng, nb] = parseColor(NAN_COLOR);
  for (let i = 0; i < rows * cols; i++) {
    const t = scalePosition(spec, i < values.length ? values[i] : NaN);
    const o = i * 4;
    if (Number.isNaN(t)) {
      out[o] = nr;
      out[o + 1] = ng;
      out[o + 2] = nb;
    } else {
      const k = Math.round(t * (n - 1)) * 3;
      out[o] = lut[k];
      out[o + 1] = lut[k + 1];
      out[o + 2] = lut[k + 2];
    }
    out[o + 3] = 255;
  }
  return out;
}
