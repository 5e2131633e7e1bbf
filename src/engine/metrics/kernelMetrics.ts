// Scalars that summarise how the NTK moves during training (docs/science.md §3), computed on device
// (tf.Scalar results, no readback), plus a float64 symmetric eigensolver for the spectrum plot.
import { roundSignificant } from '../../schema/config';
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

/** GD on the linear model with MSE (1/2N)Σ(f−y)² is stable iff η < 2N/λmax(Θ₀). */
export function criticalLearningRate(lambdaMaxValue: number, n: number): number {
  return (2 * n) / lambdaMaxValue;
}

/**
 * The run's learning rate: c·η_c when an lr-scale c is given (exactly, not rounded, so η·S₀ = 2c),
 * else the explicit one, else half the critical rate (3 significant digits); without a positive
 * finite λmax (no critical rate) the explicit rate, or 0.1.
 */
export function chooseLearningRate(lambdaMaxValue: number, n: number, explicitLr: number | null, lrScale: number | null = null): { critical: number | null; lr: number } {
  const critical = lambdaMaxValue > 0 && Number.isFinite(lambdaMaxValue) ? criticalLearningRate(lambdaMaxValue, n) : null;
  if (lrScale !== null && critical !== null) return { critical, lr: lrScale * critical };
  return { critical, lr: explicitLr ?? (critical !== null ? roundSignificant(0.5 * critical, 3) : 0.1) };
}

/** Off-diagonal Frobenius mass Σ_{i≠j} a_ij² of a row-major n × n Float64Array. */
function offDiagonalSquares(a: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j) s += a[i * n + j] * a[i * n + j];
  return s;
}

/**
 * Eigen-decomposition of a symmetric n × n matrix (row-major, only its symmetric part is used) by
 * cyclic Jacobi rotations in float64. Returns eigenvalues in descending order and the matching
 * eigenvectors as columns of a row-major n × n array (vectors[i*n + k] = component i of vector k).
 */
export function symmetricEigen(a: ArrayLike<number>, n: number, maxSweeps = 100): { values: number[]; vectors: Float64Array } {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = 0.5 * (a[i * n + j] + a[j * n + i]);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < n * n; i++) total += m[i] * m[i];
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    if (offDiagonalSquares(m, n) <= 1e-30 * total) break;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const app = m[p * n + p];
        const aqq = m[q * n + q];
        // Rotation angle that zeroes m[p][q] (Golub & Van Loan, symmetric Schur decomposition).
        const tau = (aqq - app) / (2 * apq);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // columns p, q of m ← m J
          const mkp = m[k * n + p];
          const mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          // rows p, q of m ← Jᵀ m
          const mpk = m[p * n + k];
          const mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[j * n + j] - m[i * n + i]);
  const values = order.map((i) => m[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((src, k) => {
    for (let i = 0; i < n; i++) vectors[i * n + k] = v[i * n + src];
  });
  return { values, vectors };
}

/** Eigenvalues of a symmetric n × n matrix (row-major), descending, in float64 (cyclic Jacobi). */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number): number[] {
  return symmetricEigen(a, n).values;
}
