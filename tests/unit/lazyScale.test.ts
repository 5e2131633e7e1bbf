// μP and the laziness scale α (docs/science.md §1, §10) against float64 references written from the
// definitions (tests/reference/abc64.ts): forward pass, training-step gradient and NTK of the
// float32 engine; the centred model is 0 at θ₀; NTK drift at α = 10 is near 1/10 of α = 1.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { disposeParams, flatParams, forward, initParamArrays, initParams, type MlpSpec } from '../../src/engine/nn/mlp';
import { lossAndStep } from '../../src/engine/nn/mlpGrad';
import { ntkLayerwise } from '../../src/engine/metrics/ntk';
import { Session } from '../../src/engine/session/session';
import { DEFAULT_CONFIG, PARAMETRIZATIONS, type Activation, type ExperimentConfig } from '../../src/schema/config';
import { normals } from '../../src/engine/prng';
import { forwardAbc64, jacobianFD64, ntkFD64 } from '../reference/abc64';
import { flatten64, forward64, gradient64, paramsToArrays } from '../reference/reference64';
import { ntk64, roundToFloat32 } from '../reference/modesReference';
import { relErr, rms } from './helpers';

const N = 5;
const D0 = 2;
const X = Float32Array.from(normals(5, 'abc-test-x', N * D0));

function spec(activation: Activation, param: MlpSpec['param'], depth: number, outputScale: number, width = 6): MlpSpec {
  return { inputDim: D0, width, depth, activation, param, sigmaW2: activation === 'relu' ? 2 : 1.3, sigmaB2: 0.1, bias: true, outputScale };
}

describe('engine vs the abc-form float64 reference (forward, step gradient, NTK)', () => {
  for (const param of PARAMETRIZATIONS)
    for (const activation of ['tanh', 'relu', 'erf'] as const)
      for (const depth of [1, 2, 3])
        for (const alpha of [1, 3])
          it(`${param} ${activation} depth ${depth} α ${alpha}`, async () => {
            const s = spec(activation, param, depth, alpha);
            const params = initParams(s, 3 + depth);
            const layers = await paramsToArrays(params); // the float32 values, as float64
            const x = tf.tensor2d(X, [N, D0]);
            const f32 = forward(s, params, x);
            const f64 = forwardAbc64(s, layers, X, N);
            expect(relErr(await f32.data(), f64)).toBeLessThan(2e-6);
            // the training step's gradient: with y = f − 1 and η = 1 on one point, step = −∇_θ f(x)
            const J = jacobianFD64(s, layers, X, N);
            for (const p of [0, 3]) {
              const xp = tf.slice(x, [p, 0], [1, D0]) as tf.Tensor2D;
              const yp = tf.tensor1d([f64[p] - 1]);
              const { loss, step } = lossAndStep(s, params, xp, yp, 1);
              const g32 = Float64Array.from((await Promise.all(flatParams(step).map((t) => t.data()))).flatMap((a) => Array.from(a)), (v) => -v);
              expect(relErr(g32, J[p])).toBeLessThan(1e-4);
              // the float64 backprop oracle used for the drift replay below agrees with the differences
              expect(relErr(flatten64(gradient64(s, layers, Array.from(X.subarray(p * D0, p * D0 + D0)))), J[p])).toBeLessThan(1e-6);
              tf.dispose([xp, yp, loss, ...flatParams(step)]);
            }
            const k32 = ntkLayerwise(s, params, x);
            expect(relErr(await k32.data(), ntkFD64(s, layers, X, N))).toBeLessThan(1e-4);
            tf.dispose([x, f32, k32]);
            disposeParams(params);
          });
});

describe('what the multipliers imply', () => {
  it('α multiplies f by α and Θ by α² (same θ)', async () => {
    const a = spec('tanh', 'mup', 2, 1, 16);
    const b = { ...a, outputScale: 7 };
    const params = initParams(a, 2);
    const x = tf.tensor2d(X, [N, D0]);
    const [fa, fb, ka, kb] = await Promise.all([forward(a, params, x), forward(b, params, x), ntkLayerwise(a, params, x), ntkLayerwise(b, params, x)].map((t) => t.data()));
    expect(relErr(fb, Array.from(fa, (v) => 7 * v))).toBeLessThan(1e-6);
    expect(relErr(kb, Array.from(ka, (v) => 49 * v))).toBeLessThan(1e-6);
    x.dispose();
    disposeParams(params);
  });

  it('with the same draws, μP and NTK parametrization have the same Θ₀ (so the same auto η); only f(x; θ₀) differs', async () => {
    const m = spec('tanh', 'mup', 3, 1, 24);
    const k = { ...m, param: 'ntk' as const };
    const pm = initParams(m, 9);
    const pk = initParams(k, 9);
    const x = tf.tensor2d(X, [N, D0]);
    const [km, kk] = await Promise.all([ntkLayerwise(m, pm, x).data(), ntkLayerwise(k, pk, x).data()]);
    expect(relErr(km, kk)).toBeLessThan(1e-5);
    x.dispose();
    disposeParams(pm);
    disposeParams(pk);
  });

  it('μP: f(x; θ₀) shrinks like 1/√n while Θ₀(x, x) stays of order one (NTK: both of order one)', async () => {
    const stats = async (param: MlpSpec['param'], width: number) => {
      const f: number[] = [];
      const diag: number[] = [];
      for (let seed = 1; seed <= 4; seed++) {
        // no biases: μP's output bias is of order one at every width (docs/science.md §1)
        const s = { ...spec('tanh', param, 2, 1, width), bias: false };
        const layers = initParamArrays(s, seed);
        f.push(...forward64(s, layers, X, N));
        const k = ntk64(s, layers, X, N);
        for (let i = 0; i < N; i++) diag.push(k[i * N + i]);
      }
      return { f: rms(f), k: diag.reduce((u, v) => u + v, 0) / diag.length };
    };
    const [m64, m1024, n64, n1024] = [await stats('mup', 64), await stats('mup', 1024), await stats('ntk', 64), await stats('ntk', 1024)];
    // √(1024/64) = 4
    expect(m64.f / m1024.f).toBeGreaterThan(2.8);
    expect(m64.f / m1024.f).toBeLessThan(5.6);
    expect(m1024.k / m64.k).toBeGreaterThan(0.7);
    expect(m1024.k / m64.k).toBeLessThan(1.4);
    expect(n64.f / n1024.f).toBeGreaterThan(0.6);
    expect(n64.f / n1024.f).toBeLessThan(1.6);
  });
});

const base = (o: Partial<ExperimentConfig>): ExperimentConfig => ({ ...DEFAULT_CONFIG, activation: 'tanh', width: 32, depth: 2, train: 16, test: 8, modes: 0, ...o });

describe('the centred model α·(f − f₀)', () => {
  it.each([
    [1, true],
    [10, false],
  ])('is exactly 0 at θ₀ (α = %s, center = %s): grid values, twin and loss = mean(y²)/2', async (outputScale, center) => {
    const s = await Session.create(base({ outputScale, center }), { gridSize: 20 });
    try {
      const snap = await s.snapshot();
      expect(Math.max(...Array.from(snap.fGrid, Math.abs))).toBe(0);
      expect(Math.max(...Array.from(snap.fLinGrid ?? [NaN], Math.abs))).toBe(0);
      const row = await s.measure('never');
      const y = s.data.yTrain;
      const half = Array.from(y).reduce((u, v) => u + v * v, 0) / (2 * y.length);
      expect(Math.abs(row.loss - half) / half).toBeLessThan(1e-5);
    } finally {
      s.dispose();
    }
  });

  it('η is in α = 1 units: the same auto η and η_crit at α = 1 and α = 10', async () => {
    const a = await Session.create(base({ center: true }), { gridSize: 2 });
    const b = await Session.create(base({ outputScale: 10 }), { gridSize: 2 });
    expect(b.meta.lr).toBe(a.meta.lr);
    expect(Math.abs(b.meta.criticalLr! / a.meta.criticalLr! - 1)).toBeLessThan(1e-5);
    a.dispose();
    b.dispose();
  });
});

/** Float64 GD on the centred model (raw step η/α², targets y + α f₀) and the NTK drift on the probe set. */
function driftReplay64(s: Session, steps: number): number {
  const spec = s.spec;
  const n = s.config.train;
  const d = spec.inputDim;
  const x = s.data.xTrain;
  let layers = roundToFloat32(initParamArrays(spec, s.config.seed));
  const f0 = forward64(spec, layers, x, n);
  const target = Array.from(s.data.yTrain, (y, i) => y + f0[i]);
  const probe = s.meta.probe;
  const k0 = ntk64(spec, layers, probe.x, probe.count);
  const lr = s.meta.lr / (spec.outputScale ?? 1) ** 2;
  for (let t = 0; t < steps; t++) {
    const r = forward64(spec, layers, x, n).map((f, i) => f - target[i]);
    const next = layers.map((L) => ({ ...L, W: Float64Array.from(L.W), b: L.b ? Float64Array.from(L.b) : null }));
    for (let i = 0; i < n; i++) {
      const g = gradient64(spec, layers, Array.from(x.subarray(i * d, i * d + d)));
      const c = (lr * r[i]) / n;
      g.forEach((G, l) => {
        G.W.forEach((v, k) => (next[l].W[k] -= c * v));
        if (G.b) G.b.forEach((v, k) => (next[l].b![k] -= c * v));
      });
    }
    layers = next;
  }
  const kt = ntk64(spec, layers, probe.x, probe.count);
  return relErr(kt, k0);
}

describe('NTK drift ∝ 1/α (Chizat, Oyallon & Bach 2019)', () => {
  it('tanh, width 128, 20 GD steps (drift at α = 1 about 0.07): drift(α = 10)/drift(α = 1, centred) ≈ 1/10, engine = float64 replay', async () => {
    const steps = 20;
    const drift = async (o: Partial<ExperimentConfig>) => {
      const s = await Session.create(base({ width: 128, ...o }), { gridSize: 2 });
      try {
        s.advance(steps);
        const row = await s.measure('always');
        return { engine: row.ntkDrift!, ref: driftReplay64(s, steps) };
      } finally {
        s.dispose();
      }
    };
    const one = await drift({ center: true });
    const ten = await drift({ outputScale: 10 });
    expect(Math.abs(one.engine / one.ref - 1)).toBeLessThan(1e-3);
    expect(Math.abs(ten.engine / ten.ref - 1)).toBeLessThan(1e-2);
    const ratio = ten.ref / one.ref;
    console.log(`drift α=1 ${one.ref.toExponential(4)} (engine ${one.engine.toExponential(4)}), α=10 ${ten.ref.toExponential(4)} (engine ${ten.engine.toExponential(4)}), ratio ${ratio.toFixed(4)}`);
    expect(ratio).toBeGreaterThan(0.08);
    expect(ratio).toBeLessThan(0.125);
  }, 120_000);
});
