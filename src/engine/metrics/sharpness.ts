// Sharpness on the training set (docs/science.md, "Sharpness and learning-rate phases"): S_t = λmax(Θ_t(X, X)) / (α²·N), the top
// eigenvalue of the Gauss–Newton matrix of the MSE loss (1/2N)Σ(f − y)² in the units of the
// learning rate η the user sets. A linearisation at θ_t trained with the raw step η/α² (outputScale.ts)
// shrinks its top residual mode by the factor 1 − η·S_t per step, so it is stable iff η·S_t < 2 — the
// same line for every parametrization and output scale. S_0 = 2/η_c, and the linear twin (frozen at
// Θ₀) diverges iff η·S_0 > 2.
import { tf } from '../tf';
import type { MlpSpec, Params } from '../nn/mlp';
import { ntkLayerwise } from './ntk';
import { lambdaMax } from './kernelMetrics';
import { outputScaleSq } from '../lr/rule';

/**
 * λmax(Θ_t(X_train, X_train)) / (α²·N) on device (power iteration on the exact N × N kernel, the
 * same estimator that sets η_c at θ₀, so S_0·η_c = 2 exactly). Caller owns the scalar.
 */
export function trainSharpness(spec: MlpSpec, theta: Params, xTrain: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.div(lambdaMax(ntkLayerwise(spec, theta, xTrain)), outputScaleSq(spec) * xTrain.shape[0]) as tf.Scalar);
}

/** η·S: the factor by which one step changes the top mode is 1 − η·S (stable iff η·S < 2). */
export function edgeRatio(eta: number, sharpness: number): number {
  return eta * sharpness;
}
