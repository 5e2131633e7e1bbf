import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { disposeParams, initParams, toVariables, type MlpSpec } from '../../src/engine/nn/mlp';
import { ntkLayerwise } from '../../src/engine/metrics/ntk';
import {
  alignmentDrift,
  lambdaMax,
  relativeDrift,
} from '../../src/engine/metrics/kernelMetrics';
import { chooseLearningRate, criticalLearningRate } from '../../src/engine/lr/rule';
import { jacobiEigen64 } from '../reference/eigen64';
import { sgdUpdate } from '../../src/engine/nn/train';
import { normals } from '../../src/engine/prng';

function frob(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}
function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** A random symmetric PSD matrix B Bᵀ (n × n, row-major float64) of rank ≤ r. */
function randomPsd(n: number, r: number, tag: string): Float64Array {
  const b = normals(3, tag, n * r);
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < r; k++) m[i * n + j] += b[i * r + k] * b[j * r + k];
  return m;
}

/** An NTK over a small probe set before and after some training steps. */
function ntkBeforeAfter(): { theta0: tf.Tensor2D; thetaT: tf.Tensor2D; n: number } {
  const spec: MlpSpec = { inputDim: 1, width: 32, depth: 2, activation: 'tanh', param: 'standard', sigmaW2: 1, sigmaB2: 0.1, bias: true };
  const n = 20;
  const x = tf.tensor2d(Float32Array.from({ length: n }, (_, i) => -2 + (4 * i) / (n - 1)), [n, 1]);
  const y = tf.tensor1d(Float32Array.from({ length: n }, (_, i) => Math.sin(3 * (-2 + (4 * i) / (n - 1)))));
  const params = initParams(spec, 4);
  const theta0 = ntkLayerwise(spec, params, x);
  const vars = toVariables(params);
  for (let t = 0; t < 200; t++) sgdUpdate(spec, vars, x, y, 0.2).dispose();
  const thetaT = ntkLayerwise(spec, vars, x);
  for (const v of vars) {
    v.W.dispose();
    v.b?.dispose();
  }
  disposeParams(params);
  tf.dispose([x, y]);
  return { theta0, thetaT, n };
}

describe('lambdaMax by power iteration on device', () => {
  it('matches the largest Jacobi eigenvalue on random PSD matrices and on an NTK', () => {
    const mats: { name: string; m: Float64Array; n: number }[] = [
      { name: 'random PSD rank 10, n=30', m: randomPsd(30, 10, 'pi1'), n: 30 },
      { name: 'random PSD full rank, n=64', m: randomPsd(64, 64, 'pi2'), n: 64 },
    ];
    const { theta0, thetaT, n } = ntkBeforeAfter();
    mats.push({ name: 'NTK Θ₀ (n=20)', m: Float64Array.from(theta0.dataSync()), n });
    mats.push({ name: 'NTK Θ_t (n=20)', m: Float64Array.from(thetaT.dataSync()), n });
    tf.dispose([theta0, thetaT]);
    for (const { name, m, n: k } of mats) {
      const ev = jacobiEigen64(m, k).values;
      const t = tf.tensor2d(Float32Array.from(m), [k, k]);
      const lm = lambdaMax(t);
      const v = lm.dataSync()[0];
      const rel = Math.abs(v - ev[0]) / ev[0];
      console.log(`${name}: power iteration ${v.toPrecision(7)} vs Jacobi ${ev[0].toPrecision(7)} (λ₂/λ₁ = ${(ev[1] / ev[0]).toFixed(3)}), rel. error ${rel.toExponential(2)}`);
      // Rayleigh-quotient error ≲ (λ₂/λ₁)^(2·64) plus float32 rounding
      expect(rel).toBeLessThan(Math.pow(ev[1] / ev[0], 128) + 1e-5);
      tf.dispose([t, lm]);
    }
  });

  it('criticalLearningRate = 2n/λmax', () => {
    expect(criticalLearningRate(8, 64)).toBe(16);
  });

  it('chooseLearningRate: half the critical rate to 3 digits, the explicit rate, or 0.1 without a spectrum', () => {
    expect(chooseLearningRate(3, 64, null)).toEqual({ critical: 128 / 3, lr: 21.3 });
    expect(chooseLearningRate(3, 64, 0.5)).toEqual({ critical: 128 / 3, lr: 0.5 });
    expect(chooseLearningRate(0, 64, null)).toEqual({ critical: null, lr: 0.1 });
    expect(chooseLearningRate(Number.NaN, 64, null)).toEqual({ critical: null, lr: 0.1 });
    expect(chooseLearningRate(Number.POSITIVE_INFINITY, 64, 2)).toEqual({ critical: null, lr: 2 });
  });
});

describe('drift metrics match plain-JS formulas', () => {
  it('relativeDrift and alignmentDrift on an NTK before/after training', () => {
    const { theta0, thetaT } = ntkBeforeAfter();
    const a0 = Float64Array.from(theta0.dataSync());
    const aT = Float64Array.from(thetaT.dataSync());
    const diff = aT.map((v, i) => v - a0[i]);
    const relJs = frob(diff) / frob(a0);
    const alignJs = 1 - dot(aT, a0) / (frob(aT) * frob(a0));
    const rel = relativeDrift(theta0, thetaT);
    const align = alignmentDrift(theta0, thetaT);
    console.log(`relative drift ${rel.dataSync()[0].toExponential(4)} (JS ${relJs.toExponential(4)}), alignment drift ${align.dataSync()[0].toExponential(4)} (JS ${alignJs.toExponential(4)})`);
    expect(relJs).toBeGreaterThan(1e-3); // training did move the kernel
    expect(Math.abs(rel.dataSync()[0] - relJs)).toBeLessThan(1e-5 * relJs);
    expect(Math.abs(align.dataSync()[0] - alignJs)).toBeLessThan(1e-4 * alignJs + 1e-7);
    tf.dispose([theta0, thetaT, rel, align]);
  });

  it('zero drift for identical kernels, exact values on small examples', () => {
    const a = tf.tensor2d([
      [2, 1],
      [1, 3],
    ]);
    const scaled = tf.mul(a, 2.5) as tf.Tensor2D;
    const z1 = relativeDrift(a, a);
    const z2 = alignmentDrift(a, a);
    const z3 = alignmentDrift(a, scaled); // alignment ignores scale
    const r = relativeDrift(a, scaled); // ‖1.5 A‖/‖A‖
    expect(z1.dataSync()[0]).toBe(0);
    expect(z2.dataSync()[0]).toBe(0);
    expect(Math.abs(z3.dataSync()[0])).toBeLessThan(1e-7);
    expect(r.dataSync()[0]).toBeCloseTo(1.5, 6);
    // orthogonal kernels: alignment drift 1
    const e1 = tf.tensor2d([
      [1, 0],
      [0, 0],
    ]);
    const e2 = tf.tensor2d([
      [0, 0],
      [0, 1],
    ]);
    const o = alignmentDrift(e1, e2);
    expect(o.dataSync()[0]).toBeCloseTo(1, 6);
    tf.dispose([a, scaled, z1, z2, z3, r, e1, e2, o]);
  });
});

describe('memory', () => {
  it('repeated metric calls leave tf.memory().numTensors unchanged', () => {
    const { theta0, thetaT } = ntkBeforeAfter();
    const before = tf.memory().numTensors;
    for (let k = 0; k < 10; k++) {
      relativeDrift(theta0, thetaT).dispose();
      alignmentDrift(theta0, thetaT).dispose();
      lambdaMax(thetaT, 16).dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([theta0, thetaT]);
  });
});
