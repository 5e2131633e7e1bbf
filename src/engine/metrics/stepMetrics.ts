// Metrics of one optimiser step Δ that separate smooth curvature from units crossing the relu kink
// (docs/science.md §5):
//   gradChangeFrozen = ‖∇f_frozen(x; θ+Δ) − ∇f(x; θ)‖ / ‖∇f(x; θ)‖, the full-step gradient change of
//     the network whose activations are linearised at θ's pre-activations h:
//       forward   a'_{i+1} = φ(h_i) + φ'(h_i)(h'_i − h_i)
//       backward  φ'(h'_i) → φ'(h_i) + φ''(h_i)(h'_i − h_i)
//     For relu that is exactly "the activation pattern (φ' masks) of θ frozen"; for linear it is
//     the full step; for smooth φ it differs from the full step at O(Δ²), so in the small-step
//     limit it equals the exact first-order term ‖H(x)Δ‖/‖∇f‖ (gradChangeFirstOrder).
//   flipFraction = the fraction of (hidden unit, point) pairs whose pre-activation changes sign
//     in the step (h_i and h_i(θ+Δ) on different sides of 0), from the exact difference trace.
import { tf } from '../tf';
import { layerScales, type MlpSpec, type Params } from '../nn/mlp';
import { activationOps } from '../nn/activations';
import { differenceTrace, jetTrace } from '../nn/jets';
import { gradChangeNormSq, gradNormSq } from './correlations';
import { outputSensitivities } from '../nn/backward';

/** Order of stepMetricsSummary's vector. */
export const STEP_METRIC_NAMES = ['gradChangeFrozen', 'flipFraction'] as const;

/** s·(u Wᵀ) + s_b·b for a B×n_in input (b may be null). */
function affine(u: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor1D | null, s: { w: number; b: number }): tf.Tensor2D {
  const out = tf.mul(tf.matMul(u, W, false, true), s.w) as tf.Tensor2D;
  return b && s.b !== 0 ? (tf.add(out, tf.mul(b, s.b)) as tf.Tensor2D) : out;
}

/** Per-point gradChangeFrozen ratio (B×1). Call inside tf.tidy. */
export function frozenGradChangeRatio(spec: MlpSpec, params: Params, dir: Params, x: tf.Tensor2D, primal?: { h: tf.Tensor2D[]; a: tf.Tensor2D[] }): tf.Tensor2D {
  const scales = layerScales(spec);
  const ops = activationOps(spec.activation);
  const L = params.length - 1;
  const pr = primal ?? (() => {
    const tr = jetTrace(spec, params, dir, x, 0);
    return { h: tr.h.map((s) => s[0] as tf.Tensor2D), a: tr.a.map((s) => s[0] as tf.Tensor2D) };
  })();
  const { h, a } = pr;
  // linearised forward differences: dh_i = s(da_i W'_iᵀ + a_i ΔW_iᵀ) + s_b Δb_i, da_{i+1} = φ'(h_i) dh_i
  const dh: tf.Tensor2D[] = [];
  const da: (tf.Tensor2D | null)[] = [null];
  for (let i = 0; i <= L; i++) {
    let d = affine(a[i], dir[i].W, dir[i].b, scales[i]);
    const dai = da[i];
    if (dai) d = tf.add(d, affine(dai, tf.add(params[i].W, dir[i].W) as tf.Tensor2D, null, scales[i])) as tf.Tensor2D;
    dh.push(d);
    if (i < L) da.push(tf.mul(ops.d1(h[i]), d) as tf.Tensor2D);
  }
  // backward differences with φ' linearised: dδ_i = φ'(h_i)⊙inner + φ''(h_i)dh_i⊙(back_i + inner),
  // inner = s_{i+1}(dδ_{i+1} W'_{i+1} + δ_{i+1} ΔW_{i+1})
  const bw = outputSensitivities(spec, params, h);
  const dDelta: tf.Tensor2D[] = new Array<tf.Tensor2D>(L + 1);
  dDelta[L] = tf.zerosLike(bw.delta[L]) as tf.Tensor2D;
  for (let i = L - 1; i >= 0; i--) {
    let inner = tf.mul(tf.matMul(bw.delta[i + 1], dir[i + 1].W), scales[i + 1].w) as tf.Tensor2D;
    if (i + 1 < L) {
      const Wp = tf.add(params[i + 1].W, dir[i + 1].W) as tf.Tensor2D;
      inner = tf.add(inner, tf.mul(tf.matMul(dDelta[i + 1], Wp), scales[i + 1].w)) as tf.Tensor2D;
    }
    let t = tf.mul(ops.d1(h[i]), inner) as tf.Tensor2D;
    if (ops.d2) t = tf.add(t, tf.mul(tf.mul(ops.d2(h[i]), dh[i]), tf.add(bw.back[i], inner))) as tf.Tensor2D;
    dDelta[i] = t;
  }
  const aP = a.map((ai, i) => {
    const dai = da[i];
    return dai ? (tf.add(ai, dai) as tf.Tensor2D) : ai;
  });
  const num = gradChangeNormSq(scales, aP, da, bw.delta, dDelta);
  return tf.sqrt(tf.div(num, gradNormSq(scales, a, bw.delta))) as tf.Tensor2D;
}

/** Fraction of (hidden unit, point) pairs whose pre-activation changes sign between θ and θ+Δ (scalar). Call inside tf.tidy. */
export function flipFraction(spec: MlpSpec, params: Params, dir: Params, x: tf.Tensor2D, primal?: { h: tf.Tensor2D[]; a: tf.Tensor2D[] }): tf.Scalar {
  const tr = differenceTrace(spec, params, dir, x, primal);
  const L = params.length - 1;
  let flips: tf.Scalar = tf.scalar(0);
  let total = 0;
  for (let i = 0; i < L; i++) {
    const before = tf.greater(tr.h[i], 0);
    const after = tf.greater(tf.add(tr.h[i], tr.dh[i]), 0);
    flips = tf.add(flips, tf.sum(tf.cast(tf.notEqual(before, after), 'float32'))) as tf.Scalar;
    total += tr.h[i].size;
  }
  return (total > 0 ? tf.div(flips, total) : tf.scalar(0)) as tf.Scalar;
}

/** [mean gradChangeFrozen, flipFraction] on the points x as one Tensor1D (STEP_METRIC_NAMES order). Caller disposes. */
export function stepMetricsSummary(spec: MlpSpec, params: Params, dir: Params, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const tr = jetTrace(spec, params, dir, x, 0);
    const primal = { h: tr.h.map((s) => s[0] as tf.Tensor2D), a: tr.a.map((s) => s[0] as tf.Tensor2D) };
    return tf.stack([tf.mean(frozenGradChangeRatio(spec, params, dir, x, primal)), flipFraction(spec, params, dir, x, primal)]) as tf.Tensor1D;
  });
}
