// A thin generic line over d3-shape (visx LinePath): accessors in data space, scales applied here,
// invalid points (missing, NaN, ±∞, ≤ 0 on a log axis) become gaps. Other SVG attributes pass through.
import { useMemo, type SVGProps } from 'react';
import { linePath } from './plotMath';

export type AddSVGProps<Props, E extends SVGElement> = Props & Omit<SVGProps<E>, keyof Props>;

export type LinePathProps<Datum> = AddSVGProps<
  {
    data: readonly Datum[];
    x: (d: Datum) => number | null | undefined;
    y: (d: Datum) => number | null | undefined;
    xScale: (v: number) => number;
    yScale: (v: number) => number;
  },
  SVGPathElement
>;

export function LinePath<Datum>({ data, x, y, xScale, yScale, ...rest }: LinePathProps<Datum>) {
  const d = useMemo(() => linePath(data, x, y, xScale, yScale), [data, x, y, xScale, yScale]);
  return <path d={d} fill="none" {...rest} />;
}
