// The linear twin (docs/science.md §4): the network's linearisation at θ₀, trained by the same optimiser on
// the same batches with the same η, tracked in function space. For any loss and exactly,
//   f_lin,t+1(x) = f_lin,t(x) − η Θ₀(x, X_B) ∂L/∂f(X_B),   with MSE: ∂L/∂f = (f_lin,t(X_B) − y_B)/|B|.
// It needs Θ₀ on train × train and on (eval points) × train only, computed once.
import { tf } from '../tf';

export interface LinearTwinInit {
  /** Θ₀(X, X), N × N. */
  kTrainTrain: tf.Tensor2D;
  /** Θ₀(X_eval, X), M × N (test points and grid points, concatenated). */
  kEvalTrain: tf.Tensor2D;
  /** f(X; θ₀), length N. */
  f0Train: tf.Tensor1D;
  /** f(X_eval; θ₀), length M. */
  f0Eval: tf.Tensor1D;
}

/** True when idx is exactly 0, 1, …, n−1 (the GD batch), so no gather is needed. */
function isFullBatchInOrder(idx: Int32Array, n: number): boolean {
  if (idx.length !== n) return false;
  for (let i = 0; i < n; i++) if (idx[i] !== i) return false;
  return true;
}

export class LinearTwin {
  private readonly kTrainTrain: tf.Tensor2D;
  private readonly kEvalTrain: tf.Tensor2D;
  private readonly fTrainVar: tf.Variable<tf.Rank.R1>;
  private readonly fEvalVar: tf.Variable<tf.Rank.R1>;
  private disposed = false;

  /** Takes clones of the given tensors: the caller keeps ownership of its own. */
  constructor(init: LinearTwinInit) {
    const n = init.kTrainTrain.shape[0];
    const m = init.kEvalTrain.shape[0];
    if (init.kTrainTrain.shape[1] !== n || init.kEvalTrain.shape[1] !== n || init.f0Train.shape[0] !== n || init.f0Eval.shape[0] !== m)
      throw new Error(
        `LinearTwin: inconsistent shapes kTrainTrain ${init.kTrainTrain.shape}, kEvalTrain ${init.kEvalTrain.shape}, f0Train ${init.f0Train.shape}, f0Eval ${init.f0Eval.shape}`,
      );
    this.kTrainTrain = tf.clone(init.kTrainTrain);
    this.kEvalTrain = tf.clone(init.kEvalTrain);
    this.fTrainVar = tf.variable(init.f0Train, false);
    this.fEvalVar = tf.variable(init.f0Eval, false);
  }

  get nTrain(): number {
    return this.kTrainTrain.shape[0];
  }

  get nEval(): number {
    return this.kEvalTrain.shape[0];
  }

  /** f_lin,t on the training points (owned by the twin; clone to keep it past the next step). */
  get fTrain(): tf.Tensor1D {
    return this.fTrainVar;
  }

  /** f_lin,t on the eval points (owned by the twin). */
  get fEval(): tf.Tensor1D {
    return this.fEvalVar;
  }

  /** One GD/SGD step of the linear model with MSE on batch `batchIdx` (indices into the training set). */
  step(batchIdx: Int32Array, yTrain: tf.Tensor1D, lr: number): void {
    if (this.disposed) throw new Error('LinearTwin: step after dispose');
    const n = this.nTrain;
    tf.tidy(() => {
      let residual: tf.Tensor1D;
      let kTrainB: tf.Tensor2D;
      let kEvalB: tf.Tensor2D;
      if (isFullBatchInOrder(batchIdx, n)) {
        residual = tf.sub(this.fTrainVar, yTrain);
        kTrainB = this.kTrainTrain;
        kEvalB = this.kEvalTrain;
      } else {
        const idx = tf.tensor1d(batchIdx, 'int32');
        residual = tf.sub(tf.gather(this.fTrainVar, idx), tf.gather(yTrain, idx));
        kTrainB = tf.gather(this.kTrainTrain, idx, 1);
        kEvalB = tf.gather(this.kEvalTrain, idx, 1);
      }
      // −η ∂L/∂f(X_B) = −η (f_B − y_B)/|B|, as a column
      const g = tf.reshape(tf.mul(residual, -lr / batchIdx.length), [-1, 1]) as tf.Tensor2D;
      this.fTrainVar.assign(tf.add(this.fTrainVar, tf.reshape(tf.matMul(kTrainB, g), [-1])) as tf.Tensor1D);
      if (this.nEval > 0) this.fEvalVar.assign(tf.add(this.fEvalVar, tf.reshape(tf.matMul(kEvalB, g), [-1])) as tf.Tensor1D);
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.kTrainTrain.dispose();
    this.kEvalTrain.dispose();
    this.fTrainVar.dispose();
    this.fEvalVar.dispose();
  }
}

/** RMS_x (f(x) − g(x)) = sqrt(mean((f − g)²)), on device. Caller owns the scalar. */
export function rmsGap(f: tf.Tensor, g: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.sqrt(tf.mean(tf.square(tf.sub(f, g)))) as tf.Scalar);
}

/**
 * RMS(f_t − f_lin,t) / RMS(f_t − f_0): the network–twin gap relative to how far the function moved
 * at all (docs/science.md §4). The denominator is clamped at 1e-30, so at step 0 (f = f_lin = f_0) this is 0, not NaN.
 */
export function relativeRmsGap(f: tf.Tensor, fLin: tf.Tensor, f0: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.div(rmsGap(f, fLin), tf.maximum(rmsGap(f, f0), 1e-30)) as tf.Scalar);
}
