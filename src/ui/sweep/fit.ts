// The power-law fit behind every slope label: OLS of ln y on ln n over the per-seed values, with a
// 95% interval from a bootstrap over seeds (resample the seeds with replacement, refit).
// Interim: to be replaced by the sweep engine's fit when it lands (same definition).
import { mulberry32 } from './random';
import type { PowerLawFit } from './types';
import type { SeedPoint } from './sweepData';

/** OLS slope and intercept of ln(value) on ln(width); null with < 2 distinct widths. */
export function olsLogLog(points: readonly SeedPoint[]): { slope: number; intercept: number } | null {
  const pts = points.filter((p) => p.width > 0 && p.value > 0 && Number.isFinite(p.value));
  if (new Set(pts.map((p) => p.width)).size < 2) return null;
  let sx = 0;
  let sy = 0;
  for (const p of pts) {
    sx += Math.log(p.width);
    sy += Math.log(p.value);
  }
  const mx = sx / pts.length;
  const my = sy / pts.length;
  let sxx = 0;
  let sxy = 0;
  for (const p of pts) {
    const dx = Math.log(p.width) - mx;
    sxx += dx * dx;
    sxy += dx * (Math.log(p.value) - my);
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** The fit with a seeded bootstrap-over-seeds 95% interval of the slope (percentile method). */
export function fitPowerLaw(points: readonly SeedPoint[], opts: { resamples?: number; seed?: number } = {}): PowerLawFit | null {
  const base = olsLogLog(points);
  if (!base) return null;
  const seeds = [...new Set(points.map((p) => p.seed))].sort((a, b) => a - b);
  const bySeed = new Map(seeds.map((s) => [s, points.filter((p) => p.seed === s)]));
  const rand = mulberry32(opts.seed ?? 12345);
  const B = opts.resamples ?? 1000;
  const slopes: number[] = [];
  for (let b = 0; b < B; b++) {
    const sample: SeedPoint[] = [];
    for (let i = 0; i < seeds.length; i++) sample.push(...bySeed.get(seeds[Math.floor(rand() * seeds.length)])!);
    const f = olsLogLog(sample);
    if (f) slopes.push(f.slope);
  }
  slopes.sort((a, b) => a - b);
  const q = (p: number) => slopes[Math.min(slopes.length - 1, Math.max(0, Math.round(p * (slopes.length - 1))))];
  const ci95: [number, number] = slopes.length > 0 ? [q(0.025), q(0.975)] : [base.slope, base.slope];
  return { ...base, ci95, n: points.length };
}
