// Compare mode in the step panels: each metric drawn once per run on the same axes, one colour per
// run (run 1 blue, run 2 vermillion), the metric told apart by line style, and the legend naming the
// run by its differing value ("relative drift · width 16" vs "… · width 4096"). The second run's rows
// are measured at the same steps as the first's (worker/pairSession.ts), so both series read the
// first run's rows and look the second run's row up by step.
import type { MetricRow, RunMeta, Snapshot } from '../../engine/records/runRecords';
import type { ExperimentConfig } from '../../schema/config';
import type { SeriesSpec, XMarker } from '../plots/LinePlot';
import type { CompareRun } from '../shared/compareState';
import { compareLabels } from '../shared/compareState';
import { RUN_COLORS } from '../plots/colors';
import { METRIC_TEXT } from '../../schema/metricText';

/** What a panel needs to draw the second run of compare mode. */
export interface ComparePanelData {
  /** Legend names of the two runs, e.g. ["width 16", "width 4096"]. */
  labels: [string, string];
  rows: readonly MetricRow[];
  /** The second run's row at each step it was measured. */
  byStep: ReadonlyMap<number, MetricRow>;
  snapshot: Snapshot | null;
  meta: RunMeta | null;
  divergedAt: number | null;
}

/** The panels' compare data (null when compare mode is off or the second run has not started). Memoise on its inputs. */
export function comparePanelData(c: CompareRun | null, config: ExperimentConfig): ComparePanelData | null {
  if (!c?.meta) return null;
  return {
    labels: compareLabels(config, c.spec),
    rows: c.rows,
    byStep: new Map(c.rows.map((r) => [r.step, r])),
    snapshot: c.snapshot,
    meta: c.meta,
    divergedAt: c.divergedAt,
  };
}

type MetricKey = keyof typeof METRIC_TEXT & keyof MetricRow;
type NumericKey = { [K in MetricKey]: MetricRow[K] extends number | undefined ? K : never }[MetricKey];

/** Each metric twice: run 1 from its own row, run 2 from its row at the same step; keys end in @1 / @2. */
export function compareSeries(metrics: readonly { key: NumericKey; dash?: string; width?: number }[], cmp: ComparePanelData): SeriesSpec<MetricRow>[] {
  const out: SeriesSpec<MetricRow>[] = [];
  for (const run of [0, 1] as const) {
    for (const m of metrics) {
      const text: { label: string; tex?: string; note?: string } = METRIC_TEXT[m.key];
      out.push({
        key: `${m.key}@${run + 1}`,
        label: `${text.label} · ${cmp.labels[run]}`,
        ...(text.tex ? { tex: text.tex } : {}),
        ...(text.note ? { note: text.note } : {}),
        color: RUN_COLORS[run],
        ...(m.dash ? { dash: m.dash } : {}),
        ...(m.width ? { width: m.width } : {}),
        y: run === 0 ? (r) => r[m.key] : (r) => cmp.byStep.get(r.step)?.[m.key],
      });
    }
  }
  return out;
}

/** The second run's divergence marker (the first run's is drawn by StepPlot). */
export function compareMarkers(cmp: ComparePanelData | null | undefined): XMarker[] {
  return cmp?.divergedAt != null ? [{ x: cmp.divergedAt, label: `${cmp.labels[1]} diverged`, color: RUN_COLORS[1] }] : [];
}
