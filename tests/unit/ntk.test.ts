import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { disposeParams, initParams, type MlpSpec } from '../../src/engine/nn/mlp';
import { ntkLayerwise } from '../../src/engine/metrics/ntk';
import { ntkDiagonal } from './engineFactors';
import { ntkAutodiff } from '../reference/ntkReference';
import { jacobiEigen64 } from '../reference/eigen64';
import { chooseProbe, probeDisplayOrder, reorderSquare } from '../../src/engine/metrics/probe';
import { normals } from '../../src/engine/prng';
import { ACTIVATIONS, PARAMETRIZATIONS, type Activation, type Parametrization } from '../../src/schema/config';
import { relErr } from './helpers';

/** N inputs of dimension d, away from 0 (relu's kink at h = 0 would make φ' ambiguous without bias). */
function inputs(n: number, d: number, seed: number): tf.Tensor2D {
  const z = normals(seed, 'ntk-test-inputs', n * d);
  if (d === 1) return tf.tensor2d(Float32Array.from(z, (v) => (v >= 0 ? 0.3 + v : -0.3 + v)), [n, 1]);
  return tf.tensor2d(Float32Array.from(z), [n, d]);
}

function spec(activation: Activation, param: Parametrization, depth: number, bias: boolean, inputDim: number, width = 12): MlpSpec {
  return { inputDim, width, depth, activation, param, sigmaW2: activation === 'relu' ? 2 : 1.3, sigmaB2: 0.1, bias };
}

const maxErr = { layerwise: 0, cross: 0, diag: 0 };

describe('layerwise NTK equals J Jᵀ from per-example autodiff', () => {
  for (const activation of ACTIVATIONS)
    for (const param of PARAMETRIZATIONS)
      for (const depth of [1, 2, 3])
        for (const bias of [true, false])
          for (const d of [1, 2])
            it(`${activation} ${param} depth=${depth} bias=${bias} d0=${d}`, () => {
              const s = spec(activation, param, depth, bias, d, 8 + 4 * depth);
              const params = initParams(s, 11 + depth);
              const x = inputs(5, d, 3 + d);
              const x2 = inputs(3, d, 40 + d);
              const layer = ntkLayerwise(s, params, x);
              const ref = ntkAutodiff(s, params, x);
              const e = relErr(layer.dataSync(), ref.dataSync());
              maxErr.layerwise = Math.max(maxErr.layerwise, e);
              expect(e).toBeLessThan(1e-4);
              expect(layer.shape).toEqual([5, 5]);

              // cross kernel Θ(x, x2), x ≠ x2
              const cross = ntkLayerwise(s, params, x, x2);
              const crossRef = ntkAutodiff(s, params, x, x2);
              expect(cross.shape).toEqual([5, 3]);
              const ec = relErr(cross.dataSync(), crossRef.dataSync());
              maxErr.cross = Math.max(maxErr.cross, ec);
              expect(ec).toBeLessThan(1e-4);

              // cheap diagonal vs the diagonal of the full kernel
              const diag = ntkDiagonal(s, params, x);
              const full = layer.arraySync();
              const dd = full.map((row, i) => row[i]);
              const ed = relErr(diag.dataSync(), dd);
              maxErr.diag = Math.max(maxErr.diag, ed);
              expect(ed).toBeLessThan(1e-5);
              tf.dispose([x, x2, layer, ref, cross, crossRef, diag]);
              disposeParams(params);
            });

  it('reports the worst errors', () => {
    console.log(`max rel. Frobenius error: layerwise vs autodiff ${maxErr.layerwise.toExponential(2)}, cross ${maxErr.cross.toExponential(2)}, diagonal ${maxErr.diag.toExponential(2)}`);
    expect(maxErr.layerwise).toBeGreaterThan(0); // the loop ran
  });

  it('handles a bias parameter with zero scale (NTK parametrization, σ_b² = 0)', () => {
    const s: MlpSpec = { ...spec('tanh', 'ntk', 2, true, 2), sigmaB2: 0 };
    const params = initParams(s, 5);
    const x = inputs(4, 2, 9);
    const a = ntkLayerwise(s, params, x);
    const b = ntkAutodiff(s, params, x);
    expect(relErr(a.dataSync(), b.dataSync())).toBeLessThan(1e-4);
    tf.dispose([a, b, x]);
    disposeParams(params);
  });
});

describe('NTK structure', () => {
  it('is symmetric and positive semi-definite', () => {
    for (const activation of ACTIVATIONS) {
      const s = spec(activation, 'ntk', 2, true, 2, 32);
      const params = initParams(s, 2);
      const x = inputs(24, 2, 17);
      const theta = ntkLayerwise(s, params, x);
      const m = theta.dataSync();
      const n = 24;
      let asym = 0;
      let scale = 0;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          asym = Math.max(asym, Math.abs(m[i * n + j] - m[j * n + i]));
          scale = Math.max(scale, Math.abs(m[i * n + j]));
        }
      expect(asym).toBeLessThanOrEqual(1e-6 * scale);
      const ev = jacobiEigen64(m, n).values;
      // float32 rounding of the entries perturbs eigenvalues by about n·ε·max|Θ|
      expect(ev[n - 1]).toBeGreaterThan(-n * 1e-6 * ev[0]);
      tf.dispose([x, theta]);
      disposeParams(params);
    }
  });

  it('does not leak tensors', () => {
    const s = spec('erf', 'standard', 2, true, 1);
    const params = initParams(s, 2);
    const x = inputs(6, 1, 1);
    const x2 = inputs(4, 1, 2);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 5; k++) {
      ntkLayerwise(s, params, x).dispose();
      ntkLayerwise(s, params, x, x2).dispose();
      ntkDiagonal(s, params, x).dispose();
      ntkAutodiff(s, params, x, x2).dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, x2]);
    disposeParams(params);
  });
});

// Infinite-width NTK of a relu net in NTK parametrization (Jacot et al.; arc-cosine kernel of degree 0/1):
//   Σ¹(x,x') = σ_w² x·x'/d0 + σ_b²,  Θ¹ = Σ¹,
//   Σ^{l+1} = σ_w² E[φ(u)φ(v)] + σ_b²,  Σ̇^{l+1} = σ_w² E[φ'(u)φ'(v)],  (u, v) ~ N(0, Σ^l on {x, x'}),
//   Θ^{l+1} = Θ^l Σ̇^{l+1} + Σ^{l+1},  for l = 1..L (the output layer is l+1 = L+1),
// with, for relu and cos ϑ = Σ^l(x,x')/√(Σ^l(x,x)Σ^l(x',x')):
//   E[φ(u)φ(v)] = √(Σ^l(x,x)Σ^l(x',x')) (sin ϑ + (π − ϑ) cos ϑ)/(2π),  E[φ'(u)φ'(v)] = (π − ϑ)/(2π).
function reluNtkInfinite(x: number[][], depth: number, sw2: number, sb2: number): number[][] {
  const n = x.length;
  const d0 = x[0].length;
  let sigma = x.map((xi) => x.map((xj) => (sw2 * xi.reduce((s, v, k) => s + v * xj[k], 0)) / d0 + sb2));
  let theta = sigma.map((r) => r.slice());
  for (let l = 1; l <= depth; l++) {
    const nextSigma: number[][] = [];
    const nextTheta: number[][] = [];
    for (let i = 0; i < n; i++) {
      nextSigma.push([]);
      nextTheta.push([]);
      for (let j = 0; j < n; j++) {
        const kii = sigma[i][i];
        const kjj = sigma[j][j];
        const c = Math.max(-1, Math.min(1, sigma[i][j] / Math.sqrt(kii * kjj)));
        const t = Math.acos(c);
        const ePhiPhi = (Math.sqrt(kii * kjj) * (Math.sin(t) + (Math.PI - t) * c)) / (2 * Math.PI);
        const eDphiDphi = (Math.PI - t) / (2 * Math.PI);
        const s = sw2 * ePhiPhi + sb2;
        const sDot = sw2 * eDphiDphi;
        nextSigma[i].push(s);
        nextTheta[i].push(theta[i][j] * sDot + s);
      }
    }
    sigma = nextSigma;
    theta = nextTheta;
  }
  return theta;
}

describe('large-width NTK approaches the infinite-width (arc-cosine) kernel', () => {
  it('recursion sanity: on the diagonal with σ_w² = 2, Θ∞(x,x) = Σ_l Σ^l(x,x) = Σ_{l=1}^{L+1} (2‖x‖²/d0 + l·σ_b²)', () => {
    const x = [[0.7, -1.1]];
    const q = (2 * (0.49 + 1.21)) / 2;
    const t = reluNtkInfinite(x, 2, 2, 0.1)[0][0];
    expect(t).toBeCloseTo(q + 0.1 + (q + 0.2) + (q + 0.3), 12);
  });

  // Each term of Θ(x,x) is a mean over n units of i.i.d. O(1) variables: e.g. for depth 1 the readout
  // sensitivity ‖δ₁‖² = (2/n) Σ_i 1[h_i > 0] w_i² has mean 1 and variance 5/n, and ‖a₁‖²·2/n has
  // relative variance 5/n too. So per seed the relative error of Θ(x,x) is O(√(5/n)) per layer term;
  // with L+1 terms we allow 3·√(5(L+1)/n) for one seed and divide by √S when averaging S seeds.
  // The mean over seeds is unbiased up to O(1/n) (exactly unbiased at depth 1).
  for (const depth of [1, 2])
    for (const sb2 of [0.1, 0]) {
      it(`relu, NTK param, σ_w²=2, σ_b²=${sb2}, depth ${depth}, width 2048`, () => {
        const width = 2048;
        const seeds = [1, 2, 3, 4, 5, 6];
        const s: MlpSpec = { inputDim: 2, width, depth, activation: 'relu', param: 'ntk', sigmaW2: 2, sigmaB2: sb2, bias: sb2 > 0 };
        const xArr = [
          [0.8, 0.3],
          [-0.5, 1.2],
          [1.5, -0.7],
          [-1.0, -0.9],
          [0.2, 0.6],
        ];
        const inf = reluNtkInfinite(xArr, depth, 2, sb2);
        const x = tf.tensor2d(xArr);
        const perSeedDiag: number[] = [];
        const perSeedFull: number[] = [];
        for (const seed of seeds) {
          const params = initParams(s, seed);
          const dg = ntkDiagonal(s, params, x);
          const full = ntkLayerwise(s, params, x);
          const dv = dg.dataSync();
          perSeedDiag.push(xArr.reduce((acc, _, i) => acc + dv[i] / inf[i][i] - 1, 0) / xArr.length);
          perSeedFull.push(relErr(full.dataSync(), inf.flat()));
          tf.dispose([dg, full]);
          disposeParams(params);
        }
        x.dispose();
        const meanDiag = perSeedDiag.reduce((a, b) => a + b, 0) / seeds.length;
        const oneSeedTol = 3 * Math.sqrt((5 * (depth + 1)) / width);
        const tol = oneSeedTol / Math.sqrt(seeds.length);
        console.log(
          `depth ${depth} σ_b²=${sb2}: mean rel. diag error ${meanDiag.toExponential(2)} (tol ${tol.toFixed(3)}), per-seed diag ${perSeedDiag.map((v) => v.toFixed(3)).join(' ')}, per-seed full-kernel rel. Frobenius ${perSeedFull.map((v) => v.toFixed(3)).join(' ')}`,
        );
        expect(Math.abs(meanDiag)).toBeLessThan(tol);
        // and, data-driven: the seed mean is within 4 standard errors of the seed-to-seed scatter (|t| < 4)
        const sd = Math.sqrt(perSeedDiag.reduce((a, e) => a + (e - meanDiag) ** 2, 0) / (seeds.length - 1));
        expect(Math.abs(meanDiag)).toBeLessThan((4 * sd) / Math.sqrt(seeds.length));
        for (const e of perSeedDiag) expect(Math.abs(e)).toBeLessThan(oneSeedTol);
        for (const e of perSeedFull) expect(e).toBeLessThan(oneSeedTol);
      });
    }

  it('fluctuations shrink like 1/√n (width 128 vs 2048, ratio ≈ 4)', () => {
    const xArr = [
      [0.8, 0.3],
      [-0.5, 1.2],
      [1.5, -0.7],
    ];
    const inf = reluNtkInfinite(xArr, 1, 2, 0.1);
    const x = tf.tensor2d(xArr);
    const rmsRelErr = (width: number) => {
      const s: MlpSpec = { inputDim: 2, width, depth: 1, activation: 'relu', param: 'ntk', sigmaW2: 2, sigmaB2: 0.1, bias: true };
      let sum = 0;
      const seeds = 24;
      for (let seed = 1; seed <= seeds; seed++) {
        const params = initParams(s, 100 + seed);
        const t = ntkLayerwise(s, params, x);
        const e = relErr(t.dataSync(), inf.flat());
        sum += e * e;
        t.dispose();
        disposeParams(params);
      }
      return Math.sqrt(sum / seeds);
    };
    const small = rmsRelErr(128);
    const large = rmsRelErr(2048);
    x.dispose();
    console.log(`rms rel. error width 128: ${small.toFixed(4)}, width 2048: ${large.toFixed(4)}, ratio ${(small / large).toFixed(2)} (theory 4)`);
    // 24 seeds: the rms estimate has ~15% relative noise at each width, so the ratio lies in [2.5, 6.5].
    expect(small / large).toBeGreaterThan(2.5);
    expect(small / large).toBeLessThan(6.5);
  });
});

describe('probe set', () => {
  it('takes the first train and test points up to the caps, and sorts 1D by x', () => {
    const xTrain = Float32Array.from({ length: 60 }, (_, i) => Math.sin(i * 1.7));
    const xTest = Float32Array.from({ length: 20 }, (_, i) => Math.cos(i * 0.9));
    const p = chooseProbe(xTrain, xTest, 1);
    expect(p.trainCount).toBe(48);
    expect(p.testCount).toBe(16);
    expect(p.count).toBe(64);
    expect(Array.from(p.trainIdx)).toEqual(Array.from({ length: 48 }, (_, i) => i));
    expect(p.x[47]).toBe(xTrain[47]);
    expect(p.x[48]).toBe(xTest[0]);
    expect([...p.order].sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    for (let k = 1; k < 64; k++) expect(p.x[p.order[k]]).toBeGreaterThanOrEqual(p.x[p.order[k - 1]]);
    const small = chooseProbe(xTrain.subarray(0, 5), xTest.subarray(0, 3), 1);
    expect([small.trainCount, small.testCount, small.count]).toEqual([5, 3, 8]);
  });

  it('sorts 2D points by angle, then radius', () => {
    const pts = [1, 0, -1, 0, 0, 1, 0, -1, 2, 0, 1, 1];
    const order = probeDisplayOrder(pts, 2);
    // angles: 0, π, π/2, −π/2, 0 (r=2), π/4
    expect(order).toEqual([3, 0, 4, 5, 2, 1]);
    const p = chooseProbe(Float32Array.from(pts), new Float32Array(0), 2);
    expect(p.count).toBe(6);
    expect(p.order).toEqual(order);
  });

  it('reorders a square matrix into display order', () => {
    const m = [0, 1, 2, 10, 11, 12, 20, 21, 22];
    expect(reorderSquare(m, [2, 0, 1])).toEqual([22, 20, 21, 2, 0, 1, 12, 10, 11]);
  });
});
