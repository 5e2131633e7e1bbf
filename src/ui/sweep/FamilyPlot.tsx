// The family of curves: one metric against training step, one line per width (mean over its
// seeds), coloured by width on a colour-blind-safe sequential scale, with a legend.
import { useMemo } from 'react';
import { LinePlot, type SeriesSpec } from '../plots/LinePlot';
import type { ScaleKind } from '../plots/plotMath/scales';
import type { SweepMetric } from './types';
import { familyCurves, widthColor } from './sweepData';
import type { SweepRun } from './types';

interface StepDatum {
  step: number;
  values: Map<number, number>;
}

export interface FamilyPlotProps {
  runs: readonly SweepRun[];
  metric: SweepMetric;
  widths: readonly number[];
  xScaleType: ScaleKind;
  height?: number;
}

const stepOf = (d: StepDatum) => d.step;

export function FamilyPlot({ runs, metric, widths, xScaleType, height = 260 }: FamilyPlotProps) {
  const curves = useMemo(() => familyCurves(runs, metric), [runs, metric]);
  const data = useMemo(() => {
    const bySteps = new Map<number, StepDatum>();
    for (const c of curves) {
      for (const p of c.points) {
        let d = bySteps.get(p.step);
        if (!d) bySteps.set(p.step, (d = { step: p.step, values: new Map() }));
        d.values.set(c.width, p.value);
      }
    }
    return [...bySteps.values()].sort((a, b) => a.step - b.step);
  }, [curves]);
  const series = useMemo<SeriesSpec<StepDatum>[]>(
    () =>
      curves.map((c) => ({
        key: `w${c.width}`,
        label: `n = ${c.width}${c.seeds > 1 ? ` (${c.seeds} seeds)` : ''}`,
        color: widthColor(c.width, widths),
        y: (d: StepDatum) => d.values.get(c.width),
      })),
    [curves, widths],
  );
  return (
    <LinePlot<StepDatum>
      data={data}
      x={stepOf}
      series={series}
      ariaLabel={`${metric.label} vs step, one line per width`}
      xScaleType={xScaleType}
      yScaleType="log"
      xLabel="step"
      yLabel={`${metric.label} (log)`}
      height={height}
      emptyMessage="No finished runs with this metric yet"
      testId="family-plot"
    />
  );
}
