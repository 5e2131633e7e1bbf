// Learning per NTK eigenmode (docs/science.md §9). Θ₀ on the training set is decomposed once per
// run, Θ₀ = Σ_k λ_k u_k u_kᵀ (float64 Householder + divide and conquer, eigenvalues descending), and at each logged step the
// residuals of the network and of the linear twin are projected on the top K eigenvectors:
//   net_k = u_kᵀ(f_t(X) − Y),   lin_k = u_kᵀ(f_lin,t(X) − Y).
// For GD + MSE the twin's projections follow lin_k(t) = (1 − ηλ_k/N)^t · lin_k(0) exactly.
// Sign rule: each u_k is flipped so that its largest-magnitude entry is positive (the first such
// entry on ties), so the projections are reproducible across backends and runs.
import { tf } from '../tf';
import { symmetricEigenTop } from '../linalg/symmetricEigen';

/**
 * Largest training set whose Θ₀ is decomposed (once, at the start of a run, synchronously in the
 * worker or the CLI). The float64 solver (../linalg/symmetricEigen.ts, all eigenvalues and the top K
 * vectors) is O(N³): bench/eigen.mjs measured it in Node on the 2-core dev machine, nothing else
 * running, for K = 16 at 0.07 s for N = 512 and 0.50 s for N = 1024 (the full decomposition: 0.17 s
 * and 1.24 s), and 0.5–0.7 s of CPU on the MNIST Θ₀ at N = 992 (load ~13), against 20 s of CPU at N = 512 for the
 * Jacobi solver used before (which is why modes stopped at 256 then).
 */
export const MODES_MAX_TRAIN = 1024;

/** The top K eigenpairs of Θ₀(X, X): λ_k/N descending and u_k as the rows of a K × N array. */
export interface ModeBasis {
  /** Number of modes K. */
  count: number;
  /** Training-set size N. */
  n: number;
  /** λ_k(Θ₀)/N, descending. */
  lambda: number[];
  /** Row-major K × N: vectors[k·N + i] = component i of u_k (unit 2-norm, sign rule applied). */
  vectors: Float64Array;
}

/** The number of modes a run tracks: min(requested, N), or 0 when off or N is too large to decompose. */
export function modeCount(requested: number, nTrain: number): number {
  return nTrain > MODES_MAX_TRAIN ? 0 : Math.min(requested, nTrain);
}

/** Why a run with `requested` modes tracks none (null when it tracks some). */
export function modesOffReason(requested: number, nTrain: number): string | null {
  if (requested === 0) return 'modes=0: per-mode tracking is off.';
  if (nTrain > MODES_MAX_TRAIN) return `Per-mode tracking needs at most ${MODES_MAX_TRAIN} training points (this run has ${nTrain}).`;
  return null;
}

/** Flip v (length n, stride 1) in place so that its largest-magnitude entry is positive. */
export function applySignRule(v: Float64Array): void {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[best])) best = i;
  if (v[best] < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i];
}

/** The top `k` eigenpairs of the symmetric n × n kernel (row-major), eigenvalues divided by n. */
export function modeBasis(kernel: ArrayLike<number>, n: number, k: number): ModeBasis {
  const count = Math.max(0, Math.min(k, n));
  const { values, vectors } = symmetricEigenTop(kernel, n, count);
  const rows = new Float64Array(count * n);
  for (let m = 0; m < count; m++) {
    const u = new Float64Array(n);
    for (let i = 0; i < n; i++) u[i] = vectors[i * count + m];
    applySignRule(u);
    rows.set(u, m * n);
  }
  return { count, n, lambda: values.slice(0, count).map((l) => l / n), vectors: rows };
}

/** Projections of one step: network and twin residuals on u_1 … u_K. */
export interface ModeProjections {
  net: number[];
  lin: number[];
}

/**
 * The device side: U (K × N, float32) and the RMS of the initial residual, kept for the run.
 * project() is one K × N product on the stacked residuals [f − y; f_lin − y]; nothing is read back.
 */
export class ModeProjector {
  readonly basis: ModeBasis;
  private readonly u: tf.Tensor2D;
  private readonly r0Rms: tf.Scalar;
  private disposed = false;

  constructor(basis: ModeBasis, f0Train: tf.Tensor1D, yTrain: tf.Tensor1D) {
    if (basis.count < 1) throw new Error('ModeProjector: needs at least one mode');
    if (f0Train.shape[0] !== basis.n || yTrain.shape[0] !== basis.n) throw new Error(`ModeProjector: ${basis.n} modes' length vs f0 ${f0Train.shape}, y ${yTrain.shape}`);
    this.basis = basis;
    this.u = tf.tensor2d(Float32Array.from(basis.vectors), [basis.count, basis.n]);
    this.r0Rms = tf.tidy(() => tf.sqrt(tf.mean(tf.square(tf.sub(f0Train, yTrain)))) as tf.Scalar);
  }

  /** [[u_kᵀ(f − y)]_k; [u_kᵀ(f_lin − y)]_k] as a 2 × K tensor (caller owns it). */
  project(fTrain: tf.Tensor1D, fLinTrain: tf.Tensor1D, yTrain: tf.Tensor1D): tf.Tensor2D {
    if (this.disposed) throw new Error('ModeProjector: used after dispose');
    return tf.tidy(() => {
      const r = tf.stack([tf.sub(fTrain, yTrain), tf.sub(fLinTrain, yTrain)]) as tf.Tensor2D; // 2 × N
      return tf.matMul(r, this.u, false, true) as tf.Tensor2D; // 2 × K
    });
  }

  /**
   * modeDeparture = RMS_k (net_k − lin_k) / RMS_i (f₀(x_i) − y_i), from a 2 × K projection. The
   * denominator is the RMS over all N eigenmodes of the initial projections too (u_k orthonormal),
   * so numerator and denominator are both per-mode RMS values. Caller owns the scalar.
   */
  departure(proj: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => {
      const [net, lin] = tf.unstack(proj);
      return tf.div(tf.sqrt(tf.mean(tf.square(tf.sub(net, lin)))), tf.maximum(this.r0Rms, 1e-30)) as tf.Scalar;
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.u.dispose();
    this.r0Rms.dispose();
  }
}

/** A 2 × K readback (row-major) → the row's `modes` record. */
export function modesRecord(basis: ModeBasis, values: ArrayLike<number>): { lambda: number[]; net: number[]; lin: number[] } {
  const k = basis.count;
  return { lambda: basis.lambda.slice(), net: Array.from({ length: k }, (_, i) => values[i]), lin: Array.from({ length: k }, (_, i) => values[k + i]) };
}
