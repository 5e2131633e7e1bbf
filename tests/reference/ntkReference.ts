// Reference NTK Θ = J Jᵀ from per-example autodiff gradients: one tf.grads call per input row over
// this folder's own forward pass (tfjs.ts), flattened over all parameters (W1, b1, W2, …). O(N·P)
// memory: for tests and benchmarks only.
import type { MlpSpec, Params } from '../../src/engine/nn/mlp';
import { flatList, referenceForward, tf, unflatList } from './tfjs';

export { referenceForward };

/** Row i is ∇_θ f(x_i) flattened (N × P), by reverse-mode autodiff one example at a time. Caller owns it. */
export function perExampleJacobian(spec: MlpSpec, params: Params, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const flat = flatList(params);
    const fOf = (xi: tf.Tensor2D) => (...ts: tf.Tensor[]) => tf.sum(referenceForward(spec, unflatList(ts, params), xi));
    const rows: tf.Tensor1D[] = [];
    for (let i = 0; i < x.shape[0]; i++) {
      const xi = tf.slice(x, [i, 0], [1, x.shape[1]]) as tf.Tensor2D;
      const grads = tf.grads(fOf(xi))(flat);
      rows.push(tf.concat(grads.map((g) => tf.reshape(g, [-1]))) as tf.Tensor1D);
    }
    return tf.stack(rows) as tf.Tensor2D;
  });
}

/** Θ(x1, x2) = J(x1) J(x2)ᵀ (x2 defaults to x1). Caller owns the result. */
export function ntkAutodiff(spec: MlpSpec, params: Params, x1: tf.Tensor2D, x2?: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const J1 = perExampleJacobian(spec, params, x1);
    const J2 = x2 === undefined || x2 === x1 ? J1 : perExampleJacobian(spec, params, x2);
    return tf.matMul(J1, J2, false, true) as tf.Tensor2D;
  });
}
