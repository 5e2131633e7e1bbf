// The 𝔆^{0,2} pair matrix of the derivative correlations (docs/science.md §5), from the layer
// factors of correlations.ts (which re-exports it): a batched Hessian–vector product in rank-one form.
import { tf } from '../tf';
import { layerScales, type MlpSpec, type Params } from '../nn/mlp';
import { activationOps } from '../nn/activations';
import { matMulABt } from '../nn/dense';
import { deltaTangent, outputSensitivities } from '../nn/backward';
import { jetTrace } from '../nn/jets';

/**
 * P[j,k] = ½ ∇²f(x)[∇f(x_j), ∇f(x_k)] for one point x (1×d0) and probe points x_j (M×d0).
 *
 * Method (exact, a batched Hessian–vector product in rank-one form): the probe gradients are
 * u_k = {s_i δ_{k,i} a_{k,i}ᵀ, s_b,i δ_{k,i}} per layer. Push all M directions through the
 * tangent (first-order jet) of the forward pass at x at once,
 *   ḣ_i[k] = s_i ȧ_i[k] W_iᵀ + (s_i² (a_{k,i}·a_i) + s_b,i²) δ_{k,i},   ȧ_{i+1} = φ'(h_i) ⊙ ḣ_i,
 * and through the tangent of the backward recursion (with δ_{i+1}U_{k,i+1} = s (δ_{i+1}·δ_{k,i+1}) a_{k,i+1}),
 * which gives H(x)u_k in factored form s_i(δ̇_i[k] a_iᵀ + δ_i ȧ_i[k]ᵀ); then contract with u_j:
 *   u_jᵀ H u_k = Σ_i s_i²[(δ_{j,i}·δ̇_i[k])(a_{j,i}·a_i) + (δ_{j,i}·δ_i)(a_{j,i}·ȧ_i[k])] + s_b,i² δ_{j,i}·δ̇_i[k].
 * No parameter-sized vector is formed. Cost: forward+backward on the M probe points, plus one
 * tangent forward and one tangent backward with M rows (≈ 4 passes of M rows, O(L·M·n²) flops),
 * plus O(L·M²·n) for the contractions; memory O(L·M·n). Measured (depth 2, tanh, Node): width 256
 * M = 16/64 ≈ 9/22 ms on wasm, 89/330 ms on cpu; width 1024 ≈ 75/310 ms wasm, 0.34/2.0 s cpu.
 * The result is symmetrised, ½(P + Pᵀ)
 * (the raw matrix is symmetric up to float rounding; pass symmetrize: false to see it).
 * Caller disposes.
 */
export function pairMatrix(
  spec: MlpSpec,
  params: Params,
  x: tf.Tensor2D,
  probe: tf.Tensor2D,
  opts: { symmetrize?: boolean } = {},
): tf.Tensor2D {
  return tf.tidy(() => {
    const scales = layerScales(spec);
    const ops = activationOps(spec.activation);
    const L = params.length - 1;
    const M = probe.shape[0];
    // probe factors
    const probeTrace = jetTrace(spec, params, params, probe, 0);
    const hP = probeTrace.h.map((s) => s[0] as tf.Tensor2D);
    const aP = probeTrace.a.map((s) => s[0] as tf.Tensor2D);
    const dP = outputSensitivities(spec, params, hP).delta;
    // primal at x (one row, broadcast against the M direction rows)
    const tr = jetTrace(spec, params, params, x, 0);
    const h = tr.h.map((s) => s[0] as tf.Tensor2D);
    const a = tr.a.map((s) => s[0] as tf.Tensor2D);
    const bw = outputSensitivities(spec, params, h);
    const delta = bw.delta;
    // tangent forward, M directions
    const hDot: tf.Tensor2D[] = [];
    const aDot: (tf.Tensor2D | null)[] = [null];
    for (let i = 0; i <= L; i++) {
      const coef = tf.add(tf.mul(matMulABt(aP[i], a[i]), scales[i].w ** 2), scales[i].b ** 2); // M×1
      let hd = tf.mul(coef, dP[i]) as tf.Tensor2D;
      const ad = aDot[i];
      if (ad) hd = tf.add(hd, tf.mul(matMulABt(ad, params[i].W), scales[i].w));
      hDot.push(hd);
      if (i < L) aDot.push(tf.mul(ops.d1(h[i]), hd) as tf.Tensor2D);
    }
    // tangent backward: δ_{i}·U_{k,i} = s_i (δ_i·δ_{k,i}) a_{k,i}
    // s_{i+1} δ_{i+1}·U_{k,i+1} = s_{i+1}² (δ_{i+1}·δ_{k,i+1}) a_{k,i+1}
    const dDot = deltaTangent(spec, params, h, hDot, bw, (i) =>
      tf.mul(tf.mul(matMulABt(dP[i + 1], delta[i + 1]), scales[i + 1].w ** 2), aP[i + 1]) as tf.Tensor2D,
    );
    let P: tf.Tensor2D | null = null;
    for (let i = 0; i <= L; i++) {
      const dd = matMulABt(dP[i], dDot[i]); // M×M: δ_{j,i}·δ̇_i[k]
      let t = tf.mul(dd, matMulABt(aP[i], a[i])); // × (a_{j,i}·a_i) per row j
      const ad = aDot[i];
      if (ad) t = tf.add(t, tf.mul(matMulABt(dP[i], delta[i]), matMulABt(aP[i], ad)));
      t = tf.mul(t, scales[i].w ** 2);
      if (scales[i].b !== 0) t = tf.add(t, tf.mul(dd, scales[i].b ** 2));
      P = P ? (tf.add(P, t) as tf.Tensor2D) : (t as tf.Tensor2D);
    }
    const half = tf.mul(P as tf.Tensor2D, 0.5) as tf.Tensor2D;
    if (M !== half.shape[0]) throw new Error('pairMatrix: shape mismatch');
    return opts.symmetrize === false ? half : (tf.mul(tf.add(half, tf.transpose(half)), 0.5) as tf.Tensor2D);
  });
}
