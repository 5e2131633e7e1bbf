// The MSE loss and the gradient-descent step Δθ = −η ∇_θ L of the MLP by hand-written backprop
// (docs/science.md §1), without tfjs's autodiff tape.
//
// With h_l = s_w,l · a_{l−1} W_lᵀ + s_b,l · b_l, a_l = φ(h_l), f = h_{L+1} and L = (1/2N) Σ (f − y)²:
//   δ_{L+1} = (f − y)/N,  δ_{l−1} = (s_w,l · δ_l W_l) ⊙ φ'(h_{l−1}),
//   ∂L/∂W_l = s_w,l · δ_lᵀ a_{l−1},  ∂L/∂b_l = s_b,l · Σ_rows δ_l.
// The step's factor −η is folded into the backward signal, u_l = −η δ_l, so ΔW_l = s_w,l · u_lᵀ a_{l−1}
// and Δb_l = s_b,l · Σ_rows u_l come out of one product / one sum each. Autodiff of the same
// loss is the oracle (tests/unit/mlpGrad.test.ts).
//
// The forward pass is mlp.ts's forwardTrace and the backward recursion backward.ts's, with their
// measured speed-ups (bench/README.md): every product goes through dense.ts's fast products (no
// slow transposed kernels on wasm), and on wasm tanh is computed as 2σ(2h) − 1 (tfjs-wasm's tanh
// kernel is ~14× slower than its sigmoid at 256 × 256); φ' of tanh comes from the saved activation.
import { tf } from '../tf';
import { productAtB, transposeStrategy } from './dense';
import { backward, slopeFromActivations } from './backward';
import { forwardTrace, layerScales, type Layer, type MlpSpec, type Params } from './mlp';

/**
 * ΔW = s_w · uᵀa and Δb = s_b · Σ_rows u. With explicit transposes (wasm) and a bias, uᵀ is made
 * once and serves both: tfjs reduces over the last axis, so Σ_rows u would transpose u again inside
 * tf.sum (measured: sum over axis 0 of 256 × 256 costs as much as the transpose itself).
 */
function layerStep(u: tf.Tensor2D, a: tf.Tensor2D, bias: boolean, sw: number, sb: number): Layer {
  if (bias && transposeStrategy() === 'explicit') {
    const ut = tf.transpose(u) as tf.Tensor2D;
    return { W: tf.mul(tf.matMul(ut, a), sw) as tf.Tensor2D, b: tf.mul(tf.sum(ut, 1), sb) as tf.Tensor1D };
  }
  return { W: tf.mul(productAtB(u, a), sw) as tf.Tensor2D, b: bias ? (tf.mul(tf.sum(u, 0), sb) as tf.Tensor1D) : null };
}

export interface LossAndStep {
  /** L = (1/2N) Σ (f − y)² at the current parameters. */
  loss: tf.Scalar;
  /** Δθ = −η ∇_θ L, shaped like the parameters (b null where the net has no biases). */
  step: Params;
}

/**
 * The loss and the GD step −η ∇_θ L on (x, y) by backprop. Call inside tf.tidy (intermediates are
 * not disposed here); the caller owns the returned tensors.
 */
export function lossAndStep(spec: MlpSpec, params: Params, x: tf.Tensor2D, y: tf.Tensor1D, lr: number): LossAndStep {
  const scales = layerScales(spec);
  const nLayers = params.length;
  const n = x.shape[0];
  // forward, keeping h_l and a_l (the training step's fast variant)
  const { h, a } = forwardTrace(spec, params, x, { forStep: true });
  const r = tf.sub(tf.reshape(h[nLayers - 1], [-1]), y) as tf.Tensor1D;
  const loss = tf.div(tf.sum(tf.square(r)), 2 * n) as tf.Scalar;
  // backward: u_l = −η δ_l (N × n_l), starting from −η (f − y)/N
  const u = backward(spec, params, tf.reshape(tf.mul(r, -lr / n), [n, 1]) as tf.Tensor2D, slopeFromActivations(spec, h, a)).delta;
  const step: Params = params.map((p, l) => layerStep(u[l], a[l], p.b !== null, scales[l].w, scales[l].b));
  return { loss, step };
}
