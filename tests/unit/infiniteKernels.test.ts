import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { infiniteKernels, parametrizationLimit } from '../../src/engine/infinite/recursion';
import { relativeFrobenius } from '../../src/engine/linalg/frobenius';
import { erfDual, reluDual, dualFamily } from '../../src/engine/infinite/dualKernels';
import { gaussianPairExpectations } from '../../src/engine/infinite/quadrature2d';
import { tanhCoefficients, tanhPairFromCoefficients } from '../../src/engine/infinite/tanhSeries';
import { createMachine, machineOffReason } from '../../src/engine/infinite/machine';
import { disposeParams, forward, initParams, type MlpSpec } from '../../src/engine/nn/mlp';
import { ntkLayerwise } from '../../src/engine/metrics/ntk';
import { normals } from '../../src/engine/prng';
import type { Activation } from '../../src/schema/config';
import { erfPhi, kernelGdClosedForm, ntkSumProduct, reluDualPolar, smoothDualBruteForce, tanhPhi } from '../reference/infiniteReference';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

function spec(activation: Activation, depth: number, bias: boolean, inputDim: number, o: Partial<MlpSpec> = {}): MlpSpec {
  return { inputDim, width: 1, depth, activation, param: 'ntk', sigmaW2: activation === 'relu' ? 2 : 1.3, sigmaB2: bias ? 0.2 : 0, bias, ...o };
}

/** n points of dimension d (seeded normals scaled by `scale`), row-major. */
function points(n: number, d: number, seed: number, scale = 1): number[] {
  return Array.from(normals(seed, 'infinite-test', n * d), (v) => v * scale);
}

const COVS: [number, number, number][] = [
  [0.5, 0.8, 0.3],
  [0.5, 0.8, -0.6],
  [1.3, 1.3, 1.3],
  [2, 3, -1.5],
  [0.7, 0.2, 0.37],
  [4, 9, 5.99],
];

describe('dual kernels vs direct integration (float64)', () => {
  it('relu: arc-cosine closed form = polar-angle integration to 1e-12', () => {
    for (const [a, b, c] of COVS) {
      const [v, vd] = reluDual(a, b, c);
      const [rv, rvd] = reluDualPolar(a, b, c);
      expect(rel(v, rv)).toBeLessThan(1e-12);
      expect(rel(vd, rvd)).toBeLessThan(1e-12);
    }
  });
  it('erf: Williams closed form = 2-D Gauss–Hermite at degree 150 to 1e-11', () => {
    for (const [a, b, c] of COVS.slice(0, 5)) {
      const [v, vd] = erfDual(a, b, c);
      const [rv, rvd] = gaussianPairExpectations(a, b, c, 150, (h, out) => ([out[0], out[1]] = erfPhi(h)));
      expect(rel(v, rv)).toBeLessThan(1e-11);
      expect(rel(vd, rvd)).toBeLessThan(1e-11);
    }
  });
  it('tanh: Hermite series = 2-D Gauss–Hermite at degree 180 where that converges (variances ≤ 1.3) to 1e-10', () => {
    for (const [a, b, c] of COVS.filter(([a, b]) => Math.max(a, b) <= 1.3)) {
      const s = tanhPairFromCoefficients(tanhCoefficients(a), tanhCoefficients(b), c);
      const q = gaussianPairExpectations(a, b, c, 180);
      expect(rel(s[0], q[0])).toBeLessThan(1e-10);
      expect(rel(s[1], q[1])).toBeLessThan(1e-10);
    }
  });
  it('tanh at large variance (a = 9, the lab’s x = 3 input): series = composite brute force to 1e-8; GH at degree 32 is off by percents', () => {
    const brute = smoothDualBruteForce(tanhPhi, 0.04);
    for (const [a, b, c] of [
      [9.1, 4, 5.9],
      [9.1, 9.1, 9.0],
    ] as [number, number, number][]) {
      const s = tanhPairFromCoefficients(tanhCoefficients(a), tanhCoefficients(b), c);
      const r = brute(a, b, c);
      expect(rel(s[0], r[0])).toBeLessThan(1e-8);
      expect(rel(s[1], r[1])).toBeLessThan(1e-8);
      const gh = gaussianPairExpectations(a, b, c, 32);
      expect(rel(gh[1], r[1])).toBeGreaterThan(1e-2);
    }
  });
});

describe('Θ∞ and Σ∞ vs the sum-product formula with independent dual kernels', () => {
  const cases: [Activation, (a: number, b: number, c: number) => [number, number], number][] = [
    ['relu', reluDualPolar, 1e-10],
    ['erf', (a, b, c) => gaussianPairExpectations(a, b, c, 150, (h, out) => ([out[0], out[1]] = erfPhi(h))), 1e-10],
    ['linear', (_a, _b, c) => [c, 1], 1e-13],
  ];
  for (const [act, dual, tol] of cases)
    for (const depth of [1, 2, 3, 6])
      for (const bias of [true, false])
        it(`${act} depth ${depth} bias ${bias} (≤ ${tol} relative)`, () => {
          const d = 2;
          const s = spec(act, depth, bias, d, { outputScale: depth === 2 ? 3 : 1, sigmaW2: act === 'erf' ? 0.8 : act === 'relu' ? 2 : 1 });
          const x = points(5, d, 7 + depth, act === 'erf' ? 0.6 : 1);
          const k = infiniteKernels(s, x);
          for (let i = 0; i < 5; i++)
            for (let j = 0; j < 5; j++) {
              const r = ntkSumProduct(s, x.slice(i * d, i * d + d), x.slice(j * d, j * d + d), dual);
              expect(rel(k.ntk[i * 5 + j], r.ntk)).toBeLessThan(tol);
              expect(rel(k.nngp[i * 5 + j], r.nngp)).toBeLessThan(tol);
            }
        });
  it('tanh series Θ∞ vs sum-product with degree-180 quadrature (small inputs) to 1e-10, and x2 ≠ x1 gives the square block’s rows', () => {
    const s = spec('tanh', 3, true, 2, { sigmaW2: 1 });
    const x = points(6, 2, 3, 0.5);
    const k = infiniteKernels(s, x);
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) {
        const r = ntkSumProduct(s, x.slice(2 * i, 2 * i + 2), x.slice(2 * j, 2 * j + 2), (a, b, c) => gaussianPairExpectations(a, b, c, 180));
        expect(rel(k.ntk[i * 6 + j], r.ntk)).toBeLessThan(1e-10);
      }
    const cross = infiniteKernels(s, x.slice(0, 4), x);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 6; j++) expect(rel(cross.ntk[i * 6 + j], k.ntk[i * 6 + j])).toBeLessThan(1e-13);
  });
  it('the quadrature option is the GH product rule (neural-tangents’ method): agrees with the series only at small variance', () => {
    const s = spec('tanh', 1, true, 1, { sigmaW2: 1, sigmaB2: 0.1 });
    const small = Array.from({ length: 8 }, (_, i) => -0.5 + i / 7);
    const wide = Array.from({ length: 8 }, (_, i) => -3 + (6 * i) / 7);
    const q = (x: number[]) => relativeFrobenius(infiniteKernels(s, x, undefined, { tanh: 'quadrature', degree: 32 }).ntk, infiniteKernels(s, x).ntk);
    expect(q(small)).toBeLessThan(1e-6);
    expect(q(wide)).toBeGreaterThan(1e-2);
  });
});

describe('which limit each parametrization has', () => {
  it('μP shares NTK’s Θ∞; its NNGP is the output bias alone; standard has no finite Θ∞', () => {
    const x = points(4, 2, 5);
    const ntk = infiniteKernels(spec('relu', 2, true, 2), x);
    const mup = infiniteKernels(spec('relu', 2, true, 2, { param: 'mup' }), x);
    expect(Array.from(mup.ntk)).toEqual(Array.from(ntk.ntk));
    expect(new Set(mup.nngp)).toEqual(new Set([0.2]));
    expect(parametrizationLimit({ param: 'standard' }).ntk).toBe(false);
    expect(() => infiniteKernels(spec('relu', 2, true, 2, { param: 'standard' }), x)).toThrow(/no finite Θ∞/);
    expect(machineOffReason(spec('relu', 2, true, 2, { param: 'standard' }), true, 10, 10)).toMatch(/grows in proportion to the width/);
  });
  it('standard parametrization: the finite-width Θ₀ grows in proportion to the width (measured)', () => {
    const s = (w: number) => ({ ...spec('tanh', 2, true, 1), param: 'standard' as const, width: w });
    const x = tf.tensor2d([-1, 0.3, 2], [3, 1]);
    const norm = (w: number) => {
      const p = initParams(s(w), 3);
      const k = ntkLayerwise(s(w), p, x);
      const v = tf.norm(k).dataSync()[0];
      disposeParams(p);
      k.dispose();
      return v;
    };
    const ratio = norm(1024) / norm(128);
    x.dispose();
    expect(ratio).toBeGreaterThan(6);
    expect(ratio).toBeLessThan(10);
  });
});

describe('finite-width Θ₀ (tfjs cpu) → Θ∞', () => {
  for (const [act, depth] of [
    ['tanh', 1],
    ['tanh', 2],
    ['relu', 2],
  ] as [Activation, number][])
    it(`${act} depth ${depth}: the mean of Θ₀ over 4 seeds at width 4096 is within 2% of Θ∞ (sine-domain inputs)`, () => {
      const s: MlpSpec = { inputDim: 1, width: 4096, depth, activation: act, param: 'ntk', sigmaW2: act === 'relu' ? 2 : 1, sigmaB2: 0.1, bias: true };
      const xs = [-2.9, -1.7, -0.4, 0.2, 1.1, 2.5, 3];
      const inf = infiniteKernels(s, xs);
      const x = tf.tensor2d(xs, [xs.length, 1]);
      const mean = new Float64Array(xs.length ** 2);
      const seeds = [1, 2, 3, 4];
      const single: number[] = [];
      for (const seed of seeds) {
        const p = initParams(s, seed);
        const k = ntkLayerwise(s, p, x);
        const v = k.dataSync();
        single.push(relativeFrobenius(v, inf.ntk));
        v.forEach((e, i) => (mean[i] += e / seeds.length));
        k.dispose();
        disposeParams(p);
      }
      x.dispose();
      const gap = relativeFrobenius(mean, inf.ntk);
      console.log(`${act} depth ${depth} width 4096: ‖Θ₀ − Θ∞‖/‖Θ∞‖ per seed ${single.map((e) => e.toFixed(4)).join(', ')}; of the 4-seed mean ${gap.toFixed(4)}`);
      expect(gap).toBeLessThan(0.02);
    });
});

describe('the kernel machine', () => {
  it('GD on the training set = (I − ηΘ∞/N)^t (f₀ − y) + y, from the network’s f₀; eval points follow Θ∞(x, X)', () => {
    const s: MlpSpec = { inputDim: 1, width: 64, depth: 2, activation: 'tanh', param: 'ntk', sigmaW2: 1, sigmaB2: 0.1, bias: true };
    const xTrain = [-2.5, -1.2, -0.3, 0.4, 1.5, 2.6];
    const xEval = [-2, 0, 1, 2.9];
    const y = xTrain.map((v) => Math.sin(v));
    const p = initParams(s, 9);
    const f0Train = forward(s, p, tf.tensor2d(xTrain, [6, 1]));
    const f0Eval = forward(s, p, tf.tensor2d(xEval, [4, 1]));
    const machine = createMachine(s, { xTrain, xEval, f0Train, f0Eval });
    const theta = infiniteKernels(s, xTrain).ntk;
    const lr = 0.4;
    const yT = tf.tensor1d(y);
    const all = Int32Array.from([0, 1, 2, 3, 4, 5]);
    const f0 = Array.from(f0Train.dataSync());
    const t = 37;
    // eval points: f∞(x) = f₀(x) − Θ∞(x, X) Θ∞(X, X)⁻¹ (f₀(X) − f∞,t(X)) holds for GD; check the sum of updates instead
    const cross = infiniteKernels(s, xEval, xTrain).ntk;
    const evalRef = Array.from(f0Eval.dataSync());
    let fRef = f0.slice();
    for (let step = 0; step < t; step++) {
      const r = fRef.map((f, i) => f - y[i]);
      for (let m = 0; m < 4; m++) evalRef[m] -= (lr / 6) * r.reduce((acc, ri, j) => acc + cross[m * 6 + j] * ri, 0);
      fRef = fRef.map((f, i) => f - (lr / 6) * r.reduce((acc, rj, j) => acc + theta[i * 6 + j] * rj, 0));
      machine.step(all, yT, lr);
    }
    const closed = kernelGdClosedForm(theta, 6, f0, y, lr, t);
    const got = Array.from(machine.fTrain.dataSync());
    for (let i = 0; i < 6; i++) {
      expect(Math.abs(fRef[i] - closed[i])).toBeLessThan(1e-12);
      expect(Math.abs(got[i] - closed[i])).toBeLessThan(2e-5);
    }
    const gotEval = machine.fEval.dataSync();
    for (let m = 0; m < 4; m++) expect(Math.abs(gotEval[m] - evalRef[m])).toBeLessThan(2e-5);
    machine.dispose();
    tf.dispose([f0Train, f0Eval, yT]);
    disposeParams(p);
  });
  it('dual families: the diagonal is the pair at c = a', () => {
    for (const act of ['relu', 'erf', 'linear', 'tanh'] as Activation[]) {
      const fam = dualFamily(act);
      for (const a of [0.3, 1, 4]) {
        const p = fam.prepare(a);
        expect(rel(fam.diagonal(p), fam.pair(p, p, a)[0])).toBeLessThan(1e-12);
      }
    }
  });
});
