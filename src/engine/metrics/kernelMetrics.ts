// Scalars that summarise how the NTK moves during training (docs/science.md §3), computed on device
// (tf.Scalar results, no readback): drift, alignment, λmax by power iteration (the critical rate
// built on it is ../lr/rule.ts).
import { tf } from '../tf';
import { normals } from '../prng';

/** ‖Θt − Θ0‖_F / ‖Θ0‖_F. Caller owns the scalar. */
export function relativeDrift(theta0: tf.Tensor, thetaT: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.div(tf.norm(tf.sub(thetaT, theta0)), tf.norm(theta0)) as tf.Scalar);
}

/**
 * 1 − ⟨Θt, Θ0⟩_F / (‖Θt‖_F ‖Θ0‖_F), computed through the exact identity 1 − cos = ½ ‖u − v‖² with
 * u = Θt/‖Θt‖_F, v = Θ0/‖Θ0‖_F, which avoids the float32 cancellation of 1 − cos near 0.
 */
export function alignmentDrift(theta0: tf.Tensor, thetaT: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const u = tf.div(thetaT, tf.norm(thetaT));
    const v = tf.div(theta0, tf.norm(theta0));
    return tf.mul(0.5, tf.sum(tf.square(tf.sub(u, v)))) as tf.Scalar;
  });
}

/** Deterministic start vector for power iteration: ones plus a small seeded perturbation. */
export function powerIterationStart(n: number): Float32Array {
  const z = normals(0x5eed, 'power-iteration', n);
  return Float32Array.from(z, (zi) => 1 + 0.01 * zi);
}

/**
 * Largest eigenvalue of a symmetric PSD matrix by power iteration, on device: v ← Θv/‖Θv‖, then the
 * Rayleigh quotient vᵀΘv. The error of the estimate falls like (λ₂/λ₁)^(2·iters). Caller owns the scalar.
 */
export function lambdaMax(theta: tf.Tensor2D, iters = 64): tf.Scalar {
  return tf.tidy(() => {
    const n = theta.shape[0];
    let v = tf.tensor2d(powerIterationStart(n), [n, 1]);
    v = tf.div(v, tf.norm(v));
    for (let k = 0; k < iters; k++) {
      const next = tf.tidy(() => {
        const w = tf.matMul(theta, v);
        return tf.div(w, tf.maximum(tf.norm(w), 1e-30)) as tf.Tensor2D;
      });
      v.dispose();
      v = next;
    }
    return tf.sum(tf.mul(v, tf.matMul(theta, v))) as tf.Scalar;
  });
}

