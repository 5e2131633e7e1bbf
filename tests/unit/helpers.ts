// Shared helpers for the unit tests (no tests here: vitest only collects *.test.ts).
import { tf } from '../../src/engine/tf';
import {
  disposeParams,
  initParams,
  paramsFromArrays,
  type LayerArrays,
  type MlpSpec,
  type Params,
} from '../../src/engine/nn/mlp';
import { makeDataset } from '../../src/engine/data/datasets';
import { gdDirection } from '../../src/engine/nn/train';
import { paramsToArrays, randomDirection64 } from '../reference/reference64';
import type { Activation } from '../../src/schema/config';

/** ‖a − b‖₂ / ‖b‖₂ in float64 (the relative Frobenius error for flattened matrices); a and b of equal length. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}

/** Root mean square, in float64. */
export function rms(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] ** 2;
  return Math.sqrt(s / a.length);
}

/** A 1-D-input MLP spec: σ_w² = 2 for relu (1 otherwise), σ_b² = 0.1. */
export function makeSpec(activation: Activation, width: number, depth = 2, bias = true, param: MlpSpec['param'] = 'ntk'): MlpSpec {
  return { inputDim: 1, width, depth, activation, param, sigmaW2: activation === 'relu' ? 2 : 1, sigmaB2: 0.1, bias };
}

export interface Setup {
  spec: MlpSpec;
  params: Params;
  dir: Params;
  x: tf.Tensor2D;
  xs: Float32Array;
  layers: LayerArrays[];
  dirLayers: LayerArrays[];
  dispose(): void;
}

/**
 * θ₀, the data (n points of sine data) and Δ (a GD step with rate lr, or a seeded random
 * direction), with float64 copies of θ₀ and of the float32 Δ actually used.
 */
export async function setup(spec: MlpSpec, kind: 'gd' | 'random', seed = 3, n = 16, lr = 0.5): Promise<Setup> {
  const ds = makeDataset('sine', n, 8, seed);
  const x = tf.tensor2d(ds.xTrain, [n, 1]);
  const y = tf.tensor1d(ds.yTrain);
  const params = initParams(spec, seed);
  const layers = await paramsToArrays(params);
  const dir = kind === 'gd' ? gdDirection(spec, params, x, y, lr) : paramsFromArrays(randomDirection64(layers, seed + 100, 0.1));
  const dirLayers = await paramsToArrays(dir); // the float32 Δ actually used, as float64
  y.dispose();
  return {
    spec,
    params,
    dir,
    x,
    xs: ds.xTrain,
    layers,
    dirLayers,
    dispose: () => {
      disposeParams(params);
      disposeParams(dir);
      x.dispose();
    },
  };
}
