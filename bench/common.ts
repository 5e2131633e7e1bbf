// Benchmark core shared by Node (bench/node-bench.ts) and the browser page (bench/browser/main.ts):
// layerwise NTK vs autodiff-Jacobian NTK over an N × width grid, and training steps per second.
// Every timed region ends with `await t.data()` (a readback), so queued GPU work is included.
// Nothing here asserts on times: it only measures and reports.
import { tf } from '../src/engine/tf';
import { disposeParams, initParams, parameterCount, toVariables, type MlpSpec } from '../src/engine/nn/mlp';
import { ntkLayerwise } from '../src/engine/metrics/ntk';
import { ntkAutodiff } from '../tests/reference/ntkReference';
import { Session } from '../src/engine/session/session';
import { mseLoss, sgdUpdate } from '../src/engine/nn/train';
import { forward } from '../src/engine/nn/mlp';
import { makeDataset } from '../src/engine/data/datasets';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../src/schema/config';

export interface BenchOptions {
  ns: number[];
  widths: number[];
  /** Skip an autodiff cell whose estimated time exceeds this many seconds. */
  autodiffBudgetS: number;
  /** Skip an autodiff cell whose Jacobian (N × P float32) would exceed this many MB. */
  jacobianBudgetMB: number;
  /** Wall-clock budget for repeated runs of one timed cell (median of the runs). */
  repeatBudgetMs: number;
  /** Seconds of training to time per steps/s measurement. */
  trainSeconds: number;
}

export const FULL_OPTIONS: BenchOptions = {
  ns: [64, 128, 256],
  widths: [128, 512, 2048],
  autodiffBudgetS: 8,
  jacobianBudgetMB: 1024,
  repeatBudgetMs: 2000,
  trainSeconds: 3,
};

export const QUICK_OPTIONS: BenchOptions = {
  ns: [64, 128],
  widths: [128, 512],
  autodiffBudgetS: 3,
  jacobianBudgetMB: 256,
  repeatBudgetMs: 800,
  trainSeconds: 1.5,
};

export interface NtkCell {
  backend: string;
  n: number;
  width: number;
  params: number;
  layerwiseMs: number | null;
  layerwiseRuns: number;
  autodiffMs: number | null;
  autodiffRuns: number;
  /** Why autodiff was not timed, e.g. "skipped (>8s)". */
  autodiffNote?: string;
  /** The estimate the skip decision was based on (ms). */
  autodiffEstMs?: number;
  /** autodiff / layerwise. */
  ratio: number | null;
  /** max |Θ_layerwise − Θ_autodiff| / max |Θ_autodiff| for the timed cell (a correctness check). */
  relDiff: number | null;
  error?: string;
}

export interface TrainCell {
  backend: string;
  kind: 'GD step (sgdUpdate)' | 'Session.advance (net + linear twin)';
  width: number;
  depth: number;
  points: number;
  steps: number;
  ms: number;
  stepsPerSec: number;
  error?: string;
}

/** Layerwise vs autodiff on the small probe set (N = 8): a correctness check on every backend. */
export interface NtkCheck {
  backend: string;
  n: number;
  width: number;
  relDiff: number | null;
  error?: string;
}

export type Log = (msg: string) => void;

const now = () => performance.now();

export function benchSpec(width: number): MlpSpec {
  return { inputDim: 1, width, depth: 2, activation: 'tanh', param: 'ntk', sigmaW2: 1, sigmaB2: 0.1, bias: true };
}

/** N inputs evenly spaced on [−3, 3], as N × 1. */
function inputs(n: number): tf.Tensor2D {
  return tf.tidy(() => tf.reshape(tf.linspace(-3, 3, n), [n, 1]) as tf.Tensor2D);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Run fn once and read the result back; returns elapsed ms and the values. */
async function timeOnce(fn: () => tf.Tensor): Promise<{ ms: number; values: Float32Array | Int32Array | Uint8Array }> {
  const t0 = now();
  const t = fn();
  const values = await t.data(); // readback before stopping the clock
  const ms = now() - t0;
  t.dispose();
  return { ms, values };
}

/**
 * Median time of fn: one untimed warm-up (shader compilation, allocation), then runs until 3 runs
 * or `budgetMs` is spent (at least one timed run, at most 7).
 */
async function timeMedian(fn: () => tf.Tensor, budgetMs: number, warmup = true): Promise<{ ms: number; runs: number; values: Float32Array | Int32Array | Uint8Array }> {
  let values: Float32Array | Int32Array | Uint8Array;
  if (warmup) {
    const w = await timeOnce(fn);
    values = w.values;
    if (w.ms > budgetMs) {
      // One timed run is all the budget allows.
      const r = await timeOnce(fn);
      return { ms: r.ms, runs: 1, values: r.values };
    }
  }
  const times: number[] = [];
  const start = now();
  do {
    const r = await timeOnce(fn);
    values = r.values;
    times.push(r.ms);
  } while (times.length < 7 && (times.length < 3 || now() - start < budgetMs) && now() - start < budgetMs * 1.5);
  return { ms: median(times), runs: times.length, values };
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return den > 0 ? num / den : num;
}

/** Dense matmul throughput (GFLOP/s) on the active backend, for estimating the J Jᵀ product. */
export async function matmulGflops(): Promise<number> {
  const M = 64;
  const K = 16384;
  const a = tf.tensor2d(Float32Array.from({ length: M * K }, () => Math.random() - 0.5), [M, K]);
  const r = await timeMedian(() => tf.matMul(a, a, false, true), 500);
  a.dispose();
  return (2 * M * M * K) / (r.ms * 1e6);
}

/**
 * Layerwise vs autodiff NTK over the grid (depth 2, tanh, NTK parametrization, 1D inputs).
 * Autodiff time is estimated before each cell as t(N) = c·(perRow·N + 2N²P / throughput): the
 * per-example gradient cost from a probe at N = 8, the J Jᵀ product from the measured matmul
 * throughput, and c the ratio measured/estimated of the last timed cell at this width (1 at first).
 * Cells whose estimate exceeds the budget, or whose Jacobian exceeds the memory cap, are skipped.
 */
export async function ntkGrid(backend: string, opts: BenchOptions, log: Log): Promise<{ cells: NtkCell[]; checks: NtkCheck[] }> {
  const cells: NtkCell[] = [];
  const checks: NtkCheck[] = [];
  const gflops = await matmulGflops();
  log(`  ${backend}: matmul throughput ≈ ${gflops.toFixed(2)} GFLOP/s`);
  for (const width of opts.widths) {
    const spec = benchSpec(width);
    const params = initParams(spec, 1);
    const P = parameterCount(spec);
    const productMs = (n: number) => (2 * n * n * P) / (gflops * 1e6);
    // Autodiff probe at N = 8 (also the warm-up of the per-example gradient programs).
    let perRowMs = NaN;
    let correction = 1;
    const probeBytes = (8 * P * 4) / 2 ** 20;
    if (probeBytes <= opts.jacobianBudgetMB) {
      try {
        const xp = inputs(8);
        await timeOnce(() => ntkAutodiff(spec, params, xp));
        const r = await timeOnce(() => ntkAutodiff(spec, params, xp));
        const lw = await timeOnce(() => ntkLayerwise(spec, params, xp));
        xp.dispose();
        perRowMs = Math.max(r.ms - productMs(8), r.ms / 2) / 8;
        checks.push({ backend, n: 8, width, relDiff: maxRelDiff(lw.values, r.values) });
      } catch (e) {
        log(`  autodiff probe failed at width ${width}: ${String(e)}`);
        checks.push({ backend, n: 8, width, relDiff: null, error: String(e) });
      }
    }
    const estimate = (n: number) => correction * (perRowMs * n + productMs(n));
    let lwPrev: { n: number; ms: number } | null = null;
    let autodiffOff: string | null = Number.isNaN(perRowMs) ? 'skipped (probe failed or J too large)' : null;
    for (const n of opts.ns) {
      const cell: NtkCell = {
        backend,
        n,
        width,
        params: P,
        layerwiseMs: null,
        layerwiseRuns: 0,
        autodiffMs: null,
        autodiffRuns: 0,
        ratio: null,
        relDiff: null,
      };
      const x = inputs(n);
      let lwValues: ArrayLike<number> | null = null;
      try {
        // Large cells (estimated from the previous N at this width) get one run, no warm-up.
        const lwEst = lwPrev ? lwPrev.ms * (n / lwPrev.n) ** 1.5 : 0;
        const big = lwEst > 3 * opts.repeatBudgetMs;
        const lw = await timeMedian(() => ntkLayerwise(spec, params, x), big ? 0 : opts.repeatBudgetMs, !big);
        lwPrev = { n, ms: lw.ms };
        cell.layerwiseMs = lw.ms;
        cell.layerwiseRuns = lw.runs;
        lwValues = lw.values;
      } catch (e) {
        cell.error = `layerwise: ${String(e)}`;
      }
      const jMB = (n * P * 4) / 2 ** 20;
      const est = Number.isNaN(perRowMs) ? Infinity : estimate(n);
      if (Number.isFinite(est)) cell.autodiffEstMs = est;
      if (autodiffOff) {
        cell.autodiffNote = autodiffOff;
      } else if (jMB > opts.jacobianBudgetMB) {
        cell.autodiffNote = `skipped (J ${Math.round(jMB)} MB > ${opts.jacobianBudgetMB} MB)`;
      } else if (est > opts.autodiffBudgetS * 1000) {
        cell.autodiffNote = `skipped (>${opts.autodiffBudgetS}s)`;
        autodiffOff = cell.autodiffNote; // larger N at this width only costs more
      } else {
        try {
          // The probe already compiled the per-example programs; repeat only cheap cells.
          const ad = await timeMedian(() => ntkAutodiff(spec, params, x), est < 1000 ? opts.repeatBudgetMs : 0, est < 1000);
          cell.autodiffMs = ad.ms;
          cell.autodiffRuns = ad.runs;
          correction = ad.ms / (est / correction);
          if (lwValues) cell.relDiff = maxRelDiff(lwValues, ad.values);
        } catch (e) {
          cell.autodiffNote = `failed: ${String(e).slice(0, 60)}`;
          autodiffOff = 'skipped (smaller N failed)';
        }
      }
      if (cell.layerwiseMs !== null && cell.autodiffMs !== null) cell.ratio = cell.autodiffMs / cell.layerwiseMs;
      x.dispose();
      cells.push(cell);
      log(
        `  ${backend} N=${n} width=${width}: layerwise ${fmtMs(cell.layerwiseMs)} ms, autodiff ${
          cell.autodiffMs !== null ? fmtMs(cell.autodiffMs) + ' ms' : cell.autodiffNote
        }${cell.error ? ' ERROR ' + cell.error : ''}`,
      );
    }
    disposeParams(params);
  }
  return { cells, checks };
}

export function fmtMs(ms: number | null): string {
  if (ms === null) return '—';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

/** Run `step(k)` in growing chunks, each followed by a readback, for about `seconds` seconds. */
async function timeSteps(step: (k: number) => void, sync: () => Promise<unknown>, seconds: number): Promise<{ steps: number; ms: number }> {
  step(3); // warm-up: compile programs, allocate
  await sync();
  let chunk = 1;
  let steps = 0;
  const t0 = now();
  while (now() - t0 < seconds * 1000) {
    step(chunk);
    await sync(); // readback before reading the clock
    steps += chunk;
    if (chunk < 16) chunk *= 2;
  }
  return { steps, ms: now() - t0 };
}

export const TRAIN_SETTINGS = { width: 256, depth: 2, points: 256 };

/**
 * Training throughput at width 256, depth 2, 256 points, full-batch GD: the bare update
 * (sgdUpdate on one network) and the app's Session.advance (network + linear twin in lockstep).
 */
export async function trainBench(backend: string, opts: BenchOptions, log: Log): Promise<TrainCell[]> {
  const { width, depth, points } = TRAIN_SETTINGS;
  const out: TrainCell[] = [];
  const base = { backend, width, depth, points };
  // Bare GD step.
  {
    const spec: MlpSpec = { ...benchSpec(width), depth };
    const ds = makeDataset('sine', points, 16, 1);
    const x = tf.tensor2d(ds.xTrain, [points, 1]);
    const y = tf.tensor1d(ds.yTrain);
    const p0 = initParams(spec, 1);
    const vars = toVariables(p0);
    disposeParams(p0);
    try {
      const r = await timeSteps(
        (k) => {
          for (let i = 0; i < k; i++) sgdUpdate(spec, vars, x, y, 0.1).dispose();
        },
        async () => {
          const l = tf.tidy(() => mseLoss(forward(spec, vars, x), y));
          await l.data();
          l.dispose();
        },
        opts.trainSeconds,
      );
      out.push({ ...base, kind: 'GD step (sgdUpdate)', steps: r.steps, ms: r.ms, stepsPerSec: (r.steps / r.ms) * 1000 });
    } catch (e) {
      out.push({ ...base, kind: 'GD step (sgdUpdate)', steps: 0, ms: 0, stepsPerSec: NaN, error: String(e) });
    }
    for (const v of vars) {
      v.W.dispose();
      v.b?.dispose();
    }
    x.dispose();
    y.dispose();
  }
  // The app's step.
  {
    const config: ExperimentConfig = { ...DEFAULT_CONFIG, width, depth, train: points, optimizer: 'gd', lr: 0.1, dataset: 'sine' };
    let session: Session | null = null;
    try {
      session = await Session.create(config);
      const s = session;
      const r = await timeSteps(
        (k) => s.advance(k),
        async () => {
          const W = s.params[s.params.length - 1].W;
          await W.data();
        },
        opts.trainSeconds,
      );
      out.push({ ...base, kind: 'Session.advance (net + linear twin)', steps: r.steps, ms: r.ms, stepsPerSec: (r.steps / r.ms) * 1000 });
    } catch (e) {
      out.push({ ...base, kind: 'Session.advance (net + linear twin)', steps: 0, ms: 0, stepsPerSec: NaN, error: String(e) });
    } finally {
      session?.dispose();
    }
  }
  for (const c of out) log(`  ${backend} ${c.kind}: ${c.error ? 'ERROR ' + c.error : c.stepsPerSec.toFixed(1) + ' steps/s'}`);
  return out;
}

export interface BackendResult {
  backend: string;
  label?: string;
  ntk: NtkCell[];
  checks?: NtkCheck[];
  train: TrainCell[];
  error?: string;
  info?: Record<string, unknown>;
  /** Training steps/s per width, fast dense layer vs old kernels (bench/train-scaling.ts). */
  scaling?: import('./train-scaling').ScalingCell[];
  /** matMul GFLOP/s per variant (bench/matmul.ts). */
  matmul?: import('./matmul').MatMulCell[];
  /** Backend start-up (import + setBackend + ready), ms. */
  setupMs?: number;
}
