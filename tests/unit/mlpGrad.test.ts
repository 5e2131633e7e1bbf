// The hand-written backprop step (src/engine/nn/mlpGrad.ts) against tfjs autodiff of the same loss
// (lossGradients, itself checked against float64 finite differences in gradients.test.ts): the loss
// and Δθ = −η ∇θ L, every activation, both parametrizations, with and without bias, depth 1 and 3,
// on the cpu and wasm backends (wasm computes tanh as 2σ(2h) − 1); sgdUpdate moves the variables by
// exactly that step; no tensor or backend buffer is left behind.
import { afterAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { useNodeBackend, type NodeBackend } from '../../src/engine/nodeBackend';
import { setTransposeStrategy } from '../../src/engine/nn/dense';
import { lossAndStep } from '../../src/engine/nn/mlpGrad';
import { sgdUpdate, gdDirection } from '../../src/engine/nn/train';
import { lossGradients } from '../reference/lossGradients';
import { disposeParams, flatParams, initParams, toVariables, type MlpSpec } from '../../src/engine/nn/mlp';
import { ACTIVATIONS } from '../../src/schema/config';
import { relErr } from './helpers';

function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 31 - 1) * 2;
  }
  return out;
}

// float32 in a different order; on wasm tanh = 2σ(2h) − 1 differs from tf.tanh by ~1e-7 absolute
const TOL = 3e-5;
const LR = 0.3;

describe.each(['cpu', 'wasm'] as NodeBackend[])('hand-written backprop on %s', (backend) => {
  afterAll(async () => {
    setTransposeStrategy(null);
    await useNodeBackend('cpu');
  });

  for (const activation of ACTIVATIONS) {
    for (const param of ['ntk', 'standard'] as const) {
      for (const bias of [true, false]) {
        for (const depth of [1, 3]) {
          it(`loss and step = autodiff: ${activation}, ${param}, bias ${bias}, depth ${depth}`, async () => {
            await useNodeBackend(backend);
            const spec: MlpSpec = { inputDim: 2, width: 17, depth, activation, param, sigmaW2: 1.7, sigmaB2: 0.3, bias };
            const params = initParams(spec, 5);
            const x = tf.tensor2d(values(11 * 2, 3), [11, 2]);
            const y = tf.tensor1d(values(11, 4));
            const [ours, ref] = tf.tidy(() => {
              const o = lossAndStep(spec, params, x, y, LR);
              const r = lossGradients(spec, params, x, y);
              return [[o.loss, ...flatParams(o.step)], [r.loss, ...flatParams(r.grads).map((g) => tf.mul(g, -LR))]];
            });
            expect(ours.length).toBe(ref.length);
            const a = await Promise.all(ours.map((t) => t.data()));
            const b = await Promise.all(ref.map((t) => t.data()));
            expect(relErr(a[0], b[0]), 'loss').toBeLessThan(TOL);
            for (let i = 1; i < a.length; i++) {
              expect(ours[i].shape, `shape ${i}`).toEqual(ref[i].shape);
              expect(relErr(a[i], b[i]), `step ${i}`).toBeLessThan(TOL);
            }
            tf.dispose([...ours, ...ref, x, y]);
            disposeParams(params);
          });
        }
      }
    }
  }

  it('sgdUpdate moves θ by gdDirection and returns the loss before the step', async () => {
    await useNodeBackend(backend);
    const spec: MlpSpec = { inputDim: 1, width: 32, depth: 2, activation: 'tanh', param: 'ntk', sigmaW2: 1, sigmaB2: 0.1, bias: true };
    const params = initParams(spec, 9);
    const vars = toVariables(params);
    const x = tf.tensor2d(values(20, 1), [20, 1]);
    const y = tf.tensor1d(values(20, 2));
    const dir = gdDirection(spec, params, x, y, LR);
    const expected = tf.tidy(() => flatParams(params).map((p, i) => tf.add(p, flatParams(dir)[i])));
    const ref = lossGradients(spec, params, x, y);
    const loss = sgdUpdate(spec, vars, x, y, LR);
    expect(relErr(await loss.data(), await ref.loss.data())).toBeLessThan(TOL);
    const moved = flatParams(vars);
    for (let i = 0; i < moved.length; i++) expect(relErr(await moved[i].data(), await expected[i].data())).toBeLessThan(TOL);
    tf.dispose([x, y, loss, ref.loss, ...expected]);
    disposeParams(ref.grads);
    disposeParams(dir);
    disposeParams(params);
    vars.forEach((v) => {
      v.W.dispose();
      v.b?.dispose();
    });
  });

  it('200 training steps leave no tensor or backend buffer behind', async () => {
    await useNodeBackend(backend);
    const spec: MlpSpec = { inputDim: 1, width: 16, depth: 2, activation: 'erf', param: 'standard', sigmaW2: 1, sigmaB2: 0.1, bias: true };
    const params = initParams(spec, 2);
    const vars = toVariables(params);
    disposeParams(params);
    const x = tf.tensor2d(values(12, 1), [12, 1]);
    const y = tf.tensor1d(values(12, 2));
    sgdUpdate(spec, vars, x, y, 0.1).dispose();
    const before = { tensors: tf.memory().numTensors, ids: tf.backend().numDataIds() };
    for (let t = 0; t < 200; t++) sgdUpdate(spec, vars, x, y, 0.1).dispose();
    expect({ tensors: tf.memory().numTensors, ids: tf.backend().numDataIds() }).toEqual(before);
    tf.dispose([x, y]);
    vars.forEach((v) => {
      v.W.dispose();
      v.b?.dispose();
    });
  });
});
