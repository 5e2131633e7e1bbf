// LinePlot's props and series types, and the plots' default margin (re-exported by LinePlot.tsx).
import type { ReactNode } from 'react';
import type { Margin } from './Axes';
import type { ScaleKind } from './plotMath/scales';
import type { LogClamp } from './plotMath/clamp';

export interface SeriesSpec<Datum> {
  /** Stable key; also the `data-series` attribute of the path. */
  key: string;
  label: string;
  y: (d: Datum) => number | null | undefined;
  color: string;
  dash?: string;
  width?: number;
  /** Draw a dot at each point (spectra) in addition to / instead of the line. */
  dots?: boolean;
  line?: boolean;
  tex?: string;
  note?: string;
}

export interface XMarker {
  x: number;
  label: string;
  color?: string;
}

export interface LinePlotProps<Datum> {
  data: readonly Datum[];
  x: (d: Datum) => number;
  series: readonly SeriesSpec<Datum>[];
  ariaLabel: string;
  xScaleType?: ScaleKind;
  yScaleType?: ScaleKind;
  xLabel?: string;
  yLabel?: string;
  height?: number;
  /** Highlighted x (e.g. the shared hover step). */
  highlightX?: number | null;
  /** Called with the nearest datum's x under the pointer, and null on leave. Without it hover is local. */
  onHoverX?: (x: number | null) => void;
  markers?: readonly XMarker[];
  /** Shown (inside the SVG) when no series has a drawable value. */
  emptyMessage?: string;
  legend?: boolean;
  /** Label of the x value in the readout, e.g. "step". */
  xName?: string;
  /** Override the y domain (data space). */
  yDomain?: [number, number];
  /** Extra SVG drawn inside the plot area, given the scales. */
  children?: (ctx: PlotContext) => ReactNode;
  className?: string;
  testId?: string;
  /** Small multiples: hide the readout line. */
  readout?: boolean;
  /** x values are integers (steps, ranks): no fractional ticks. Default true. */
  integerX?: boolean;
  /** Offer the "Show data" table (default true). */
  dataTable?: boolean;
  /** Cap a log y axis (top value, most decades) so one blown-up series cannot squash the rest. */
  yClamp?: LogClamp;
}

export interface PlotContext {
  xScale: (v: number) => number;
  yScale: (v: number) => number;
  innerWidth: number;
  innerHeight: number;
}

export const DEFAULT_MARGIN: Margin = { top: 20, right: 14, bottom: 36, left: 50 };
