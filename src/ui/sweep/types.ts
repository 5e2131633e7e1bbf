// The shapes the Sweep view works with: runs and progress from the worker, fitted power laws.
export type { SweepProgress, SweepRun } from '../../worker/sweepSpec';

export type Phase = 'init' | 'final';
export const PHASES: readonly Phase[] = ['init', 'final'];

/** y ≈ e^intercept · n^slope, fitted in log–log space; ci95 is the slope's 95% interval. */
export interface PowerLawFit {
  slope: number;
  intercept: number;
  ci95: [number, number];
  /** Number of (width, seed) values the fit used. */
  n: number;
}
