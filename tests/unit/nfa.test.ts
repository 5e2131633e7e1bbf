import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { activationOps } from '../../src/engine/nn/activations';
import { disposeParams, flatParams, initParams, layerScales, unflattenParams, type MlpSpec, type Params } from '../../src/engine/nn/mlp';
import { paramsToArrays } from '../reference/reference64';
import { layerGradientOuterProducts } from './engineFactors';

/** Params with fn applied to every tensor (W1, b1, W2, …). */
function mapParams(p: Params, fn: (t: tf.Tensor, i: number) => tf.Tensor): Params {
  return unflattenParams(flatParams(p).map(fn), p);
}
import {
  displayIndices,
  hiddenInputSizes,
  nfaFromSums,
  nfaMatrices,
  nfaSums,
  pearson,
  pearsonFromSums,
} from '../../src/engine/metrics/nfa';
import { gdDirection } from '../../src/engine/nn/train';
import { normals } from '../../src/engine/prng';
import type { Activation } from '../../src/schema/config';
import { relErr } from './helpers';

function spec(activation: Activation, depth: number, inputDim: number, bias = true, param: MlpSpec['param'] = 'ntk', width = 10): MlpSpec {
  return { inputDim, width, depth, activation, param, sigmaW2: activation === 'relu' ? 2 : 1.2, sigmaB2: 0.1, bias };
}

function inputs(n: number, d: number, seed: number): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(normals(seed, 'nfa-test', n * d)), [n, d]);
}

/** f(x) with a shift e (1 × n_l) added to h_l, written out independently of mlp.ts / ntk.ts. */
function shiftedForward(s: MlpSpec, params: Params, x: tf.Tensor2D, layer: number, e: tf.Tensor): tf.Tensor {
  const scales = layerScales(s);
  const phi = activationOps(s.activation).phi;
  let a: tf.Tensor = x;
  params.forEach((L, l) => {
    let h = tf.mul(tf.matMul(a as tf.Tensor2D, L.W, false, true), scales[l].w);
    if (L.b) h = tf.add(h, tf.mul(L.b, scales[l].b));
    if (l === layer - 1) h = tf.add(h, e);
    a = l < params.length - 1 ? phi(h) : h;
  });
  return tf.sum(a);
}

/** K_l = Σ_x J(x)ᵀJ(x) from per-example autodiff Jacobians J(x) = ∂f/∂h_l(x), in float64. */
function kAutodiff(s: MlpSpec, params: Params, x: tf.Tensor2D, layer: number): Float64Array {
  const n = s.width;
  const K = new Float64Array(n * n);
  for (let i = 0; i < x.shape[0]; i++) {
    const J = tf.tidy(() => {
      const xi = tf.slice(x, [i, 0], [1, -1]) as tf.Tensor2D;
      return tf.grad((e: tf.Tensor) => shiftedForward(s, params, xi, layer, e))(tf.zeros([1, n]));
    });
    const j = J.dataSync();
    J.dispose();
    for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) K[p * n + q] += j[p] * j[q];
  }
  return K;
}

/** Aᵀ B for row-major A (r × a), B (r × b), in float64. */
function tMul(A: ArrayLike<number>, B: ArrayLike<number>, r: number, a: number, b: number): Float64Array {
  const out = new Float64Array(a * b);
  for (let k = 0; k < r; k++) for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) out[i * b + j] += A[k * a + i] * B[k * b + j];
  return out;
}

/** NFM = WᵀW and AGOP = WᵀKW in float64 from W (n × m) and K (n × n). */
function nfmAgop64(W: ArrayLike<number>, K: ArrayLike<number>, n: number, m: number) {
  const KW = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) for (let k = 0; k < n; k++) KW[i * m + j] += K[i * n + k] * W[k * m + j];
  return { nfm: tMul(W, W, n, m, m), agop: tMul(W, KW, n, m, m) };
}

describe('Pearson correlation', () => {
  it('matches a hand computation', () => {
    // deviations (−1.5, −.5, .5, 1.5) and (−1.5, .5, −.5, 1.5): covariance 4, variances 5 → 0.8
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    const sums = { count: 4, sa: 10, sb: 10, saa: 30, sbb: 30, sab: 1 + 6 + 6 + 16 };
    expect(pearsonFromSums(sums)).toBeCloseTo(0.8, 12);
    expect(pearson([1, 2, 3], [-2, -4, -6])).toBeCloseTo(-1, 12);
  });

  it('is null, never NaN or 0, when undefined', () => {
    expect(pearson([3], [4])).toBeNull();
    expect(pearson([0, 0, 0], [1, 2, 3])).toBeNull();
    expect(pearsonFromSums({ count: 1, sa: 2, sb: 3, saa: 4, sbb: 9, sab: 6 })).toBeNull();
    expect(pearsonFromSums({ count: 4, sa: 0, sb: 0, saa: 0, sbb: 0, sab: 0 })).toBeNull();
    // a constant matrix (all entries 2): variance zero up to rounding
    expect(pearsonFromSums({ count: 9, sa: 18, sb: 5, saa: 36 * (1 + 1e-12), sbb: 4, sab: 12 })).toBeNull();
  });
});

describe('K_l from backprop signals', () => {
  for (const activation of ['tanh', 'relu', 'erf'] as Activation[])
    for (const depth of [1, 2, 3])
      it(`equals Σ_x J(x)ᵀJ(x) from autodiff: ${activation} depth=${depth}`, () => {
        const s = spec(activation, depth, 3, true, depth === 2 ? 'standard' : 'ntk');
        const params = initParams(s, 5 + depth);
        const x = inputs(7, 3, depth);
        const Ks = layerGradientOuterProducts(s, params, x);
        expect(Ks).toHaveLength(depth);
        for (let l = 1; l <= depth; l++) {
          const ref = kAutodiff(s, params, x, l);
          expect(relErr(Ks[l - 1].dataSync(), ref)).toBeLessThan(1e-5);
        }
        tf.dispose(Ks);
        disposeParams(params);
        x.dispose();
      });
});

describe('UC-NFA and C-NFA', () => {
  it('equal ρ of NFM = WᵀW and AGOP = WᵀKW built explicitly in float64', async () => {
    const s = spec('tanh', 2, 4, true, 'standard', 12);
    const params0 = initParams(s, 2);
    const x = inputs(20, 4, 9);
    const y = tf.tensor1d(Float32Array.from(normals(3, 'nfa-y', 20)));
    // θ = θ₀ − Δ after a few large GD steps so ΔW ≠ 0 in every layer
    let params = mapParams(params0, (t) => tf.clone(t));
    for (let k = 0; k < 3; k++) {
      const dir = gdDirection(s, params, x, y, 2);
      const prev = params;
      const next = mapParams(prev, (t, i) => tf.add(t, flatParams(dir)[i]));
      disposeParams(params);
      disposeParams(dir);
      params = next;
    }
    const sums = nfaSums(s, params, params0, x);
    const got = nfaFromSums(await sums.data(), hiddenInputSizes(s));
    sums.dispose();
    const W = await paramsToArrays(params);
    const W0 = await paramsToArrays(params0);
    for (let l = 1; l <= 2; l++) {
      const K = kAutodiff(s, params, x, l);
      const { nOut: n, nIn: m } = W[l - 1];
      const full = nfmAgop64(W[l - 1].W, K, n, m);
      const dW = W[l - 1].W.map((v, i) => v - W0[l - 1].W[i]);
      const cent = nfmAgop64(dW, K, n, m);
      const uc = pearson(full.nfm, full.agop)!;
      const c = pearson(cent.nfm, cent.agop)!;
      expect(got[l - 1].layer).toBe(l);
      expect(Math.abs(got[l - 1].uc! - uc)).toBeLessThan(1e-4);
      expect(Math.abs(got[l - 1].c! - c)).toBeLessThan(1e-4);
      // the two differ: the centred one sees only what training changed
      expect(Math.abs(uc - c)).toBeGreaterThan(1e-3);
    }
    // the display matrices are the same NFM/AGOP restricted to a subset of coordinates
    const idx = displayIndices(12, 5);
    expect(idx).toEqual([0, 2, 4, 7, 9]);
    const { nfm, agop } = nfaMatrices(s, params, x, 2, idx);
    const K2 = kAutodiff(s, params, x, 2);
    const full2 = nfmAgop64(W[1].W, K2, 12, 12);
    const pick = (M: Float64Array) => idx.flatMap((i) => idx.map((j) => M[i * 12 + j]));
    expect(relErr(await nfm.data(), pick(full2.nfm))).toBeLessThan(1e-5);
    expect(relErr(await agop.data(), pick(full2.agop))).toBeLessThan(1e-5);
    tf.dispose([nfm, agop, x, y]);
    disposeParams(params);
    disposeParams(params0);
  });

  it('C-NFA is null at θ = θ₀ (ΔW = 0); UC-NFA of a 1-D input layer (1×1 NFM) is null', async () => {
    const s = spec('tanh', 2, 1);
    const params = initParams(s, 1);
    const x = inputs(8, 1, 2);
    const sums = nfaSums(s, params, params, x);
    const got = nfaFromSums(await sums.data(), hiddenInputSizes(s));
    sums.dispose();
    expect(got.map((g) => g.c)).toEqual([null, null]);
    expect(got[0].uc).toBeNull();
    expect(got[1].uc).not.toBeNull();
    expect(Number.isFinite(got[1].uc!)).toBe(true);
    disposeParams(params);
    x.dispose();
  });

  for (const activation of ['relu', 'linear'] as Activation[])
    it(`UC-NFA is invariant to rescaling W_l (${activation}, no bias: K_l does not change)`, async () => {
      const s = spec(activation, 2, 5, false, 'ntk', 16);
      const params = initParams(s, 4);
      const x = inputs(12, 5, 6);
      const base = nfaSums(s, params, params, x);
      const before = nfaFromSums(await base.data(), hiddenInputSizes(s));
      base.dispose();
      for (const l of [0, 1]) {
        const scaled = params.map((L, i) => ({ W: i === l ? (tf.mul(L.W, 3.7) as tf.Tensor2D) : L.W, b: L.b }));
        const sums = nfaSums(s, scaled, params, x);
        const after = nfaFromSums(await sums.data(), hiddenInputSizes(s));
        sums.dispose();
        expect(Math.abs(after[l].uc! - before[l].uc!)).toBeLessThan(1e-5);
        scaled[l].W.dispose();
      }
      disposeParams(params);
      x.dispose();
    });
});

describe('CLI train --json rows', () => {
  it('carry nfa: [{layer, uc, c}] for every hidden layer, c null at step 0 only', async () => {
    const { main } = await import('../../src/cli/main');
    let out = '';
    const code = await main(['train', '--width', '16', '--depth', '2', '--dataset', 'circles', '--train', '16', '--steps', '4', '--log-every', '2', '--json'], {
      stdout: (s) => (out += s),
      stderr: () => undefined,
    });
    expect(code).toBe(0);
    const rows = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { step: number; nfa: { layer: number; uc: number | null; c: number | null }[] })
      .filter((l) => !('summary' in l));
    expect(rows.map((r) => r.step)).toEqual([0, 2, 4]);
    for (const r of rows) {
      expect(r.nfa.map((n) => n.layer)).toEqual([1, 2]);
      for (const n of r.nfa) {
        expect(n.uc === null || (n.uc >= -1 && n.uc <= 1)).toBe(true);
        expect(n.uc).not.toBeNull(); // 2-D input: a 2×2 NFM is defined
      }
    }
    expect(rows[0].nfa.map((n) => n.c)).toEqual([null, null]);
    for (const n of rows[2].nfa) expect(typeof n.c).toBe('number');
  });
});
