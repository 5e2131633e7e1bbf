// The three result files of a sweep from its runs, computed from runs.csv's own text so that a
// merge of shards (which only has the shards' runs.csv) produces byte-identical files. The CLI and
// the app both write them through sweepFiles().
import type { SweepSpec } from '../../schema/sweep';
import { sweepGrid } from './grid';
import { fitsJson, parseRunsCsv, runsCsv, summaryCsv, sweepFingerprint, type RunsTable, type SweepManifest } from './io';
import type { SweepLr } from './lr';
import { sweepMetrics } from './metrics';
import { fitAll, summarize, sweepFitOptions } from './summary';

export interface SweepFiles {
  'runs.csv': string;
  'summary.csv': string;
  'fits.json': string;
}

/** Runs sorted into the grid's canonical order (width ascending, then seed). */
export function canonicalOrder<T extends { width: number; seed: number }>(spec: SweepSpec, runs: readonly T[]): T[] {
  const index = new Map(sweepGrid(spec).map((p) => [`${p.width}/${p.seed}`, p.index]));
  const key = (r: T) => index.get(`${r.width}/${r.seed}`) ?? Number.MAX_SAFE_INTEGER;
  return [...runs].sort((a, b) => key(a) - key(b));
}

/** runs.csv, summary.csv and fits.json for a set of runs (any order; duplicates are an error). */
export function sweepFiles(spec: SweepSpec, lr: SweepLr, runs: readonly RunsTable[]): SweepFiles {
  const seen = new Set<string>();
  for (const r of runs) {
    const k = `${r.width}/${r.seed}`;
    if (seen.has(k)) throw new Error(`run width ${r.width} seed ${r.seed} appears twice`);
    seen.add(k);
  }
  const metrics = sweepMetrics(spec.base);
  const text = runsCsv(canonicalOrder(spec, runs), metrics);
  const parsed = parseRunsCsv(text).runs;
  return {
    'runs.csv': text,
    'summary.csv': summaryCsv(summarize(parsed, metrics)),
    'fits.json': fitsJson(fitAll(parsed, metrics, sweepFitOptions(spec)), lr, metrics),
  };
}

/** sweep.json for these runs (the CLI, the app's export and merge all build it here). */
export function sweepManifest(
  spec: SweepSpec,
  lr: SweepLr,
  runs: readonly { width: number; seed: number; seconds?: number | null; diverged: boolean }[],
  where: { shard: { i: number; k: number } | null; backend: string; jobs: number },
): SweepManifest {
  const index = new Map(sweepGrid(spec).map((p) => [`${p.width}/${p.seed}`, p.index]));
  const ordered = canonicalOrder(spec, runs);
  const idx = (r: { width: number; seed: number }) => index.get(`${r.width}/${r.seed}`) ?? -1;
  return {
    version: 2,
    fingerprint: sweepFingerprint(spec),
    spec,
    lr,
    shard: where.shard,
    runs: ordered.map(idx),
    seconds: ordered.map((r) => (r.seconds === undefined || r.seconds === null ? null : Number(r.seconds.toFixed(3)))),
    backend: where.backend,
    jobs: where.jobs,
    diverged: ordered.filter((r) => r.diverged).map(idx),
  };
}
