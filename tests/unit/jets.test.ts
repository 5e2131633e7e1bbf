// Taylor-mode jets: c_k = (1/k!) d^k/dε^k f(x; θ+εΔ) against float64 central finite differences
// of the independent reference (reference64.ts), for a GD step direction and a random direction.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { disposeParams, forward } from '../../src/engine/nn/mlp';
import { taylorCoefficients } from '../../src/engine/nn/jets';
import { forwardDifference } from './engineFactors';
import { axpy64, forward64, forwardAlong64, forwardTrace64, taylorFD64 } from '../reference/reference64';
import { makeSpec, relErr, rms, setup, type Setup } from './helpers';

/** Sign pattern of every hidden pre-activation at θ + εΔ, for all points (relu kink check). */
function signature(s: Setup, eps: number): string {
  const lay = axpy64(s.layers, s.dirLayers, eps);
  let out = '';
  for (const xi of s.xs) {
    const t = forwardTrace64(s.spec, lay, [xi]);
    for (let l = 0; l < t.h.length - 1; l++) for (const v of t.h[l]) out += v > 0 ? '1' : '0';
  }
  return out;
}

/**
 * Float64 FD reference of c_1..c_3 with an 11-point central stencil (truncation O(h^8) for c_3)
 * and a Richardson-style self-check: the estimates at h and h/2 must agree far below the float32
 * tolerance used against the jets.
 */
function fdReference(s: Setup, h: number): { c: Float64Array[]; selfErr: number[] } {
  const g = (e: number) => forwardAlong64(s.spec, s.layers, s.dirLayers, e, s.xs, s.xs.length);
  const a = taylorFD64(g, h, 5, 3);
  const b = taylorFD64(g, h / 2, 5, 3);
  return { c: b, selfErr: a.map((ck, k) => relErr(ck, b[k])) };
}

async function jetArrays(s: Setup): Promise<{ f: Float32Array; c: Float32Array[] }> {
  const t = taylorCoefficients(s.spec, s.params, s.dir, s.x);
  const out = { f: t.f.dataSync() as Float32Array, c: [t.c1, t.c2, t.c3].map((c) => c.dataSync() as Float32Array) };
  tf.dispose([t.f, t.c1, t.c2, t.c3]);
  return out;
}

describe('taylorCoefficients vs float64 finite differences', () => {
  // Smooth activations: f(θ+εΔ) is analytic in ε, the FD stencil is accurate to ~1e-10.
  // float32 jets: each coefficient is a sum of products of O(1) terms through 3 layers of width
  // 16, rounding ≈ 6e-8 relative per op; measured ≲ 3e-7 relative in norm; we allow 1e-5.
  for (const act of ['tanh', 'erf'] as const)
    for (const kind of ['gd', 'random'] as const)
      it(`${act}, ${kind} direction`, async () => {
        const s = await setup(makeSpec(act, 16), kind);
        const ref = fdReference(s, 0.05);
        ref.selfErr.forEach((e) => expect(e).toBeLessThan(1e-7));
        const jet = await jetArrays(s);
        const errs = jet.c.map((c, k) => relErr(c, ref.c[k]));
        errs.forEach((e) => expect(e).toBeLessThan(1e-5));
        expect(relErr(jet.f, forward64(s.spec, s.layers, s.xs, s.xs.length))).toBeLessThan(2e-6);
        // the step matters: coefficients are not trivially zero
        expect(rms(ref.c[1])).toBeGreaterThan(1e-4 * rms(ref.c[0]));
        expect(rms(ref.c[2])).toBeGreaterThan(1e-6 * rms(ref.c[0]));
        console.log(`${act} ${kind}: rel err c1..c3 = ${errs.map((e) => e.toExponential(2)).join(', ')}`);
        s.dispose();
      });

  // relu (and linear): φ'' = φ''' = 0 a.e., so the activation contributes no curvature, but c_2 and
  // c_3 are NOT zero: with W + εΔW in every layer, f(θ+εΔ) is, between kinks, a polynomial of
  // degree L+1 = 3 in ε (products of the per-layer perturbations). A 5-point stencil is exact for it
  // (up to float64 roundoff) as long as no pre-activation changes sign within the stencil; we shrink
  // h until the sign pattern is constant over [−2h, 2h] for every point and layer (the fewest nodes
  // allow the largest h, which keeps the roundoff ∝ 1/h³ of c3 small).
  for (const act of ['relu', 'linear'] as const)
    for (const kind of ['gd', 'random'] as const)
      it(`${act}, ${kind} direction (piecewise polynomial in ε)`, async () => {
        const s = await setup(makeSpec(act, 16), kind);
        // linear: a global polynomial, any h works (a large one keeps float64 roundoff small)
        let h = act === 'linear' ? 0.5 : 0.05;
        const sig0 = signature(s, 0);
        while (act === 'relu' && h > 1e-6 && (signature(s, 2 * h) !== sig0 || signature(s, -2 * h) !== sig0)) h /= 2;
        expect(h).toBeGreaterThan(1e-6);
        const g = (e: number) => forwardAlong64(s.spec, s.layers, s.dirLayers, e, s.xs, s.xs.length);
        const ref = taylorFD64(g, h, 2, 3);
        const jet = await jetArrays(s);
        const errs = jet.c.map((c, k) => relErr(c, ref[k]));
        // float64 FD roundoff ≈ 1e-16/h³ relative to a small c3 adds up to ~3e-6 at h ≈ 3e-3
        console.log(`${act} ${kind} (h=${h}): rel err c1..c3 = ${errs.map((e) => e.toExponential(2)).join(', ')}`);
        errs.forEach((e) => expect(e).toBeLessThan(2e-5));
        s.dispose();
      });

  it('linear, depth 1: c3 ≡ 0 and c2 = s2·ΔW2·(s1·ΔW1 x + s1b·Δb1)', async () => {
    const spec = makeSpec('linear', 10, 1);
    const s = await setup(spec, 'random');
    const jet = await jetArrays(s);
    expect(Array.from(jet.c[2]).every((v) => v === 0)).toBe(true);
    const s1 = Math.sqrt(1 / 1);
    const s1b = Math.sqrt(0.1);
    const s2 = Math.sqrt(1 / 10);
    const [D1, D2] = s.dirLayers;
    const closed = Array.from(s.xs, (xi) => {
      let acc = 0;
      for (let i = 0; i < 10; i++) acc += D2.W[i] * (s1 * D1.W[i] * xi + s1b * (D1.b as Float64Array)[i]);
      return s2 * acc;
    });
    expect(relErr(jet.c[1], closed)).toBeLessThan(1e-6);
    s.dispose();
  });
});

describe('forwardDifference: f(θ+Δ) − f(θ) without cancellation', () => {
  for (const act of ['tanh', 'erf', 'relu', 'linear'] as const)
    it(act, async () => {
      // tiny step (1e-3 of a GD step): the naive float32 difference loses ~3 digits, ours does not
      const s = await setup(makeSpec(act, 32), 'gd', 5, 16, 5e-4);
      const d64 = forward64(s.spec, axpy64(s.layers, s.dirLayers, 1), s.xs, s.xs.length).map(
        (v, i) => v - forward64(s.spec, s.layers, s.xs, s.xs.length)[i],
      );
      const d = forwardDifference(s.spec, s.params, s.dir, s.x);
      const err = relErr(d.dataSync(), d64);
      const thetaP = s.params.map((L, l) => ({ W: tf.add(L.W, s.dir[l].W) as tf.Tensor2D, b: L.b ? (tf.add(L.b, s.dir[l].b as tf.Tensor1D) as tf.Tensor1D) : null }));
      const naive = tf.sub(forward(s.spec, thetaP, s.x), forward(s.spec, s.params, s.x));
      const naiveErr = relErr(naive.dataSync(), d64);
      console.log(`${act}: forwardDifference rel err ${err.toExponential(2)} (naive float32 ${naiveErr.toExponential(2)})`);
      expect(err).toBeLessThan(2e-5);
      tf.dispose([d, naive]);
      disposeParams(thetaP);
      s.dispose();
    });
});

describe('scaling sanity', () => {
  // One GD step's c2/c1 fluctuates a lot from seed to seed (it scales with the initial residual),
  // so compare seed means: measured ≈ 9.6e-3 at width 32 vs ≈ 1.3e-3 at width 1024 (5 seeds).
  it('tanh, NTK, depth 2: seed-mean RMS(c2)/RMS(c1) is smaller at width 1024 than at width 32', async () => {
    const seeds = [1, 2, 3, 4, 5];
    const meanRatio = async (width: number) => {
      let acc = 0;
      for (const seed of seeds) {
        const s = await setup(makeSpec('tanh', width), 'gd', seed, 32, 0.5);
        const jet = await jetArrays(s);
        s.dispose();
        acc += rms(jet.c[1]) / rms(jet.c[0]);
      }
      return acc / seeds.length;
    };
    const r32 = await meanRatio(32);
    const r1024 = await meanRatio(1024);
    console.log(`seed-mean c2/c1: width 32 ${r32.toExponential(3)}, width 1024 ${r1024.toExponential(3)}`);
    expect(r1024).toBeLessThan(r32);
  });
});

describe('memory', () => {
  it('taylorCoefficients and forwardDifference leak no tensors', async () => {
    const s = await setup(makeSpec('tanh', 16), 'gd');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      const t = taylorCoefficients(s.spec, s.params, s.dir, s.x);
      tf.dispose([t.f, t.c1, t.c2, t.c3]);
      forwardDifference(s.spec, s.params, s.dir, s.x).dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  });
});
