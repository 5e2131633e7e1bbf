// Training steps/s per width (full-batch GD on 256 points, depth 2, tanh, NTK parametrization —
// the same step as bench/numpy_step.py), on the active backend, for the engine's step ("after":
// hand-written backprop, src/engine/nn/mlpGrad.ts, on the fast products) and, for an A/B in the same
// run, two earlier steps: "dense" (tfjs autodiff through the fast dense layer's custom gradient) and
// "before" (autodiff with transpose flags, i.e. tfjs-wasm's slow transposed matMuls). Above the
// step-time cap the engine's step is timed for a single step and the earlier steps are skipped, so
// width 4096 finishes. Readback (await data()) after every timed chunk.
import { tf } from '../src/engine/tf';
import { disposeParams, initParams, toVariables } from '../src/engine/nn/mlp';
import { sgdUpdate } from '../src/engine/nn/train';
import { lossGradients } from '../tests/reference/lossGradients';
import type { MlpSpec, VarParams } from '../src/engine/nn/mlp';
import { setTransposeStrategy, type TransposeStrategy } from '../src/engine/nn/dense';
import { benchSpec, type Log } from './common';

export const SCALING_WIDTHS = [64, 256, 1024, 4096];
export const SCALING_POINTS = 256;

export interface ScalingCell {
  backend: string;
  /** 'after' = hand-written backprop (the engine), 'dense' = autodiff through the fast dense layer, 'before' = autodiff with transpose flags. */
  variant: 'after' | 'dense' | 'before';
  width: number;
  steps: number;
  ms: number;
  stepsPerSec: number | null;
  /** numpy float32 steps/s for the same step, run right before this width's cells (Node only). */
  numpyStepsPerSec?: number | null;
  /** The first (untimed) step including kernel set-up / shader compilation, ms. */
  firstStepMs?: number;
  note?: string;
}

/** Full grid: every width, 3 s per cell, skip cells estimated above 8 s/step; quick: 1.5 s, 4 s. */
export const SCALING_FULL: Omit<ScalingOptions, 'before'> = { widths: SCALING_WIDTHS, seconds: 3, maxStepS: 8 };
export const SCALING_QUICK: Omit<ScalingOptions, 'before'> = { widths: SCALING_WIDTHS, seconds: 1.5, maxStepS: 4 };

export interface ScalingOptions {
  widths: number[];
  /** Seconds to time per cell (at least 2 steps). */
  seconds: number;
  /** Above this estimated step time (s), the earlier steps are skipped and the engine's step is timed for one step. */
  maxStepS: number;
  /** Also time the earlier steps (autodiff: fast dense layer, and transpose flags) on this backend. */
  before: boolean;
}

type Update = (spec: MlpSpec, vars: VarParams, x: tf.Tensor2D, y: tf.Tensor1D, lr: number) => tf.Scalar;

/** The step as the engine took it before mlpGrad.ts: tfjs autodiff of the loss, then θ ← θ − η g. */
function autodiffUpdate(spec: MlpSpec, vars: VarParams, x: tf.Tensor2D, y: tf.Tensor1D, lr: number): tf.Scalar {
  return tf.tidy(() => {
    const { loss, grads } = lossGradients(spec, vars, x, y);
    vars.forEach((v, l) => {
      v.W.assign(tf.sub(v.W, tf.mul(grads[l].W, lr)));
      const gb = grads[l].b;
      if (v.b && gb) v.b.assign(tf.sub(v.b, tf.mul(gb, lr)));
    });
    return loss;
  });
}

async function timeCell(update: Update, width: number, seconds: number, minSteps: number): Promise<{ steps: number; ms: number; firstMs: number }> {
  const spec = benchSpec(width);
  const n = SCALING_POINTS;
  const x = tf.tidy(() => tf.reshape(tf.linspace(-3, 3, n), [n, 1]) as tf.Tensor2D);
  const y = tf.tidy(() => tf.sin(tf.reshape(x, [-1])) as tf.Tensor1D);
  const p0 = initParams(spec, 1);
  const vars = toVariables(p0);
  disposeParams(p0);
  try {
    const t0 = performance.now();
    const l0 = update(spec, vars, x, y, 0.01); // warm-up (kernel set-up, allocation)
    await l0.data();
    l0.dispose();
    const firstMs = performance.now() - t0;
    let steps = 0;
    let chunk = 1;
    const start = performance.now();
    while (steps < minSteps || performance.now() - start < seconds * 1000) {
      let last: tf.Scalar | null = null;
      for (let i = 0; i < chunk; i++) {
        last?.dispose();
        last = update(spec, vars, x, y, 0.01);
      }
      await last!.data();
      last!.dispose();
      steps += chunk;
      const perStep = (performance.now() - start) / steps;
      chunk = Math.max(1, Math.min(32, Math.floor(200 / perStep)));
    }
    return { steps, ms: performance.now() - start, firstMs };
  } finally {
    for (const v of vars) {
      v.W.dispose();
      v.b?.dispose();
    }
    tf.dispose([x, y]);
  }
}

/**
 * `reference(width)`, when given, runs the native reference for that width right before its cells,
 * so each ratio compares runs seconds apart (the machine's load drifts).
 */
export async function trainScaling(
  backend: string,
  opts: ScalingOptions,
  log: Log,
  reference?: (width: number) => number | null,
): Promise<ScalingCell[]> {
  const cells: ScalingCell[] = [];
  const variants: ScalingCell['variant'][] = opts.before ? ['before', 'dense', 'after'] : ['after'];
  const lastStepMs: Partial<Record<ScalingCell['variant'], { width: number; ms: number }>> = {};
  try {
    for (const width of opts.widths) {
      const numpy = reference ? reference(width) : undefined;
      if (numpy !== undefined) log(`  numpy float32 width ${width}: ${numpy === null ? 'skipped reference' : numpy.toFixed(2) + ' steps/s'}`);
      for (const variant of variants) {
        const prev = lastStepMs[variant];
        // step cost grows like width² (the width × width layer dominates)
        const estS = prev ? (prev.ms * (width / prev.width) ** 2) / 1000 : 0;
        // Above the cap the engine's step is timed for one step (so width 4096 finishes on wasm) and the
        // earlier steps are skipped
        const minSteps = estS > opts.maxStepS ? 1 : 2;
        // (a warm-up plus one step; beyond 8× the cap even that is skipped, e.g. the cpu backend at 4096)
        if ((variant !== 'after' && estS > opts.maxStepS) || estS > 8 * opts.maxStepS) {
          cells.push({ backend, variant, width, steps: 0, ms: 0, stepsPerSec: null, numpyStepsPerSec: numpy, note: `skipped (≈${estS.toFixed(0)} s/step)` });
          log(`  ${backend} ${variant} width ${width}: skipped (≈${estS.toFixed(0)} s/step)`);
          continue;
        }
        setTransposeStrategy(variant === 'before' ? ('flag' as TransposeStrategy) : null);
        const r = await timeCell(variant === 'after' ? sgdUpdate : autodiffUpdate, width, minSteps === 1 ? 0 : opts.seconds, minSteps);
        const sps = (r.steps / r.ms) * 1000;
        lastStepMs[variant] = { width, ms: r.ms / r.steps };
        cells.push({ backend, variant, width, steps: r.steps, ms: r.ms, stepsPerSec: sps, numpyStepsPerSec: numpy, firstStepMs: r.firstMs });
        log(`  ${backend} ${variant} width ${width}: ${sps.toFixed(2)} steps/s (${r.steps} steps; first step ${r.firstMs.toFixed(0)} ms)`);
      }
    }
  } finally {
    setTransposeStrategy(null);
  }
  return cells;
}
