import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { disposeParams, forward, initParams, layerScales, toVariables, type MlpSpec, type Params } from '../../src/engine/nn/mlp';
import { ntkLayerwise } from '../../src/engine/metrics/ntk';
import { perExampleJacobian } from '../reference/ntkReference';
import { LinearTwin, relativeRmsGap, rmsGap } from '../../src/engine/metrics/linearTwin';
import { gdClosedForm } from '../reference/gdClosedForm';
import { BatchSchedule, sgdUpdate } from '../../src/engine/nn/train';
import { normals } from '../../src/engine/prng';

const N = 6;
const M = 4;

function points(n: number, d: number, tag: string): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(normals(7, tag, n * d)), [n, d]);
}

function targets(n: number): tf.Tensor1D {
  return tf.tensor1d(Float32Array.from(normals(7, 'y', n)));
}

function makeTwin(spec: MlpSpec, params: Params, xTrain: tf.Tensor2D, xEval: tf.Tensor2D): LinearTwin {
  const init = {
    kTrainTrain: ntkLayerwise(spec, params, xTrain),
    kEvalTrain: ntkLayerwise(spec, params, xEval, xTrain),
    f0Train: forward(spec, params, xTrain),
    f0Eval: forward(spec, params, xEval),
  };
  const twin = new LinearTwin(init);
  tf.dispose(Object.values(init)); // the twin keeps its own clones
  return twin;
}

/** Row-major tensor → array of float64 rows. */
function rows(t: tf.Tensor2D): Float64Array[] {
  const [r, c] = t.shape;
  const v = t.dataSync();
  return Array.from({ length: r }, (_, i) => Float64Array.from(v.subarray(i * c, (i + 1) * c)));
}

/**
 * The explicit parameter-space linear model in float64: u = θ − θ₀, f_lin(x) = f₀(x) + J₀(x)·u, and the
 * optimiser step u ← u − η J₀(X_B)ᵀ (f_lin(X_B) − y_B)/|B| (the gradient of the MSE loss with respect to θ).
 */
class ParamSpaceLinearModel {
  private readonly u: Float64Array;
  constructor(
    private readonly jTrain: Float64Array[],
    private readonly jEval: Float64Array[],
    private readonly f0Train: number[],
    private readonly f0Eval: number[],
  ) {
    this.u = new Float64Array(jTrain[0].length);
  }
  private value(j: Float64Array, f0: number): number {
    let s = f0;
    for (let k = 0; k < j.length; k++) s += j[k] * this.u[k];
    return s;
  }
  fTrain(): number[] {
    return this.jTrain.map((j, i) => this.value(j, this.f0Train[i]));
  }
  fEval(): number[] {
    return this.jEval.map((j, i) => this.value(j, this.f0Eval[i]));
  }
  step(batch: Int32Array, y: ArrayLike<number>, lr: number): void {
    const f = this.fTrain();
    const grad = new Float64Array(this.u.length);
    for (const i of batch) {
      const r = (f[i] - y[i]) / batch.length;
      for (let k = 0; k < grad.length; k++) grad[k] += this.jTrain[i][k] * r;
    }
    for (let k = 0; k < grad.length; k++) this.u[k] -= lr * grad[k];
  }
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

describe('linear twin equals the explicit parameter-space linearisation', () => {
  const cases: { name: string; spec: MlpSpec; fullBatch: boolean; batch: number; lr: number }[] = [
    { name: 'GD, tanh, NTK param', spec: { inputDim: 1, width: 8, depth: 2, activation: 'tanh', param: 'ntk', sigmaW2: 1, sigmaB2: 0.1, bias: true }, fullBatch: true, batch: N, lr: 0.5 },
    { name: 'SGD batch 2, tanh, NTK param', spec: { inputDim: 1, width: 8, depth: 2, activation: 'tanh', param: 'ntk', sigmaW2: 1, sigmaB2: 0.1, bias: true }, fullBatch: false, batch: 2, lr: 0.3 },
    { name: 'SGD batch 4, relu, standard param, 2D', spec: { inputDim: 2, width: 10, depth: 1, activation: 'relu', param: 'standard', sigmaW2: 2, sigmaB2: 0.1, bias: true }, fullBatch: false, batch: 4, lr: 0.2 },
    { name: 'GD, erf, standard param, no bias', spec: { inputDim: 2, width: 10, depth: 3, activation: 'erf', param: 'standard', sigmaW2: 1.5, sigmaB2: 0, bias: false }, fullBatch: true, batch: N, lr: 0.4 },
  ];
  for (const c of cases)
    it(c.name, () => {
      const params = initParams(c.spec, 3);
      const xTrain = points(N, c.spec.inputDim, 'train');
      const xEval = points(M, c.spec.inputDim, 'eval');
      const y = targets(N);
      const yArr = y.dataSync();
      const twin = makeTwin(c.spec, params, xTrain, xEval);
      const jTrain = perExampleJacobian(c.spec, params, xTrain);
      const jEval = perExampleJacobian(c.spec, params, xEval);
      const model = new ParamSpaceLinearModel(rows(jTrain), rows(jEval), Array.from(twin.fTrain.dataSync()), Array.from(twin.fEval.dataSync()));
      const schedule = new BatchSchedule(N, c.batch, c.fullBatch, 11);
      let worst = 0;
      let scale = 0;
      for (let t = 0; t < 60; t++) {
        const idx = schedule.next();
        twin.step(idx, y, c.lr);
        model.step(idx, yArr, c.lr);
        if (t % 10 === 9) {
          const a = [...twin.fTrain.dataSync(), ...twin.fEval.dataSync()];
          const b = [...model.fTrain(), ...model.fEval()];
          worst = Math.max(worst, maxAbsDiff(a, b));
          scale = Math.max(scale, maxAbs(b));
        }
      }
      console.log(`${c.name}: max |twin − param-space model| = ${worst.toExponential(2)} (scale ${scale.toFixed(3)})`);
      expect(worst).toBeLessThan(2e-5 * Math.max(1, scale));
      // and it actually trained: the training residual shrank
      const r0 = gdResidualNorm(Array.from(tf.tidy(() => forward(c.spec, params, xTrain)).dataSync()), yArr);
      expect(gdResidualNorm(model.fTrain(), yArr)).toBeLessThan(0.9 * r0);
      twin.dispose();
      tf.dispose([xTrain, xEval, y, jTrain, jEval]);
      disposeParams(params);
    });
});

function gdResidualNorm(f: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < f.length; i++) s += (f[i] - y[i]) ** 2;
  return Math.sqrt(s);
}

describe('GD closed form', () => {
  it('gdClosedForm equals float64 iteration of f ← f − (η/N) Θ (f − y)', () => {
    const n = 5;
    const z = normals(4, 'A', n * n);
    // Θ = A Aᵀ + 0.1 I: symmetric positive definite
    const theta = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => {
        let s = i === j ? 0.1 : 0;
        for (let k = 0; k < n; k++) s += z[i * n + k] * z[j * n + k];
        return s;
      }),
    );
    const f0 = Array.from(normals(4, 'f0', n));
    const y = Array.from(normals(4, 'y', n));
    for (const [lr, t] of [
      [0.3, 0],
      [0.3, 1],
      [0.3, 37],
      [1.1, 200],
    ]) {
      let f = f0.slice();
      for (let s = 0; s < t; s++) {
        const r = f.map((fi, i) => fi - y[i]);
        f = f.map((fi, i) => fi - (lr / n) * theta[i].reduce((acc, tij, j) => acc + tij * r[j], 0));
      }
      const c = gdClosedForm(theta, f0, y, lr, t);
      expect(maxAbsDiff(c, f)).toBeLessThan(1e-10 * Math.max(1, maxAbs(f)));
    }
  });

  it('the twin under GD + MSE follows (I − ηΘ₀/N)^t (f₀ − Y)', () => {
    const spec: MlpSpec = { inputDim: 1, width: 16, depth: 2, activation: 'relu', param: 'ntk', sigmaW2: 2, sigmaB2: 0.1, bias: true };
    const params = initParams(spec, 9);
    const xTrain = points(N, 1, 'train-cf');
    const xEval = points(M, 1, 'eval-cf');
    const y = targets(N);
    const twin = makeTwin(spec, params, xTrain, xEval);
    const theta0 = ntkLayerwise(spec, params, xTrain);
    const f0 = Array.from(twin.fTrain.dataSync());
    const all = Int32Array.from({ length: N }, (_, i) => i);
    const lr = 0.5;
    let worst = 0;
    for (let t = 1; t <= 100; t++) {
      twin.step(all, y, lr);
      if (t % 25 === 0) {
        const c = gdClosedForm(theta0.arraySync(), f0, Array.from(y.dataSync()), lr, t);
        worst = Math.max(worst, maxAbsDiff(twin.fTrain.dataSync(), c));
      }
    }
    console.log(`twin vs gdClosedForm over 100 GD steps: max abs error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(2e-5);
    twin.dispose();
    tf.dispose([xTrain, xEval, y, theta0]);
    disposeParams(params);
  });
});

describe('linear activation, depth 1: network step − twin step = the exact second-order term', () => {
  // f = s2·W2·(s1·W1 x + s1b·b1) + s2b·b2 is bilinear in (W2, (W1, b1)), so
  // f(θ + Δ) − f(θ) − J(θ)Δ = s2·ΔW2·(s1·ΔW1 x + s1b·Δb1) exactly, and the twin's one-step change is J(θ₀)Δ.
  for (const param of ['ntk', 'standard'] as const)
    it(`${param} parametrization`, () => {
      const spec: MlpSpec = { inputDim: 2, width: 8, depth: 1, activation: 'linear', param, sigmaW2: 1, sigmaB2: 0.1, bias: true };
      const [s1, s2] = layerScales(spec);
      const params = initParams(spec, 21);
      const vars = toVariables(params);
      const xTrain = points(N, 2, 'train-lin');
      const xEval = points(M, 2, 'eval-lin');
      const y = targets(N);
      const twin = makeTwin(spec, params, xTrain, xEval);
      const f0 = [...twin.fTrain.dataSync(), ...twin.fEval.dataSync()];
      const lr = param === 'ntk' ? 1.0 : 0.3;
      sgdUpdate(spec, vars, xTrain, y, lr).dispose();
      twin.step(Int32Array.from({ length: N }, (_, i) => i), y, lr);
      const f1 = [...forward(spec, vars, xTrain).dataSync(), ...forward(spec, vars, xEval).dataSync()];
      const fLin1 = [...twin.fTrain.dataSync(), ...twin.fEval.dataSync()];
      // ΔW, Δb in float64 from the float32 parameters
      const dW1 = sub(vars[0].W.dataSync(), params[0].W.dataSync());
      const db1 = sub(vars[0].b!.dataSync(), params[0].b!.dataSync());
      const dW2 = sub(vars[1].W.dataSync(), params[1].W.dataSync());
      const xs = [...xTrain.arraySync(), ...xEval.arraySync()];
      const n = spec.width;
      const secondOrder = xs.map((x) => {
        let s = 0;
        for (let i = 0; i < n; i++) s += dW2[i] * (s1.w * (dW1[i * 2] * x[0] + dW1[i * 2 + 1] * x[1]) + s1.b * db1[i]);
        return s2.w * s;
      });
      const measured = f1.map((v, i) => v - f0[i] - (fLin1[i] - f0[i]));
      const err = maxAbsDiff(measured, secondOrder);
      const fScale = Math.max(maxAbs(f0), maxAbs(f1));
      console.log(`${param}: max |second-order term| ${maxAbs(secondOrder).toExponential(2)}, max error ${err.toExponential(2)} (|f| ≤ ${fScale.toFixed(2)})`);
      // float32 rounding of f0, f1 and the twin update: a few ulps of |f|
      expect(err).toBeLessThan(2e-6 * Math.max(1, fScale));
      // the identity is not vacuous: the second-order term is far above the rounding level
      expect(maxAbs(secondOrder)).toBeGreaterThan(100 * 2e-6 * Math.max(1, fScale));
      twin.dispose();
      for (const v of vars) {
        v.W.dispose();
        v.b?.dispose();
      }
      tf.dispose([xTrain, xEval, y]);
      disposeParams(params);
    });
});

function sub(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: a.length }, (_, i) => a[i] - b[i]);
}

describe('gap metrics and housekeeping', () => {
  it('rmsGap and relativeRmsGap match plain-JS formulas', () => {
    const f = [0.3, -1.2, 2.5, 0.0, 1.1];
    const g = [0.1, -1.0, 2.0, 0.4, 1.1];
    const f0 = [0, 0, 1, 1, -1];
    const rms = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.length);
    const r = rmsGap(tf.tensor1d(f), tf.tensor1d(g));
    expect(r.dataSync()[0]).toBeCloseTo(rms(f, g), 6);
    const rr = relativeRmsGap(tf.tensor1d(f), tf.tensor1d(g), tf.tensor1d(f0));
    expect(rr.dataSync()[0]).toBeCloseTo(rms(f, g) / rms(f, f0), 6);
    const zero = relativeRmsGap(tf.tensor1d(f0), tf.tensor1d(f0), tf.tensor1d(f0));
    expect(zero.dataSync()[0]).toBe(0);
  });

  it('step leaves the tensor count unchanged (GD and SGD) and dispose frees everything', () => {
    const spec: MlpSpec = { inputDim: 1, width: 8, depth: 1, activation: 'tanh', param: 'ntk', sigmaW2: 1, sigmaB2: 0.1, bias: true };
    const params = initParams(spec, 1);
    const xTrain = points(N, 1, 'mem');
    const xEval = points(M, 1, 'mem-eval');
    const y = targets(N);
    const start = tf.memory().numTensors;
    const twin = makeTwin(spec, params, xTrain, xEval);
    const afterCreate = tf.memory().numTensors;
    const schedule = new BatchSchedule(N, 2, false, 1);
    for (let t = 0; t < 20; t++) {
      twin.step(schedule.next(), y, 0.1);
      twin.step(Int32Array.from({ length: N }, (_, i) => i), y, 0.1);
      rmsGap(twin.fTrain, y).dispose();
    }
    expect(tf.memory().numTensors).toBe(afterCreate);
    twin.dispose();
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([xTrain, xEval, y]);
    disposeParams(params);
  });

  it('rejects inconsistent shapes', () => {
    const k = tf.zeros([3, 3]) as tf.Tensor2D;
    const ke = tf.zeros([2, 4]) as tf.Tensor2D;
    const f = tf.zeros([3]) as tf.Tensor1D;
    const fe = tf.zeros([2]) as tf.Tensor1D;
    expect(() => new LinearTwin({ kTrainTrain: k, kEvalTrain: ke, f0Train: f, f0Eval: fe })).toThrow(/inconsistent shapes/);
    tf.dispose([k, ke, f, fe]);
  });
});
