// Reference Hessian–vector product H(x)Δ by reverse-over-forward autodiff, the oracle for the
// layerwise Hessian-direction and gradient-change metrics (tests only). The forward-mode part is
// written out here (no engine code): along θ + εΔ, with ḣ = d h/dε at ε = 0,
//   ḣ_l = s_w,l (ȧ_{l−1} W_lᵀ + a_{l−1} Δ_{W,l}ᵀ) + s_b,l Δ_{b,l},   ȧ_l = φ'(h_l) ⊙ ḣ_l,
// so c₁(x) = ḣ_{L+1}(x) = ∇f(x)·Δ, and HΔ = ∇_θ c₁ by tf.grads.
import type { MlpSpec, Params } from '../../src/engine/nn/mlp';
import { multipliers64 } from './net64';
import { flatList, phiOps, tf, unflatList } from './tfjs';

/** c₁(x) = ∇f(x)·Δ per row of x, by the tangent pass above. */
function firstOrderCoefficient(spec: MlpSpec, params: Params, dir: Params, x: tf.Tensor2D): tf.Tensor {
  const m = multipliers64(spec);
  const { phi, d1 } = phiOps(spec.activation);
  let a: tf.Tensor = x;
  let ad: tf.Tensor = tf.zerosLike(x);
  params.forEach((L, l) => {
    const D = dir[l];
    let h = tf.mul(tf.matMul(a as tf.Tensor2D, L.W, false, true), m[l].w);
    let hd = tf.mul(tf.add(tf.matMul(ad as tf.Tensor2D, L.W, false, true), tf.matMul(a as tf.Tensor2D, D.W, false, true)), m[l].w);
    if (L.b) h = tf.add(h, tf.mul(L.b, m[l].b));
    if (D.b) hd = tf.add(hd, tf.mul(D.b, m[l].b));
    if (l < params.length - 1) {
      ad = tf.mul(d1(h), hd);
      a = phi(h);
    } else a = hd;
  });
  return a;
}

/**
 * Reference H(x_i)Δ for ONE point x_i (1×d0): the reverse-mode gradient with respect to θ of
 * c₁(x_i) = ∇f(x_i)·Δ. Returned shaped like params (caller disposes).
 */
export function hessianVectorAutodiff(spec: MlpSpec, params: Params, dir: Params, xi: tf.Tensor2D): Params {
  const flat = tf.tidy(() => {
    const c1 = (...ts: tf.Tensor[]) => {
      // c₁ does not depend on every parameter (e.g. the output bias); tf.grads throws for an
      // unreachable input, so tie each one in with weight 0 (its block of HΔ is then exactly 0).
      let y = tf.sum(firstOrderCoefficient(spec, unflatList(ts, params), dir, xi)) as tf.Scalar;
      for (const t of ts) y = tf.add(y, tf.mul(tf.sum(t), 0));
      return y;
    };
    return tf.grads(c1)(flatList(params));
  });
  return unflatList(flat, params);
}
