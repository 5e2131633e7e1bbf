// The consistency view of the early-time model: Θ₀ on the first training points next to its
// high-dimensional prediction 2ζ²XXᵀ/d + ν² + c·I, in one colour scale.
import { useMemo } from 'react';
import { Heatmap } from '../plots/Heatmap';
import { autoColorSpec, formatNumber, squareSide } from '../plots/plotMath';
import { relativeFrobenius } from '../../engine/linalg/frobenius';

export function KernelIdentity({ kernel, c }: { kernel: { n: number; theta0: number[]; predicted: number[] }; c: number }) {
  const spec = useMemo(() => autoColorSpec(kernel.theta0, kernel.predicted), [kernel]);
  const n = squareSide(kernel.theta0.length);
  if (n === 0) return null;
  const err = relativeFrobenius(kernel.predicted, kernel.theta0);
  return (
    <div className="kernel-identity" data-testid="kernel-identity">
      <div className="small-multiples cols-2">
        <Heatmap values={kernel.theta0} rows={n} cols={n} color={spec} ariaLabel="Empirical NTK at init" caption="Θ₀ (network at init)" legend={false} maxSize={180} testId="kernel-theta0" />
        <Heatmap values={kernel.predicted} rows={n} cols={n} color={spec} ariaLabel="Predicted kernel" caption="2ζ²XXᵀ/d + ν² + c·I" legend={false} maxSize={180} testId="kernel-predicted" />
      </div>
      <p className="plot-note">
        First {n} training points, c = {formatNumber(c)}; ‖Θ₀ − prediction‖/‖Θ₀‖ = {formatNumber(err)} (shrinks as m and d grow).
      </p>
    </div>
  );
}
