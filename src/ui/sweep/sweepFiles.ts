// The one-document export of a sweep in the app: its settings, every run and the fits shown.
// (runs.csv, summary.csv and fits.json come from the engine's writers, src/engine/sweep/io.ts.)
import type { Phase, PowerLawFit, SweepRun } from './types';
import type { SweepRequestSpec } from '../../worker/sweepSpec';

export type FitTable = Record<string, Partial<Record<Phase, PowerLawFit>>>;

/** Everything about a sweep in one JSON document: its settings, every run and the fits. */
export function sweepJson(spec: SweepRequestSpec | null, runs: readonly SweepRun[], fits: FitTable): string {
  return JSON.stringify({ spec, runs, fits }, null, 2) + '\n';
}
