// Neural feature alignment per hidden layer (docs/science.md §6), without any Jacobian.
// For hidden layer l with raw weights W_l (n_l × n_{l-1}) and the backprop signals δ_l = ∂f/∂h_l
// that the layerwise NTK already computes (N × n_l over the training set):
//   K_l  = Σ_x J(x)ᵀJ(x) = δ_lᵀδ_l            (J(x) = ∂f/∂h_l(x), a row of δ_l)
//   NFM  = W_lᵀW_l,   AGOP = W_lᵀK_lW_l = G_lᵀG_l   with G_l = δ_l W_l  (N × n_{l-1})
//   UC-NFA = ρ(NFM, AGOP),   C-NFA = the same with ΔW_l = W_l − W_l(0) in place of W_l
// ρ is the Pearson correlation of the flattened entries. It only needs five sums over the
// n_{l-1}² entries, each of which is a Frobenius norm of a small product (never an n×n matrix
// unless n_{l-1} is the smaller side):
//   Σ A = ‖W1‖²,  Σ A² = ‖WᵀW‖²_F = ‖WWᵀ‖²_F,  Σ B = ‖G1‖²,  Σ B² = ‖GᵀG‖²_F = ‖GGᵀ‖²_F,
//   Σ A∘B = tr(WᵀW GᵀG) = ‖WGᵀ‖²_F.
// The weight scale s_w of the parametrisation multiplies NFM and AGOP by positive constants, which
// ρ ignores, so the raw weights are used throughout.
import { tf } from '../tf';
import { layerFactors } from './ntk';
import { matMulABt, matMulAtB } from '../nn/dense';
import type { MlpSpec, Params } from '../nn/mlp';
import { centredMoments } from '../linalg/moments';

/** One hidden layer's alignment; null where ρ is undefined (see pearsonFromSums). */
export interface NfaValue {
  /** Hidden layer index l = 1…L (weights W_l map a_{l−1} to h_l). */
  layer: number;
  uc: number | null;
  c: number | null;
}

/** The sums over the entries of two equally sized matrices A, B that ρ(A, B) needs. */
export interface PairSums {
  /** Number of entries. */
  count: number;
  sa: number;
  sb: number;
  saa: number;
  sbb: number;
  sab: number;
}

/** Values per layer in the packed tensor of nfaSums: [sa, sb, saa, sbb, sab] for W, then for ΔW. */
export const NFA_SUMS_PER_LAYER = 10;

/**
 * Pearson correlation from entry sums, in float64. null when it is undefined: fewer than two
 * entries (a 1×1 NFM for 1-D input), or a variance that is zero or lost in rounding (ΔW = 0 at
 * step 0, a constant matrix) — never NaN, never a made-up 0.
 */
export function pearsonFromSums(s: PairSums): number | null {
  const { count: m } = s;
  if (m < 2 || ![s.sa, s.sb, s.saa, s.sbb, s.sab].every(Number.isFinite)) return null;
  const ma = s.sa / m;
  const mb = s.sb / m;
  const va = s.saa / m - ma * ma;
  const vb = s.sbb / m - mb * mb;
  // variances below this share of the second moment are float32 rounding of a constant matrix
  const tol = 1e-9;
  if (!(va > tol * (s.saa / m)) || !(vb > tol * (s.sbb / m))) return null;
  const r = (s.sab / m - ma * mb) / Math.sqrt(va * vb);
  return Math.max(-1, Math.min(1, r));
}

/** Pearson correlation of two flattened arrays of equal length (float64, two passes). */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  const n = a.length;
  if (n !== b.length) throw new Error(`pearson: lengths differ (${n} vs ${b.length})`);
  if (n < 2) return null;
  const { saa, sbb, sab } = centredMoments(a, b);
  if (!(saa > 0) || !(sbb > 0)) return null;
  return sab / Math.sqrt(saa * sbb);
}

/** ‖M‖²_F as a scalar tensor. */
function frob2(m: tf.Tensor): tf.Scalar {
  return tf.sum(tf.square(m));
}

/** ‖MᵀM‖²_F = ‖MMᵀ‖²_F through the cheaper of the two Gram matrices. */
function gramFrob2(m: tf.Tensor2D): tf.Scalar {
  const [r, c] = m.shape;
  return frob2(r <= c ? matMulABt(m, m) : matMulAtB(m, m));
}

/** [Σ A, Σ B, Σ A², Σ B², Σ A∘B] for A = WᵀW, B = GᵀG with G = δW (call inside tf.tidy). */
function alignmentSums(w: tf.Tensor2D, delta: tf.Tensor2D): tf.Tensor1D {
  const g = tf.matMul(delta, w) as tf.Tensor2D; // N × n_in
  return tf.stack([
    frob2(tf.sum(w, 1)),
    frob2(tf.sum(g, 1)),
    gramFrob2(w),
    gramFrob2(g),
    frob2(matMulABt(w, g)),
  ]) as tf.Tensor1D;
}

/**
 * The sums behind UC-NFA and C-NFA for every hidden layer, packed as L × NFA_SUMS_PER_LAYER
 * values (flattened, one tensor: read it back in one batch and decode with nfaFromSums).
 * δ_l comes from the backward pass over x (the training set); params0 holds θ₀ for ΔW.
 * The returned tensor is owned by the caller.
 */
export function nfaSums(spec: MlpSpec, params: Params, params0: Params, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const { delta } = layerFactors(spec, params, x);
    const parts: tf.Tensor1D[] = [];
    for (let l = 0; l < spec.depth; l++) {
      const w = params[l].W;
      parts.push(alignmentSums(w, delta[l]), alignmentSums(tf.sub(w, params0[l].W) as tf.Tensor2D, delta[l]));
    }
    return tf.concat(parts) as tf.Tensor1D;
  });
}

/** Decode nfaSums' values: UC-NFA and C-NFA per hidden layer, given each layer's input size n_{l−1}. */
export function nfaFromSums(v: ArrayLike<number>, inputSizes: number[]): NfaValue[] {
  return inputSizes.map((nIn, l) => {
    const at = (k: number) => v[l * NFA_SUMS_PER_LAYER + k];
    const sums = (o: number): PairSums => ({ count: nIn * nIn, sa: at(o), sb: at(o + 1), saa: at(o + 2), sbb: at(o + 3), sab: at(o + 4) });
    return { layer: l + 1, uc: pearsonFromSums(sums(0)), c: pearsonFromSums(sums(5)) };
  });
}

/** Inputs n_{l−1} of the hidden layers l = 1…L. */
export function hiddenInputSizes(spec: MlpSpec): number[] {
  return Array.from({ length: spec.depth }, (_, l) => (l === 0 ? spec.inputDim : spec.width));
}

/** At most `max` evenly spaced indices of 0…n−1 (all of them when n ≤ max). */
export function displayIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor((i * n) / max));
}

/**
 * NFM and AGOP of hidden layer `layer` (1-based) restricted to the input coordinates `idx`
 * (rows and columns), as k × k tensors: W[:, idx]ᵀW[:, idx] and G[:, idx]ᵀG[:, idx]. The
 * returned tensors are owned by the caller.
 */
export function nfaMatrices(spec: MlpSpec, params: Params, x: tf.Tensor2D, layer: number, idx: number[]): { nfm: tf.Tensor2D; agop: tf.Tensor2D } {
  if (layer < 1 || layer > spec.depth) throw new Error(`nfaMatrices: layer ${layer} is not a hidden layer (1…${spec.depth})`);
  return tf.tidy(() => {
    const { delta } = layerFactors(spec, params, x);
    const cols = tf.tensor1d(idx, 'int32');
    const w = tf.gather(params[layer - 1].W, cols, 1) as tf.Tensor2D;
    const g = tf.gather(tf.matMul(delta[layer - 1], params[layer - 1].W), cols, 1) as tf.Tensor2D;
    return { nfm: matMulAtB(w, w), agop: matMulAtB(g, g) };
  });
}
