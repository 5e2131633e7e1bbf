// The three result files of a sweep from its runs, computed from runs.csv's own text so that a
// merge of shards (which only has the shards' runs.csv) produces byte-identical files. The CLI and
// the app both write them through sweepFiles().
import { isPhaseSweep, type SweepSpec } from '../../schema/sweep';
import { runKey, sweepGrid, sweepGroups, type RunId } from './grid';
import { fitsJson, pastEdgeOf, parseRunsCsv, runsCsv, summaryCsv, sweepFingerprint, type RunsTable, type SweepManifest } from './io';
import type { SweepLrs } from '../records/sweepRecords';
import { sweepMetrics } from './metrics';
import { fitGroups, summarize, sweepFitOptions } from './summary';

export interface SweepFiles {
  'runs.csv': string;
  'summary.csv': string;
  'fits.json': string;
}

/** Runs sorted into the grid's canonical order (param, α, width, seed). */
export function canonicalOrder<T extends RunId>(spec: SweepSpec, runs: readonly T[]): T[] {
  const index = new Map(sweepGrid(spec).map((p) => [runKey(p), p.index]));
  const key = (r: T) => index.get(runKey(r)) ?? Number.MAX_SAFE_INTEGER;
  return [...runs].sort((a, b) => key(a) - key(b));
}

/** runs.csv, summary.csv and fits.json for a set of runs (any order; duplicates are an error). */
export function sweepFiles(spec: SweepSpec, lrs: SweepLrs, runs: readonly RunsTable[]): SweepFiles {
  const seen = new Set<string>();
  const phase = isPhaseSweep(spec);
  for (const r of runs) {
    const k = runKey(r);
    if (seen.has(k)) throw new Error(`run ${k} (param/α/width/seed) appears twice`);
    seen.add(k);
  }
  const metrics = sweepMetrics(spec.base);
  const groups = sweepGroups(spec);
  const text = runsCsv(canonicalOrder(spec, runs), metrics, phase);
  const parsed = parseRunsCsv(text, spec.base).runs;
  return {
    'runs.csv': text,
    'summary.csv': summaryCsv(summarize(parsed, metrics, groups), phase),
    'fits.json': fitsJson(fitGroups(parsed, metrics, sweepFitOptions(spec), groups), lrs, metrics, phase, pastEdgeOf(parsed, phase)),
  };
}

/** sweep.json for these runs (the CLI, the app's export and merge all build it here). */
export function sweepManifest(
  spec: SweepSpec,
  lrs: SweepLrs,
  runs: readonly (RunId & { seconds?: number | null; diverged: boolean })[],
  where: { shard: { i: number; k: number } | null; backend: string; jobs: number },
): SweepManifest {
  const index = new Map(sweepGrid(spec).map((p) => [runKey(p), p.index]));
  const ordered = canonicalOrder(spec, runs);
  const idx = (r: RunId) => index.get(runKey(r)) ?? -1;
  return {
    version: 3,
    fingerprint: sweepFingerprint(spec),
    spec,
    lr: lrs,
    shard: where.shard,
    runs: ordered.map(idx),
    seconds: ordered.map((r) => (r.seconds === undefined || r.seconds === null ? null : Number(r.seconds.toFixed(3)))),
    backend: where.backend,
    jobs: where.jobs,
    diverged: ordered.filter((r) => r.diverged).map(idx),
  };
}
