// Quantities built from the engine's layer factors that only the tests read (the NTK diagonal, the
// hidden layers' gradient outer products, the exact forward difference): code under test, checked
// against the oracles of tests/reference/, not oracles themselves (that folder imports no engine value).
import { tf } from '../../src/engine/tf';
import { layerScales, type MlpSpec, type Params } from '../../src/engine/nn/mlp';
import { biasScale2, layerFactors } from '../../src/engine/metrics/ntk';
import { matMulAtB } from '../../src/engine/nn/dense';
import { differenceTrace } from '../../src/engine/nn/jets';

/**
 * Θ(x, x) for every row of x, as a length-N vector, without any N × N product:
 * Θ(x, x) = Σ_l (s_w,l² ‖a_{l-1}(x)‖² + s_b,l²) · ‖δ_l(x)‖².
 */
export function ntkDiagonal(spec: MlpSpec, params: Params, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const scales = layerScales(spec);
    const sb2 = biasScale2(spec, params);
    const F = layerFactors(spec, params, x);
    let diag: tf.Tensor1D | null = null;
    for (let l = 0; l < params.length; l++) {
      let weightAndBias = tf.mul(tf.sum(tf.square(F.aPrev[l]), 1), scales[l].w * scales[l].w);
      if (sb2[l] !== 0) weightAndBias = tf.add(weightAndBias, sb2[l]);
      const term = tf.mul(weightAndBias, tf.sum(tf.square(F.delta[l]), 1)) as tf.Tensor1D;
      diag = diag === null ? term : (tf.add(diag, term) as tf.Tensor1D);
    }
    return diag as tf.Tensor1D;
  });
}

/** K_l = δ_lᵀδ_l (n_l × n_l) for every hidden layer, over the rows of x (for tests and small nets). */
export function layerGradientOuterProducts(spec: MlpSpec, params: Params, x: tf.Tensor2D): tf.Tensor2D[] {
  return tf.tidy(() => {
    const { delta } = layerFactors(spec, params, x);
    return delta.slice(0, spec.depth).map((d) => matMulAtB(d, d));
  });
}

/** f(x; θ + Δ) − f(x; θ) per point, without cancellation (caller disposes). */
export function forwardDifference(spec: MlpSpec, params: Params, dir: Params, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.reshape(differenceTrace(spec, params, dir, x).dh[params.length - 1], [-1]) as tf.Tensor1D);
}
