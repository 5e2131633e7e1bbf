// Learning per NTK eigenmode (docs/science.md §9): |u_kᵀ(f_t − y)| of the network and the linear
// twin against the step, for the top K eigenvectors of Θ₀ on the training set; then, at the hovered
// step, the remaining fraction of each mode against λ_k/N (spectral bias), and the top eigenvectors
// as functions of x on 1-D data.
import { useMemo } from 'react';
import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { useLogXToggle } from './metricSeries';
import { StepPlot } from '../plots/StepPlot';
import { formatNumber } from '../plots/plotMath/format';
import { PANELS } from '../../content/explanations';
import { useDarkTheme } from '../plots/useDarkTheme';
import { modeContext, rowAt, stepSeries, type ModeContext } from './modesData';
import { ModesSpectrum, ModesVectors, SpectrumNote } from './ModesViews';
import { usePanelView } from './ViewSwitch';
import type { MetricRow, RunMeta } from '../../engine/records/runRecords';
import './modes.css';

export function ModesPanel(props: PanelProps) {
  const [logX, logXToggle] = useLogXToggle('Learning per eigenmode');
  const { meta, rows, hoverStep } = props;
  const first = rows.length > 0 ? rows[0] : undefined;
  const dark = useDarkTheme();
  const ctx = useMemo(() => (meta ? modeContext(meta, first ? [first] : [], dark) : null), [meta, first, dark]);
  const series = useMemo(() => (ctx ? stepSeries(ctx) : []), [ctx]);
  const yDomain = useMemo(() => (ctx?.initial ? floorDomain(ctx.initial, rows) : undefined), [ctx, rows]);
  const row = rowAt(rows, hoverStep);
  // In a small box (embed) one view at a time: the residuals vs step, vs λ, or the eigenvectors (1-D inputs).
  const [one, viewSwitch] = usePanelView('modes', PANELS.modes.title, (k) => ctx !== null && (k !== 'vectors' || meta?.dataset.inputDim === 1));
  const show = (k: string) => one === null || one === k;
  // the run's conditions: under the title, or behind Explain in a small box
  const note = meta && <ModesNote meta={meta} ctx={ctx} />;
  return (
    <PanelFrame id="modes" text={PANELS.modes} controls={<>{viewSwitch}{show('steps') && logXToggle}</>} about={one !== null && ctx ? <>{note}{one === 'spectrum' && ctx.gd && <SpectrumNote />}</> : undefined}>
      {(one === null || !ctx) && note}
      {ctx && (
        <>
          {show('steps') && <ColourKey ctx={ctx} short={one !== null} />}
          {show('steps') && <StepPlot
            rows={rows}
            series={series}
            ariaLabel="Residual per NTK eigenmode vs step"
            xScaleType={logX ? 'log' : 'linear'}
            yScaleType="log"
            yDomain={yDomain}
            yLabel="|u_kᵀ(f − y)| (log)"
            hoverStep={hoverStep}
            onHoverStep={props.onHoverStep}
            divergedAt={props.divergedAt}
            legend={false}
            readout={false}
            notMeasuredMessage="Waiting for the first per-mode measurement…"
            height={190}
            testId="modes-steps"
          />}
          {one === null ? (
            <div className="modes-row">
              <ModesSpectrum ctx={ctx} row={row} />
              {meta && <ModesVectors meta={meta} ctx={ctx} />}
            </div>
          ) : (
            <>
              {one === 'spectrum' && <ModesSpectrum ctx={ctx} row={row} alone />}
              {one === 'vectors' && meta && <ModesVectors meta={meta} ctx={ctx} alone />}
            </>
          )}
        </>
      )}
    </PanelFrame>
  );
}

/** What is measured in this run, in one or two lines: optimiser, activation, K, N, η against 2N/λ₁. */
function ModesNote({ meta, ctx }: { meta: RunMeta; ctx: ModeContext | null }) {
  if (!ctx) return <p className="plot-note" data-testid="modes-off">{meta.modesOff ?? 'No eigenmodes are tracked in this run.'}</p>;
  const c = meta.config;
  const n = c.train;
  const top = ctx.lr * ctx.lambda[0];
  // the step on θ is η/α² (docs/science.md §10); λ_k are the scaled model's eigenvalues
  const over = c.outputScale > 1 ? '(α²N)' : 'N';
  return (
    <p className="plot-note" data-testid="modes-note">
      Top {ctx.lambda.length} eigenvectors of Θ₀(X, X) at θ₀ ({c.activation}, width {c.width}, N = {n}); {c.optimizer === 'gd' ? 'full-batch GD' : `SGD, batch ${Math.min(c.batch, n)}`}, η ={' '}
      {formatNumber(meta.lr)}.{' '}
      {c.optimizer === 'gd' ? (
        <>
          ηλ₁/{over} = {formatNumber(top)}
          {top > 2 ? ` > 2: the twin’s top mode grows by |1 − ηλ₁/${over}| > 1 per step.` : ' (below 2: the twin’s tracked modes decay).'} Faint lines: the twin’s
          closed form |1 − ηλ_k/{over}|^t·|u_kᵀ(f₀ − y)|.
        </>
      ) : (
        'With SGD each batch kernel mixes the modes, so the twin has no per-mode closed form: both curves are measured only.'
      )}
    </p>
  );
}

/** `short`: one line for a small box (the eigenvalues are in the "vs λ" view). */
function ColourKey({ ctx, short = false }: { ctx: ModeContext; short?: boolean }) {
  const k = ctx.lambda.length;
  const stops = ctx.colors.map((c, i) => `${c} ${((100 * i) / Math.max(1, k - 1)).toFixed(1)}%`).join(', ');
  if (short)
    return (
      <div className="modes-key is-short" aria-label="Colour key">
        <span>k = 1</span>
        <span className="modes-key-bar" style={{ background: `linear-gradient(to right, ${stops})` }} />
        <span>k = {k}</span>
        <span className="modes-key-styles">· solid network · dashed twin{ctx.gd ? ' · faint: closed form' : ''}</span>
      </div>
    );
  return (
    <div className="modes-key" aria-label="Colour key">
      <span>
        k = 1, λ₁/N = {formatNumber(ctx.lambda[0])}
      </span>
      <span className="modes-key-bar" style={{ background: `linear-gradient(to right, ${stops})` }} />
      <span>
        k = {k}, λ/N = {formatNumber(ctx.lambda[k - 1])}
      </span>
      <span className="modes-key-styles">solid network · dashed twin{ctx.gd ? ' · faint GD closed form' : ''}</span>
    </div>
  );
}

/**
 * y range of the step plot: from 1e-4 of the largest initial projection (smaller values are
 * rounding noise of the float32 residual) to the largest value measured, at most 10⁴ times the
 * largest initial projection (a diverging twin mode leaves the plot at the top).
 */
function floorDomain(initial: readonly number[], rows: readonly MetricRow[]): [number, number] {
  let hi = Math.max(...initial.map(Math.abs));
  for (const r of rows) if (r.modes) for (const v of [...r.modes.net, ...r.modes.lin]) if (v !== null && Number.isFinite(v)) hi = Math.max(hi, Math.abs(v));
  const top = Math.max(...initial.map(Math.abs));
  return [top * 1e-4, Math.min(hi * 1.5, top * 1e4)];
}
