// ∇_θ L by tfjs autodiff of the MSE loss L = (1/2N) Σ (f − y)² over this folder's own forward pass
// (tfjs.ts): the oracle of the hand-written backprop (src/engine/nn/mlpGrad.ts), itself checked
// against float64 finite differences.
import type { MlpSpec, Params } from '../../src/engine/nn/mlp';
import { flatList, referenceForward, tf, unflatList } from './tfjs';

/** ∇_θ L on a batch, as a list shaped like params (caller disposes). */
export function lossGradients(spec: MlpSpec, params: Params, x: tf.Tensor2D, y: tf.Tensor1D): { loss: tf.Scalar; grads: Params } {
  const lossOf = (...ts: tf.Tensor[]) => {
    const f = referenceForward(spec, unflatList(ts, params), x);
    return tf.div(tf.sum(tf.square(tf.sub(f, y))), 2 * f.shape[0]) as tf.Scalar;
  };
  const { value, grads } = tf.valueAndGrads(lossOf)(flatList(params));
  return { loss: value as tf.Scalar, grads: unflatList(grads, params) };
}
