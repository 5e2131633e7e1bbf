// The early-time model (docs/science.md §7): a two-layer network
//   f(x) = (1/√m) Σ_r v_r φ(w_r·x/√d),   both layers trained,
// with an antisymmetric initialisation so that f₀ ≡ 0 exactly, and beside it the linear model on
// the inputs f_lin(x) = δᵀψ(x), ψ(x) = [√2·ζ·x/√d ; ν], trained from δ = 0 with the same loss,
// batches and η. The m units are stored as two halves A and B (m/2 each): at init w_B = w_A and
// v_B = −v_A, so φ(X W_Aᵀ) and φ(X W_Bᵀ) are the very same float computation and their
// contributions cancel bit for bit on every backend (a single matMul over all m units would sum
// ±pairs in an order the backend chooses and leave rounding residue).
import { tf } from '../tf';
import { activationOps } from '../nn/activations';
import { matMulAB, matMulABt, matMulAtB } from '../nn/dense';
import { normals } from '../prng';
import type { Activation } from '../../schema/config';
import type { GaussianMoments } from './earlyTimeMoments';
import { kernelDiagonalShift } from './earlyTimeMoments';

export interface EarlyTimeSpec {
  inputDim: number;
  /** Hidden width m (even). */
  width: number;
  activation: Activation;
}

export interface EarlyParams {
  wA: tf.Tensor2D;
  wB: tf.Tensor2D;
  vA: tf.Tensor1D;
  vB: tf.Tensor1D;
}
export interface EarlyVars {
  wA: tf.Variable<tf.Rank.R2>;
  wB: tf.Variable<tf.Rank.R2>;
  vA: tf.Variable<tf.Rank.R1>;
  vB: tf.Variable<tf.Rank.R1>;
}

/** The even width m used for a requested width (antisymmetric pairs need m even). */
export function earlyTimeWidth(width: number): number {
  return Math.max(2, 2 * Math.floor(width / 2));
}

/** θ₀ as tensors: w_r ~ N(0, I_d), v_r ~ N(0, 1) for the first half; the second half mirrors it. */
export function initEarlyParams(spec: EarlyTimeSpec, seed: number): EarlyParams {
  const half = spec.width / 2;
  if (!Number.isInteger(half) || half < 1) throw new Error(`early-time width must be even and ≥ 2, got ${spec.width}`);
  const w = Float32Array.from(normals(seed, 'early-w', half * spec.inputDim));
  const v = Float32Array.from(normals(seed, 'early-v', half));
  return {
    wA: tf.tensor2d(w, [half, spec.inputDim]),
    wB: tf.tensor2d(w, [half, spec.inputDim]),
    vA: tf.tensor1d(v),
    vB: tf.tensor1d(v.map((x) => -x)),
  };
}

/** φ(X Wᵀ/√d) v for one half (N). */
function halfOutput(spec: EarlyTimeSpec, w: tf.Tensor2D, v: tf.Tensor1D, x: tf.Tensor2D): tf.Tensor1D {
  const phi = activationOps(spec.activation).phi;
  const u = tf.mul(matMulABt(x, w), 1 / Math.sqrt(spec.inputDim));
  return tf.reshape(matMulAB(phi(u) as tf.Tensor2D, tf.reshape(v, [-1, 1]) as tf.Tensor2D), [-1]) as tf.Tensor1D;
}

/** f(x) for the rows of x (N × d), length N. */
export function earlyForward(spec: EarlyTimeSpec, p: EarlyParams, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.mul(tf.add(halfOutput(spec, p.wA, p.vA, x), halfOutput(spec, p.wB, p.vB, x)), 1 / Math.sqrt(spec.width)) as tf.Tensor1D);
}

/** One GD/SGD step θ ← θ − η∇θ L on (x, y), L = (1/2N)Σ(f − y)², in place. */
export function earlyUpdate(spec: EarlyTimeSpec, vars: EarlyVars, x: tf.Tensor2D, y: tf.Tensor1D, lr: number): void {
  tf.tidy(() => {
    const keys = ['wA', 'wB', 'vA', 'vB'] as const;
    const lossOf = (wA: tf.Tensor, wB: tf.Tensor, vA: tf.Tensor, vB: tf.Tensor) => {
      const f = earlyForward(spec, { wA, wB, vA, vB } as EarlyParams, x);
      return tf.div(tf.sum(tf.square(tf.sub(f, y))), 2 * x.shape[0]) as tf.Scalar;
    };
    const vs: tf.Variable[] = keys.map((k) => vars[k]);
    const grads = tf.grads(lossOf)(vs);
    vs.forEach((v, i) => v.assign(tf.sub(v, tf.mul(grads[i], lr))));
  });
}

/** ψ(x) = [√2·ζ·x/√d ; ν] for the rows of x: N × (d + 1). */
export function linearFeatures(x: tf.Tensor2D, m: Pick<GaussianMoments, 'zeta' | 'nu'>): tf.Tensor2D {
  return tf.tidy(() => {
    const d = x.shape[1];
    return tf.concat([tf.mul(x, (Math.SQRT2 * m.zeta) / Math.sqrt(d)), tf.fill([x.shape[0], 1], m.nu)], 1) as tf.Tensor2D;
  });
}

/** One GD/SGD step of the linear model on features ψ_B: δ ← δ − η ψ_Bᵀ(ψ_B δ − y_B)/|B|, in place. */
export function linearUpdate(delta: tf.Variable<tf.Rank.R1>, psi: tf.Tensor2D, y: tf.Tensor1D, lr: number): void {
  tf.tidy(() => {
    const r = tf.sub(tf.reshape(tf.matMul(psi, tf.reshape(delta, [-1, 1])), [-1]), y);
    const g = tf.reshape(matMulAtB(psi, tf.reshape(r, [-1, 1]) as tf.Tensor2D), [-1]);
    delta.assign(tf.sub(delta, tf.mul(g, lr / psi.shape[0])) as tf.Tensor1D);
  });
}

/** f_lin = ψ δ (N). */
export function linearPredict(delta: tf.Tensor1D, psi: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.reshape(tf.matMul(psi, tf.reshape(delta, [-1, 1])), [-1]) as tf.Tensor1D);
}

/**
 * The network's empirical NTK on x, from its two-layer structure:
 *   Θ(x, x′) = (1/m) Σ_r [ φ(u_r)φ(u′_r) + v_r² φ′(u_r)φ′(u′_r) x·x′/d ],  u_r = w_r·x/√d.
 */
export function earlyNtk(spec: EarlyTimeSpec, p: EarlyParams, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const act = activationOps(spec.activation);
    const w = tf.concat([p.wA, p.wB], 0);
    const v = tf.concat([p.vA, p.vB], 0);
    const u = tf.mul(matMulABt(x, w as tf.Tensor2D), 1 / Math.sqrt(spec.inputDim));
    const a = act.phi(u) as tf.Tensor2D;
    const b = tf.mul(act.d1(u), v) as tf.Tensor2D;
    const xx = tf.div(matMulABt(x, x), spec.inputDim);
    return tf.div(tf.add(matMulABt(a, a), tf.mul(matMulABt(b, b), xx)), spec.width) as tf.Tensor2D;
  });
}

/** The kernel identity's prediction 2ζ²XXᵀ/d + ν² + c·I (valid for ‖x‖² ≈ d, large d and m). */
export function predictedKernel(x: tf.Tensor2D, m: GaussianMoments): tf.Tensor2D {
  return tf.tidy(() => {
    const [n, d] = x.shape;
    const lin = tf.mul(matMulABt(x, x), (2 * m.zeta * m.zeta) / d);
    return tf.add(tf.add(lin, m.nu * m.nu), tf.mul(tf.eye(n), kernelDiagonalShift(m))) as tf.Tensor2D;
  });
}

/** RMS(f − f_lin)/RMS(f_lin); NaN when f_lin ≡ 0 (step 0). Caller owns the scalar. */
export function earlyGap(f: tf.Tensor1D, fLin: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sqrt(tf.div(tf.sum(tf.square(tf.sub(f, fLin))), tf.sum(tf.square(fLin)))) as tf.Scalar);
}
