// The high-dimensional data sets: gauss (Gaussian inputs, random teacher) and mnist (bundled digits).
import { describe, expect, it } from 'vitest';
import { GAUSS_TEACHER_WIDTH, datasetInputDim, gaussTeacher, loadDataset, makeDataset } from '../../src/engine/data/datasets';
import { MNIST_PER_DIGIT, loadMnistBytes, mnistSplit, parseDigits } from '../../src/engine/data/mnist';
import { DEFAULT_CONFIG, configFromEntries, type ExperimentConfig } from '../../src/schema/config';
import { normalStream, streamSeed } from '../../src/engine/prng';

const cfg = (o: Partial<ExperimentConfig>): ExperimentConfig => ({ ...DEFAULT_CONFIG, ...o });
const sqNorms = (x: Float32Array, d: number) => Array.from({ length: x.length / d }, (_, i) => x.subarray(i * d, (i + 1) * d).reduce((s, v) => s + v * v, 0));

describe('gauss', () => {
  it('has N(0, I_d) inputs (‖x‖² ≈ d) and unit-variance teacher targets, seeded', () => {
    const ds = makeDataset('gauss', 400, 50, 3, { dim: 100 });
    expect(ds.inputDim).toBe(100);
    expect(ds.xTrain.length).toBe(400 * 100);
    expect(ds.domain).toEqual([]);
    const n2 = sqNorms(ds.xTrain, 100);
    const meanSq = n2.reduce((a, b) => a + b) / n2.length;
    expect(Math.abs(meanSq / 100 - 1)).toBeLessThan(0.03); // sd of the mean ≈ √(2/100)/√400 = 0.007
    const my = ds.yTrain.reduce((a, b) => a + b) / 400;
    const vy = ds.yTrain.reduce((a, b) => a + (b - my) ** 2, 0) / 399;
    expect(vy).toBeGreaterThan(0.75);
    expect(vy).toBeLessThan(1.3);
    expect(Array.from(makeDataset('gauss', 400, 50, 3, { dim: 100 }).yTrain)).toEqual(Array.from(ds.yTrain));
    expect(Array.from(makeDataset('gauss', 400, 50, 4, { dim: 100 }).yTrain)).not.toEqual(Array.from(ds.yTrain));
  });

  it('targets are the documented teacher, recomputed independently', () => {
    const d = 7;
    const ds = makeDataset('gauss', 5, 2, 11, { dim: d });
    const t = gaussTeacher(11, d);
    // independent re-implementation of the unnormalised teacher, compared up to the affine normalisation
    const g = normalStream(streamSeed(11, `gauss:teacher:${d}`));
    const m = GAUSS_TEACHER_WIDTH;
    const w = Array.from({ length: m * d }, () => g());
    const v = Array.from({ length: m }, () => g());
    const raw = (i: number) => {
      let s = 0;
      for (let k = 0; k < m; k++) {
        let z = 0;
        for (let j = 0; j < d; j++) z += w[k * d + j] * ds.xTrain[i * d + j];
        s += v[k] * Math.tanh(z / Math.sqrt(d));
      }
      return s / Math.sqrt(m);
    };
    const r = [0, 1, 2].map(raw);
    const y = [0, 1, 2].map((i) => ds.yTrain[i]);
    const scale = (y[1] - y[0]) / (r[1] - r[0]);
    expect(y[2]).toBeCloseTo(y[0] + scale * (r[2] - r[0]), 4);
    expect(ds.yTrain[0]).toBeCloseTo(t(ds.xTrain, 0), 5);
  });

  it('input dimension follows the config', () => {
    expect(datasetInputDim(cfg({ dataset: 'gauss', dim: 30 }))).toBe(30);
    expect(datasetInputDim(cfg({ dataset: 'mnist', mnistRes: 14 }))).toBe(196);
    expect(datasetInputDim(cfg({ dataset: 'sine' }))).toBe(1);
  });
});

describe('mnist', () => {
  it('loads the bundled digits from disk, without network access', async () => {
    const realFetch = globalThis.fetch;
    globalThis.fetch = (() => {
      throw new Error('network access attempted');
    }) as typeof fetch;
    try {
      const bytes = await loadMnistBytes();
      expect(bytes.length).toBe(10 * MNIST_PER_DIGIT * 784);
      // real digits: mostly background, a few bright strokes
      let zeros = 0;
      for (let i = 0; i < 784 * 100; i++) zeros += bytes[i] === 0 ? 1 : 0;
      expect(zeros / (784 * 100)).toBeGreaterThan(0.7);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('0v7 at 28×28: shapes, ‖x‖² = d, ±1 labels matching the digit, class balance', async () => {
    const ds = await loadDataset(cfg({ dataset: 'mnist', train: 128, test: 64, digits: '0v7', mnistRes: 28 }));
    expect(ds.inputDim).toBe(784);
    expect(ds.xTrain.length).toBe(128 * 784);
    expect(ds.xTest.length).toBe(64 * 784);
    for (const n2 of sqNorms(ds.xTrain, 784)) expect(n2 / 784).toBeCloseTo(1, 4);
    for (const v of ds.xTrain) {
      expect(Number.isFinite(v)).toBe(true);
      expect(Math.abs(v)).toBeLessThan(10);
    }
    expect(ds.yTrain.filter((y) => y === 1).length).toBe(64);
    expect(ds.yTrain.filter((y) => y === -1).length).toBe(64);
    const im = ds.images!;
    expect(im.side).toBe(28);
    im.digitTrain.forEach((dg, i) => expect(ds.yTrain[i]).toBe(dg === 0 ? 1 : dg === 7 ? -1 : NaN));
    im.digitTest.forEach((dg, i) => expect(ds.yTest[i]).toBe(dg === 0 ? 1 : dg === 7 ? -1 : NaN));
  });

  it('14×14 is the 2×2 average pool of 28×28 (up to the per-image scale)', async () => {
    const a = await loadDataset(cfg({ dataset: 'mnist', train: 8, test: 4, mnistRes: 28 }));
    const b = await loadDataset(cfg({ dataset: 'mnist', train: 8, test: 4, mnistRes: 14 }));
    expect(b.inputDim).toBe(196);
    for (const n2 of sqNorms(b.xTrain, 196)) expect(n2 / 196).toBeCloseTo(1, 4);
    // pooled 28×28 vector (centred, scaled) is proportional to the 14×14 one
    const img = a.xTrain.subarray(0, 784);
    const pooled = Array.from({ length: 196 }, (_, k) => {
      const i = Math.floor(k / 14);
      const j = k % 14;
      return (img[2 * i * 28 + 2 * j] + img[2 * i * 28 + 2 * j + 1] + img[(2 * i + 1) * 28 + 2 * j] + img[(2 * i + 1) * 28 + 2 * j + 1]) / 4;
    });
    const q = Array.from(b.xTrain.subarray(0, 196));
    const dot = pooled.reduce((s, v, k) => s + v * q[k], 0);
    const cos = dot / Math.sqrt(pooled.reduce((s, v) => s + v * v, 0) * q.reduce((s, v) => s + v * v, 0));
    expect(cos).toBeGreaterThan(0.99999);
  });

  it('3vrest: half threes, the rest from the other nine digits; disjoint train/test', () => {
    const sp = mnistSplit(parseDigits('3vrest'), 200, 100, 5);
    const digit = (i: number) => Math.floor(i / MNIST_PER_DIGIT);
    expect(sp.train.filter((i) => digit(i) === 3).length).toBe(100);
    const others = new Set(sp.train.filter((i) => digit(i) !== 3).map(digit));
    expect(others.size).toBe(9);
    const trainSet = new Set(sp.train);
    for (const i of sp.test) expect(trainSet.has(i)).toBe(false);
    expect(new Set(sp.train).size).toBe(200);
  });

  it('the subset is deterministic per seed and differs between seeds', () => {
    const a = mnistSplit(parseDigits('0v7'), 64, 16, 1);
    expect(mnistSplit(parseDigits('0v7'), 64, 16, 1)).toEqual(a);
    expect(mnistSplit(parseDigits('0v7'), 64, 16, 2).train).not.toEqual(a.train);
  });

  it('asks for too many images → a clear error; bad digits → a clear error', () => {
    expect(() => mnistSplit(parseDigits('0v7'), 900, 200, 1)).toThrow(/images of digit 0 needed/);
    expect(() => parseDigits('7v7')).toThrow(/must differ/);
    expect(configFromEntries([['digits', '1v1']]).notices[0]).toMatch(/digits="1v1" is not valid/);
    expect(configFromEntries([['digits', '2vrest']]).config.digits).toBe('2vrest');
  });
});
