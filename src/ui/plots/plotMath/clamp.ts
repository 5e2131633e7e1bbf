// A log y axis that stays readable when one series blows up (a diverged linear twin reaching
// 10²⁹): the top is capped and the axis spans at most a given number of decades, keeping the top.
// Lines beyond the range are clipped by the plot area; the plot marks why (e.g. "twin diverged").
import type { ScaleKind } from './scales';

export interface LogClamp {
  /** Largest value the axis shows. */
  max: number;
  /** Most decades the axis spans (from its top down). */
  decades: number;
}

/** Step metrics (losses, drifts, gaps, ratios): nothing meaningful above 10⁶, at most 14 decades. */
export const STEP_LOG_CLAMP: LogClamp = { max: 1e6, decades: 14 };

export function clampDomain([y0, y1]: [number, number], kind: ScaleKind, clamp: LogClamp | undefined): [number, number] {
  if (kind !== 'log' || !clamp || !(y0 > 0) || !(y1 > 0)) return [y0, y1];
  const hi = Math.min(y1, clamp.max);
  const lo = Math.max(Math.min(y0, hi / 10), hi / 10 ** clamp.decades);
  return [lo, hi];
}
