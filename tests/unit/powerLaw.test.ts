// The power-law fit: recovers known slopes, and its 95% interval covers the truth at about 95%.
import { describe, expect, it } from 'vitest';
import { fitPowerLaw, olsLine, tQuantile975, type PowerLawPoint } from '../../src/engine/scaling/powerLaw';
import { normalStream } from '../../src/engine/prng';

const WIDTHS = [16, 32, 64, 128, 256, 512, 1024, 2048];

/** y = C·w^slope · exp(seed effect + point noise): seeds share a random offset and a random slope wobble. */
function synthetic(slope: number, seeds: number, trial: number, noise = 0.3): PowerLawPoint[] {
  const g = normalStream(1000 + trial);
  const pts: PowerLawPoint[] = [];
  for (let s = 0; s < seeds; s++) {
    const offset = 0.5 * g();
    const wobble = 0.05 * g();
    for (const w of WIDTHS) pts.push({ x: w, y: 3 * Math.exp(offset + noise * g()) * w ** (slope + wobble), group: s });
  }
  return pts;
}

describe('power-law fit', () => {
  it('ols is exact on a line; t quantiles match tables', () => {
    expect(olsLine([0, 1, 2], [1, 3, 5])).toEqual({ slope: 2, intercept: 1 });
    expect(olsLine([1, 1], [0, 1])).toBeNull();
    expect(tQuantile975(4)).toBeCloseTo(2.776, 3);
    expect(tQuantile975(60)).toBeCloseTo(2.0003, 2);
  });

  it('exact power law: slope and intercept recovered, interval of zero width', () => {
    const pts = [0, 1, 2].flatMap((g) => WIDTHS.map((w) => ({ x: w, y: 5 * w ** -0.5, group: g })));
    const f = fitPowerLaw(pts)!;
    expect(f.slope).toBeCloseTo(-0.5, 12);
    expect(Math.exp(f.intercept)).toBeCloseTo(5, 10);
    expect(f.ci95![1] - f.ci95![0]).toBeLessThan(1e-10);
    expect(f.n).toBe(24);
    expect(f.seeds).toBe(3);
  });

  it('recovers known slopes from noisy data (mean error over 50 trials < 0.02)', () => {
    for (const slope of [-1, -0.5, 0.25]) {
      let err = 0;
      for (let t = 0; t < 50; t++) err += fitPowerLaw(synthetic(slope, 5, t), { seed: t })!.slope - slope;
      expect(Math.abs(err / 50)).toBeLessThan(0.02);
    }
  });

  it('leaves out non-positive values; null without two widths; no interval with one seed', () => {
    const f = fitPowerLaw([
      { x: 16, y: 1, group: 0 },
      { x: 32, y: 0.5, group: 0 },
      { x: 64, y: 0, group: 0 },
      { x: 64, y: NaN, group: 0 },
    ])!;
    expect(f.n).toBe(2);
    expect(f.slope).toBeCloseTo(-1, 12);
    expect(f.ci95).toBeNull();
    expect(fitPowerLaw([{ x: 16, y: 1, group: 0 }, { x: 16, y: 2, group: 1 }])).toBeNull();
  });

  it('is deterministic for a given bootstrap seed', () => {
    const pts = synthetic(-0.5, 4, 7);
    expect(fitPowerLaw(pts, { seed: 3 })).toEqual(fitPowerLaw(pts, { seed: 3 }));
  });

  it.each([5, 10])('with %i seeds the 95 percent interval covers the true slope in 0.90–0.98 of 400 trials', (seeds) => {
    let covered = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      const f = fitPowerLaw(synthetic(-0.5, seeds, t + 7919 * seeds), { seed: t, resamples: 300 })!;
      if (f.ci95![0] <= -0.5 && -0.5 <= f.ci95![1]) covered++;
    }
    const rate = covered / trials;
    expect(rate).toBeGreaterThanOrEqual(0.9);
    expect(rate).toBeLessThanOrEqual(0.98);
  });
});
