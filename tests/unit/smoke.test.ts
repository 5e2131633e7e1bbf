import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { forward, initParams, toVariables, type MlpSpec } from '../../src/engine/mlp';
import { makeDataset } from '../../src/engine/datasets';
import { mseLoss, sgdUpdate } from '../../src/engine/train';

describe('smoke', () => {
  it('trains', () => {
    const spec: MlpSpec = { inputDim: 1, width: 64, depth: 2, activation: 'tanh', param: 'ntk', sigmaW2: 1, sigmaB2: 0.1, bias: true };
    const ds = makeDataset('sine', 32, 32, 1);
    const x = tf.tensor2d(ds.xTrain, [32, 1]);
    const y = tf.tensor1d(ds.yTrain);
    const vars = toVariables(initParams(spec, 1));
    const l0 = mseLoss(forward(spec, vars, x), y).dataSync()[0];
    for (let i = 0; i < 100; i++) sgdUpdate(spec, vars, x, y, 1).dispose();
    const l1 = mseLoss(forward(spec, vars, x), y).dataSync()[0];
    expect(tf.getBackend()).toBe('cpu');
    expect(l1).toBeLessThan(l0);
  });
});
