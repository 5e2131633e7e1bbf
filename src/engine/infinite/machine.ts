// The infinite-width kernel machine (docs/science.md §11): the model whose tangent kernel is Θ∞,
// trained by the network's own discrete GD/SGD from the network's own f₀, on the same batches with
// the same η:  f∞,t+1(x) = f∞,t(x) − (η/|B|) Θ∞(x, X_B) (f∞,t(X_B) − y_B),  on training and eval points.
// That is the linear twin's update (metrics/linearTwin.ts) with Θ∞ in place of Θ₀, so the machine
// IS a LinearTwin built from Θ∞: its state stays on the device next to the twin's and is read back
// in the same batch. Θ∞ itself is computed once, in float64 on the CPU (recursion.ts), because
// the recursion is scalar work per pair of points (closed forms, series) that tf ops do not
// express, and float32 would lose the 1e−10 agreement with the closed forms the tests check.
import { tf } from '../tf';
import type { MlpSpec } from '../nn/mlp';
import { LinearTwin } from '../metrics/linearTwin';
import { infiniteKernels, parametrizationLimit } from './recursion';

/**
 * Largest (pairs of points × hidden layers) computed for a live machine. Measured in Node on the
 * shared 2-core dev machine: 392 × 64 points (sine defaults) in 39 ms for relu at depth 3 and in
 * 0.16 s / 0.67 s for tanh (series) at depth 1 / 3, mostly its per-point coefficients
 * (docs/science.md §11).
 */
export const MACHINE_MAX_PAIR_LAYERS = 4_000_000;

/** Pair-layers the machine's kernels cost: Θ∞(X, X) (one triangle) and Θ∞(X_eval, X), per hidden layer. */
export function machineCost(spec: Pick<MlpSpec, 'depth'>, nTrain: number, nEval: number): number {
  return ((nTrain * (nTrain + 1)) / 2 + nEval * nTrain) * Math.max(1, spec.depth);
}

/** Why a run has no kernel machine (null when it has one). */
export function machineOffReason(spec: MlpSpec, enabled: boolean, nTrain: number, nEval: number): string | null {
  if (!enabled) return 'machine=false: the infinite-width kernel machine is off.';
  const limit = parametrizationLimit(spec);
  if (!limit.ntk) return `No kernel machine: ${limit.note}.`;
  const cost = machineCost(spec, nTrain, nEval);
  if (cost > MACHINE_MAX_PAIR_LAYERS)
    return `No kernel machine: Θ∞ on ${nTrain} training × ${nTrain + nEval} points over ${spec.depth} layers is ${(cost / 1e6).toFixed(1)} M pair-layers (the live limit is ${MACHINE_MAX_PAIR_LAYERS / 1e6} M).`;
  return null;
}

export interface MachineInit {
  /** Training inputs, row-major N × d₀. */
  xTrain: ArrayLike<number>;
  /** Eval inputs (test points then grid points), row-major M × d₀. */
  xEval: ArrayLike<number>;
  /** The network's f(X; θ₀) and f(X_eval; θ₀) (the machine starts where the network starts). */
  f0Train: tf.Tensor1D;
  f0Eval: tf.Tensor1D;
}

/** Θ∞ on train × train and eval × train (float64), and the machine built from them. */
export function createMachine(spec: MlpSpec, init: MachineInit): LinearTwin {
  const train = infiniteKernels(spec, init.xTrain);
  const evalTrain = init.xEval.length > 0 ? infiniteKernels(spec, init.xEval, init.xTrain) : { rows: 0, cols: train.cols, ntk: new Float64Array(0) };
  const kTrainTrain = tf.tensor2d(Float32Array.from(train.ntk), [train.rows, train.cols]);
  const kEvalTrain = tf.tensor2d(Float32Array.from(evalTrain.ntk), [evalTrain.rows, train.cols]);
  try {
    // the twin clones what it is given
    return new LinearTwin({ kTrainTrain, kEvalTrain, f0Train: init.f0Train, f0Eval: init.f0Eval });
  } finally {
    tf.dispose([kTrainTrain, kEvalTrain]);
  }
}
