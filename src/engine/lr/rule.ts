// The learning-rate rule, in one home (docs/science.md §3, §8, §10), free of TensorFlow.js so the
// page and the content texts can import it:
//   η_c = 2N/λmax(Θ₀)   GD with MSE (1/2N)Σ(f−y)² on the linear model is stable iff η < η_c;
//   lab auto η          ½·η_c (3 significant digits), 0.1 when λmax is not a positive finite number;
//   output scale α      the model α·(f(x; θ) − f(x; θ₀)) has the kernel α²Θ, so λmax is quoted in
//                       α = 1 units (÷ α²) and θ takes the raw step η/α²: in function space the first
//                       steps then match the α = 1 model while θ moves 1/α as far;
//   sweep η             one η for a whole sweep, or η₀·n^κ with the width exponent κ (lrAtWidth);
//                       resolved from the kernels at init by sweepLr.ts.
import { roundSignificant, type Parametrization } from '../../schema/config';
import type { SweepLr } from '../records/sweepRecords';

/** The output scale α of a network (the spec's or config's outputScale; 1 when absent). */
type Scaled = { outputScale?: number };

/** α² of a network (1 without an output scale). */
export function outputScaleSq(spec: Scaled): number {
  const a = spec.outputScale ?? 1;
  return a * a;
}

/** The raw step on θ for the model's learning rate η: η/α². */
export function rawStep(spec: Scaled, eta: number): number {
  return eta / outputScaleSq(spec);
}

/**
 * λmax of the scaled model's Θ₀ in units of the α = 1 model (divided by α²): η_c = 2N / this is
 * the same for every α, so one η means the same function-space speed at every α.
 */
export function lambdaPerScaleSq(spec: Scaled, lambda: number): number {
  return lambda / outputScaleSq(spec);
}

/** η_c = 2N/λmax(Θ₀): GD on the linear model with MSE (1/2N)Σ(f−y)² is stable iff η < η_c. */
export function criticalLearningRate(lambdaMaxValue: number, n: number): number {
  return (2 * n) / lambdaMaxValue;
}

/**
 * The run's learning rate: c·η_c when an lr-scale c is given (exactly, not rounded, so η·S₀ = 2c),
 * else the explicit one, else half the critical rate (3 significant digits); without a positive
 * finite λmax (no critical rate) the explicit rate, or 0.1.
 */
export function chooseLearningRate(lambdaMaxValue: number, n: number, explicitLr: number | null, lrScale: number | null = null): { critical: number | null; lr: number } {
  const critical = lambdaMaxValue > 0 && Number.isFinite(lambdaMaxValue) ? criticalLearningRate(lambdaMaxValue, n) : null;
  if (lrScale !== null && critical !== null) return { critical, lr: lrScale * critical };
  return { critical, lr: explicitLr ?? (critical !== null ? roundSignificant(0.5 * critical, 3) : 0.1) };
}

/** The η of one parametrization (throws when the sweep has none for it). */
export function lrOf(lrs: readonly SweepLr[], param: Parametrization): SweepLr {
  const lr = lrs.find((l) => l.param === param);
  if (!lr) throw new Error(`the sweep has no η for the ${param} parametrization`);
  return lr;
}

/** η of a run at width n under the resolved rule (null: the run picks its own, auto-per-run). */
export function lrAtWidth(lr: SweepLr, width: number): number | null {
  if (lr.eta === null) return null;
  return lr.widthExp === 0 ? lr.eta : roundSignificant(lr.eta * width ** lr.widthExp, 6);
}
