// ∇_θ L by tfjs autodiff of the MSE loss of mlp.ts's forward: the oracle of the hand-written
// backprop (src/engine/nn/mlpGrad.ts), itself checked against float64 finite differences.
import { tf } from '../../src/engine/tf';
import { flatParams, forward, unflattenParams, type MlpSpec, type Params } from '../../src/engine/nn/mlp';
import { mseLoss } from '../../src/engine/nn/train';

/** ∇_θ L on a batch, as a list shaped like params (caller disposes). */
export function lossGradients(spec: MlpSpec, params: Params, x: tf.Tensor2D, y: tf.Tensor1D): { loss: tf.Scalar; grads: Params } {
  const lossOf = (...ts: tf.Tensor[]) => mseLoss(forward(spec, unflattenParams(ts, params) as Params, x), y);
  const { value, grads } = tf.valueAndGrads(lossOf)(flatParams(params));
  return { loss: value as tf.Scalar, grads: unflattenParams(grads, params) };
}
