// Reference NTK Θ = J Jᵀ from per-example autodiff gradients: one tf.grads call per input row,
// flattened over all parameters (W1, b1, W2, …). O(N·P) memory: for tests and benchmarks only.
import { tf } from '../../src/engine/tf';
import { activationOps } from '../../src/engine/nn/activations';
import { flatParams, layerScales, unflattenParams, type MlpSpec, type Params } from '../../src/engine/nn/mlp';

/**
 * f(x; θ) written out independently of mlp.ts's forward: h_l = s_w,l · a_{l-1} W_lᵀ + s_b,l · b_l, the bias
 * always entering the graph when present (even with s_b = 0, so its gradient is a zero, not a missing one).
 */
export function referenceForward(spec: MlpSpec, params: Params, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const scales = layerScales(spec);
    const phi = activationOps(spec.activation).phi;
    let a: tf.Tensor = x;
    params.forEach((L, l) => {
      let h = tf.mul(tf.matMul(a as tf.Tensor2D, L.W, false, true), scales[l].w);
      if (L.b) h = tf.add(h, tf.mul(L.b, scales[l].b));
      a = l < params.length - 1 ? phi(h) : h;
    });
    return tf.reshape(a, [-1]) as tf.Tensor1D;
  });
}

/** Row i is ∇_θ f(x_i) flattened (N × P), by reverse-mode autodiff one example at a time. Caller owns it. */
export function perExampleJacobian(spec: MlpSpec, params: Params, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const flat = flatParams(params);
    const fOf = (xi: tf.Tensor2D) => (...ts: tf.Tensor[]) => tf.sum(referenceForward(spec, unflattenParams(ts, params), xi));
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
