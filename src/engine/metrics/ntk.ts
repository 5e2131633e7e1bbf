// The exact empirical NTK Θ(x, x') = ∇_θ f(x) · ∇_θ f(x'), layer by layer (docs/science.md §2), without
// ever forming the N × P Jacobian. In our unified parametrization h_l = s_w,l · a_{l-1} W_lᵀ + s_b,l · b_l
// (mlp.ts), the gradient of f with respect to the raw W_l is s_w,l · δ_lᵀ a_{l-1} and with respect to b_l
// is s_b,l · δ_l, where δ_l = ∂f/∂h_l. Hence
//   Θ = Σ_{l=1}^{L+1} [ s_w,l² A_{l-1} + s_b,l² 11ᵀ ] ⊙ D_l,   A_l = a_l(x1) a_l(x2)ᵀ,  D_l = δ_l(x1) δ_l(x2)ᵀ,
//   δ_{L+1} = 1,   δ_l = φ'(h_l) ⊙ (s_w,l+1 · δ_{l+1} W_{l+1}).
// The bias term is present only for layers whose params carry b. Cost O(L·N²·n + L·N·n²), memory O(N² + N·n).
import { tf } from '../tf';
import { outputSensitivities } from '../nn/backward';
import { matMulABt } from '../nn/dense';
import { forwardTrace, layerScales, type MlpSpec, type Params } from '../nn/mlp';

/** Per-layer backpropagated sensitivities δ_l = ∂f/∂h_l (N × n_l), l = 1..L+1, and the activations a_{l-1}. */
export interface LayerFactors {
  /** aPrev[l-1] = a_{l-1}, l = 1..L+1 (aPrev[0] = x). */
  aPrev: tf.Tensor2D[];
  /** delta[l-1] = δ_l, l = 1..L+1 (the last is N × 1 of ones). */
  delta: tf.Tensor2D[];
}

/** Forward trace plus the backward pass of δ_l for a batch x (call inside tf.tidy). */
export function layerFactors(spec: MlpSpec, params: Params, x: tf.Tensor2D): LayerFactors {
  const { h, a } = forwardTrace(spec, params, x);
  return { aPrev: a, delta: outputSensitivities(spec, params, h).delta };
}

/** Which layers carry a bias parameter, and its squared scale s_b,l² (0 when absent). */
export function biasScale2(spec: MlpSpec, params: Params): number[] {
  const scales = layerScales(spec);
  return params.map((L, l) => (L.b ? scales[l].b * scales[l].b : 0));
}

/**
 * Empirical NTK Θ(x1, x2), N1 × N2 (x2 defaults to x1). The returned tensor is owned by the caller.
 */
export function ntkLayerwise(spec: MlpSpec, params: Params, x1: tf.Tensor2D, x2?: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const scales = layerScales(spec);
    const sb2 = biasScale2(spec, params);
    const F1 = layerFactors(spec, params, x1);
    const F2 = x2 === undefined || x2 === x1 ? F1 : layerFactors(spec, params, x2);
    let theta: tf.Tensor2D | null = null;
    for (let l = 0; l < params.length; l++) {
      const A = matMulABt(F1.aPrev[l], F2.aPrev[l]);
      let weightAndBias = tf.mul(A, scales[l].w * scales[l].w);
      if (sb2[l] !== 0) weightAndBias = tf.add(weightAndBias, sb2[l]);
      const D = matMulABt(F1.delta[l], F2.delta[l]);
      const term = tf.mul(weightAndBias, D) as tf.Tensor2D;
      theta = theta === null ? term : (tf.add(theta, term) as tf.Tensor2D);
    }
    return theta as tf.Tensor2D;
  });
}
