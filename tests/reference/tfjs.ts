// TensorFlow.js for the autodiff oracles, straight from the package (not through src/engine/tf):
// tfjs-core with its gradients registered, and the network's forward pass and activations written
// out here with the multipliers of net64.ts. Only types come from the engine.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { Activation } from '../../src/schema/config';
import type { MlpSpec, Params } from '../../src/engine/nn/mlp';
import { multipliers64 } from './net64';

export { tf };

/** φ and φ' as tensor ops whose results tfjs can differentiate again (relu's φ' is a step, slope 0). */
export function phiOps(name: Activation): { phi: (h: tf.Tensor) => tf.Tensor; d1: (h: tf.Tensor) => tf.Tensor } {
  switch (name) {
    case 'tanh':
      return { phi: (h) => tf.tanh(h), d1: (h) => tf.sub(1, tf.square(tf.tanh(h))) };
    case 'erf':
      return { phi: (h) => tf.erf(h), d1: (h) => tf.mul(2 / Math.sqrt(Math.PI), tf.exp(tf.neg(tf.square(h)))) };
    case 'relu':
      return { phi: (h) => tf.relu(h), d1: (h) => tf.step(h) };
    case 'linear':
      return { phi: (h) => h, d1: (h) => tf.onesLike(h) };
  }
}

/** W1, b1, W2, … as one list (the order of every gradient below). */
export function flatList(params: { W: tf.Tensor; b: tf.Tensor | null }[]): tf.Tensor[] {
  return params.flatMap((L) => (L.b ? [L.W, L.b] : [L.W]));
}

/** The inverse of flatList, shaped like `like`. */
export function unflatList(flat: tf.Tensor[], like: { b: unknown }[]): Params {
  let i = 0;
  return like.map((L) => {
    const W = flat[i++] as tf.Tensor2D;
    const b = L.b ? (flat[i++] as tf.Tensor1D) : null;
    return { W, b };
  });
}

/**
 * f(x; θ) (α times the output layer, uncentred): h_l = s_w,l · a_{l−1} W_lᵀ + s_b,l · b_l, the bias
 * always entering the graph when present (even with s_b = 0, so its gradient is a zero, not a missing one).
 */
export function referenceForward(spec: MlpSpec, params: Params, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const m = multipliers64(spec);
    const { phi } = phiOps(spec.activation);
    let a: tf.Tensor = x;
    params.forEach((L, l) => {
      let h = tf.mul(tf.matMul(a as tf.Tensor2D, L.W, false, true), m[l].w);
      if (L.b) h = tf.add(h, tf.mul(L.b, m[l].b));
      a = l < params.length - 1 ? phi(h) : h;
    });
    return tf.reshape(a, [-1]) as tf.Tensor1D;
  });
}
