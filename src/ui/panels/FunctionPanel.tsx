import { useMemo } from 'react';
import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { FunctionPlot1D } from '../plots/FunctionPlot1D';
import { FunctionPlot2D } from '../plots/FunctionPlot2D';
import { EMPTY_MESSAGE, PANELS } from '../../content/explanations';
import { RUN_COLORS } from '../plots/colors';
import './compare.css';
import { twinDivergedAt } from '../plots/StepPlot';

export function FunctionPanel(props: PanelProps) {
  const { meta, snapshot, compare } = props;
  // The run sends typed arrays (transferred, not copied); the plots take plain arrays.
  const ds = useMemo(
    () =>
      meta && {
        xTrain: Array.from(meta.dataset.xTrain),
        yTrain: Array.from(meta.dataset.yTrain),
        xTest: Array.from(meta.dataset.xTest),
        yTest: Array.from(meta.dataset.yTest),
        gridX: Array.from(meta.grid.x),
        domain: meta.dataset.domain,
        inputDim: meta.dataset.inputDim,
      },
    [meta],
  );
  const f = useMemo(() => (snapshot ? Array.from(snapshot.fGrid) : null), [snapshot]);
  const fLin = useMemo(() => (snapshot?.fLinGrid ? Array.from(snapshot.fLinGrid) : null), [snapshot]);
  const fInf = useMemo(() => (snapshot?.fInfGrid ? Array.from(snapshot.fInfGrid) : null), [snapshot]);
  // Compare mode: the second run's curves (same data and grid), one colour per run.
  const snapB = compare?.snapshot ?? null;
  const fB = useMemo(() => (snapB ? Array.from(snapB.fGrid) : null), [snapB]);
  const fLinB = useMemo(() => (snapB?.fLinGrid ? Array.from(snapB.fLinGrid) : null), [snapB]);
  const nGrid = ds?.gridX.length ?? 0;
  const runs = useMemo(() => {
    const sized = (v: number[] | null) => (v && v.length === nGrid ? v : null);
    return compare
        ? [
            { label: compare.labels[0], color: RUN_COLORS[0], f: sized(f), fLin: sized(fLin) },
            { label: compare.labels[1], color: RUN_COLORS[1], f: sized(fB), fLin: sized(fLinB) },
          ]
        : undefined;
  }, [compare, f, fLin, fB, fLinB, nGrid]);
  if (!meta || !ds) {
    return (
      <PanelFrame id="function" text={PANELS.function}>
        <FunctionPlot1D xTrain={[]} yTrain={[]} gridX={[]} ariaLabel="Learned function" emptyMessage={EMPTY_MESSAGE} />
      </PanelFrame>
    );
  }
  const n = meta.grid.n;
  const twinAt = twinDivergedAt(props.rows);
  return (
    <PanelFrame
      id="function"
      text={PANELS.function}
      footer={
        snapshot ? (
          <span className="plot-note">
            snapshot at step {snapshot.step}
            {compare && snapB ? ` (${compare.labels[0]}), step ${snapB.step} (${compare.labels[1]})` : ''}
            {compare?.divergedAt != null ? ` — ${compare.labels[1]} diverged at step ${compare.divergedAt}` : ''}
          </span>
        ) : undefined
      }
    >
      {ds.inputDim > 2 ? (
        <p className="plot-note">
          No function plot for {ds.inputDim}-dimensional inputs: the losses, the gap to the linear twin and the probe-set metrics
          still track the run.
        </p>
      ) : ds.inputDim === 1 ? (
        <FunctionPlot1D
          xTrain={ds.xTrain}
          yTrain={ds.yTrain}
          xTest={ds.xTest}
          yTest={ds.yTest}
          gridX={ds.gridX}
          f={f && f.length === ds.gridX.length ? f : null}
          fLin={fLin && fLin.length === ds.gridX.length ? fLin : null}
          fInf={fInf && fInf.length === ds.gridX.length ? fInf : null}
          xDomain={ds.domain[0]}
          twinDivergedNote={twinAt === null ? null : `linear twin diverged at step ${twinAt} (η past its stable rate)`}
          ariaLabel="Learned function"
          {...(runs ? { runs } : {})}
        />
      ) : f && f.length === n * n && compare ? (
        <div className="compare-2d">
          {[
            { label: compare.labels[0], f, fLin },
            { label: compare.labels[1], f: fB, fLin: fLinB },
          ].map((r, k) => (
            <figure key={k} className="compare-2d-run" data-run={k + 1}>
              <figcaption style={{ color: RUN_COLORS[k] }}>{r.label}</figcaption>
              {r.f && r.f.length === n * n ? (
                <FunctionPlot2D n={n} domain={ds.domain} f={r.f} fLin={r.fLin && r.fLin.length === n * n ? r.fLin : null} xTrain={ds.xTrain} yTrain={ds.yTrain} xTest={ds.xTest} yTest={ds.yTest} />
              ) : (
                <p className="plot-note">{EMPTY_MESSAGE}</p>
              )}
            </figure>
          ))}
        </div>
      ) : f && f.length === n * n ? (
        <FunctionPlot2D
          n={n}
          domain={ds.domain}
          f={f}
          fLin={fLin && fLin.length === n * n ? fLin : null}
          fInf={fInf && fInf.length === n * n ? fInf : null}
          xTrain={ds.xTrain}
          yTrain={ds.yTrain}
          xTest={ds.xTest}
          yTest={ds.yTest}
        />
      ) : (
        <p className="plot-note">{EMPTY_MESSAGE}</p>
      )}
    </PanelFrame>
  );
}
