// The shapes the Sweep view works with: runs and progress from the worker, fitted power laws.
export type { SweepProgress, SweepRun } from '../../worker/sweepSpec';

export type Phase = 'init' | 'final';
export const PHASES: readonly Phase[] = ['init', 'final'];

/** y ≈ e^intercept · n^slope over per-seed values; ci95 is the slope's 95% interval (null with one seed). */
export type { PowerLawFit } from '../../engine/scaling/powerLaw';
