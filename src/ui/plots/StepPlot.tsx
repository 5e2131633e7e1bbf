// A LinePlot over MetricRow[] indexed by step, wired to the shared hover step and the divergence
// marker, drawing only the series that have at least one value in the run ("draw what exists").
import { useMemo } from 'react';
import type { MetricRow } from '../../engine/records/runRecords';
import { LinePlot, type SeriesSpec, type XMarker, type LinePlotProps } from './LinePlot';
import { isValidNumber, type ScaleKind } from './plotMath/scales';
import { EMPTY_MESSAGE } from '../../content/explanations';
import { STEP_LOG_CLAMP } from './plotMath/clamp';
import { COLORS } from './colors';

export const stepOf = (r: MetricRow): number => r.step;

/** Keys of the specs with at least one finite value in rows. */
export function presentKeys<Datum>(rows: readonly Datum[], specs: readonly SeriesSpec<Datum>[]): string {
  const out: string[] = [];
  for (const s of specs) {
    for (let i = rows.length - 1; i >= 0; i--) {
      if (isValidNumber(s.y(rows[i]))) {
        out.push(s.key);
        break;
      }
    }
  }
  return out.join('|');
}

/** The specs present in rows, with a stable array identity while the set of keys is unchanged. */
export function usePresentSeries<Datum>(rows: readonly Datum[], specs: readonly SeriesSpec<Datum>[]): SeriesSpec<Datum>[] {
  const keys = presentKeys(rows, specs);
  return useMemo(() => {
    const set = new Set(keys.split('|'));
    return specs.filter((s) => set.has(s.key));
  }, [keys, specs]);
}

export interface StepPlotProps extends Omit<LinePlotProps<MetricRow>, 'data' | 'x' | 'series' | 'highlightX' | 'onHoverX' | 'markers'> {
  rows: readonly MetricRow[];
  series: readonly SeriesSpec<MetricRow>[];
  hoverStep: number | null;
  onHoverStep: (step: number | null) => void;
  divergedAt: number | null;
  xScaleType?: ScaleKind;
  /** Message when rows exist but none of the series was measured. */
  notMeasuredMessage?: string;
  /** More vertical markers (compare mode: where the second run diverged). */
  extraMarkers?: readonly XMarker[];
  /** What the linear model is called in its divergence marker ('twin'; the early-time model's is 'linear model'). */
  twinName?: string;
}

/** Whether every row so far is the step-0 one (before Play): drift and gap are 0 there by definition. */
export function onlyStepZero(rows: readonly MetricRow[]): boolean {
  return rows.length > 0 && rows.every((r) => r.step === 0);
}

/** The first step at which the linear twin had blown up (row.twinDiverged), or null. */
export function twinDivergedAt(rows: readonly MetricRow[]): number | null {
  for (const r of rows) if (r.twinDiverged) return r.step;
  return null;
}

export function StepPlot({ rows, series, hoverStep, onHoverStep, divergedAt, notMeasuredMessage, extraMarkers, xLabel = 'step', twinName = 'twin', ...rest }: StepPlotProps) {
  const present = usePresentSeries(rows, series);
  const twinAt = twinDivergedAt(rows);
  // The network's divergence ends the run; the twin's (η past its own stable rate) is drawn as a
  // marker where it happened, its curve clipped by the capped log axis rather than dropped unseen.
  const markers = useMemo<XMarker[]>(
    () => [
      ...(divergedAt === null || !Number.isFinite(divergedAt) ? [] : [{ x: divergedAt, label: 'diverged' }]),
      ...(twinAt === null ? [] : [{ x: twinAt, label: `${twinName} diverged`, color: COLORS.twin }]),
    ],
    [divergedAt, twinAt, twinName],
  );
  const allMarkers = extraMarkers?.length ? [...markers, ...extraMarkers] : markers;
  const empty = rows.length === 0 ? EMPTY_MESSAGE : (notMeasuredMessage ?? 'Waiting for the first measurement…');
  return (
    <LinePlot<MetricRow>
      data={rows}
      x={stepOf}
      series={present.length ? present : series}
      highlightX={hoverStep}
      onHoverX={onHoverStep}
      markers={allMarkers}
      emptyMessage={empty}
      xLabel={xLabel}
      yClamp={rest.yScaleType === 'log' ? STEP_LOG_CLAMP : undefined}
      {...rest}
    />
  );
}
