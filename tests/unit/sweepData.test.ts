// The Sweep view's pure data preparation and its interim power-law fit, against direct
// computations on small hand-made sweeps.
import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../../src/engine/records/runRecords';
import { sweepMetrics, fitPowerLaw, type SweepMetric } from '../../src/engine/sweep';
import { familyCurves, fitBand, formatDuration, powerLawAt, referenceLabelAt, referenceLine, slopeLabel, widthColor, widthSeries } from '../../src/ui/sweep/sweepData';
import type { SweepRun } from '../../src/ui/sweep/types';

const row = (step: number, extra: Partial<MetricRow> & { layerChange?: number[] } = {}): MetricRow => ({ step, loss: 1, testLoss: 1, ...extra });

function run(width: number, seed: number, values: { init?: number; final: number; mid?: number }): SweepRun {
  const init = row(0, { c2OverC1: values.init, ntkDrift: 0 });
  const mid = row(10, { c2OverC1: values.mid ?? values.final, ntkDrift: values.mid ?? values.final });
  const final = row(20, { c2OverC1: values.final, ntkDrift: values.final, layerChange: [values.final, 2 * values.final] });
  return { param: 'ntk', outputScale: 1, width, seed, rows: [init, mid, final], init, final, index: 0, lr: 0.1, diverged: false, seconds: 1 };
}

/** The engine's fit over per-seed points (seeds are the bootstrap groups). */
const fitSeedPoints = (pts: readonly { width: number; seed: number; value: number }[]) => fitPowerLaw(pts.map((p) => ({ x: p.width, y: p.value, group: p.seed })));

const metric = (key: string): SweepMetric => {
  const m = sweepMetrics({ depth: 1, activation: 'tanh' }).find((x) => x.key === key);
  if (!m) throw new Error(key);
  return m;
};

describe('widthSeries', () => {
  const runs = [run(64, 1, { init: 4, final: 2 }), run(16, 1, { init: 8, final: 4 }), run(16, 2, { init: 6, final: 6 }), run(64, 2, { init: 2, final: 0 })];

  it('gives per-seed points sorted by width and per-width mean, min, max of positive values', () => {
    const s = widthSeries(runs, metric('c2OverC1'), 'final');
    expect(s.points).toEqual([
      { width: 16, seed: 1, value: 4 },
      { width: 16, seed: 2, value: 6 },
      { width: 64, seed: 1, value: 2 },
    ]);
    expect(s.means).toEqual([
      { width: 16, mean: 5, min: 4, max: 6, n: 2 },
      { width: 64, mean: 2, min: 2, max: 2, n: 1 },
    ]);
    expect(s.dropped).toBe(1); // the zero cannot sit on a log axis
    const i = widthSeries(runs, metric('c2OverC1'), 'init');
    expect(i.means.map((m) => m.mean)).toEqual([7, 3]);
  });

  it('reads per-layer weight change from the layerChange array', () => {
    const s = widthSeries(runs, metric('layerChange2'), 'final');
    expect(s.points.map((p) => p.value)).toEqual([8, 12, 4]);
  });
});

describe('fitSeedPoints (the engine fit over per-seed values)', () => {
  it('recovers an exact power law, seeds as bootstrap groups', () => {
    const pts = [16, 64, 256, 1024].flatMap((w) => [1, 2, 3].map((seed) => ({ width: w, seed, value: 3 * w ** -0.5 })));
    const f = fitSeedPoints(pts)!;
    expect(f.slope).toBeCloseTo(-0.5, 12);
    expect(f.intercept).toBeCloseTo(Math.log(3), 12);
    expect(f.ci95![0]).toBeCloseTo(-0.5, 9);
    expect(f.ci95![1]).toBeCloseTo(-0.5, 9);
    expect(f.n).toBe(12);
    expect(f.seeds).toBe(3);
    expect(powerLawAt(f, 100)).toBeCloseTo(0.3, 12);
  });

  it('fits per-seed values, not seed means: the slope equals the closed form on two widths', () => {
    const pts = [
      { width: 10, seed: 1, value: 2 },
      { width: 10, seed: 2, value: 8 },
      { width: 1000, seed: 1, value: 0.5 },
      { width: 1000, seed: 2, value: 0.125 },
    ];
    const direct = (Math.log(0.5 * 0.125) / 2 - Math.log(2 * 8) / 2) / (Math.log(1000) - Math.log(10));
    expect(fitSeedPoints(pts)!.slope).toBeCloseTo(direct, 12);
    expect(fitSeedPoints(pts.slice(0, 2))).toBeNull(); // one width: no slope
  });

  it('one seed: a slope but no interval, and the label says so', () => {
    const f = fitSeedPoints([16, 64].map((w) => ({ width: w, seed: 1, value: 1 / w })))!;
    expect(f.ci95).toBeNull();
    expect(slopeLabel(f)).toBe('slope −1.00 (one seed: no interval)');
    expect(fitBand(f, [16, 64], 2).every((b) => Math.abs(b.hi - b.lo) < 1e-12)).toBe(true);
  });
});

describe('fit band, labels, references', () => {
  const fit = { slope: -0.5, intercept: Math.log(2), ci95: [-0.6, -0.4] as [number, number], n: 6, seeds: 2 };
  it('the band follows the fit and pivots at the geometric mean width', () => {
    const band = fitBand(fit, [16, 64, 256], 3);
    expect(band.map((b) => b.width)).toEqual([16, 64, 256].map((w) => expect.closeTo(w, 9)));
    for (const b of band) {
      expect(b.fit).toBeCloseTo(powerLawAt(fit, b.width), 12);
      expect(b.lo).toBeLessThanOrEqual(b.fit);
      expect(b.hi).toBeGreaterThanOrEqual(b.fit);
    }
    expect(band[1].hi - band[1].lo).toBeCloseTo(0, 12); // 64 = geometric mean of 16 and 256
    expect(band[0].hi).toBeCloseTo(powerLawAt(fit, 64) * (16 / 64) ** -0.6, 12);
  });
  it('labels the slope with a real minus sign and two decimals', () => {
    expect(slopeLabel({ ...fit, seeds: 3, slope: -0.5234, ci95: [-0.611, -0.4399] })).toBe('slope −0.52 [−0.61, −0.44]');
    expect(slopeLabel({ ...fit, seeds: 5, slope: 0.001, ci95: [-0.004, 0.02] })).toBe('slope 0.00 [0.00, 0.02]');
  });
  it('with fewer than 3 seeds the interval says it is not informative', () => {
    expect(slopeLabel({ ...fit, seeds: 2, slope: -0.7, ci95: [-4.2, 2.7] })).toBe('slope −0.70 [−4.20, 2.70] (2 seeds: interval not informative, use ≥ 3)');
  });
  it('reference lines pass through the anchor with the given slope', () => {
    const [[a0, v0], [a1, v1]] = referenceLine(-1, { width: 16, value: 0.2 }, 16, 1600);
    expect([a0, a1]).toEqual([16, 1600]);
    expect(v0).toBeCloseTo(0.2, 12);
    expect(v1).toBeCloseTo(0.002, 12);
  });
});

describe('familyCurves', () => {
  it('averages seeds of one width at each step, widths ascending, skipping steps where a seed has no value', () => {
    const runs = [run(64, 1, { final: 2, mid: 4 }), run(16, 1, { final: 4 }), run(16, 2, { final: 6, mid: 10 })];
    const c = familyCurves(runs, metric('ntkDrift'));
    expect(c.map((x) => x.width)).toEqual([16, 64]);
    expect(c[0].points).toEqual([
      { step: 10, value: 7 },
      { step: 20, value: 5 },
    ]); // step 0 is 0 for every run: not on a log axis
    expect(c[1].points).toEqual([
      { step: 10, value: 4 },
      { step: 20, value: 2 },
    ]);
  });
});

describe('formatting', () => {
  it('colours by log width: distinct, narrow darker than wide', () => {
    const ws = [16, 256, 4096];
    const cols = ws.map((w) => widthColor(w, ws));
    expect(new Set(cols).size).toBe(3);
    const lum = (c: string) => {
      const m = /#(..)(..)(..)/.exec(c) ?? /rgb\((\d+), (\d+), (\d+)\)/.exec(c)!;
      const v = m[0].startsWith('#') ? m.slice(1).map((h) => parseInt(h, 16)) : m.slice(1).map(Number);
      return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
    };
    expect(lum(cols[0])).toBeLessThan(lum(cols[2]));
  });
  it('durations', () => {
    expect(formatDuration(42_400)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatDuration(null)).toBe('–');
  });
});

describe('referenceLabelAt', () => {
  it('puts the label at the right edge when the line ends inside, else where it leaves the y range', () => {
    const a = { width: 10, value: 1 };
    // slope −1/2 over 10…1000 ends at 0.1, inside [0.01, 10]
    const [n, v] = referenceLabelAt(-0.5, a, [10, 1000], [0.01, 10], 0)!;
    expect(n).toBe(1000);
    expect(v).toBeCloseTo(0.1, 12);
    // slope −1 leaves the bottom (0.1) at n = 100
    const [n2, v2] = referenceLabelAt(-1, a, [10, 1000], [0.1, 10], 0)!;
    expect(n2).toBeCloseTo(100, 9);
    expect(v2).toBeCloseTo(0.1, 12);
  });
});
