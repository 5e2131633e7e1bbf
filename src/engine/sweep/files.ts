// The three result files of a sweep from its runs, computed from runs.csv's own text so that a
// merge of shards (which only has the shards' runs.csv) produces byte-identical files.
import type { SweepSpec } from '../../state/sweep';
import { sweepGrid } from './grid';
import { fitsJson, parseRunsCsv, runsCsv, summaryCsv, type RunsTable } from './io';
import { sweepMetrics } from './metrics';
import { fitAll, summarize } from './summary';

export interface SweepFiles {
  'runs.csv': string;
  'summary.csv': string;
  'fits.json': string;
}

/** Bootstrap resamples of the fits in the sweep files. */
export const SWEEP_FIT_RESAMPLES = 1000;

/** Runs sorted into the grid's canonical order (width ascending, then seed). */
export function canonicalOrder<T extends { width: number; seed: number }>(spec: SweepSpec, runs: readonly T[]): T[] {
  const index = new Map(sweepGrid(spec).map((p) => [`${p.width}/${p.seed}`, p.index]));
  const key = (r: T) => index.get(`${r.width}/${r.seed}`) ?? Number.MAX_SAFE_INTEGER;
  return [...runs].sort((a, b) => key(a) - key(b));
}

/** runs.csv, summary.csv and fits.json for a set of runs (any order; duplicates are an error). */
export function sweepFiles(spec: SweepSpec, runs: readonly RunsTable[]): SweepFiles {
  const seen = new Set<string>();
  for (const r of runs) {
    const k = `${r.width}/${r.seed}`;
    if (seen.has(k)) throw new Error(`run width ${r.width} seed ${r.seed} appears twice`);
    seen.add(k);
  }
  const metrics = sweepMetrics(spec.base.depth);
  const text = runsCsv(canonicalOrder(spec, runs), metrics);
  const parsed = parseRunsCsv(text).runs;
  return {
    'runs.csv': text,
    'summary.csv': summaryCsv(summarize(parsed, metrics)),
    'fits.json': fitsJson(fitAll(parsed, metrics, { seed: spec.base.seed, resamples: SWEEP_FIT_RESAMPLES })),
  };
}
