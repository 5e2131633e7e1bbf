// Activations φ with closed-form derivatives φ', φ'', φ''' as tf ops (used by the layerwise NTK
// and by the Taylor-mode jets), plus the same functions on plain numbers for float64 references.
import { tf } from '../tf';
import type { Activation } from '../../schema/config';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export interface ActivationOps {
  phi(h: tf.Tensor): tf.Tensor;
  d1(h: tf.Tensor): tf.Tensor;
  /** null when identically zero (relu, linear). */
  d2: ((h: tf.Tensor) => tf.Tensor) | null;
  d3: ((h: tf.Tensor) => tf.Tensor) | null;
}

const tanhOps: ActivationOps = {
  phi: (h) => tf.tanh(h),
  d1: (h) => tf.sub(1, tf.square(tf.tanh(h))),
  // φ'' = −2t(1−t²)
  d2: (h) => {
    const t = tf.tanh(h);
    return tf.mul(tf.mul(-2, t), tf.sub(1, tf.square(t)));
  },
  // φ''' = (1−t²)(6t²−2)
  d3: (h) => {
    const t2 = tf.square(tf.tanh(h));
    return tf.mul(tf.sub(1, t2), tf.sub(tf.mul(6, t2), 2));
  },
};

const erfOps: ActivationOps = {
  phi: (h) => tf.erf(h),
  d1: (h) => tf.mul(TWO_OVER_SQRT_PI, tf.exp(tf.neg(tf.square(h)))),
  // φ'' = −2h φ'
  d2: (h) => tf.mul(tf.mul(-2 * TWO_OVER_SQRT_PI, h), tf.exp(tf.neg(tf.square(h)))),
  // φ''' = (4h² − 2) φ'
  d3: (h) => tf.mul(tf.mul(TWO_OVER_SQRT_PI, tf.sub(tf.mul(4, tf.square(h)), 2)), tf.exp(tf.neg(tf.square(h)))),
};

const reluOps: ActivationOps = {
  phi: (h) => tf.relu(h),
  d1: (h) => tf.cast(tf.greater(h, 0), 'float32'),
  d2: null,
  d3: null,
};

const linearOps: ActivationOps = {
  phi: (h) => h,
  d1: (h) => tf.onesLike(h),
  d2: null,
  d3: null,
};

export function activationOps(name: Activation): ActivationOps {
  switch (name) {
    case 'tanh':
      return tanhOps;
    case 'erf':
      return erfOps;
    case 'relu':
      return reluOps;
    case 'linear':
      return linearOps;
  }
}

/** erf on plain numbers (Abramowitz–Stegun 7.1.26 is too coarse; use a series / continued fraction). */
export function erfNumber(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // Maclaurin series: erf x = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
    let term = ax;
    let sum = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 100; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.sign(x) * TWO_OVER_SQRT_PI * sum;
  }
  // erfc continued fraction (Lentz) for large |x|
  const tiny = 1e-300;
  let f = ax;
  let C = ax;
  let D = 0;
  for (let n = 1; n < 300; n++) {
    const an = n / 2;
    D = ax + an * D;
    D = D === 0 ? tiny : 1 / D;
    C = ax + an / C;
    if (C === 0) C = tiny;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * f);
  return Math.sign(x) * (1 - erfc);
}

/** φ and its first three derivatives on plain numbers. */
export function activationNumber(name: Activation): (h: number) => [number, number, number, number] {
  switch (name) {
    case 'tanh':
      return (h) => {
        const t = Math.tanh(h);
        const s = 1 - t * t;
        return [t, s, -2 * t * s, s * (6 * t * t - 2)];
      };
    case 'erf':
      return (h) => {
        const g = TWO_OVER_SQRT_PI * Math.exp(-h * h);
        return [erfNumber(h), g, -2 * h * g, (4 * h * h - 2) * g];
      };
    case 'relu':
      return (h) => [h > 0 ? h : 0, h > 0 ? 1 : 0, 0, 0];
    case 'linear':
      return (h) => [h, 1, 0, 0];
  }
}
