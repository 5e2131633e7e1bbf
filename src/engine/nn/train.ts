// MSE loss, its gradient, and one GD/SGD update on the raw parameters (docs/science.md §1).
import { tf } from '../tf';
import { flatParams, unflattenParams, type MlpSpec, type Params, type VarParams } from './mlp';
import { permutation, streamSeed, uniformStream } from '../prng';
import { lossAndStep } from './mlpGrad';

/** L = (1/2N) Σ (f − y)². */
export function mseLoss(f: tf.Tensor1D, y: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.div(tf.sum(tf.square(tf.sub(f, y))), 2 * f.shape[0]) as tf.Scalar);
}

/** The parameter step Δ = −η ∇_θ L, by backprop (src/engine/nn/mlpGrad.ts; caller disposes). */
export function gdDirection(spec: MlpSpec, params: Params, x: tf.Tensor2D, y: tf.Tensor1D, lr: number): Params {
  const flat = tf.tidy(() => flatParams(lossAndStep(spec, params, x, y, lr).step));
  return unflattenParams(flat, params);
}

/** θ ← θ − η ∇_θ L on (x, y), in place on variables; returns the batch loss before the step. */
export function sgdUpdate(
  spec: MlpSpec,
  vars: VarParams,
  x: tf.Tensor2D,
  y: tf.Tensor1D,
  lr: number,
): tf.Scalar {
  return tf.tidy(() => {
    const { loss, step } = lossAndStep(spec, vars, x, y, lr);
    vars.forEach((v, l) => {
      v.W.assign(tf.add(v.W, step[l].W));
      const db = step[l].b;
      if (v.b && db) v.b.assign(tf.add(v.b, db));
    });
    return loss;
  });
}

/**
 * Minibatch indices for SGD: epochs of a seeded permutation, cut into batches of size B
 * (the last batch of an epoch may be smaller). GD uses all indices every step.
 */
export class BatchSchedule {
  private readonly rand: () => number;
  private order: Int32Array = new Int32Array(0);
  private pos = 0;

  constructor(
    readonly n: number,
    readonly batch: number,
    readonly fullBatch: boolean,
    seed: number,
  ) {
    this.rand = uniformStream(streamSeed(seed, 'batches'));
  }

  next(): Int32Array {
    if (this.fullBatch || this.batch >= this.n) return Int32Array.from({ length: this.n }, (_, i) => i);
    if (this.pos >= this.order.length) {
      this.order = permutation(this.n, this.rand);
      this.pos = 0;
    }
    const end = Math.min(this.pos + this.batch, this.order.length);
    const idx = this.order.slice(this.pos, end);
    this.pos = end;
    return idx;
  }
}
