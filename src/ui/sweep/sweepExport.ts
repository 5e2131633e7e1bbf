// The app's sweep files: runs.csv, summary.csv, fits.json and sweep.json, built by the engine's
// writers from the runs the worker posted — the same bytes `tangent-lab sweep` writes for the same
// spec on the same backend (tests/unit/sweepIdentity.test.ts).
import { sweepFiles, sweepManifest, manifestJson, type SweepFiles } from '../../engine/sweep';
import type { SweepView } from './useSweep';

export type SweepExportFiles = SweepFiles & { 'sweep.json': string };

/** The four files of the sweep in the view, or null before its η is known or with no finished run. */
export function sweepExportFiles(view: Pick<SweepView, 'spec' | 'lrs' | 'runs' | 'backend'>): SweepExportFiles | null {
  if (!view.spec || !view.lrs || view.runs.length === 0) return null;
  const files = sweepFiles(view.spec, view.lrs, view.runs);
  const manifest = sweepManifest(view.spec, view.lrs, view.runs, { shard: null, backend: view.backend?.name ?? 'unknown', jobs: 1 });
  return { ...files, 'sweep.json': manifestJson(manifest) };
}
