import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { makeDataset, makeGrid } from '../../src/engine/data/datasets';
import { BatchSchedule, mseLoss } from '../../src/engine/nn/train';
import { Session } from '../../src/engine/session/session';
import { isDiverged } from '../../src/engine/session/divergence';
import { TOY_DATASETS, DEFAULT_CONFIG, type ExperimentConfig } from '../../src/schema/config';

const small = (over: Partial<ExperimentConfig>): ExperimentConfig => ({ ...DEFAULT_CONFIG, width: 64, train: 32, test: 32, ...over });

describe('data sets', () => {
  it.each(TOY_DATASETS)('%s is seeded, finite and of the right shape', (name) => {
    const a = makeDataset(name, 20, 10, 3);
    const b = makeDataset(name, 20, 10, 3);
    const c = makeDataset(name, 20, 10, 4);
    const d = a.inputDim;
    expect(a.xTrain.length).toBe(20 * d);
    expect(a.yTest.length).toBe(10);
    expect(Array.from(a.xTrain)).toEqual(Array.from(b.xTrain));
    expect(Array.from(a.xTrain)).not.toEqual(Array.from(c.xTrain));
    expect(Array.from(a.xTrain)).not.toEqual(Array.from(a.xTest.subarray(0, 10 * d)).concat(Array.from(a.xTest.subarray(0, 10 * d))));
    for (const v of [...a.xTrain, ...a.yTrain, ...a.xTest, ...a.yTest]) expect(Number.isFinite(v)).toBe(true);
    if (d === 2) for (const v of a.yTrain) expect(Math.abs(v)).toBe(1);
  });

  it('mnist needs its bundled digits loaded first (loadDataset does it; see datasets-highdim.test.ts)', () => {
    expect(() => makeDataset('mnist', 20, 10, 1)).toThrow(/MNIST digits are not loaded yet/);
  });

  it('grid covers the domain', () => {
    const g1 = makeGrid({ inputDim: 1, domain: [[-3, 3]] }, 5);
    expect(Array.from(g1)).toEqual([-3, -1.5, 0, 1.5, 3]);
    const g2 = makeGrid({ inputDim: 2, domain: [[-2, 2], [-2, 2]] }, 3);
    expect(Array.from(g2.subarray(0, 2))).toEqual([-2, 2]); // top-left: x min, y max
    expect(Array.from(g2.subarray(16, 18))).toEqual([2, -2]); // bottom-right
  });
});

describe('training', () => {
  it('MSE is (1/2N) Σ (f − y)²', () => {
    const l = mseLoss(tf.tensor1d([1, 2, 3]), tf.tensor1d([0, 2, 5]));
    expect(l.dataSync()[0]).toBeCloseTo((1 + 0 + 4) / 6, 6);
  });

  it('SGD batches cover every point once per epoch and are reproducible', () => {
    const s1 = new BatchSchedule(10, 4, false, 9);
    const s2 = new BatchSchedule(10, 4, false, 9);
    const epoch = [s1.next(), s1.next(), s1.next()];
    expect(epoch.map((b) => b.length)).toEqual([4, 4, 2]);
    expect([...epoch.flatMap((b) => Array.from(b))].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(s2.next())).toEqual(Array.from(epoch[0]));
    expect(new BatchSchedule(10, 4, true, 9).next().length).toBe(10);
  });

  it.each(TOY_DATASETS)('loss decreases on %s at the default learning rate', async (dataset) => {
    const s = await Session.create(small({ dataset }));
    const r0 = await s.measure();
    s.advance(60);
    const r1 = await s.measure();
    s.dispose();
    expect(r1.loss).toBeLessThan(0.9 * r0.loss);
    expect(Number.isFinite(r1.testLoss)).toBe(true);
  });

  it('SGD also decreases the loss', async () => {
    const s = await Session.create(small({ optimizer: 'sgd', batch: 8 }));
    const r0 = await s.measure();
    s.advance(100);
    const r1 = await s.measure();
    s.dispose();
    expect(r1.loss).toBeLessThan(r0.loss);
  });

  it('reset is reproducible: same config, same trajectory', async () => {
    const run = async () => {
      const s = await Session.create(small({ optimizer: 'sgd', batch: 8 }));
      s.advance(20);
      const r = await s.measure();
      s.dispose();
      return r;
    };
    expect(await run()).toEqual(await run());
  });

  it('a huge learning rate is detected as divergence', async () => {
    const s = await Session.create(small({ lr: 1000 }));
    const r0 = await s.measure();
    let diverged = false;
    for (let i = 0; i < 20 && !diverged; i++) {
      s.advance(5);
      diverged = isDiverged(await s.measure(), r0.loss);
    }
    s.dispose();
    expect(diverged).toBe(true);
    expect(isDiverged({ loss: 0.5 }, 0.4)).toBe(false);
    expect(isDiverged({ loss: NaN }, 0.4)).toBe(true);
  });

  it('500 training steps (with metrics) leave tf.memory().numTensors unchanged', async () => {
    const s = await Session.create(small({ optimizer: 'sgd', batch: 8 }));
    s.advance(5);
    await s.measure();
    await s.snapshot();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      s.advance(50);
      await s.measure();
      await s.snapshot();
    }
    expect(s.step).toBe(505);
    expect(tf.memory().numTensors).toBe(before);
    s.dispose();
  });
});

describe('edge settings', () => {
  it('trains with biases at σ_b² = 0 (bias present but scaled to zero) and without biases', async () => {
    for (const over of [{ sigmaB2: 0 }, { bias: false }, { param: 'standard' as const, sigmaB2: 0 }]) {
      const s = await Session.create(small(over));
      const r0 = await s.measure();
      s.advance(10);
      const r1 = await s.measure();
      s.dispose();
      expect(r1.loss).toBeLessThan(r0.loss);
    }
  });
});
