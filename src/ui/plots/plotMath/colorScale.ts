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
