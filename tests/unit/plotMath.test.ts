import { describe, expect, it } from 'vitest';
import { autoColorSpec, colorFn, divergingSpec, parseColor, rasterRGBA, rasterRGBAForSpec } from '../../src/ui/plots/plotMath/colorScale';
import { axisTicks } from '../../src/ui/plots/plotMath/ticks';
import { downsample, linePath, nearestIndex } from '../../src/ui/plots/plotMath/lines';
import { finiteExtent, functionYDomain, isPlottable, isValidNumber, makeScale, paddedDomain, stepExtent, symmetricDomain } from '../../src/ui/plots/plotMath/scales';
import { formatNumber, formatTick } from '../../src/ui/plots/plotMath/format';
import { squareSide, subtract } from '../../src/ui/plots/plotMath/matrix';

const id = (v: number) => v;

describe('valid numbers and extents', () => {
  it('isValidNumber rejects NaN, ±∞ and non-numbers', () => {
    expect(isValidNumber(1)).toBe(true);
    expect(isValidNumber(0)).toBe(true);
    for (const v of [NaN, Infinity, -Infinity, undefined, null, '1']) expect(isValidNumber(v)).toBe(false);
  });
  it('isPlottable on log axes also rejects v ≤ 0', () => {
    expect(isPlottable(0, 'log')).toBe(false);
    expect(isPlottable(-1, 'log')).toBe(false);
    expect(isPlottable(1e-12, 'log')).toBe(true);
    expect(isPlottable(0, 'linear')).toBe(true);
  });
  it('finiteExtent skips missing and non-finite values', () => {
    expect(finiteExtent([3, NaN, undefined, -1, Infinity, null, 2])).toEqual([-1, 3]);
    expect(finiteExtent([0, -2, 5, 0.1], 'log')).toEqual([0.1, 5]);
    expect(finiteExtent([NaN, undefined])).toBeNull();
    expect(finiteExtent([0, -1], 'log')).toBeNull();
  });
  it('paddedDomain defaults for empty data and widens degenerate extents', () => {
    expect(paddedDomain(null, 'linear')).toEqual([0, 1]);
    expect(paddedDomain(null, 'log')).toEqual([1, 10]);
    const [a, b] = paddedDomain([2, 2], 'linear');
    expect(a).toBeLessThan(2);
    expect(b).toBeGreaterThan(2);
    const [c, d] = paddedDomain([0.01, 0.01], 'log');
    expect(c).toBeCloseTo(0.01 / Math.sqrt(10), 10);
    expect(d).toBeCloseTo(0.01 * Math.sqrt(10), 10);
    const [e, f] = paddedDomain([1e-4, 1], 'log', 0.05);
    expect(Math.log10(e)).toBeCloseTo(-4.2, 10);
    expect(Math.log10(f)).toBeCloseTo(0.2, 10);
    const [g, h] = paddedDomain([0, 10], 'linear', 0.1);
    expect([g, h]).toEqual([-1, 11]);
  });
  it('stepExtent starts at the first positive step on log x', () => {
    const rows = [0, 1, 10, 100].map((step) => ({ step }));
    expect(stepExtent(rows, (r) => r.step, 'linear')).toEqual([0, 100]);
    expect(stepExtent(rows, (r) => r.step, 'log')).toEqual([1, 100]);
    expect(stepExtent([{ step: 0 }], (r) => r.step, 'log')).toBeNull();
    expect(stepExtent([{ step: 0 }], (r) => r.step, 'linear')).toEqual([0, 10]);
  });
});

describe('scales and ticks', () => {
  it('makeScale maps linear and log domains onto the range', () => {
    const lin = makeScale('linear', [0, 10], [0, 100]);
    expect(lin(5)).toBe(50);
    const log = makeScale('log', [1, 100], [100, 0]);
    expect(log(10)).toBeCloseTo(50, 10);
    expect(Number.isFinite(log(0))).toBe(false); // → a gap, never a point at the edge
    expect(Number.isFinite(log(-1))).toBe(false);
  });
  it('log ticks over several decades label each decade, minor ticks unlabelled', () => {
    const t = axisTicks('log', [1e-4, 1], 5);
    const labelled = t.filter((x) => x.label).map((x) => x.value);
    expect(labelled.map((v) => Math.round(Math.log10(v)))).toEqual([-4, -3, -2, -1, 0]);
    expect(t.some((x) => !x.major && x.label === '')).toBe(true);
    expect(t.find((x) => x.value === 1e-4)?.label).toBe('10⁻⁴');
    expect(t.find((x) => x.value === 1)?.label).toBe('1');
  });
  it('log ticks thin decade labels over very wide spans', () => {
    const t = axisTicks('log', [1e-12, 1e6], 5);
    const labelled = t.filter((x) => x.label);
    expect(labelled.length).toBeLessThanOrEqual(6);
    expect(labelled.length).toBeGreaterThanOrEqual(3);
    expect(labelled.every((x) => x.label.startsWith('10') || x.label === '1')).toBe(true);
    expect(t.every((x) => x.value > 0)).toBe(true);
  });
  it('log ticks inside one decade are still labelled', () => {
    const t = axisTicks('log', [0.2, 0.9], 5);
    expect(t.filter((x) => x.label).length).toBeGreaterThanOrEqual(2);
    for (const x of t) {
      expect(x.value).toBeGreaterThanOrEqual(0.2);
      expect(x.value).toBeLessThanOrEqual(0.9);
    }
  });
  it('log ticks over about one decade label round values (1-2-5)', () => {
    const t = axisTicks('log', [0.02, 0.4], 5);
    expect(t.filter((x) => x.label).map((x) => x.label)).toEqual(['0.02', '0.05', '0.1', '0.2']);
  });
  it('degenerate or invalid domains give no NaN ticks', () => {
    expect(axisTicks('log', [0, 1])).toEqual([]);
    expect(axisTicks('linear', [NaN, 1])).toEqual([]);
    for (const t of axisTicks('linear', [0, 1000])) expect(t.label).not.toContain('NaN');
  });
  it('formats numbers compactly and never prints NaN', () => {
    expect(formatNumber(NaN)).toBe('–');
    expect(formatNumber(undefined)).toBe('–');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(12000)).toBe('12k');
    expect(formatNumber(2.5e-5)).toBe('2.5×10⁻⁵');
    expect(formatNumber(-3)).toBe('−3');
    expect(formatNumber(5.34e24)).toBe('5.34×10²⁴');
    expect(formatNumber(2.5e6)).toBe('2.5M');
    expect(formatTick(1e5, 'log')).toBe('10⁵');
    expect(formatTick(0.01, 'log')).toBe('0.01');
    expect(formatTick(0.01, 'log', true)).toBe('10⁻²');
    expect(formatTick(1000, 'linear')).toBe('1000');
  });
});

describe('line paths with gaps', () => {
  const x = (d: { x: number; y?: number }) => d.x;
  const y = (d: { x: number; y?: number }) => d.y;
  it('draws one segment through valid points', () => {
    const p = linePath([{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 2, y: 4 }], x, y, id, id);
    expect(p).toBe('M0,0L1,1L2,4');
  });
  it('NaN and ±∞ split the line', () => {
    const data = [{ x: 0, y: 1 }, { x: 1, y: 2 }, { x: 2, y: NaN }, { x: 4, y: Infinity }, { x: 5, y: 3 }, { x: 6, y: 4 }];
    const p = linePath(data, x, y, id, id);
    expect(p).toBe('M0,1L1,2M5,3L6,4');
    expect(p).not.toContain('NaN');
  });
  it('rows where the field was not measured are skipped, not gaps', () => {
    const data = [{ x: 0, y: 1 }, { x: 1 }, { x: 2, y: 3 }, { x: 3 }, { x: 4, y: NaN }, { x: 5, y: 2 }];
    // a lone point is a zero-length closed segment (a dot with round line caps)
    expect(linePath(data, x, y, id, id)).toBe('M0,1L2,3M5,2Z');
  });
  it('non-positive values on a log axis become gaps', () => {
    const ys = makeScale('log', [0.1, 10], [100, 0]);
    const data = [{ x: 0, y: 1 }, { x: 1, y: 0 }, { x: 2, y: -1 }, { x: 3, y: 10 }, { x: 4, y: 1 }];
    const p = linePath(data, x, y, id, ys);
    expect(p.match(/M/g)?.length).toBe(2);
    expect(p).not.toContain('NaN');
  });
  it('empty or all-invalid data gives an empty path', () => {
    expect(linePath([], x, y, id, id)).toBe('');
    expect(linePath([{ x: 0 }, { x: 1, y: NaN }], x, y, id, id)).toBe('');
  });
});

describe('downsampling and nearest lookup', () => {
  const data = Array.from({ length: 10_000 }, (_, i) => ({ step: i, v: i === 5_000 ? 1e6 : Math.sin(i / 100) }));
  it('keeps first, last and spikes, and bounds the point count', () => {
    const out = downsample(data, 500, (d) => d.v);
    expect(out.length).toBeLessThanOrEqual(500 + 2);
    expect(out[0]).toBe(data[0]);
    expect(out[out.length - 1]).toBe(data[data.length - 1]);
    expect(out.some((d) => d.v === 1e6)).toBe(true);
    for (let i = 1; i < out.length; i++) expect(out[i].step).toBeGreaterThan(out[i - 1].step);
  });
  it('stride downsampling without a value accessor', () => {
    const out = downsample(data, 101);
    expect(out.length).toBe(101);
    expect(out[0].step).toBe(0);
    expect(out[100].step).toBe(9_999);
  });
  it('returns a copy when already small enough', () => {
    const small = data.slice(0, 10);
    const out = downsample(small, 100);
    expect(out).toEqual(small);
    expect(out).not.toBe(small);
  });
  it('keeps measured-NaN gap points but not unmeasured rows', () => {
    const sparse = Array.from({ length: 1000 }, (_, i) => ({ v: i % 5 === 0 ? i : undefined }));
    const kept = downsample(sparse, 50, (d) => d.v);
    expect(kept.filter((d) => d.v === undefined).length).toBeLessThanOrEqual(1); // only the forced last row
  });
  it('keeps gap points so downsampling does not bridge NaN values', () => {
    const withGap = Array.from({ length: 1000 }, (_, i) => ({ v: i >= 400 && i < 410 ? NaN : 1 }));
    const out = downsample(withGap, 50, (d) => d.v);
    expect(out.some((d) => Number.isNaN(d.v))).toBe(true);
  });
  it('nearestIndex finds the closest step', () => {
    const rows = [0, 10, 20, 40].map((step) => ({ step }));
    const s = (r: { step: number }) => r.step;
    expect(nearestIndex(rows, s, -5)).toBe(0);
    expect(nearestIndex(rows, s, 14)).toBe(1);
    expect(nearestIndex(rows, s, 16)).toBe(2);
    expect(nearestIndex(rows, s, 1000)).toBe(3);
    expect(nearestIndex([], s, 3)).toBe(-1);
    expect(nearestIndex(rows, s, NaN)).toBe(-1);
  });
});

describe('colour scales', () => {
  it('symmetricDomain is symmetric about 0, ignores non-finite values, never degenerate', () => {
    expect(symmetricDomain([1, -3, 2], [NaN, Infinity])).toEqual([-3, 3]);
    expect(symmetricDomain([0.5])).toEqual([-0.5, 0.5]);
    expect(symmetricDomain([], null)).toEqual([-1, 1]);
    expect(symmetricDomain([0, 0])).toEqual([-1, 1]);
  });
  it('diverging spec maps 0 to white-ish and ± to opposite hues', () => {
    const spec = divergingSpec([-2, 1]);
    expect(spec.domain).toEqual([-2, 0, 2]);
    const c = colorFn(spec);
    const [r0, g0, b0] = parseColor(c(0));
    expect(Math.min(r0, g0, b0)).toBeGreaterThan(230);
    const [rp, , bp] = parseColor(c(2));
    const [rn, , bn] = parseColor(c(-2));
    expect(rp).toBeGreaterThan(bp); // positive → red
    expect(bn).toBeGreaterThan(rn); // negative → blue
    expect(c(5)).toBe(c(2)); // clamped
    expect(c(NaN)).toBe('rgb(220, 220, 220)');
  });
  it('autoColorSpec shares one scale across matrices: sequential for ≥ 0, else symmetric diverging', () => {
    const a = autoColorSpec([0, 1, 2], [3, 0.5]);
    expect(a).toEqual({ kind: 'sequential', domain: [0, 3] });
    const b = autoColorSpec([0, 1], [-4, 2]);
    expect(b).toEqual({ kind: 'diverging', domain: [-4, 0, 4] });
    const c = autoColorSpec([2, 2]);
    expect(c.kind).toBe('sequential');
    expect(c.domain[1]).toBeGreaterThan(c.domain[0]);
  });
  it('rasterRGBA paints row-major, opaque, with NaN as grey', () => {
    const px = rasterRGBA([0, NaN, 1, 2], 2, 2, (v) => (Number.isFinite(v) ? `rgb(${v * 100}, 0, 0)` : 'rgb(220, 220, 220)'));
    expect(Array.from(px.slice(0, 4))).toEqual([0, 0, 0, 255]);
    expect(Array.from(px.slice(4, 8))).toEqual([220, 220, 220, 255]);
    expect(Array.from(px.slice(12, 16))).toEqual([200, 0, 0, 255]);
  });
  it('rasterRGBAForSpec (lookup table) paints what colorFn paints, within one step of the colour ramp', () => {
    // viridis is a 256-entry ramp: a LUT position that rounds across an entry boundary takes the
    // neighbour, whose channels differ by ≤ 3 of 255.
    // Deterministic values spanning below, inside and above each domain, plus non-finite ones.
    const values = Array.from({ length: 2000 }, (_, i) => (((i * 7919) % 2000) / 2000) * 10 - 5);
    values.push(NaN, Infinity, -Infinity, 0);
    for (const spec of [
      { kind: 'sequential' as const, domain: [-1, 3] },
      { kind: 'diverging' as const, domain: [-2, 0, 2] },
      { kind: 'diverging' as const, domain: [-1, 0, 4] },
    ]) {
      const want = rasterRGBA(values, 1, values.length, colorFn(spec));
      const got = rasterRGBAForSpec(values, 1, values.length, spec);
      let worst = 0;
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(want[i] - got[i]));
      expect(worst, `${spec.kind} ${spec.domain.join(',')}`).toBeLessThanOrEqual(3);
      expect(Array.from(got.slice(-16, -4))).toEqual([220, 220, 220, 255, 220, 220, 220, 255, 220, 220, 220, 255]);
    }
  });
  it('parseColor reads rgb() and hex', () => {
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(parseColor('#ff8000')).toEqual([255, 128, 0]);
  });
});

describe('matrix and function helpers', () => {
  it('squareSide recognises square matrices only', () => {
    expect(squareSide(64)).toBe(8);
    expect(squareSide(0)).toBe(0);
    expect(squareSide(10)).toBe(0);
  });
  it('subtract is elementwise and NaN-pads mismatched lengths', () => {
    expect(subtract([3, 2, 1], [1, 1])).toEqual([2, 1, NaN]);
  });
  it('functionYDomain follows targets and caps how far a runaway curve can zoom out', () => {
    const [lo, hi] = functionYDomain([[-1, 1]], [[-0.5, 0.5]]);
    expect(lo).toBeLessThan(-1);
    expect(hi).toBeGreaterThan(1);
    expect(hi).toBeLessThan(1.5);
    const [lo2, hi2] = functionYDomain([[-1, 1]], [[-1e6, 1e6, NaN]]);
    expect(lo2).toBeGreaterThan(-4);
    expect(hi2).toBeLessThan(4);
    expect(functionYDomain([], [])).toEqual([-1, 1]);
  });
});
