import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { useNodeBackend } from '../../src/engine/nodeBackend';
import { earlyForward, earlyNtk, earlyTimeWidth, initEarlyParams, linearFeatures, predictedKernel, type EarlyTimeSpec } from '../../src/engine/earlyTime/earlyTime';
import { EarlyTimeSession } from '../../src/engine/earlyTime/earlyTimeSession';
import { SnapshotSchema } from '../../src/engine/records/runRecords';
import { gaussianMoments, kernelDiagonalShift } from '../../src/engine/earlyTime/earlyTimeMoments';
import type { Dataset } from '../../src/engine/data/datasets';
import { normals } from '../../src/engine/prng';
import { DEFAULT_CONFIG, type Activation, type ExperimentConfig } from '../../src/schema/config';
import { relErr } from './helpers';

/** Gaussian inputs x ~ N(0, I_d) (‖x‖² ≈ d) with sign-of-teacher targets ±1. */
function gaussData(n: number, nTest: number, d: number, seed: number): Dataset {
  const teacher = normals(seed, 'teacher', d);
  const make = (m: number, tag: string) => {
    const x = Float32Array.from(normals(seed, tag, m * d));
    const y = Float32Array.from({ length: m }, (_, i) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += x[i * d + j] * teacher[j];
      return s >= 0 ? 1 : -1;
    });
    return { x, y };
  };
  const tr = make(n, 'x-train');
  const te = make(nTest, 'x-test');
  return { name: 'sine', inputDim: d as 1, xTrain: tr.x, yTrain: tr.y, xTest: te.x, yTest: te.y, domain: [] };
}

function config(over: Partial<ExperimentConfig>): ExperimentConfig {
  return { ...DEFAULT_CONFIG, model: 'early-time', ...over };
}

describe('early-time model', () => {
  it('uses an even width', () => {
    expect([earlyTimeWidth(64), earlyTimeWidth(65), earlyTimeWidth(1)]).toEqual([64, 64, 2]);
  });

  for (const backend of ['cpu', 'wasm'] as const)
    it(`f₀ ≡ 0 exactly at init (${backend} backend, every activation)`, async () => {
      await useNodeBackend(backend);
      try {
        const x = tf.tensor2d(Float32Array.from(normals(1, 'x', 40 * 30)), [40, 30]);
        for (const activation of ['tanh', 'relu', 'erf', 'linear'] as Activation[]) {
          const spec: EarlyTimeSpec = { inputDim: 30, width: 256, activation };
          const p = initEarlyParams(spec, 7);
          const f = earlyForward(spec, p, x);
          const v = await f.data();
          expect(Array.from(v).every((z) => z === 0)).toBe(true);
          // while each half alone is far from 0
          const half = earlyForward({ ...spec, width: 256 }, { ...p, vB: tf.zerosLike(p.vB) }, x);
          expect(Math.max(...Array.from(await half.data(), Math.abs))).toBeGreaterThan(0.1);
          tf.dispose([f, half, p.wA, p.wB, p.vA, p.vB]);
        }
        x.dispose();
      } finally {
        await useNodeBackend('cpu');
      }
    });

  it('its NTK formula equals J Jᵀ from autodiff', async () => {
    const spec: EarlyTimeSpec = { inputDim: 5, width: 12, activation: 'tanh' };
    const p = initEarlyParams(spec, 3);
    // move away from the antisymmetric point so both halves differ
    const q = { ...p, vA: tf.add(p.vA, 0.3) as tf.Tensor1D, wB: tf.mul(p.wB, 0.8) as tf.Tensor2D };
    const x = tf.tensor2d(Float32Array.from(normals(4, 'x', 6 * 5)), [6, 5]);
    const rows: Float32Array[] = [];
    for (let i = 0; i < 6; i++) {
      const g = tf.grads((wA: tf.Tensor, wB: tf.Tensor, vA: tf.Tensor, vB: tf.Tensor) =>
        tf.sum(earlyForward(spec, { wA, wB, vA, vB } as typeof p, tf.slice(x, [i, 0], [1, -1]) as tf.Tensor2D)),
      )([q.wA, q.wB, q.vA, q.vB]);
      rows.push(Float32Array.from(g.flatMap((t) => Array.from(t.dataSync()))));
      tf.dispose(g);
    }
    const ref = rows.flatMap((a) => rows.map((b) => a.reduce((s, ai, k) => s + ai * b[k], 0)));
    const k = earlyNtk(spec, q, x);
    expect(relErr(await k.data(), ref)).toBeLessThan(1e-5);
    tf.dispose([k, x, p.wA, p.wB, p.vA, p.vB, q.vA, q.wB]);
  });

  it('Θ₀ approaches 2ζ²XXᵀ/d + ν² + c·I at large width and dimension (relu)', async () => {
    const d = 400;
    const m = gaussianMoments('relu');
    // rows scaled to ‖x‖² = d exactly, the identity's assumption
    const raw = tf.tensor2d(Float32Array.from(normals(2, 'x', 16 * d)), [16, d]);
    const x = tf.tidy(() => tf.mul(tf.div(raw, tf.norm(raw, 'euclidean', 1, true)), Math.sqrt(d)) as tf.Tensor2D);
    raw.dispose();
    const errs: number[] = [];
    for (const width of [64, 8192]) {
      const spec: EarlyTimeSpec = { inputDim: d, width, activation: 'relu' };
      const p = initEarlyParams(spec, 5);
      const k = earlyNtk(spec, p, x);
      const pred = predictedKernel(x, m);
      errs.push(relErr(await k.data(), await pred.data()));
      tf.dispose([k, pred, p.wA, p.wB, p.vA, p.vB]);
    }
    x.dispose();
    expect(kernelDiagonalShift(m)).toBeGreaterThan(0.3);
    console.log('kernel identity rel. error at m = 64, 8192:', errs);
    expect(errs[1]).toBeLessThan(0.05);
    expect(errs[1]).toBeLessThan(errs[0] / 3);
  });

  it('linear model: features ψ = [√2ζx/√d; ν] and one GD step from δ = 0 gives δ = ηψᵀy/N', async () => {
    const ds = gaussData(32, 8, 10, 1);
    const s = await EarlyTimeSession.create(config({ activation: 'relu', train: 32, test: 8, lr: 0.7, width: 16 }), ds);
    const psi = linearFeatures(tf.tensor2d(ds.xTrain, [32, 10]), s.moments);
    const pv = await psi.data();
    expect(pv[10]).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 6);
    expect(pv[0]).toBeCloseTo((Math.SQRT2 * 0.5 * ds.xTrain[0]) / Math.sqrt(10), 5);
    s.advance(1);
    const { f, fLin } = s.trainOutputs();
    const fl = await fLin.data();
    // f_lin(x_i) = ψ_i · δ with δ = (η/N) Σ_j ψ_j y_j
    const delta = Array.from({ length: 11 }, (_, k) => (0.7 / 32) * ds.yTrain.reduce((acc, y, j) => acc + y * pv[j * 11 + k], 0));
    const ref = Array.from({ length: 32 }, (_, i) => delta.reduce((acc, dk, k) => acc + dk * pv[i * 11 + k], 0));
    expect(relErr(fl, ref)).toBeLessThan(1e-5);
    tf.dispose([f, fLin, psi]);
    s.dispose();
  });

  it('rows: losses of both models, earlyGap absent at step 0, prediction history in snapshots', async () => {
    const s = await EarlyTimeSession.create(config({ activation: 'tanh', train: 32, test: 12, lr: 1, width: 64 }), gaussData(32, 12, 20, 2));
    const r0 = await s.measure();
    expect(r0.earlyGap).toBeUndefined();
    expect(r0.loss).toBeCloseTo(0.5, 6); // f₀ ≡ 0 and y = ±1
    expect(r0.linLoss).toBeCloseTo(0.5, 6);
    s.advance(5);
    const r5 = await s.measure();
    expect(r5.earlyGap).toBeGreaterThan(0);
    expect(r5.loss).toBeLessThan(0.5);
    const snap = await s.snapshot();
    expect(snap.early!.predictions.map((p) => p.step)).toEqual([0, 5]);
    expect(snap.early!.predictions[1].f).toHaveLength(8);
    expect(s.meta.earlyTime.kernel.n).toBe(24);
    expect(s.meta.earlyTime.normRatio).toBeGreaterThan(0.8);
    s.dispose();
  });

  it('a linear model that overflows (η above its own critical rate) gives null predictions the snapshot schema accepts, not NaN', async () => {
    // sine data, width 32, η = 1.34: the linear model's loss passes 10⁵ by step 20 and overflows; the network trains.
    const s = await EarlyTimeSession.create(config({ activation: 'tanh', width: 32, lr: 1.34 }));
    s.advance(300);
    const row = await s.measure();
    expect(row.loss).toBeLessThan(0.1);
    expect(Number.isFinite(row.linLoss ?? NaN)).toBe(false);
    expect(row.twinDiverged).toBe(true);
    const snap = await s.snapshot();
    const last = snap.early!.predictions[snap.early!.predictions.length - 1];
    expect(last.fLin.every((v) => v === null)).toBe(true);
    expect(last.f.every((v) => v !== null && Number.isFinite(v))).toBe(true);
    expect(SnapshotSchema.safeParse(snap).success).toBe(true);
    s.dispose();
  });

  it('at a fixed small η·t the gap to the linear model shrinks with width (mean over 3 seeds)', async () => {
    const ds = gaussData(128, 8, 100, 3);
    const meanGap = async (width: number) => {
      let sum = 0;
      for (const seed of [1, 2, 3]) {
        const s = await EarlyTimeSession.create(config({ activation: 'tanh', train: 128, test: 8, lr: 1, width, seed }), ds);
        s.advance(10);
        sum += (await s.measure()).earlyGap!;
        s.dispose();
      }
      return sum / 3;
    };
    const g64 = await meanGap(64);
    const g1024 = await meanGap(1024);
    expect(g1024).toBeLessThan(0.6 * g64);
  });
});

describe('CLI --model early-time', () => {
  it('prints zeta and nu on the first row, then loss, linLoss and earlyGap', async () => {
    const { main } = await import('../../src/cli/main');
    let out = '';
    const code = await main(['train', '--model', 'early-time', '--activation', 'erf', '--width', '32', '--dataset', 'blobs', '--train', '16', '--steps', '3', '--log-every', '1', '--lr', '0.5', '--json'], {
      stdout: (s) => (out += s),
      stderr: () => undefined,
    });
    expect(code).toBe(0);
    const rows = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, number | null>).filter((l) => !('summary' in l));
    expect(rows).toHaveLength(4);
    expect(rows[0].zeta).toBeCloseTo(2 / Math.sqrt(3 * Math.PI), 6);
    expect(rows[0].nu).toBe(0);
    expect(rows[0].earlyGap).toBeUndefined();
    for (const r of rows.slice(1)) {
      expect(r.loss).toBeGreaterThan(0);
      expect(r.linLoss).toBeGreaterThan(0);
      expect(r.earlyGap).toBeGreaterThan(0);
      expect(r.zeta).toBeUndefined();
    }
  });
});

describe('departure step', () => {
  it('is the first step where earlyGap rises back above the threshold, null if it never dipped below', async () => {
    const { departureStep, everBelow } = await import('../../src/ui/panels/earlyDeparture');
    const rows = (gaps: number[]) => gaps.map((earlyGap, i) => ({ step: i + 1, earlyGap }));
    expect(departureStep(rows([0.3, 0.15, 0.1, 0.19, 0.25, 0.4]), 0.2)).toBe(5);
    expect(departureStep(rows([0.3, 0.25, 0.22]), 0.2)).toBeNull();
    expect(everBelow(rows([0.3, 0.25, 0.22]), 0.2)).toBe(false);
    expect(departureStep(rows([0.05, 0.1, 0.15]), 0.2)).toBeNull();
    expect(departureStep([{ step: 0 }, { step: 1, earlyGap: 0.1 }, { step: 2, earlyGap: 0.5 }], 0.2)).toBe(2);
  });
});
