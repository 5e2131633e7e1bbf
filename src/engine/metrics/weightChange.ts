// Relative weight change per layer, ‖W_l(t) − W_l(0)‖_F / ‖W_l(0)‖_F (raw trainable entries).
import { tf } from '../tf';

/** One entry per layer (input → output), as a Tensor1D. Call inside tf.tidy. */
export function relativeWeightChange(w: readonly tf.Tensor2D[], w0: readonly tf.Tensor2D[]): tf.Tensor1D {
  return tf.stack(w.map((wl, l) => tf.div(tf.norm(tf.sub(wl, w0[l])), tf.norm(w0[l])))) as tf.Tensor1D;
}
