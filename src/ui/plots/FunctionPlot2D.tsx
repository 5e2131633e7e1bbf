// 2D function view as small multiples: the network's f over the plane, the linear twin's, and
// their difference, and the infinite-width machine's when the run has one, with the training points
// coloured by label on the same colour scale.
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
  /** The infinite-width kernel machine f∞,t on the grid (absent when the run has none). */
  fInf?: readonly number[] | null;
  xTrain: readonly number[];
  yTrain: readonly number[];
  xTest?: readonly number[];
  yTest?: readonly number[];
}

export function FunctionPlot2D({ n, domain, f, fLin, fInf, xTrain, yTrain, xTest = [], yTest = [] }: FunctionPlot2DProps) {
  const spec = useMemo(() => divergingSpec(f, fLin ?? [], fInf ?? [], yTrain), [f, fLin, fInf, yTrain]);
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
  /** The three maps differ only in values, colour scale, names and whether the data points show. */
  const map = (o: { values: readonly number[]; color: typeof spec; who: string; testId: string; caption: string; legendLabel: string; name: string; withPoints: boolean }) => (
    <Heatmap
      values={o.values}
      rows={n}
      cols={n}
      color={o.color}
      ariaLabel={`${o.who} heatmap`}
      testId={`function-heatmap-${o.testId}`}
      caption={o.caption}
      xExtent={xExt}
      yExtent={yExt}
      points={o.withPoints ? points : undefined}
      smooth
      legendLabel={o.legendLabel}
      cellLabel={label(o.name)}
    />
  );
  return (
    <div className={`small-multiples ${fInf ? 'cols-2' : 'cols-3'}`}>
      {map({ values: f, color: spec, who: 'Network function', testId: 'network', caption: 'network f_t', legendLabel: 'shared with twin', name: 'f', withPoints: true })}
      {fLin ? (
        map({ values: fLin, color: spec, who: 'Linear twin function', testId: 'twin', caption: 'linear twin f_lin,t', legendLabel: 'shared with network', name: 'f_lin', withPoints: true })
      ) : (
        <p className="plot-note">Linear twin not available yet.</p>
      )}
      {diff &&
        map({ values: diff, color: diffSpec, who: 'Network minus linear twin', testId: 'diff', caption: 'difference f_t − f_lin,t', legendLabel: 'own symmetric scale', name: 'f − f_lin', withPoints: false })}
      {fInf &&
        map({ values: fInf, color: spec, who: 'Infinite-width machine function', testId: 'machine', caption: 'infinite-width machine f∞,t', legendLabel: 'shared with network', name: 'f∞', withPoints: true })}
    </div>
  );
}
