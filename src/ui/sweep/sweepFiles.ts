// The files a sweep exports: runs.csv (one row per logged step per run), summary.csv (width ×
// metric × phase: mean, std, n), fits.json ({ metric: { init, final } }) and one sweep.json with
// everything. Same columns and shapes as the command line's sweep output.
import type { SweepMetric, SweepRow } from './metrics';
import { PHASES, type Phase, type PowerLawFit, type SweepRun } from './types';
import { phaseRow } from './sweepData';
import type { SweepRequestSpec } from '../../worker/sweepSpec';

/** Per-step fields written to runs.csv, in column order (layerChange.<l> columns follow). */
export const RUN_FIELDS = [
  'loss',
  'testLoss',
  'linLoss',
  'linTestLoss',
  'ntkDrift',
  'alignDrift',
  'lambdaMax',
  'gapTrain',
  'gapTest',
  'gapTrainRel',
  'gapTestRel',
  'c2OverC1',
  'c3OverC1',
  'c2OverC1Sq',
  'c3OverC1Cube',
  'gradChange',
  'gradChangeFirstOrder',
  'gradChangeFrozen',
  'flipFraction',
  'firstOrderError',
] as const satisfies readonly (keyof SweepRow)[];

const cell = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

export function runsCsv(runs: readonly SweepRun[]): string {
  const layers = Math.max(0, ...runs.flatMap((r) => r.rows.map((row: SweepRow) => row.layerChange?.length ?? 0)));
  const layerCols = Array.from({ length: layers }, (_, l) => `layerChange.${l}`);
  const lines = [['width', 'seed', 'step', ...RUN_FIELDS, ...layerCols].join(',')];
  for (const run of runs) {
    for (const row of run.rows as SweepRow[]) {
      const lc = Array.from({ length: layers }, (_, l) => cell(row.layerChange?.[l]));
      lines.push([run.width, run.seed, row.step, ...RUN_FIELDS.map((f) => cell(row[f])), ...lc].join(','));
    }
  }
  return lines.join('\n') + '\n';
}

export interface SummaryRow {
  width: number;
  metric: string;
  phase: Phase;
  mean: number;
  std: number;
  n: number;
}

/** Mean, sample standard deviation and count over seeds for every width, metric and phase. */
export function summarize(runs: readonly SweepRun[], metrics: readonly SweepMetric[]): SummaryRow[] {
  const widths = [...new Set(runs.map((r) => r.width))].sort((a, b) => a - b);
  const out: SummaryRow[] = [];
  for (const width of widths) {
    const at = runs.filter((r) => r.width === width);
    for (const m of metrics) {
      for (const phase of PHASES) {
        const vals = at.map((r) => m.get(phaseRow(r, phase))).filter((v): v is number => v !== undefined);
        if (vals.length === 0) continue;
        const mean = vals.reduce((s, v) => s + v, 0) / vals.length;
        const std = vals.length > 1 ? Math.sqrt(vals.reduce((s, v) => s + (v - mean) ** 2, 0) / (vals.length - 1)) : 0;
        out.push({ width, metric: m.key, phase, mean, std, n: vals.length });
      }
    }
  }
  return out;
}

export function summaryCsv(rows: readonly SummaryRow[]): string {
  return ['width,metric,phase,mean,std,n', ...rows.map((r) => [r.width, r.metric, r.phase, cell(r.mean), cell(r.std), r.n].join(','))].join('\n') + '\n';
}

export type FitTable = Record<string, Partial<Record<Phase, PowerLawFit>>>;

export function fitsJson(fits: FitTable): string {
  return JSON.stringify(fits, null, 2) + '\n';
}

/** Everything about a sweep in one JSON document: its settings, every run and the fits. */
export function sweepJson(spec: SweepRequestSpec | null, runs: readonly SweepRun[], fits: FitTable): string {
  return JSON.stringify({ spec, runs, fits }, null, 2) + '\n';
}
