// Compare mode's metric files: both runs in one file. CSV: a `run` column (the run's label, e.g.
// "width 16") before the usual columns, the first run's rows then the second's. JSON: the first
// run's usual file plus `compare` with the compared field, the second run's config, η and rows.
import type { MetricRow, RunMeta } from '../../engine/records/runRecords';
import type { ExperimentConfig } from '../../schema/config';
import { formatCompare, type CompareSpec } from '../../schema/compare';
import { keyColumns, toCsv } from './csv';
import { toJson } from './json';
import { metricColumnNames, metricsJson } from './runFiles';

export interface CompareExport {
  spec: CompareSpec;
  labels: [string, string];
  rows: readonly MetricRow[];
  meta: RunMeta | null;
}

type Tagged = MetricRow & { run: string };

export function compareMetricsCsv(rows: readonly MetricRow[], c: CompareExport): string {
  const tagged: Tagged[] = [...rows.map((r) => ({ run: c.labels[0], ...r })), ...c.rows.map((r) => ({ run: c.labels[1], ...r }))];
  return toCsv(tagged, keyColumns<Tagged>(['run', ...metricColumnNames([...rows, ...c.rows])]));
}

export function compareMetricsJson(rows: readonly MetricRow[], config: ExperimentConfig, meta: RunMeta | null, backend: string | null, c: CompareExport): string {
  const first = JSON.parse(metricsJson(rows, config, meta, backend)) as Record<string, unknown>;
  return toJson({
    ...first,
    run: c.labels[0],
    compare: {
      field: formatCompare(c.spec).split(':')[0],
      value: c.spec.value,
      run: c.labels[1],
      config: c.meta?.config ?? null,
      lr: c.meta?.lr ?? null,
      lrAuto: c.meta?.lrAuto ?? null,
      criticalLr: c.meta?.criticalLr ?? null,
      paramCount: c.meta?.paramCount ?? null,
      rows: c.rows,
    },
  });
}
