// Reference Hessian–vector product H(x)Δ by reverse-over-forward autodiff, the oracle for the
// layerwise Hessian-direction and gradient-change metrics (tests only).
import { tf } from '../../src/engine/tf';
import { flatParams, unflattenParams, type MlpSpec, type Params } from '../../src/engine/nn/mlp';
import { activationOps, type ActivationOps } from '../../src/engine/nn/activations';
import { jetTrace } from '../../src/engine/nn/jets';

/** Activation ops whose d1 is differentiable by tfjs autodiff (tf.greater has no gradient). */
function autodiffOps(spec: MlpSpec): ActivationOps {
  const ops = activationOps(spec.activation);
  if (spec.activation === 'relu') return { ...ops, d1: (h) => tf.step(h) };
  if (spec.activation === 'linear') return { ...ops, d1: (h) => tf.add(tf.mul(h, 0), 1) };
  return ops;
}

/**
 * Reference H(x_i)Δ for ONE point x_i (1×d0): the reverse-mode gradient with respect to θ of the
 * first-order jet coefficient c_1(x_i) = ∇f(x_i)·Δ (reverse over forward; only first derivatives
 * of explicit ops are needed). Returned shaped like params (caller disposes).
 */
export function hessianVectorAutodiff(spec: MlpSpec, params: Params, dir: Params, xi: tf.Tensor2D): Params {
  const ops = autodiffOps(spec);
  const flat = tf.tidy(() => {
    const c1 = (...ts: tf.Tensor[]) => {
      const jet = jetTrace(spec, unflattenParams(ts, params), dir, xi, 1, ops);
      // c_1 does not depend on every parameter (e.g. the output bias); tf.grads throws for an
      // unreachable input, so tie each one in with weight 0 (its block of HΔ is then exactly 0).
      let y = tf.sum(jet.h[params.length - 1][1] as tf.Tensor2D) as tf.Scalar;
      for (const t of ts) y = tf.add(y, tf.mul(tf.sum(t), 0));
      return y;
    };
    return tf.grads(c1)(flatParams(params));
  });
  return unflattenParams(flat, params);
}
