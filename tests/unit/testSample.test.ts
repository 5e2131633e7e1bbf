// Session.snapshot's test-point sample for high-dimensional data (the digits panel): the network's
// values equal forward() on the first test points, and the twin's equal the linearised model trained
// by full-batch GD, recomputed here in float64 from Θ₀ and f₀ of an identical fresh Session.
import { afterEach, describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { Session } from '../../src/engine/session/session';
import { TEST_SAMPLE_SIZE } from '../../src/engine/session/snapshot';
import { forward } from '../../src/engine/nn/mlp';
import { ntkLayerwise } from '../../src/engine/metrics/ntk';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/schema/config';

const cfg: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  dataset: 'mnist',
  mnistRes: 14,
  digits: '0v7',
  width: 64,
  train: 16,
  test: 20,
  optimizer: 'gd',
  lr: 0.5,
};

const open: Session[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.dispose();
});

async function session(c: ExperimentConfig): Promise<Session> {
  const s = await Session.create(c, { gridSize: 8 });
  open.push(s);
  return s;
}

describe('snapshot test sample (d > 2)', () => {
  it('equals forward() on the first test points, and the GD-trained linearisation for the twin', async () => {
    const s = await session(cfg);
    const fresh = await session(cfg);
    const d = s.data.inputDim;
    const n = TEST_SAMPLE_SIZE;
    const xs = tf.tensor2d(s.data.xTest.slice(0, n * d), [n, d]);
    const xTrain = tf.tensor2d(s.data.xTrain, [cfg.train, d]);
    // θ₀ quantities, from the untouched twin session (same seed → same θ₀).
    const [k0sT, k0TT, f0s, f0T] = tf.tidy(() => [
      ntkLayerwise(fresh.spec, fresh.params, xs, xTrain),
      ntkLayerwise(fresh.spec, fresh.params, xTrain),
      forward(fresh.spec, fresh.params, xs),
      forward(fresh.spec, fresh.params, xTrain),
    ]);
    const [kS, kT, fS0, fT0] = await Promise.all([k0sT.data(), k0TT.data(), f0s.data(), f0T.data()]);
    tf.dispose([k0sT, k0TT, f0s, f0T]);

    const steps = 25;
    s.advance(steps);
    const snap = await s.snapshot();
    expect(snap.step).toBe(steps);
    expect(snap.fTestSample).toHaveLength(n);
    expect(snap.fLinTestSample).toHaveLength(n);

    const fNow = forward(s.spec, s.params, xs);
    const want = await fNow.data();
    fNow.dispose();
    snap.fTestSample!.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));

    // f_lin,t+1 = f_lin,t − η Θ₀(·, X)(f_lin,t(X) − y)/N, in float64.
    const N = cfg.train;
    const y = Array.from(s.data.yTrain);
    const lr = s.meta.lr;
    let fT = Array.from(fT0);
    let fSm = Array.from(fS0);
    for (let t = 0; t < steps; t++) {
      const r = fT.map((v, j) => (v - y[j]) / N);
      fT = fT.map((v, i) => v - lr * r.reduce((a, rj, j) => a + kT[i * N + j] * rj, 0));
      fSm = fSm.map((v, i) => v - lr * r.reduce((a, rj, j) => a + kS[i * N + j] * rj, 0));
    }
    const scale = Math.max(...fSm.map(Math.abs), 1);
    snap.fLinTestSample!.forEach((v, i) => expect(Math.abs(v - fSm[i]) / scale).toBeLessThan(1e-3));
    // Training moved the network: the check above is not comparing f₀ with f₀.
    expect(Math.max(...Array.from(snap.fTestSample!, (v, i) => Math.abs(v - fS0[i])))).toBeGreaterThan(1e-3);
    tf.dispose([xs, xTrain]);
  });

  it('is absent for low-dimensional data sets (they have the grid)', async () => {
    const s = await session({ ...DEFAULT_CONFIG, dataset: 'sine', width: 16, train: 8, test: 8 });
    s.advance(2);
    const snap = await s.snapshot();
    expect(snap.fTestSample).toBeUndefined();
    expect(snap.fLinTestSample).toBeUndefined();
  });
});
