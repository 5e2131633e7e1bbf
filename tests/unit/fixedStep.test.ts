// The fixed-step gradient change (src/engine/metrics/fixedStep.ts): at θ₀ the same for every η over
// three decades (relu and tanh), and equal to a float64 computation from the definitions: the GD
// direction rescaled so that RMS(∇f·Δ) = ρ·RMS(y), gradients at θ and θ + Δ by float64 backprop,
// H(x)Δ by central differences of float64 gradients, sign flips and the frozen-pattern gradient
// (relu) by a float64 forward/backward written out below.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { disposeParams, initParams, type LayerArrays, type MlpSpec } from '../../src/engine/nn/mlp';
import { gdDirection } from '../../src/engine/nn/train';
import { makeDataset } from '../../src/engine/data/datasets';
import { correlationSummary, CORRELATION_SUMMARY_NAMES } from '../../src/engine/metrics/correlations';
import { FIXED_STEP_FRACTION, fixedStepMetrics, type FixedStepName } from '../../src/engine/metrics/fixedStep';
import { axpy64, dot64, flatten64, forward64, forwardTrace64, gradient64, paramsToArrays } from '../reference/reference64';
import { multipliers64 } from '../reference/net64';
import { makeSpec } from './helpers';

const N = 32;

function rms(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s / v.length);
}

/** ∇f(x) flattened at θ for one point, with relu's φ' taken from the masks of `maskAt` (frozen pattern). */
function frozenGradient64(spec: MlpSpec, layers: LayerArrays[], maskAt: LayerArrays[], x: number[]): Float64Array {
  const m = multipliers64(spec);
  const masks = forwardTrace64(spec, maskAt, x).h.slice(0, -1).map((h) => h.map((v) => (v > 0 ? 1 : 0)));
  // forward with a_l = mask ⊙ h_l (the network that is linear on θ's activation pattern)
  const a: Float64Array[] = [Float64Array.from(x)];
  layers.forEach((L, l) => {
    if (l === layers.length - 1) return;
    const h = new Float64Array(L.nOut);
    for (let i = 0; i < L.nOut; i++) {
      let acc = 0;
      for (let j = 0; j < L.nIn; j++) acc += L.W[i * L.nIn + j] * a[l][j];
      h[i] = m[l].w * acc + (L.b ? m[l].b * L.b[i] : 0);
    }
    a.push(h.map((v, i) => masks[l][i] * v));
  });
  const grads: LayerArrays[] = layers.map((L) => ({ nOut: L.nOut, nIn: L.nIn, W: new Float64Array(L.W.length), b: L.b ? new Float64Array(L.nOut) : null }));
  let delta = Float64Array.of(1);
  for (let l = layers.length - 1; l >= 0; l--) {
    const L = layers[l];
    for (let i = 0; i < L.nOut; i++) {
      for (let j = 0; j < L.nIn; j++) grads[l].W[i * L.nIn + j] = m[l].w * delta[i] * a[l][j];
      if (grads[l].b) (grads[l].b as Float64Array)[i] = m[l].b * delta[i];
    }
    if (l > 0) {
      const next = new Float64Array(L.nIn);
      for (let j = 0; j < L.nIn; j++) {
        let acc = 0;
        for (let i = 0; i < L.nOut; i++) acc += L.W[i * L.nIn + j] * delta[i];
        next[j] = masks[l - 1][j] * m[l].w * acc;
      }
      delta = next;
    }
  }
  return flatten64(grads);
}

const diffRatio = (a: Float64Array, b: Float64Array) => {
  let num = 0;
  for (let k = 0; k < a.length; k++) num += (a[k] - b[k]) ** 2;
  return Math.sqrt(num / dot64(b, b));
};

/** The four fixed-step values in float64 from the definitions. */
function fixedStep64(spec: MlpSpec, layers: LayerArrays[], xs: Float32Array, ys: Float32Array): Record<FixedStepName, number> {
  const pts = Array.from(xs, (v) => [v]);
  const r = forward64(spec, layers, xs, N).map((f, i) => f - ys[i]);
  const G = pts.map((x) => flatten64(gradient64(spec, layers, x)));
  // Δ ∝ −∇L = −(1/N) Σ r_i ∇f(x_i); its scale is irrelevant (rescaled below)
  const dirFlat = new Float64Array(G[0].length);
  G.forEach((g, i) => g.forEach((v, k) => (dirFlat[k] -= (r[i] * v) / N)));
  const c1 = G.map((g) => dot64(g, dirFlat));
  const s = (FIXED_STEP_FRACTION * rms(ys)) / rms(c1);
  // back to the layer layout
  let k = 0;
  const dir: LayerArrays[] = layers.map((L) => ({
    nOut: L.nOut,
    nIn: L.nIn,
    W: Float64Array.from(L.W, () => s * dirFlat[k++]),
    b: L.b ? Float64Array.from(L.b, () => s * dirFlat[k++]) : null,
  }));
  const moved = axpy64(layers, dir, 1);
  const full = pts.map((x, i) => diffRatio(flatten64(gradient64(spec, moved, x)), G[i]));
  const h = 1e-4;
  const first = pts.map((x, i) => {
    const gp = flatten64(gradient64(spec, axpy64(layers, dir, h), x));
    const gm = flatten64(gradient64(spec, axpy64(layers, dir, -h), x));
    const hd = gp.map((v, j) => (v - gm[j]) / (2 * h));
    return Math.sqrt(dot64(hd, hd) / dot64(G[i], G[i]));
  });
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const out = { gradChangeFixedStep: mean(full), gradChangeFirstOrderFixedStep: mean(first), gradChangeFrozenFixedStep: NaN, flipFractionFixedStep: NaN };
  if (spec.activation === 'relu') {
    out.gradChangeFrozenFixedStep = mean(pts.map((x, i) => diffRatio(frozenGradient64(spec, moved, layers, x), G[i])));
    let flips = 0;
    let total = 0;
    for (const x of pts) {
      const before = forwardTrace64(spec, layers, x).h;
      const after = forwardTrace64(spec, moved, x).h;
      for (let l = 0; l < spec.depth; l++)
        before[l].forEach((v, i) => {
          total++;
          if (v > 0 !== after[l][i] > 0) flips++;
        });
    }
    out.flipFractionFixedStep = flips / total;
  }
  return out;
}

describe('gradient change at a fixed function-space step (ρ·RMS(y))', () => {
  for (const act of ['relu', 'tanh'] as const)
    it(`${act}, depth 2, width 128, θ₀: the same for η = 0.001 … 1 and equal to float64`, async () => {
      const spec = makeSpec(act, 128);
      const ds = makeDataset('sine', N, 8, 4);
      const x = tf.tensor2d(ds.xTrain, [N, 1]);
      const y = tf.tensor1d(ds.yTrain);
      const params = initParams(spec, 4);
      const ref = fixedStep64(spec, await paramsToArrays(params), ds.xTrain, ds.yTrain);
      const names: FixedStepName[] = act === 'relu' ? ['gradChangeFixedStep', 'gradChangeFirstOrderFixedStep', 'gradChangeFrozenFixedStep', 'flipFractionFixedStep'] : ['gradChangeFixedStep', 'gradChangeFirstOrderFixedStep'];
      const rawGradChange: number[] = [];
      for (const lr of [0.001, 0.01, 0.1, 1]) {
        const dir = gdDirection(spec, params, x, y, lr);
        const vals = tf.tidy(() => {
          const corr = tf.unstack(correlationSummary(spec, params, dir, x)) as tf.Scalar[];
          const raw = { c1Rms: corr[CORRELATION_SUMMARY_NAMES.indexOf('c1Rms')], firstOrder: corr[CORRELATION_SUMMARY_NAMES.indexOf('gradChangeFirstOrder')] };
          const m = fixedStepMetrics(spec, params, dir, x, raw, tf.sqrt(tf.mean(tf.square(y))) as tf.Scalar, act === 'relu');
          return tf.stack([corr[CORRELATION_SUMMARY_NAMES.indexOf('gradChange')], ...names.map((n) => m[n] as tf.Scalar)]);
        });
        const v = Array.from(await vals.data());
        tf.dispose([vals]);
        disposeParams(dir);
        rawGradChange.push(v[0]);
        names.forEach((n, i) => {
          const e = Math.abs(v[i + 1] / ref[n] - 1);
          console.log(`${act} η=${lr}: ${n} ${v[i + 1].toPrecision(5)} (float64 ${ref[n].toPrecision(5)}, rel diff ${e.toExponential(1)})`);
          expect(e).toBeLessThan(0.01);
        });
      }
      // the raw value is step-dependent (it grows with η); the fixed-step one is not
      expect(rawGradChange[3] / rawGradChange[0]).toBeGreaterThan(10);
      // the step is not trivial: relu units do cross 0, and the kink part is visible
      if (act === 'relu') {
        expect(ref.flipFractionFixedStep).toBeGreaterThan(0);
        expect(ref.gradChangeFixedStep).toBeGreaterThan(1.5 * ref.gradChangeFrozenFixedStep);
      }
      tf.dispose([x, y]);
      disposeParams(params);
    });
});
