// Per-mode residuals (src/engine/metrics/modes.ts, docs/science.md §9): the basis, the twin's GD closed
// form, validation of the `modes` setting, and memory with modes on.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { Session } from '../../src/engine/session/session';
import { applySignRule, MODES_MAX_TRAIN, modeBasis, modeCount } from '../../src/engine/metrics/modes';
import { gdModeClosedForm } from '../../src/engine/metrics/modeClosedForm';
import { DEFAULT_CONFIG, configFromSearch, type ExperimentConfig } from '../../src/schema/config';
import { parseConfigFile } from '../../src/schema/configFile';
import { main } from '../../src/cli/main';
import { mulberry32 } from '../reference/mulberry32';

const SMALL: ExperimentConfig = { ...DEFAULT_CONFIG, width: 64, depth: 1, train: 24, test: 8, steps: 200, modes: 12 };

/** ‖f₀ − y‖₂ from the step-0 loss L = (1/2N)‖f₀ − y‖². */
const residualNorm = (loss: number, n: number) => Math.sqrt(2 * n * loss);

describe('modeBasis', () => {
  it('returns orthonormal eigenvectors of the kernel, λ/N descending, sign rule applied', () => {
    const n = 9;
    const rand = mulberry32(3);
    const b = Array.from({ length: n * n }, () => rand() - 0.5);
    const a = new Float64Array(n * n); // a = BBᵀ: symmetric PSD
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j] += b[i * n + k] * b[j * n + k];
    const m = modeBasis(a, n, 5);
    expect(m.count).toBe(5);
    for (let k = 0; k < 5; k++) {
      const u = m.vectors.subarray(k * n, (k + 1) * n);
      // A u = λ u with λ = N · lambda[k]
      for (let i = 0; i < n; i++) {
        let au = 0;
        for (let j = 0; j < n; j++) au += a[i * n + j] * u[j];
        expect(au).toBeCloseTo(n * m.lambda[k] * u[i], 10);
      }
      for (let l = 0; l < 5; l++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += u[i] * m.vectors[l * n + i];
        expect(dot).toBeCloseTo(k === l ? 1 : 0, 12);
      }
      const big = u.reduce((best, v, i) => (Math.abs(v) > Math.abs(u[best]) ? i : best), 0);
      expect(u[big]).toBeGreaterThan(0);
      if (k > 0) expect(m.lambda[k]).toBeLessThanOrEqual(m.lambda[k - 1]);
    }
  });

  it('sign rule flips a vector whose largest-magnitude entry is negative', () => {
    const v = Float64Array.of(0.3, -0.9, 0.2);
    applySignRule(v);
    expect(Array.from(v)).toEqual([-0.3, 0.9, -0.2]);
  });

  it('modeCount: min(K, N), 0 when off or N is above the limit', () => {
    expect(modeCount(16, 8)).toBe(8);
    expect(modeCount(16, 64)).toBe(16);
    expect(modeCount(0, 64)).toBe(0);
    expect(modeCount(16, MODES_MAX_TRAIN + 1)).toBe(0);
  });
});

describe('linear twin per mode (GD)', () => {
  it('u_kᵀ(f_lin,t − y) = (1 − ηλ_k/N)^t · u_kᵀ(f₀ − y) to float32 precision', async () => {
    // η = 0.75·η_crit: the top mode's factor is 1 − 1.5 = −0.5 (alternating sign), the rest decay slowly.
    const probe = await Session.create(SMALL, { gridSize: 2 });
    const lr = 0.75 * probe.meta.criticalLr!;
    probe.dispose();
    const s = await Session.create({ ...SMALL, lr }, { gridSize: 2 });
    try {
      const r0 = await s.measure('never');
      const scale = residualNorm(r0.loss, SMALL.train);
      expect(r0.modes!.lambda).toHaveLength(12);
      expect(r0.modes!.net).toEqual(r0.modes!.lin); // f = f_lin at θ₀
      expect(1 - lr * r0.modes!.lambda[0]).toBeCloseTo(-0.5, 6);
      let worst = 0;
      for (const t of [1, 2, 5, 20, 100, 200]) {
        s.advance(t - s.step);
        const row = await s.measure('never');
        for (let k = 0; k < 12; k++) {
          const want = gdModeClosedForm(r0.modes!.lambda[k], lr, t, r0.modes!.lin[k]!);
          worst = Math.max(worst, Math.abs(row.modes!.lin[k]! - want) / scale);
        }
      }
      // float32 twin updates over 200 steps: measured 6.4e-8 of ‖f₀ − y‖ (cpu backend).
      expect(worst).toBeLessThan(1e-6);
    } finally {
      s.dispose();
    }
  });

  it('modeDeparture is 0 at init and equals RMS_k(net_k − lin_k)/RMS(f₀ − y) later', async () => {
    const s = await Session.create({ ...SMALL, width: 16 }, { gridSize: 2 });
    try {
      const r0 = await s.measure('never');
      expect(r0.modeDeparture).toBe(0);
      s.advance(50);
      const row = await s.measure('never');
      const net = row.modes!.net as number[];
      const lin = row.modes!.lin as number[];
      const num = Math.sqrt(net.reduce((acc, v, k) => acc + (v - lin[k]) ** 2, 0) / net.length);
      const rmsR0 = Math.sqrt(2 * r0.loss); // RMS_i(f₀ − y) = sqrt(2L₀)
      expect(row.modeDeparture!).toBeGreaterThan(0);
      expect(row.modeDeparture!).toBeCloseTo(num / rmsR0, 5);
    } finally {
      s.dispose();
    }
  });
});

describe('SGD', () => {
  it('rows carry both projections; the batch kernel mixes the modes, so the twin leaves the GD closed form', async () => {
    const s = await Session.create({ ...SMALL, optimizer: 'sgd', batch: 4, lr: 0.2 }, { gridSize: 2 });
    try {
      const r0 = await s.measure('never');
      s.advance(30);
      const row = await s.measure('never');
      expect(row.modes!.net.every((v) => v !== null && Number.isFinite(v))).toBe(true);
      // One SGD step moves f by −(η/B)Θ₀(X, X_B) r_B, on average the GD step −(η/N)Θ₀ r: compare with the
      // GD closed form at the same η and t, which the mixing between modes makes it miss.
      const closed = r0.modes!.lambda.map((l, k) => gdModeClosedForm(l, 0.2, 30, r0.modes!.lin[k]!));
      const off = Math.max(...row.modes!.lin.map((v, k) => Math.abs(v! - closed[k])));
      expect(off).toBeGreaterThan(1e-2); // measured 0.25
    } finally {
      s.dispose();
    }
  });
});

describe('the modes setting', () => {
  it('URL: out-of-range or malformed values give a notice naming the range and the default', () => {
    expect(configFromSearch('?modes=8').config.modes).toBe(8);
    expect(configFromSearch('?modes=0').notices).toEqual([]);
    for (const bad of ['65', '-1', '2.5', 'all']) {
      const r = configFromSearch(`?modes=${bad}`);
      expect(r.config.modes).toBe(16);
      expect(r.notices).toEqual([`modes="${bad}" is not valid: expected an integer from 0 to 64; using the default 16.`]);
    }
  });

  it('config file: a wrong value is a notice, the default is used', () => {
    const r = parseConfigFile('{"modes": 100}');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.config.modes).toBe(16);
      expect(r.notices.join(' ')).toMatch(/modes=100 is not valid: expected an integer from 0 to 64/);
    }
  });

  it('CLI: --modes out of range exits 2 with a one-line error naming the flag', async () => {
    let err = '';
    const code = await main(['train', '--modes', '99', '--json'], { stdout: () => undefined, stderr: (s) => (err += s) });
    expect(code).toBe(2);
    expect(err.trim()).toBe('error: --modes="99" is not valid: expected an integer from 0 to 64');
  });

  it('modes=0 and too many training points: no modes in the rows, and the meta says why', async () => {
    for (const [config, reason] of [
      [{ ...SMALL, modes: 0 }, /modes=0/],
      [{ ...SMALL, train: MODES_MAX_TRAIN + 4, width: 16 }, new RegExp(`at most ${MODES_MAX_TRAIN} training points \\(this run has ${MODES_MAX_TRAIN + 4}\\)`)],
    ] as const) {
      const s = await Session.create(config, { gridSize: 2 });
      const row = await s.measure('never');
      expect(row.modes).toBeUndefined();
      expect(row.modeDeparture).toBeUndefined();
      expect(s.meta.modes).toBeUndefined();
      expect(s.meta.modesOff).toMatch(reason);
      s.dispose();
    }
  });

  it('MNIST with 512 training points (above the old 256 cap) tracks its modes; λ₁/N matches power iteration', async () => {
    const config: ExperimentConfig = { ...DEFAULT_CONFIG, dataset: 'mnist', digits: '0v7', train: 512, test: 16, width: 32, depth: 1, modes: 16 };
    const s = await Session.create(config, { gridSize: 2 });
    try {
      const row = await s.measure('never');
      const m = s.meta.modes!;
      expect(m.count).toBe(16);
      expect(m.vectors).toHaveLength(16 * 512);
      for (let k = 1; k < 16; k++) expect(m.lambda[k]).toBeLessThanOrEqual(m.lambda[k - 1]);
      // float64 QL on the float32 kernel vs on-device float32 power iteration: η_crit = 2N/λmax
      expect(m.lambda[0] / (2 / s.meta.criticalLr!)).toBeCloseTo(1, 4);
      // step 0: f = f_lin; the 16 projections hold at most ‖f₀ − y‖² (u_k orthonormal)
      expect(row.modes!.net).toEqual(row.modes!.lin);
      let captured = 0;
      for (const v of row.modes!.net) captured += v! * v!;
      expect(captured).toBeLessThanOrEqual(residualNorm(row.loss, 512) ** 2 * (1 + 1e-5));
      expect(captured).toBeGreaterThan(0);
    } finally {
      s.dispose();
    }
  });

  it('K = min(modes, N): a run with 8 training points tracks 8 modes', async () => {
    const s = await Session.create({ ...SMALL, train: 8, modes: 16 }, { gridSize: 2 });
    const row = await s.measure('never');
    expect(row.modes!.net).toHaveLength(8);
    expect(s.meta.modes!.count).toBe(8);
    expect(s.meta.modes!.vectors).toHaveLength(64);
    s.dispose();
  });
});

describe('memory', () => {
  it('no tensor growth over many steps and measurements with modes on; dispose frees everything', async () => {
    const start = tf.memory().numTensors;
    const s = await Session.create({ ...SMALL, modes: 16 }, { gridSize: 2 });
    s.advance(1);
    await s.measure('always');
    const base = tf.memory().numTensors;
    for (let i = 0; i < 40; i++) {
      s.advance(5);
      const row = await s.measure(i % 10 === 0 ? 'always' : 'never');
      expect(row.modes!.net).toHaveLength(16);
    }
    expect(tf.memory().numTensors).toBe(base);
    s.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});
