// 2D function view as small multiples: the network's f over the plane, the linear twin's, and
// their difference, with the training points coloured by label on the same colour scale.
import { useMemo } from 'react';
import { Heatmap, type HeatPoint } from './Heatmap';
import { divergingSpec } from './plotMath/colorScale';
import { formatNumber } from './plotMath/format';
import { subtract } from './plotMath/matrix';

export interface FunctionPlot2DProps {
  /** Grid side: values are n × n, row-major, y outer, row 0 = top (largest y). */
  n: number;
  domain: [number, number][];
  f: readonly number[];
  fLin?: readonly number[] | null;
  xTrain: readonly number[];
  yTrain: readonly number[];
  xTest?: readonly number[];
  yTest?: readonly number[];
}

export function FunctionPlot2D({ n, domain, f, fLin, xTrain, yTrain, xTest = [], yTest = [] }: FunctionPlot2DProps) {
  const spec = useMemo(() => divergingSpec(f, fLin ?? [], yTrain), [f, fLin, yTrain]);
  const diff = useMemo(() => (fLin ? subtract(f, fLin) : null), [f, fLin]);
  const diffSpec = useMemo(() => divergingSpec(diff ?? []), [diff]);
  const points = useMemo<HeatPoint[]>(() => {
    const out: HeatPoint[] = [];
    for (let i = 0; i < xTest.length / 2; i++) out.push({ x: xTest[2 * i], y: xTest[2 * i + 1], value: yTest[i], faint: true });
    for (let i = 0; i < xTrain.length / 2; i++) out.push({ x: xTrain[2 * i], y: xTrain[2 * i + 1], value: yTrain[i] });
    return out;
  }, [xTrain, yTrain, xTest, yTest]);
  const xExt = domain[0];
  const yExt = domain[1] ?? domain[0];
  const label = (name: string) => (r: number, c: number, v: number) => {
    const x = xExt[0] + ((xExt[1] - xExt[0]) * c) / Math.max(1, n - 1);
    const y = yExt[1] - ((yExt[1] - yExt[0]) * r) / Math.max(1, n - 1);
    return `${name}(${formatNumber(x)}, ${formatNumber(y)}) = ${formatNumber(v)}`;
  };
  return (
    <div className="small-multiples cols-3">
      <Heatmap
        values={f}
        rows={n}
        cols={n}
        color={spec}
        ariaLabel="Network function heatmap"
        testId="function-heatmap-network"
        caption="network f_t"
        xExtent={xExt}
        yExtent={yExt}
        points={points}
        smooth
        legendLabel="shared with twin"
        cellLabel={label('f')}
      />
      {fLin ? (
        <Heatmap
          values={fLin}
          rows={n}
          cols={n}
          color={spec}
          ariaLabel="Linear twin function heatmap"
          testId="function-heatmap-twin"
          caption="linear twin f_lin,t"
          xExtent={xExt}
          yExtent={yExt}
          points={points}
          smooth
          legendLabel="shared with network"
          cellLabel={label('f_lin')}
        />
      ) : (
        <p className="plot-note">Linear twin not available yet.</p>
      )}
      {diff && (
        <Heatmap
          values={diff}
          rows={n}
          cols={n}
          color={diffSpec}
          ariaLabel="Network minus linear twin heatmap"
          testId="function-heatmap-diff"
          caption="difference f_t − f_lin,t"
          xExtent={xExt}
          yExtent={yExt}
          smooth
          legendLabel="own symmetric scale"
          cellLabel={label('f − f_lin')}
        />
      )}
    </div>
  );
}
