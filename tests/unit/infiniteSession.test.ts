// The kernel machine inside a run: built from f₀, stepped on the network's batches, measured in the
// rows (gapInf, twinGapInf, kernelGapInf) and drawn in the snapshot; off with a reason where there
// is no finite Θ∞ or machine=false; `ntk --infinite` prints Θ∞ and Σ∞.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { Session } from '../../src/engine/session/session';
import { infiniteKernels } from '../../src/engine/infinite/recursion';
import { relativeFrobenius } from '../../src/engine/linalg/frobenius';
import { forward, initParams, specFromConfig } from '../../src/engine/nn/mlp';
import { DEFAULT_CONFIG, configFromSearch, type ExperimentConfig } from '../../src/schema/config';
import { main } from '../../src/cli/main';

const SMALL: ExperimentConfig = { ...DEFAULT_CONFIG, width: 64, depth: 2, train: 12, test: 8, modes: 0, steps: 20 };

describe('the kernel machine in a Session', () => {
  it('starts at the network’s f₀, follows GD with Θ∞, and its rows and snapshot say how far it is', async () => {
    const s = await Session.create(SMALL, { gridSize: 16 });
    expect(s.meta.machineOff).toBeUndefined();
    expect(s.meta.ntkInf?.length).toBe(s.meta.probe.count ** 2);
    const r0 = await s.measure('always');
    expect(r0.gapInf).toBe(0);
    expect(r0.twinGapInf).toBe(0);
    // at θ₀, kernelGapInf is ‖Θ₀ − Θ∞‖/‖Θ∞‖ on the probe set: compare with the meta's two kernels
    expect(r0.kernelGapInf).toBeCloseTo(relativeFrobenius(s.meta.ntk0, s.meta.ntkInf!), 4);
    s.advance(20);
    const r = await s.measure('always');
    expect(r.gapInf).toBeGreaterThan(0);
    expect(r.twinGapInf).toBeGreaterThan(0);
    expect(r.infLoss).toBeLessThan(r0.infLoss!);
    const snap = await s.snapshot();
    expect(snap.fInfGrid?.length).toBe(snap.fGrid.length);
    s.dispose();
  });

  it('the machine on the training set equals the float64 GD with Θ∞ from f₀', async () => {
    const s = await Session.create({ ...SMALL, lr: 0.5 }, { gridSize: 2 });
    const spec = specFromConfig(s.config, s.data.inputDim);
    const theta = infiniteKernels(spec, s.data.xTrain).ntk;
    const n = s.config.train;
    const x = tf.tensor2d(s.data.xTrain, [n, 1]);
    const p = initParams(spec, s.config.seed);
    let f = Array.from(forward(spec, p, x).dataSync());
    const y = Array.from(s.data.yTrain);
    for (let t = 0; t < 10; t++) {
      const r = f.map((v, i) => v - y[i]);
      f = f.map((v, i) => v - (0.5 / n) * r.reduce((acc, rj, j) => acc + theta[i * n + j] * rj, 0));
    }
    s.advance(10);
    const row = await s.measure('always');
    const loss = f.reduce((acc, v, i) => acc + (v - y[i]) ** 2, 0) / (2 * n);
    expect(Math.abs(row.infLoss! - loss) / loss).toBeLessThan(1e-4);
    x.dispose();
    s.dispose();
  });

  it('off with a reason: standard parametrization, machine=false', async () => {
    for (const [patch, reason] of [
      [{ param: 'standard' }, /grows in proportion to the width/],
      [{ machine: false }, /machine=false/],
    ] as [Partial<ExperimentConfig>, RegExp][]) {
      const s = await Session.create({ ...SMALL, ...patch }, { gridSize: 2 });
      expect(s.meta.machineOff).toMatch(reason);
      expect(s.meta.ntkInf).toBeUndefined();
      const r = await s.measure('always');
      expect(r.gapInf).toBeUndefined();
      expect((await s.snapshot()).fInfGrid).toBeUndefined();
      s.dispose();
    }
    expect(configFromSearch('?machine=false').config.machine).toBe(false);
  });

  it('ntk --infinite --json prints ntkInf and nngpInf on the training set', async () => {
    let out = '';
    const code = await main(['ntk', '--infinite', '--json', '--width', '32', '--depth', '1', '--train', '8', '--n', '3', '--backend', 'cpu'], { stdout: (t) => (out += t), stderr: () => {} });
    expect(code).toBe(0);
    const d = JSON.parse(out);
    expect(d.ntkInf).toHaveLength(3);
    expect(d.nngpInf[0]).toHaveLength(3);
    expect(d.kernelGapInf).toBeGreaterThan(0);
    const spec = specFromConfig({ ...DEFAULT_CONFIG, width: 32, depth: 1, train: 8 }, 1);
    const ref = infiniteKernels(spec, d.x.flat());
    expect(d.ntkInf[1][2]).toBeCloseTo(ref.ntk[1 * 3 + 2], 12);
  });
});
