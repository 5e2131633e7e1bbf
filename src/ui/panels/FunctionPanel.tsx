import type { PanelProps } from './types';
import { PanelFrame } from '../plots/PanelFrame';
import { FunctionPlot1D } from '../plots/FunctionPlot1D';
import { FunctionPlot2D } from '../plots/FunctionPlot2D';
import { EMPTY_MESSAGE, PANELS } from '../../content/explanations';

export function FunctionPanel(props: PanelProps) {
  const { meta, snapshot } = props;
  if (!meta) {
    return (
      <PanelFrame id="function" text={PANELS.function}>
        <FunctionPlot1D xTrain={[]} yTrain={[]} gridX={[]} ariaLabel="Learned function" emptyMessage={EMPTY_MESSAGE} />
      </PanelFrame>
    );
  }
  const ds = meta.dataset;
  const f = snapshot?.fGrid ?? null;
  const fLin = snapshot?.fLinGrid ?? null;
  const n = meta.grid.n;
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
          gridX={meta.grid.x}
          f={f && f.length === meta.grid.x.length ? f : null}
          fLin={fLin && fLin.length === meta.grid.x.length ? fLin : null}
          xDomain={ds.domain[0]}
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
