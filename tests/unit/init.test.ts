import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import {
  disposeParams,
  forward,
  forwardTrace,
  initParamArrays,
  initParams,
  layerScales,
  layerSizes,
  parameterCount,
  type MlpSpec,
} from '../../src/engine/nn/mlp';
import { ACTIVATIONS, PARAMETRIZATIONS } from '../../src/schema/config';

const base: MlpSpec = { inputDim: 2, width: 64, depth: 3, activation: 'tanh', param: 'ntk', sigmaW2: 1.5, sigmaB2: 0.2, bias: true };

function sampleVariance(a: Float64Array): number {
  let m = 0;
  for (const v of a) m += v;
  m /= a.length;
  let s = 0;
  for (const v of a) s += (v - m) * (v - m);
  return s / (a.length - 1);
}

describe('initialisation', () => {
  it('same seed gives bit-identical parameters; a different seed differs', () => {
    const a = initParamArrays(base, 7);
    const b = initParamArrays(base, 7);
    const c = initParamArrays(base, 8);
    for (let l = 0; l < a.length; l++) {
      expect(Array.from(a[l].W)).toEqual(Array.from(b[l].W));
      expect(Array.from(a[l].b!)).toEqual(Array.from(b[l].b!));
    }
    expect(Array.from(a[0].W)).not.toEqual(Array.from(c[0].W));
  });

  it('tensors on the backend hold exactly the float32 rounding of the seeded arrays', () => {
    const arrays = initParamArrays(base, 3);
    const params = initParams(base, 3);
    expect(Array.from(params[1].W.dataSync())).toEqual(Array.from(Float32Array.from(arrays[1].W)));
    disposeParams(params);
  });

  it.each(PARAMETRIZATIONS)('per-layer variance matches the formula (%s)', (param) => {
    const spec: MlpSpec = { ...base, width: 512, depth: 2, param };
    const arrays = initParamArrays(spec, 11);
    const sizes = layerSizes(spec);
    arrays.forEach((L, i) => {
      const nIn = sizes[i];
      // μP (abc form): every raw entry ~ N(0, 1/n), the output bias ~ N(0, 1)
      const isOut = i === arrays.length - 1;
      const expectW = param === 'ntk' ? 1 : param === 'mup' ? 1 / spec.width : spec.sigmaW2 / nIn;
      const expectB = param === 'ntk' ? 1 : param === 'mup' ? (isOut ? 1 : 1 / spec.width) : spec.sigmaB2;
      const vW = sampleVariance(L.W);
      // relative standard error of a variance estimate from m normals: sqrt(2/m); allow 5 SE
      const tolW = 5 * Math.sqrt(2 / L.W.length) + 1e-12;
      expect(Math.abs(vW / expectW - 1)).toBeLessThan(Math.max(tolW, 0.05));
      if (L.b!.length >= 256) {
        const vB = sampleVariance(L.b!);
        expect(Math.abs(vB / expectB - 1)).toBeLessThan(5 * Math.sqrt(2 / L.b!.length));
      }
    });
  });

  it('both parametrizations compute the same function at init', () => {
    const x = tf.tensor2d([0.3, -1, 2, 0.5, -0.7, 0.1], [3, 2]);
    const pN = initParams({ ...base, param: 'ntk' }, 5);
    const pS = initParams({ ...base, param: 'standard' }, 5);
    const fN = forward({ ...base, param: 'ntk' }, pN, x).dataSync();
    const fS = forward({ ...base, param: 'standard' }, pS, x).dataSync();
    for (let i = 0; i < 3; i++) expect(fS[i]).toBeCloseTo(fN[i], 4);
    disposeParams(pN);
    disposeParams(pS);
    x.dispose();
  });

  it('layer scales follow docs/science.md §1', () => {
    const s = layerScales({ ...base, width: 100 });
    expect(s[0].w).toBeCloseTo(Math.sqrt(1.5 / 2));
    expect(s[1].w).toBeCloseTo(Math.sqrt(1.5 / 100));
    expect(s[0].b).toBeCloseTo(Math.sqrt(0.2));
    expect(layerScales({ ...base, param: 'standard' })[2]).toEqual({ w: 1, b: 1 });
    expect(layerScales({ ...base, bias: false })[0].b).toBe(0);
  });
});

describe('forward pass', () => {
  it.each(ACTIVATIONS)('shapes for %s', (activation) => {
    const spec = { ...base, activation };
    const params = initParams(spec, 1);
    const x = tf.zeros([5, 2]) as tf.Tensor2D;
    const f = forward(spec, params, x);
    expect(f.shape).toEqual([5]);
    const tr = tf.tidy(() => {
      const t = forwardTrace(spec, params, x);
      return [...t.h, ...t.a];
    });
    expect(tr.slice(0, 4).map((t) => t.shape)).toEqual([[5, 64], [5, 64], [5, 64], [5, 1]]);
    tf.dispose([f, x, ...tr]);
    disposeParams(params);
    expect(parameterCount(spec)).toBe(2 * 64 + 64 + 2 * (64 * 64 + 64) + 64 + 1);
  });

  it('matches a hand computation for a tiny NTK-parametrized relu net', () => {
    const spec: MlpSpec = { inputDim: 1, width: 2, depth: 1, activation: 'relu', param: 'ntk', sigmaW2: 2, sigmaB2: 0.5, bias: true };
    const params = [
      { W: tf.tensor2d([[1], [-2]]), b: tf.tensor1d([0.5, 1]) },
      { W: tf.tensor2d([[3, -1]]), b: tf.tensor1d([2]) },
    ];
    const x = tf.tensor2d([[1.5]]);
    const f = forward(spec, params, x).dataSync()[0];
    const sw1 = Math.sqrt(2 / 1), sw2 = Math.sqrt(2 / 2), sb = Math.sqrt(0.5);
    const h1 = [sw1 * 1 * 1.5 + sb * 0.5, sw1 * -2 * 1.5 + sb * 1].map((v) => Math.max(v, 0));
    const expected = sw2 * (3 * h1[0] - 1 * h1[1]) + sb * 2;
    expect(f).toBeCloseTo(expected, 5);
    disposeParams(params);
    x.dispose();
  });
});
