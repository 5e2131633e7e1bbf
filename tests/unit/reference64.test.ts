// The float64 reference (plain arrays) against the float32 tfjs engine: forward pass and the
// per-example gradient (hand-written backprop vs tfjs autodiff), plus the FD helpers themselves.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import {
  flatParams,
  forward,
  initParams,
  unflattenParams,
  disposeParams,
  type MlpSpec,
  type Params,
} from '../../src/engine/nn/mlp';
import { ACTIVATIONS, PARAMETRIZATIONS } from '../../src/schema/config';
import {
  flatten64,
  fornbergWeights,
  forward64,
  gradient64,
  norm64,
  taylorFD64,
  paramsToArrays,
} from '../reference/reference64';
import { relErr } from './helpers';

const xs = Float32Array.from([-2.5, -1.1, -0.3, 0.4, 1.7, 2.9]);

function spec(activation: MlpSpec['activation'], param: MlpSpec['param'], depth: number, bias: boolean): MlpSpec {
  return { inputDim: 1, width: 12, depth, activation, param, sigmaW2: activation === 'relu' ? 2 : 1, sigmaB2: 0.1, bias };
}

describe('reference64 forward and gradient', () => {
  for (const act of ACTIVATIONS)
    for (const param of PARAMETRIZATIONS)
      for (const depth of [1, 3])
        for (const bias of [true, false])
          it(`${act} ${param} depth ${depth} bias ${bias}`, async () => {
            const s = spec(act, param, depth, bias);
            const params = initParams(s, 7);
            const layers = await paramsToArrays(params); // the exact float32 values, as float64
            const x = tf.tensor2d(xs, [xs.length, 1]);
            const f32 = forward(s, params, x);
            const f64 = forward64(s, layers, xs, xs.length);
            // float32 forward: each layer rounds to ~6e-8 relative; a few layers of width 12 → ≲1e-6
            expect(relErr(f32.dataSync(), f64)).toBeLessThan(2e-6);
            for (const i of [0, 3, 5]) {
              const xi = tf.tensor2d([xs[i]], [1, 1]);
              const fn = (...ts: tf.Tensor[]) => tf.sum(forward(s, unflattenParams(ts, params) as Params, xi)) as tf.Scalar;
              const g32 = tf.grads(fn)(flatParams(params));
              const flat32 = Float64Array.from(g32.flatMap((g) => Array.from(g.dataSync())));
              const g64 = flatten64(gradient64(s, layers, [xs[i]]));
              expect(flat32.length).toBe(g64.length);
              // gradient entries are products of O(1) factors along the backward pass: ≲1e-6 relative
              expect(relErr(flat32, g64)).toBeLessThan(2e-6);
              expect(norm64(g64)).toBeGreaterThan(0);
              g32.forEach((g) => g.dispose());
              xi.dispose();
            }
            tf.dispose([x, f32]);
            disposeParams(params);
          });
});

describe('finite-difference helpers', () => {
  it('Fornberg weights reproduce the classic stencils', () => {
    const w = fornbergWeights(0, [-1, 0, 1], 2);
    expect(w[1]).toEqual([-0.5, 0, 0.5]);
    expect(w[2].map((v) => v + 0)).toEqual([1, -2, 1]);
    const w5 = fornbergWeights(0, [-2, -1, 0, 1, 2], 1)[1];
    [1 / 12, -2 / 3, 0, 2 / 3, -1 / 12].forEach((v, i) => expect(w5[i]).toBeCloseTo(v, 14));
  });

  it('taylorFD64 is exact on polynomials of degree < stencil size', () => {
    const g = (e: number) => Float64Array.of(1 + 2 * e - 3 * e * e + 0.5 * e ** 3 + 0.25 * e ** 6);
    const [c1, c2, c3] = taylorFD64(g, 0.1, 3, 3);
    expect(c1[0]).toBeCloseTo(2, 11);
    expect(c2[0]).toBeCloseTo(-3, 10);
    expect(c3[0]).toBeCloseTo(0.5, 9);
  });
});
