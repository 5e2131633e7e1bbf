// Generic multi-series line plot over rows of any shape: linear/log x and y, ticks and grid,
// an HTML legend with formula tooltips, a hover crosshair that reports the nearest x (step) and
// draws a highlighted x passed in from outside, vertical event markers (e.g. "diverged").
// Keyboard: the focused plot steps the hover x with ←/→ (PageUp/PageDown: 10%, Home/End, Escape
// clears) and announces the values; a "Show data" table offers the plotted values as text.
// React owns the DOM; d3 only computes scales and path strings.
import { useCallback, useContext, useId, useMemo, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { DEFAULT_MARGIN, type LinePlotProps } from './linePlotTypes';
import { PlotFrame } from './PlotFrame';
import { Legend } from './Legend';
import { downsample, isMissing, linePath, nearestIndex } from './plotMath/lines';
import { finiteExtent, isPlottable, isValidNumber, makeScale, paddedDomain, stepExtent } from './plotMath/scales';
import { formatNumber } from './plotMath/format';
import { useWidth } from './useWidth';
import { SharedLogYContext, usePlotHeight } from './plotLayout';
import { clampDomain } from './plotMath/clamp';
import { COLORS } from './colors';
import { DataTable } from './DataTable';
import { keyStep } from './keyStep';

export type { LinePlotProps, PlotContext, SeriesSpec, XMarker } from './linePlotTypes';
export { DEFAULT_MARGIN } from './linePlotTypes';

export function LinePlot<Datum>(props: LinePlotProps<Datum>) {
  const {
    data,
    x,
    series,
    ariaLabel,
    xScaleType = 'linear',
    yScaleType = 'linear',
    xLabel,
    yLabel,
    height: fixedHeight = 200,
    highlightX = null,
    onHoverX,
    markers,
    emptyMessage = 'Press Play to start training',
    legend = true,
    xName = 'step',
    yDomain: yDomainOverride,
    children,
    className,
    testId,
    readout = true,
    integerX = true,
    dataTable = true,
    yClamp,
  } = props;
  const [ref, width] = useWidth<HTMLDivElement>();
  const [areaRef, height, fill] = usePlotHeight<HTMLDivElement>(fixedHeight);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [localHover, setLocalHover] = useState<number | null>(null);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const clipId = 'clip-' + uid;
  const [announce, setAnnounce] = useState('');

  const visible = useMemo(() => series.filter((s) => !hidden.has(s.key)), [series, hidden]);
  const m = DEFAULT_MARGIN;
  const innerWidth = Math.max(40, width - m.left - m.right);
  const innerHeight = Math.max(40, height - m.top - m.bottom);

  // Domains (data space) → primitives, so the scales below memoise on numbers, not on arrays.
  const xExt = useMemo(() => stepExtent(data, x, xScaleType), [data, x, xScaleType]);
  const yExt = useMemo(
    () =>
      finiteExtent(
        (function* () {
          for (const d of data) {
            if (!isPlottable(x(d), xScaleType)) continue; // e.g. step 0 on a log x axis
            for (const s of visible) yield s.y(d);
          }
        })(),
        yScaleType,
      ),
    [data, x, xScaleType, visible, yScaleType],
  );
  const [x0, x1] = xExt ?? (xScaleType === 'log' ? [1, 10] : [0, 1]);
  const sharedLogY = useContext(SharedLogYContext);
  const [y0, y1] = yDomainOverride ?? (yScaleType === 'log' ? sharedLogY : null) ?? clampDomain(paddedDomain(yExt, yScaleType, 0.06), yScaleType, yClamp);
  const xScale = useMemo(() => makeScale(xScaleType, [x0, x1], [0, innerWidth]), [xScaleType, x0, x1, innerWidth]);
  const yScale = useMemo(() => makeScale(yScaleType, [y0, y1], [innerHeight, 0]), [yScaleType, y0, y1, innerHeight]);

  const maxPoints = Math.max(50, Math.round(innerWidth * 1.5));
  const drawn = useMemo(
    () => visible.map((s) => ({ s, pts: downsample(data, maxPoints, s.y) })),
    [visible, data, maxPoints],
  );

  // Rows where at least one visible series was measured: hover snaps to these.
  const hoverable = useMemo(
    () => data.filter((d) => isPlottable(x(d), xScaleType) && visible.some((s) => !isMissing(s.y(d)))),
    [data, x, xScaleType, visible],
  );

  const empty = yExt === null || hoverable.length === 0;

  const hoverX = onHoverX ? highlightX : localHover;
  const hi = hoverX === null || empty ? -1 : nearestIndex(hoverable, x, hoverX);
  const hiDatum = hi >= 0 ? hoverable[hi] : undefined;
  const hiPx = hiDatum !== undefined ? xScale(x(hiDatum)) : NaN;
  const showHi = hiDatum !== undefined && isValidNumber(hiPx) && hiPx >= -0.5 && hiPx <= innerWidth + 0.5;

  const emit = useCallback(
    (v: number | null) => {
      if (onHoverX) onHoverX(v);
      else setLocalHover(v);
    },
    [onHoverX],
  );

  const onPointerMove = (e: ReactPointerEvent<SVGRectElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - r.left;
    const v = xScale.invert(Math.max(0, Math.min(innerWidth, px)));
    const i = nearestIndex(hoverable, x, v);
    if (i >= 0) {
      const xv = x(hoverable[i]);
      if (xv !== hoverX) emit(xv);
    }
  };

  const onKeyDown = (e: ReactKeyboardEvent<SVGSVGElement>) => {
    if (empty) return;
    const cur = hoverX === null ? -1 : nearestIndex(hoverable, x, hoverX);
    const next = keyStep(e.key, cur, hoverable.length);
    if (next === undefined) return;
    e.preventDefault();
    e.stopPropagation(); // the arrow keys belong to the plot, not to page-wide shortcuts
    if (next === null) {
      emit(null);
      setAnnounce('');
      return;
    }
    const d = hoverable[next];
    emit(x(d));
    setAnnounce(
      [`${xName} ${formatNumber(x(d), integerX ? 6 : 3)}`, ...visible.map((s) => `${s.label} ${formatNumber(s.y(d))}`)].join(', '),
    );
  };

  const toggle = useCallback((key: string) => {
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const readoutDatum = showHi ? hiDatum : hoverable.length ? hoverable[hoverable.length - 1] : undefined;

  return (
    <div className={['plot', 'line-plot', className].filter(Boolean).join(' ')} ref={ref} data-testid={testId}>
      {legend && (
        <Legend
          items={series.map((s) => ({ key: s.key, label: s.label, color: s.color, dash: s.dash, tex: s.tex, note: s.note, hidden: hidden.has(s.key), dots: s.dots && s.line === false }))}
          onToggle={series.length > 1 ? toggle : undefined}
        />
      )}
      <div className="plot-area" ref={areaRef} style={fill ? undefined : { height }}>
      <svg
        role="img"
        aria-label={ariaLabel}
        aria-describedby={empty ? undefined : `${uid}-kbd`}
        tabIndex={empty ? -1 : 0}
        onKeyDown={onKeyDown}
        onBlur={() => setAnnounce('')}
        width={width}
        height={height}
        className="plot-svg"
      >
        <PlotFrame
          clipId={clipId}
          width={width}
          height={height}
          margin={m}
          axes={{ xScale, yScale, xKind: xScaleType, yKind: yScaleType, xDomain: [x0, x1], yDomain: [y0, y1], innerWidth, innerHeight, xLabel, yLabel, integerX }}
          empty={empty}
          emptyMessage={visible.length === 0 && series.length > 0 ? 'All series hidden: click a legend entry' : emptyMessage}
          overlay={
            <>
              {markers?.map((mk) => {
                const px = xScale(mk.x);
                if (!isValidNumber(px) || px < -1 || px > innerWidth + 1) return null;
                return (
                  <g key={mk.label + mk.x} className="x-marker" data-marker={mk.label} transform={`translate(${px},0)`}>
                    <line y1={0} y2={innerHeight} stroke={mk.color ?? COLORS.diverged} strokeWidth={1.5} strokeDasharray="4 3" />
                    <text className="marker-label" y={-6} textAnchor={px > innerWidth - 40 ? 'end' : 'middle'} fill={mk.color ?? COLORS.diverged}>
                      {mk.label}
                    </text>
                  </g>
                );
              })}
              {showHi && hiDatum !== undefined && (
                <g className="hover-highlight" data-step={x(hiDatum)} pointerEvents="none">
                  <line className="crosshair" x1={hiPx} x2={hiPx} y1={0} y2={innerHeight} />
                  {visible.map((s) => {
                    const yv = s.y(hiDatum);
                    if (!isValidNumber(yv)) return null;
                    const cy = yScale(yv);
                    if (!isValidNumber(cy) || cy < 0 || cy > innerHeight) return null;
                    return <circle key={s.key} cx={hiPx} cy={cy} r={3.6} fill="var(--tl-bg, #fff)" stroke={s.color} strokeWidth={2} />;
                  })}
                </g>
              )}
              <rect
                className="hover-capture"
                width={innerWidth}
                height={innerHeight}
                fill="transparent"
                onPointerMove={onPointerMove}
                onPointerDown={onPointerMove}
                onPointerLeave={() => emit(null)}
              />
            </>
          }
        >
          {children?.({ xScale, yScale, innerWidth, innerHeight })}
          {drawn.map(({ s, pts }) => (
            <g key={s.key}>
              {s.line !== false && (
                <path
                  className="series-line"
                  data-series={s.key}
                  d={linePath(pts, x, s.y, xScale, yScale)}
                  fill="none"
                  stroke={s.color}
                  strokeWidth={s.width ?? 2}
                  strokeDasharray={s.dash}
                  strokeLinejoin="round"
                  strokeLinecap="round"
                />
              )}
              {s.dots &&
                pts.map((d, i) => {
                  const xv = x(d);
                  const yv = s.y(d);
                  if (!isValidNumber(yv)) return null;
                  const cx = xScale(xv);
                  const cy = yScale(yv);
                  if (!isValidNumber(cx) || !isValidNumber(cy)) return null;
                  return <circle key={i} className="series-dot" data-series={s.key} cx={cx} cy={cy} r={2.4} fill={s.color} />;
                })}
            </g>
          ))}
        </PlotFrame>
      </svg>
      </div>
      <span id={`${uid}-kbd`} className="sr-only">
        Use the left and right arrow keys to step through the values.
      </span>
      <div className="sr-only" aria-live="polite">
        {announce}
      </div>
      {readout && (
        <div className="plot-readout" aria-hidden={empty}>
          {!empty && readoutDatum !== undefined && (
            <>
              <span className="readout-x">
                {showHi || xName !== 'step' ? '' : 'latest '}
                {xName} {formatNumber(x(readoutDatum), integerX ? 6 : 3)}
              </span>
              {visible.map((s) => {
                const v = s.y(readoutDatum);
                if (v === undefined || v === null) return null;
                return (
                  <span key={s.key} className="readout-value">
                    <i className="readout-dot" style={{ background: s.color }} />
                    {s.label} <b>{formatNumber(v)}</b>
                  </span>
                );
              })}
            </>
          )}
        </div>
      )}
      {dataTable && (
        <DataTable
          caption={ariaLabel}
          rowCount={data.length}
          columns={[
            { header: xName, value: (i) => x(data[i]) },
            ...visible.map((s) => ({ header: s.label, value: (i: number) => s.y(data[i]) })),
          ]}
        />
      )}
    </div>
  );
}
