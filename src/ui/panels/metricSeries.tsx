// Shared pieces of the step-indexed panels: a line series for one MetricRow field with its label,
// formula and note from src/content, and the per-panel "log x" toggle.
import { useState, type ReactNode } from 'react';
import type { MetricRow } from '../../engine/records/runRecords';
import type { PanelProps } from './types';
import type { SeriesSpec } from '../plots/LinePlot';
import { Toggle } from '../plots/PanelFrame';
import { METRIC_TEXT } from '../../schema/metricText';
import { compareMarkers } from './compareSeries';

type MetricKey = keyof typeof METRIC_TEXT & keyof MetricRow;

/** The series for metric `key`: y = row[key], text from METRIC_TEXT[key], plus its style. */
export function metricSeries(key: MetricKey, style: Pick<SeriesSpec<MetricRow>, 'color' | 'dash' | 'width'>): SeriesSpec<MetricRow> {
  const text: { label: string; tex?: string; note?: string } = METRIC_TEXT[key];
  return { key, label: text.label, tex: text.tex, ...(text.note ? { note: text.note } : {}), y: (r) => r[key], ...style };
}

/** [logX, the toggle element] for a panel named `panelName` (the toggle's accessible name says which). */
export function useLogXToggle(panelName: string): [boolean, ReactNode] {
  const [logX, setLogX] = useState(false);
  return [logX, <Toggle label="log x" ariaLabel={`Log-scale steps: ${panelName}`} checked={logX} onChange={setLogX} />];
}

/** The StepPlot props every step panel shares: the run's rows, the shared hover step, the divergence marker and the x scale. */
export function sharedStepProps(props: Pick<PanelProps, 'rows' | 'hoverStep' | 'onHoverStep' | 'divergedAt' | 'compare'>, logX: boolean) {
  return {
    rows: props.rows,
    hoverStep: props.hoverStep,
    onHoverStep: props.onHoverStep,
    divergedAt: props.divergedAt,
    xScaleType: logX ? ('log' as const) : ('linear' as const),
    extraMarkers: compareMarkers(props.compare),
  };
}
