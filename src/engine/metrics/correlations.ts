// Derivative correlations (docs/science.md §5), computed layer by layer without ever forming a
// per-example gradient (a P-vector) or a Hessian.
//
// Notation (zero-based layer i = 0..L, our unified layer h_i = s_i·a_i W_iᵀ + s_b,i·b_i):
//   a_0 = x, a_{i+1} = φ(h_i), f = h_L;
//   backward: δ_L = 1,  δ_i = φ'(h_i) ⊙ (s_{i+1} δ_{i+1} W_{i+1})   (rows = points);
//   per-example gradient: ∂f/∂W_i = s_i δ_i a_iᵀ (rank one), ∂f/∂b_i = s_b,i δ_i.
// Hence inner products of per-example gradients are sums over layers of products of small dot
// products: ⟨s δ aᵀ, s δ' a'ᵀ⟩ = s²(δ·δ')(a·a'). Everything below is built from that identity.
import { tf } from '../tf';
import {
  layerScales,
  type LayerScale,
  type MlpSpec,
  type Params,
} from '../nn/mlp';
import { activationOps } from '../nn/activations';
import { deltaTangent, outputSensitivities, type BackwardPass } from '../nn/backward';
import { differenceTrace, dphiDifference, jetTrace, type JetTrace } from '../nn/jets';

export { pairMatrix } from './pairMatrix';

// ----------------------------------------------------------------------------------------------
// small row-wise helpers (all return B×1 or B-vectors; call inside tf.tidy)

/** Row-wise dot product of two B×n tensors (broadcasting a 1×n row), as B×1. */
function rowDot(u: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor2D {
  return tf.sum(tf.mul(u, v), 1, true) as tf.Tensor2D;
}

function rowSq(u: tf.Tensor2D): tf.Tensor2D {
  return tf.sum(tf.square(u), 1, true) as tf.Tensor2D;
}

/** dirBack[i] = s_{i+1} δ_{i+1} ΔW_{i+1}, i = 0..L−1: the direction's weights on the backward pass. */
function directionBack(spec: MlpSpec, dir: Params, delta: tf.Tensor2D[]): tf.Tensor2D[] {
  const scales = layerScales(spec);
  return delta.slice(1).map((d, i) => tf.mul(tf.matMul(d, dir[i + 1].W), scales[i + 1].w) as tf.Tensor2D);
}

/** Primal quantities at θ shared by the correlation measures. */
interface Primal {
  h: tf.Tensor2D[];
  a: tf.Tensor2D[];
  bw: BackwardPass;
  dirBack: tf.Tensor2D[];
}

function primalAt(spec: MlpSpec, params: Params, dir: Params, h: tf.Tensor2D[], a: tf.Tensor2D[]): Primal {
  const bw = outputSensitivities(spec, params, h);
  return { h, a, bw, dirBack: directionBack(spec, dir, bw.delta) };
}

/** From a jet of order ≥ 1: the primal factors (with the backward pass) and the first-order terms. */
function firstOrderFromJet(spec: MlpSpec, params: Params, dir: Params, jet: JetTrace) {
  const pr = primalAt(
    spec,
    params,
    dir,
    jet.h.map((s) => s[0] as tf.Tensor2D),
    jet.a.map((s) => s[0] as tf.Tensor2D),
  );
  return { pr, h1: jet.h.map((s) => s[1] as tf.Tensor2D), a1: jet.a.map((s) => s[1] ?? null) };
}

/** ‖∇_θ f(x)‖² per point (B×1) from the layerwise factors. */
export function gradNormSq(scales: readonly LayerScale[], a: tf.Tensor2D[], delta: tf.Tensor2D[]): tf.Tensor2D {
  let acc: tf.Tensor2D | null = null;
  for (let i = 0; i < delta.length; i++) {
    const dd = rowSq(delta[i]);
    let t = tf.mul(tf.mul(rowSq(a[i]), dd), scales[i].w ** 2) as tf.Tensor2D;
    if (scales[i].b !== 0) t = tf.add(t, tf.mul(dd, scales[i].b ** 2)) as tf.Tensor2D;
    acc = acc ? (tf.add(acc, t) as tf.Tensor2D) : t;
  }
  return acc as tf.Tensor2D;
}

/**
 * Σ_i ‖s_i (dδ_i aP_iᵀ + δ_i da_iᵀ)‖² + s_b,i² ‖dδ_i‖² per point, expanded as
 * |dδ|²|aP|² + |δ|²|da|² + 2(dδ·δ)(aP·da): the squared norm of a change of the per-example
 * gradient whose layer factors change by (dδ, da). da[i] = null means zero.
 */
export function gradChangeNormSq(
  scales: readonly LayerScale[],
  aP: tf.Tensor2D[],
  da: (tf.Tensor2D | null)[],
  delta: tf.Tensor2D[],
  dDelta: tf.Tensor2D[],
): tf.Tensor2D {
  let acc: tf.Tensor2D | null = null;
  for (let i = 0; i < delta.length; i++) {
    const ddd = rowSq(dDelta[i]);
    let t = tf.mul(ddd, rowSq(aP[i])) as tf.Tensor2D;
    const dai = da[i];
    if (dai) {
      t = tf.add(t, tf.mul(rowSq(delta[i]), rowSq(dai)));
      t = tf.add(t, tf.mul(tf.mul(rowDot(dDelta[i], delta[i]), rowDot(aP[i], dai)), 2));
    }
    t = tf.mul(t, scales[i].w ** 2);
    if (scales[i].b !== 0) t = tf.add(t, tf.mul(ddd, scales[i].b ** 2));
    acc = acc ? (tf.add(acc, t) as tf.Tensor2D) : t;
  }
  return acc as tf.Tensor2D;
}

export type PerPoint = {
  /** One value per input row. */
  perPoint: tf.Tensor1D;
  /** Mean over the rows (scalar). */
  mean: tf.Scalar;
};

function perPointAndMean(ratio: tf.Tensor2D): PerPoint {
  const perPoint = tf.reshape(ratio, [-1]) as tf.Tensor1D;
  return { perPoint, mean: tf.mean(perPoint) as tf.Scalar };
}

// ----------------------------------------------------------------------------------------------
// 𝔆^{1,1}: how much one step moves the gradient

interface GradChangeParts {
  ratio: tf.Tensor2D;
  /** f(θ+Δ) − f(θ) per point, N×1, exact (no cancellation). */
  df: tf.Tensor2D;
  gradSq: tf.Tensor2D;
}

function gradientChangeParts(spec: MlpSpec, params: Params, dir: Params, x: tf.Tensor2D, pr: Primal): GradChangeParts {
  const scales = layerScales(spec);
  const ops = activationOps(spec.activation);
  const { h, a } = pr;
  const { dh, da } = differenceTrace(spec, params, dir, x, pr);
  const delta = pr.bw.delta;
  const L = params.length - 1;
  // δ'_i − δ_i = [φ'(h'_i) − φ'(h_i)] ⊙ s δ'_{i+1}W'_{i+1} + φ'(h_i) ⊙ s(dδ_{i+1} W'_{i+1} + δ_{i+1} ΔW_{i+1}),
  // with s δ'_{i+1}W'_{i+1} = back_i + s(dδ_{i+1} W'_{i+1} + δ_{i+1} ΔW_{i+1}) (one new matmul per layer).
  const dDelta: (tf.Tensor2D | null)[] = new Array<tf.Tensor2D | null>(L + 1);
  dDelta[L] = null;
  for (let i = L - 1; i >= 0; i--) {
    const next = dDelta[i + 1];
    let inner = pr.dirBack[i];
    if (next) {
      const Wp = tf.add(params[i + 1].W, dir[i + 1].W) as tf.Tensor2D;
      inner = tf.add(inner, tf.mul(tf.matMul(next, Wp), scales[i + 1].w)) as tf.Tensor2D;
    }
    const t1 = tf.mul(dphiDifference(ops, h[i], dh[i]), tf.add(pr.bw.back[i], inner));
    dDelta[i] = tf.add(t1, tf.mul(ops.d1(h[i]), inner)) as tf.Tensor2D;
  }
  const dDeltaFull = dDelta.map((d, i) => d ?? (tf.zerosLike(delta[i]) as tf.Tensor2D));
  const aP = a.map((ai, i) => {
    const dai = da[i];
    return dai ? (tf.add(ai, dai) as tf.Tensor2D) : ai;
  });
  const gradSq = gradNormSq(scales, a, delta);
  const num = gradChangeNormSq(scales, aP, da, delta, dDeltaFull);
  return { ratio: tf.sqrt(tf.div(num, gradSq)) as tf.Tensor2D, df: dh[L], gradSq };
}

function primalForward(spec: MlpSpec, params: Params, dir: Params, x: tf.Tensor2D): Primal {
  const tr = jetTrace(spec, params, dir, x, 0);
  return primalAt(
    spec,
    params,
    dir,
    tr.h.map((s) => s[0] as tf.Tensor2D),
    tr.a.map((s) => s[0] as tf.Tensor2D),
  );
}

/**
 * ‖∇f(x; θ+Δ) − ∇f(x; θ)‖ / ‖∇f(x; θ)‖ per point, exactly, from the layer factors: the change of
 * layer i's gradient block is s_i(dδ_i a'_iᵀ + δ_i da_iᵀ), with da, dδ propagated as differences
 * (no cancellation, so the ratio is accurate even when it is 1e-4). Cost per hidden n×n layer:
 * 6 batch×n×n matmuls (forward 1, differences 2, backward 1, direction 1, dδ 1); memory O(L·N·n).
 * Caller disposes both tensors.
 */
export function gradientChange(spec: MlpSpec, params: Params, dir: Params, x: tf.Tensor2D): PerPoint {
  return tf.tidy(() => perPointAndMean(gradientChangeParts(spec, params, dir, x, primalForward(spec, params, dir, x)).ratio));
}

// ----------------------------------------------------------------------------------------------
// First-order part H(x)Δ

interface HessDirParts {
  ratio: tf.Tensor2D;
}

function hessianDirectionFromJet(
  spec: MlpSpec,
  params: Params,
  pr: Primal,
  h1: tf.Tensor2D[],
  a1: (tf.Tensor2D | null)[],
): HessDirParts {
  const scales = layerScales(spec);
  const deltaDot = deltaTangent(spec, params, pr.h, h1, pr.bw, (i) => pr.dirBack[i]);
  const gradSq = gradNormSq(scales, pr.a, pr.bw.delta);
  const num = gradChangeNormSq(scales, pr.a, a1, pr.bw.delta, deltaDot);
  return { ratio: tf.sqrt(tf.div(num, gradSq)) as tf.Tensor2D };
}

/**
 * ‖H(x)Δ‖ / ‖∇f(x)‖ per point, exactly: H(x)Δ = d/dε ∇f(x; θ+εΔ), whose layer-i block is
 * s_i(δ̇_i a_iᵀ + δ_i ȧ_iᵀ) (+ s_b δ̇_i), with ȧ from the first-order jet and δ̇ from the
 * differentiated backward recursion; ‖δ̇aᵀ + δȧᵀ‖² = |δ̇|²|a|² + |δ|²|ȧ|² + 2(δ̇·δ)(a·ȧ).
 * Cost per hidden n×n layer: 5 batch×n×n matmuls (jet 3, backward 1, δ̇ 1; the direction term 1
 * more). Caller disposes both tensors.
 */
export function hessianDirection(spec: MlpSpec, params: Params, dir: Params, x: tf.Tensor2D): PerPoint {
  return tf.tidy(() => {
    const jet = jetTrace(spec, params, dir, x, 1);
    const { pr, h1, a1 } = firstOrderFromJet(spec, params, dir, jet);
    return perPointAndMean(hessianDirectionFromJet(spec, params, pr, h1, a1).ratio);
  });
}

// ----------------------------------------------------------------------------------------------
// One-tensor summary for the live loop

/** Order of the entries of correlationSummary's vector. */
export const CORRELATION_SUMMARY_NAMES = [
  'c2OverC1',
  'c3OverC1',
  'gradChange',
  'gradChangeFirstOrder',
  'firstOrderError',
  'c2OverC1Sq',
  'c3OverC1Cube',
  'c1Rms',
] as const;
export type CorrelationSummaryName = (typeof CORRELATION_SUMMARY_NAMES)[number];

function rms(t: tf.Tensor): tf.Scalar {
  return tf.sqrt(tf.mean(tf.square(t))) as tf.Scalar;
}

/**
 * All docs/science.md §5 live numbers on the probe set as ONE Tensor1D (no readback), in the order of
 * CORRELATION_SUMMARY_NAMES:
 *   0 c2OverC1        RMS(c_2)/RMS(c_1)          (𝔆^{0,2} relative to the NTK term)
 *   1 c3OverC1        RMS(c_3)/RMS(c_1)          (𝔆^{0,3})
 *   2 gradChange      mean_x ‖∇f(x;θ+Δ) − ∇f(x;θ)‖/‖∇f(x;θ)‖   (𝔆^{1,1}, full step)
 *   3 gradChangeFirstOrder mean_x ‖H(x)Δ‖/‖∇f(x;θ)‖   (first-order part of 2)
 *   4 firstOrderError    RMS(c_1 − (f(θ+Δ) − f(θ))) / RMS(f(θ+Δ) − f(θ))  (first-order prediction error)
 *   5 c2OverC1Sq      RMS(c_2)/RMS(c_1)²        (unchanged when η or the residual is rescaled:
 *   6 c3OverC1Cube    RMS(c_3)/RMS(c_1)³         c_k ∝ η^k: invariant to the step's scale, not its direction)
 *   7 c1Rms           RMS(c_1), the first-order change of f in the step (the sweep's step normaliser)
 * Ratios are NaN when Δ = 0. The difference f(θ+Δ) − f(θ) is propagated without cancellation.
 * Everything shares one forward pass and one backward pass. Cost per hidden n×n layer: 13
 * N×n×n matmuls (jet to order 3: 7; backward 1; direction on the backward pass 1; δ̇ 1;
 * differences 2; dδ 1) ≈ 13 forward passes of the probe batch; memory O(L·N·n).
 * Measured (depth 2, N = 64, tanh, Node, 2 shared cores): width 256 ≈ 0.1 s on wasm, ≈ 0.9 s on
 * the pure-JS cpu backend; width 1024 ≈ 1.0 s on wasm, ≈ 4 s on cpu. Caller disposes.
 */
export function correlationSummary(spec: MlpSpec, params: Params, dir: Params, probeX: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const L = params.length - 1;
    const jet = jetTrace(spec, params, dir, probeX, 3);
    const out = jet.h[L];
    const c1 = out[1] as tf.Tensor2D;
    const zero = tf.scalar(0);
    const rc1 = rms(c1);
    const c2ratio = out[2] ? tf.div(rms(out[2]), rc1) : zero;
    const c3ratio = out[3] ? tf.div(rms(out[3]), rc1) : zero;
    const c2sq = out[2] ? tf.div(rms(out[2]), tf.square(rc1)) : zero;
    const c3cube = out[3] ? tf.div(rms(out[3]), tf.pow(rc1, 3)) : zero;
    const { pr, h1, a1 } = firstOrderFromJet(spec, params, dir, jet);
    const hd = hessianDirectionFromJet(spec, params, pr, h1, a1);
    const gc = gradientChangeParts(spec, params, dir, probeX, pr);
    const linErr = tf.div(rms(tf.sub(c1, gc.df)), rms(gc.df));
    return tf.stack([c2ratio, c3ratio, tf.mean(gc.ratio), tf.mean(hd.ratio), linErr, c2sq, c3cube, rc1]) as tf.Tensor1D;
  });
}
