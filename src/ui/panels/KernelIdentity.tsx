// The consistency view of the early-time model: Θ₀ on the first training points next to its
// high-dimensional prediction 2ζ²XXᵀ/d + ν² + c·I, in one colour scale.
import { useMemo } from 'react';
import { Heatmap } from '../plots/Heatmap';
import { autoColorSpec, formatNumber, squareSide } from '../plots/plotMath';
import { relativeFrobenius } from '../../engine/linalg/frobenius';
import { FillSlot } from '../plots/FillSlot';
import { INDEX_AXES_MARGIN, type IndexAxes } from '../plots/HeatmapAxes';

const AXES: IndexAxes = { label: (k) => String(k + 1), x: 'training point j', y: 'training point i' };
/** Caption, index axes and readout around each square (an embed leaves out "Show data"). */
const CHROME = 18 + INDEX_AXES_MARGIN.top + INDEX_AXES_MARGIN.bottom + 20;

/** `alone`: the only view of a small box (embed): the two squares sized to the height left. */
export function KernelIdentity({ kernel, c, alone = false }: { kernel: { n: number; theta0: number[]; predicted: number[] }; c: number; alone?: boolean }) {
  const spec = useMemo(() => autoColorSpec(kernel.theta0, kernel.predicted), [kernel]);
  const n = squareSide(kernel.theta0.length);
  if (n === 0) return null;
  const err = relativeFrobenius(kernel.predicted, kernel.theta0);
  const pair = (maxSize: number) => (
    <div className="small-multiples cols-2">
      <Heatmap values={kernel.theta0} rows={n} cols={n} color={spec} ariaLabel="Empirical NTK at init" caption="Θ₀ (network at init)" legend={false} maxSize={maxSize} indexAxes={AXES} dataTable={!alone} testId="kernel-theta0" />
      <Heatmap values={kernel.predicted} rows={n} cols={n} color={spec} ariaLabel="Predicted kernel" caption="2ζ²XXᵀ/d + ν² + c·I" legend={false} maxSize={maxSize} indexAxes={AXES} dataTable={!alone} testId="kernel-predicted" />
    </div>
  );
  return (
    <div className={alone ? 'kernel-identity fill-view' : 'kernel-identity'} data-testid="kernel-identity">
      {alone ? <FillSlot>{(h) => pair(h === null ? 180 : Math.max(60, h - CHROME))}</FillSlot> : pair(180)}
      <p className="plot-note">
        First {n} training points, c = {formatNumber(c)}; ‖Θ₀ − prediction‖/‖Θ₀‖ = {formatNumber(err)} (shrinks as m and d grow).
      </p>
    </div>
  );
}
