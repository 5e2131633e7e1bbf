// The fast products and the custom-gradient dense layer (src/engine/nn/dense.ts) against the plain
// tfjs formulation (matMul with transpose flags, autodiff): values and gradients, every activation,
// both parametrizations, with and without bias, on the cpu and wasm backends, with both transpose
// strategies forced on each backend.
import { afterAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { useNodeBackend, type NodeBackend } from '../../src/engine/nodeBackend';
import { dense, matMulAB, matMulABt, matMulAtB, productAB, productABt, setTransposeStrategy, transposeStrategy, type TransposeStrategy } from '../../src/engine/nn/dense';
import { activationOps } from '../../src/engine/nn/activations';
import { forward, initParams, layerScales, disposeParams, type MlpSpec, type Params } from '../../src/engine/nn/mlp';
import { ACTIVATIONS } from '../../src/schema/config';
import { relErr } from './helpers';

/** Deterministic pseudo-random entries in [−1, 1). */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** The plain network: h = s_w·matMul(a, W, false, true) + s_b·b, autodiff through tfjs's own kernels. */
function forwardPlain(spec: MlpSpec, params: Params, x: tf.Tensor2D): tf.Tensor1D {
  const scales = layerScales(spec);
  const act = activationOps(spec.activation);
  let a: tf.Tensor2D = x;
  params.forEach((L, l) => {
    let h = tf.mul(tf.matMul(a, L.W, false, true), scales[l].w) as tf.Tensor2D;
    if (L.b) h = tf.add(h, tf.mul(L.b, scales[l].b));
    a = l < params.length - 1 ? (act.phi(h) as tf.Tensor2D) : h;
  });
  return tf.reshape(a, [-1]) as tf.Tensor1D;
}

/** A weighted sum of the outputs (weights not all equal, so every gradient entry is exercised). */
function readout(f: tf.Tensor1D): tf.Scalar {
  return tf.sum(tf.mul(f, tf.tensor1d(values(f.shape[0], 99)))) as tf.Scalar;
}

async function valueAndGrads(fn: (spec: MlpSpec, p: Params, x: tf.Tensor2D) => tf.Tensor1D, spec: MlpSpec, params: Params, x: tf.Tensor2D) {
  const flat = params.flatMap((L) => (L.b ? [L.W, L.b] : [L.W]));
  const unflat = (ts: tf.Tensor[]): Params => {
    let i = 0;
    return params.map((L) => ({ W: ts[i++] as tf.Tensor2D, b: L.b ? (ts[i++] as tf.Tensor1D) : null }));
  };
  const f = tf.tidy(() => fn(spec, params, x));
  const { grads } = tf.valueAndGrads((...ts: tf.Tensor[]) => readout(fn(spec, unflat(ts), x)))(flat);
  const out = { f: await f.data(), grads: await Promise.all(grads.map((g) => g.data())) };
  tf.dispose([f, ...grads]);
  return out;
}

const TOL = 2e-5; // float32 sums in a different order

/**
 * Switch backend (useNodeBackend turns tfjs's per-kernel leak check off on wasm, where it
 * miscounts the tensors tf.customGrad saves; a test below checks for real leaks with numDataIds).
 */
async function use(backend: NodeBackend, strategy: TransposeStrategy | null): Promise<void> {
  await useNodeBackend(backend);
  setTransposeStrategy(strategy);
}

describe.each(['cpu', 'wasm'] as NodeBackend[])('dense layer on %s', (backend) => {
  afterAll(async () => {
    setTransposeStrategy(null);
    await useNodeBackend('cpu');
  });


  it('picks the measured strategy for the backend', async () => {
    await use(backend, null);
    expect(transposeStrategy()).toBe(backend === 'wasm' ? 'explicit' : 'flag');
  });

  describe.each(['explicit', 'flag'] as TransposeStrategy[])('strategy %s', (strategy) => {
    it('matMulABt, matMulAtB, matMulAB equal the flagged matMul, with gradients', async () => {
      await use(backend, strategy);
      const [m, k, n] = [7, 5, 3];
      const cases: [string, (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D, (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D, number[], number[]][] = [
        ['ABt', matMulABt, (a, b) => tf.matMul(a, b, false, true), [m, k], [n, k]],
        ['AtB', matMulAtB, (a, b) => tf.matMul(a, b, true, false), [k, m], [k, n]],
        ['AB', matMulAB, (a, b) => tf.matMul(a, b), [m, k], [k, n]],
      ];
      for (const [name, fast, plain, sa, sb] of cases) {
        const a = tf.tensor2d(values(sa[0] * sa[1], 1), sa as [number, number]);
        const b = tf.tensor2d(values(sb[0] * sb[1], 2), sb as [number, number]);
        const up = tf.tensor2d(values(m * n, 3), [m, n]); // upstream gradient
        const loss = (f: typeof fast) => (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor2D, y as tf.Tensor2D), up)) as tf.Scalar;
        const [ga, gb] = tf.grads(loss(fast))([a, b]);
        const [pa, pb] = tf.grads(loss(plain))([a, b]);
        const vf = fast(a, b);
        const vp = plain(a, b);
        expect(relErr(await vf.data(), await vp.data()), `${name} value`).toBeLessThan(TOL);
        expect(relErr(await ga.data(), await pa.data()), `${name} dA`).toBeLessThan(TOL);
        expect(relErr(await gb.data(), await pb.data()), `${name} dB`).toBeLessThan(TOL);
        tf.dispose([a, b, up, ga, gb, pa, pb, vf, vp]);
      }
    });

    for (const activation of ACTIVATIONS) {
      for (const param of ['ntk', 'standard'] as const) {
        for (const bias of [true, false]) {
          it(`network value and gradients: ${activation}, ${param}, bias ${bias}`, async () => {
            await use(backend, strategy);
            const spec: MlpSpec = { inputDim: 2, width: 24, depth: 2, activation, param, sigmaW2: 1.5, sigmaB2: 0.2, bias };
            const params = initParams(spec, 11);
            const x = tf.tensor2d(values(9 * 2, 5), [9, 2]);
            const fast = await valueAndGrads(forward, spec, params, x);
            const plain = await valueAndGrads(forwardPlain, spec, params, x);
            expect(relErr(fast.f, plain.f)).toBeLessThan(TOL);
            expect(fast.grads.length).toBe(plain.grads.length);
            fast.grads.forEach((g, i) => expect(relErr(g, plain.grads[i]), `gradient ${i}`).toBeLessThan(TOL));
            disposeParams(params);
            x.dispose();
          });
        }
      }
    }

    it('a row vector used as the right operand in both orientations gives correct products', async () => {
      // tfjs-wasm caches its matMul operator per right-hand buffer: had productABt transposed a row
      // by reshaping it (same buffer), the later u·W below would reuse the n × 1 operator.
      await use(backend, strategy);
      const W = tf.tensor2d([1, 10, 100], [1, 3]);
      const u = tf.tensor2d([1, 2, 3, 4], [4, 1]);
      const col = productABt(tf.ones([2, 3]) as tf.Tensor2D, W);
      const row = productAB(u, W);
      expect(Array.from(await col.data())).toEqual([111, 111]);
      expect(Array.from(await row.data())).toEqual([1, 10, 100, 2, 20, 200, 3, 30, 300, 4, 40, 400]);
      tf.dispose([W, u, col, row]);
    });

    it('a bias at scale 0 is used (gradient 0) and a layer without bias has none', async () => {
      await use(backend, strategy);
      const a = tf.tensor2d(values(12, 7), [4, 3]);
      const W = tf.tensor2d(values(6, 8), [2, 3]);
      const b = tf.tensor1d([0.5, -1]);
      const [, , gb] = tf.grads((x: tf.Tensor, w: tf.Tensor, c: tf.Tensor) => tf.sum(dense(x as tf.Tensor2D, w as tf.Tensor2D, c as tf.Tensor1D, { w: 0.7, b: 0 })) as tf.Scalar)([a, W, b]);
      expect(Array.from(await gb.data())).toEqual([0, 0]);
      const h = dense(a, W, null, { w: 0.7, b: 0 });
      const ref = tf.mul(tf.matMul(a, W, false, true), 0.7);
      expect(relErr(await h.data(), await ref.data())).toBeLessThan(TOL);
      tf.dispose([a, W, b, gb, h, ref]);
    });

    it('leaves no tensor or backend buffer behind (forward and gradient)', async () => {
      await use(backend, strategy);
      const a = tf.tensor2d(values(12, 7), [4, 3]);
      const W = tf.tensor2d(values(6, 8), [2, 3]);
      const b = tf.tensor1d([0.5, -1]);
      const run = () => {
        tf.dispose(dense(a, W, b, { w: 0.7, b: 0.3 }));
        tf.dispose(tf.grads((x: tf.Tensor, w: tf.Tensor, c: tf.Tensor) => tf.sum(dense(x as tf.Tensor2D, w as tf.Tensor2D, c as tf.Tensor1D, { w: 0.7, b: 0.3 })) as tf.Scalar)([a, W, b]));
        tf.dispose(tf.grads((x: tf.Tensor, w: tf.Tensor) => tf.sum(matMulABt(x as tf.Tensor2D, w as tf.Tensor2D)) as tf.Scalar)([a, W]));
      };
      run();
      const before = { tensors: tf.memory().numTensors, ids: tf.backend().numDataIds() };
      for (let i = 0; i < 3; i++) run();
      expect({ tensors: tf.memory().numTensors, ids: tf.backend().numDataIds() }).toEqual(before);
      tf.dispose([a, W, b]);
    });
  });
});
