import { useMemo } from 'react';
import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { FunctionPlot1D } from '../plots/FunctionPlot1D';
import { FunctionPlot2D } from '../plots/FunctionPlot2D';
import { EMPTY_MESSAGE, PANELS } from '../../content/explanations';
import { twinDivergedAt } from '../plots/StepPlot';

export function FunctionPanel(props: PanelProps) {
  const { meta, snapshot } = props;
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
    <PanelFrame id="function" text={PANELS.function} footer={snapshot ? <span className="plot-note">snapshot at step {snapshot.step}</span> : undefined}>
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
        />
      ) : f && f.length === n * n ? (
        <FunctionPlot2D
          n={n}
          domain={ds.domain}
          f={f}
          fLin={fLin && fLin.length === n * n ? fLin : null}
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
