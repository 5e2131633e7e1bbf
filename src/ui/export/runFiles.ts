// A run's metric rows as CSV (one column per metric, every logged step) and as JSON (config, the
// resolved learning rate, backend and the rows).
import type { MetricRow, RunMeta } from '../../engine/records/runRecords';
import type { ExperimentConfig } from '../../schema/config';
import { keyColumns, toCsv } from './csv';
import { toJson } from './json';

/** Every metric column, step first, in a fixed order so files of different runs line up. */
export const METRIC_COLUMNS: readonly (keyof MetricRow)[] = [
  'step',
  'loss',
  'testLoss',
  'linLoss',
  'linTestLoss',
  'gapTrain',
  'gapTest',
  'gapTrainRel',
  'gapTestRel',
  'ntkDrift',
  'alignDrift',
  'lambdaMax',
  'c2OverC1',
  'c3OverC1',
  'gradChange',
  'gradChangeFirstOrder',
  'firstOrderError',
];

/** Column list: the fixed metric columns, then any extra keys the rows carry (later metrics). */
export function metricColumnNames(rows: readonly MetricRow[]): string[] {
  const names: string[] = [...METRIC_COLUMNS];
  for (const r of rows) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
  return names;
}

export function metricsCsv(rows: readonly MetricRow[]): string {
  return toCsv(rows, keyColumns<MetricRow>(metricColumnNames(rows)));
}

export function metricsJson(rows: readonly MetricRow[], config: ExperimentConfig, meta: RunMeta | null, backend: string | null): string {
  return toJson({
    format: 'tangent-lab-metrics',
    version: 1,
    config,
    lr: meta?.lr ?? null,
    lrAuto: meta?.lrAuto ?? null,
    criticalLr: meta?.criticalLr ?? null,
    paramCount: meta?.paramCount ?? null,
    backend,
    rows,
  });
}
