// Sweep files: runs.csv (one row per logged step per run), summary.csv (width × metric × phase),
// fits.json, and the sweep fingerprint that keeps shards of different sweeps apart. Numbers are
// written with JavaScript's shortest round-trip formatting, so parsing runs.csv back gives the
// very same values: summaries and fits computed from a merged runs.csv equal the unsharded ones.
import { FIELDS } from '../../state/config';
import type { SweepSpec } from '../../state/sweep';
import { mix32 } from '../prng';
import type { MetricRow } from '../session';
import { RUN_ROW_EXTRAS, metricValue, type SweepMetric } from './metrics';
import type { RunEnds, SummaryRow, SweepFits } from './summary';

/** A short stable hash of everything that determines a sweep's results (not the shard, not the backend). */
export function sweepFingerprint(spec: SweepSpec): string {
  const canon = JSON.stringify({
    v: 1,
    base: FIELDS.map((f) => [f.name, spec.base[f.key]]),
    widths: spec.widths,
    seeds: spec.seeds,
  });
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < canon.length; i++) {
    h1 = mix32(h1 ^ canon.charCodeAt(i));
    h2 = mix32(h2 + canon.charCodeAt(i) * 31);
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

const num = (v: number | undefined) => (v === undefined ? '' : String(v));
const parseNum = (s: string) => (s === '' ? NaN : Number(s));

export interface RunsTable {
  width: number;
  seed: number;
  lr: number;
  rows: MetricRow[];
}

/** runs.csv header for these metrics. */
export function runsHeader(metrics: readonly SweepMetric[]): string[] {
  return ['width', 'seed', 'step', 'lr', ...RUN_ROW_EXTRAS, ...metrics.map((m) => m.key)];
}

/** runs.csv text: runs in the given order, one line per logged row. */
export function runsCsv(runs: readonly RunsTable[], metrics: readonly SweepMetric[]): string {
  const lines = [runsHeader(metrics).join(',')];
  for (const r of runs)
    for (const row of r.rows)
      lines.push(
        [r.width, r.seed, row.step, r.lr, ...RUN_ROW_EXTRAS.map((k) => num(row[k])), ...metrics.map((m) => num(metricValue(row, m.key)))]
          .map((v) => (typeof v === 'number' ? String(v) : v))
          .join(','),
      );
  return lines.join('\n') + '\n';
}

/** Parse runs.csv back into runs (rows grouped by consecutive (width, seed)); throws on a malformed file. */
export function parseRunsCsv(text: string): { header: string[]; runs: (RunsTable & RunEnds)[] } {
  const lines = text.split('\n').filter((l) => l.length > 0);
  if (lines.length === 0) throw new Error('runs.csv is empty');
  const header = lines[0].split(',');
  if (header.slice(0, 4).join(',') !== 'width,seed,step,lr') throw new Error('runs.csv does not start with width,seed,step,lr');
  const runs: (RunsTable & RunEnds)[] = [];
  for (let li = 1; li < lines.length; li++) {
    const cells = lines[li].split(',');
    if (cells.length !== header.length) throw new Error(`runs.csv line ${li + 1}: ${cells.length} fields, expected ${header.length}`);
    const [width, seed, step, lr] = cells.slice(0, 4).map(parseNum);
    const row: Record<string, unknown> = { step };
    const layer: number[] = [];
    header.forEach((h, j) => {
      if (j < 4) return;
      const m = /^layerChange(\d+)$/.exec(h);
      if (m) layer[Number(m[1]) - 1] = parseNum(cells[j]);
      else if (cells[j] !== '') row[h] = parseNum(cells[j]);
    });
    if (layer.length) row.layerChange = layer;
    let run = runs[runs.length - 1];
    if (!run || run.width !== width || run.seed !== seed || step <= (run.rows[run.rows.length - 1]?.step ?? -1)) {
      run = { width, seed, lr, rows: [], init: row as unknown as MetricRow, final: row as unknown as MetricRow };
      runs.push(run);
    }
    run.rows.push(row as unknown as MetricRow);
    run.final = row as unknown as MetricRow;
  }
  return { header, runs };
}

export function summaryCsv(rows: readonly SummaryRow[]): string {
  return ['metric,phase,width,mean,std,n', ...rows.map((r) => [r.metric, r.phase, r.width, r.mean, r.std, r.n].map(String).join(','))].join('\n') + '\n';
}

/** fits.json text: { metric: { init: {slope, intercept, ci95, n, seeds} | null, final: … } }, non-finite → null. */
export function fitsJson(fits: SweepFits): string {
  return JSON.stringify(fits, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** The contents of sweep.json, written next to the three result files (identifies the sweep and the shard). */
export interface SweepManifest {
  fingerprint: string;
  spec: SweepSpec;
  shard: { i: number; k: number } | null;
  /** Grid indices of the runs in this directory. */
  runs: number[];
  /** Wall time per run (seconds) and the backend: informational, not part of the result files. */
  seconds: number[];
  backend: string;
  diverged: number[];
}
