// The MLP's backward recursion, in one place (docs/science.md §1–§2). With the layers of mlp.ts,
// h_l = s_w,l · a_{l−1} W_lᵀ + s_b,l · b_l, a sensitivity δ_l = ∂(·)/∂h_l goes back through a layer as
//   back_l = s_w,l+1 · δ_{l+1} W_{l+1},   δ_l = φ'(h_l) ⊙ back_l,
// from a seed at the output: δ_{L+1} = 1 for the network's own gradient ∂f/∂h (NTK, derivative
// correlations, NFA), or −η (f − y)/N for the gradient-descent step (mlpGrad.ts). Arrays are 0-based:
// delta[l] belongs to h[l] (forwardTrace), back[l] to the layer after it.
//
// The products go through dense.ts (no slow transposed kernels on wasm). φ' comes either from the
// pre-activations (exact for every activation) or, in the training step, from the saved activations
// (tanh' = 1 − a²: no second tanh, whose tfjs-wasm kernel is slow; linear: no product at all).
import { tf } from '../tf';
import { activationOps } from './activations';
import { productAB } from './dense';
import { layerScales, type MlpSpec, type Params } from './mlp';

/** The backward pass: δ_l for every layer and back[l] = s_{l+1} δ_{l+1} W_{l+1} (so δ_l = φ'(h_l) ⊙ back[l]). */
export interface BackwardPass {
  delta: tf.Tensor2D[];
  back: tf.Tensor2D[];
}

/** φ'(h_l) for layer index l; null: the identity (a linear network multiplies by nothing). */
export type Slope = (l: number) => tf.Tensor2D | null;

/** φ'(h_l) from the pre-activations. */
export function slopeFromPreactivations(spec: MlpSpec, h: tf.Tensor2D[]): Slope {
  const { d1 } = activationOps(spec.activation);
  return (l) => d1(h[l]) as tf.Tensor2D;
}

/** φ'(h_l) given h and the activations a (a[l + 1] = φ(h[l])): tanh as 1 − a², linear none, the others from h. */
export function slopeFromActivations(spec: MlpSpec, h: tf.Tensor2D[], a: tf.Tensor2D[]): Slope {
  const { d1 } = activationOps(spec.activation);
  switch (spec.activation) {
    case 'tanh':
      return (l) => tf.sub(1, tf.square(a[l + 1])) as tf.Tensor2D;
    case 'linear':
      return () => null;
    default:
      return (l) => d1(h[l]) as tf.Tensor2D;
  }
}

/** The backward recursion from `seed` (δ of the last layer, N × 1). Call inside tf.tidy. */
export function backward(spec: MlpSpec, params: Params, seed: tf.Tensor2D, slope: Slope): BackwardPass {
  const scales = layerScales(spec);
  const last = params.length - 1;
  const delta: tf.Tensor2D[] = new Array<tf.Tensor2D>(last + 1);
  const back: tf.Tensor2D[] = new Array<tf.Tensor2D>(last);
  delta[last] = seed;
  for (let l = last - 1; l >= 0; l--) {
    back[l] = tf.mul(productAB(delta[l + 1], params[l + 1].W), scales[l + 1].w) as tf.Tensor2D;
    const s = slope(l);
    delta[l] = s ? (tf.mul(s, back[l]) as tf.Tensor2D) : back[l];
  }
  return { delta, back };
}

/** δ_l = ∂f/∂h_l for every layer from the pre-activations h (seed δ_{L+1} = 1). Call inside tf.tidy. */
export function outputSensitivities(spec: MlpSpec, params: Params, h: tf.Tensor2D[]): BackwardPass {
  return backward(spec, params, tf.onesLike(h[h.length - 1]), slopeFromPreactivations(spec, h));
}

/**
 * Tangent of δ along a direction: δ̇_i = φ''(h_i) ḣ_i ⊙ s(δ_{i+1} W_{i+1}) + φ'(h_i) ⊙ s(δ̇_{i+1} W_{i+1} + δ_{i+1} U_{i+1}),
 * δ̇_L = 0 (the seed is fixed). `dirBack(i)` returns s_{i+1} δ_{i+1}·U_{i+1} (the direction's weight block on the backward pass).
 * Rows of ḣ may be a batch of directions while h, δ are a single broadcast row.
 */
export function deltaTangent(
  spec: MlpSpec,
  params: Params,
  h: tf.Tensor2D[],
  hDot: tf.Tensor2D[],
  bw: BackwardPass,
  dirBack: (i: number) => tf.Tensor2D,
): tf.Tensor2D[] {
  const scales = layerScales(spec);
  const ops = activationOps(spec.activation);
  const L = params.length - 1;
  const out: (tf.Tensor2D | null)[] = new Array<tf.Tensor2D | null>(L + 1);
  out[L] = null;
  for (let i = L - 1; i >= 0; i--) {
    const next = out[i + 1];
    let inner = dirBack(i);
    if (next) inner = tf.add(inner, tf.mul(productAB(next, params[i + 1].W), scales[i + 1].w)) as tf.Tensor2D;
    let t = tf.mul(ops.d1(h[i]), inner);
    if (ops.d2) t = tf.add(t, tf.mul(tf.mul(ops.d2(h[i]), hDot[i]), bw.back[i]));
    out[i] = t as tf.Tensor2D;
  }
  return out.map((d, i) => d ?? (tf.zerosLike(hDot[i]) as tf.Tensor2D));
}
