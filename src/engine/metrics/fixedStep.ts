// The gradient-change family at a FIXED function-space step size (docs/science.md §5).
//
// The raw gradChange of session rows is read along the GD step Δ = −(η/α²)∇θL, so it scales with
// η‖∇L‖ at the step where it is read. Dividing by RMS(c₁) of the same step (the sweep's …PerC1)
// removes that scale only where gradChange is linear in the step: for smooth φ in the small-step
// limit, but not for relu, whose kink part grows like the square root of the number of units that
// cross 0 (∝ √step), so gradChange/RMS(c₁) ∝ step^(−½) there.
//
// Here the same direction is rescaled to a fixed size in function space before the gradient change
// is measured: Δ_fix = s·Δ with s = ρ·RMS(y)/RMS(c₁) (c₁ = J(x)Δ on the probe set, y the training
// targets), so RMS(J Δ_fix) = ρ·RMS(y). Δ_fix does not depend on η (Δ ∝ η cancels) nor on the size of
// the residual, only on the direction of the GD step and the point θ where it is taken.
//
// ρ = FIXED_STEP_FRACTION = 0.1: the step moves the function by a tenth of the targets' RMS. Why
// this size (measured on the default task: sine, 64 points, RMS(y) = 0.742, depth 2, NTK, θ₀, auto η,
// `train --steps 1 --json`): it is 2–46× smaller than the first GD step at the automatic rate
// (RMS(c₁) = 0.14 tanh / 1.39 relu at width 64, 1.13 / 3.41 at width 1024), so it stays a local,
// perturbative measurement (tanh: gradChangeFixedStep equals its first-order part to 0.2% at widths
// 64 and 1024, 0.01864 vs 0.01861 and 0.005154 vs 0.005165); and it is large enough that relu units cross 0
// on the probe set (≈ 8 of 8192 (unit, point) pairs at width 64, ≈ 35 of 131072 at width 1024),
// where ρ = 0.01 left one or two, too few for a kink part that is not mostly noise.
import { tf } from '../tf';
import type { MlpSpec, Params } from '../nn/mlp';
import { gradientChange } from './correlations';
import { stepMetricsSummary } from './stepMetrics';

/** ρ: RMS(c₁) of the fixed step as a fraction of RMS(y). */
export const FIXED_STEP_FRACTION = 0.1;

/** The row fields this file fills (the last two only for kinked φ). */
export const FIXED_STEP_NAMES = ['gradChangeFixedStep', 'gradChangeFirstOrderFixedStep', 'gradChangeFrozenFixedStep', 'flipFractionFixedStep'] as const;
export type FixedStepName = (typeof FIXED_STEP_NAMES)[number];

/** s = ρ·RMS(y)/RMS(c₁): the factor that brings the step Δ to the fixed size. */
export function fixedStepScale(c1Rms: tf.Scalar, yRms: number | tf.Scalar): tf.Scalar {
  return tf.div(tf.mul(FIXED_STEP_FRACTION, yRms), c1Rms) as tf.Scalar;
}

/**
 * The fixed-step metrics on the probe points, as scalars (call inside tf.tidy):
 *   gradChangeFixedStep            mean_x ‖∇f(θ+Δ_fix) − ∇f(θ)‖/‖∇f(θ)‖, exact (differences, no cancellation)
 *   gradChangeFirstOrderFixedStep  mean_x ‖H(x)Δ_fix‖/‖∇f(θ)‖ = s · (the raw first-order value, linear in the step)
 *   gradChangeFrozenFixedStep      (kinked φ) the same step with the relu pattern of θ frozen
 *   flipFractionFixedStep          (kinked φ) fraction of (unit, probe point) pairs changing sign in the step
 * `c1Rms` and `firstOrder` are RMS(c₁) and mean ‖H(x)Δ‖/‖∇f‖ of the raw step Δ (correlationSummary).
 */
export function fixedStepMetrics(
  spec: MlpSpec,
  params: Params,
  dir: Params,
  probeX: tf.Tensor2D,
  raw: { c1Rms: tf.Scalar; firstOrder: tf.Scalar },
  yRms: number | tf.Scalar,
  kinks: boolean,
): Partial<Record<FixedStepName, tf.Scalar>> {
  const s = fixedStepScale(raw.c1Rms, yRms);
  const dirFix: Params = dir.map((L) => ({ W: tf.mul(L.W, s) as tf.Tensor2D, b: L.b ? (tf.mul(L.b, s) as tf.Tensor1D) : null }));
  const out: Partial<Record<FixedStepName, tf.Scalar>> = {
    gradChangeFixedStep: gradientChange(spec, params, dirFix, probeX).mean,
    gradChangeFirstOrderFixedStep: tf.mul(s, raw.firstOrder) as tf.Scalar,
  };
  if (kinks) {
    const [frozen, flips] = tf.unstack(stepMetricsSummary(spec, params, dirFix, probeX)) as tf.Scalar[];
    out.gradChangeFrozenFixedStep = frozen;
    out.flipFractionFixedStep = flips;
  }
  return out;
}
