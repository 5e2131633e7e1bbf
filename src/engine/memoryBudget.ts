// Memory guard: an estimate, before a run starts, of the tensor memory it needs (float32), compared
// with a per-backend budget, and the largest width that fits when it does not. Pure arithmetic on
// the config; the estimate counts the big items and rounds them up, it is not an exact allocator
// trace. The limits are documented in the README ("Memory limits").
import { effectiveBatch, isToyDataset, TOY_INPUT_DIM, type ExperimentConfig } from '../schema/config';
import { COMPARE_KEYS, runLabel } from '../schema/compare';
import { PROBE_CAP_TEST, PROBE_CAP_TRAIN } from './metrics/probe';
import { parameterCount } from './nn/mlp';
import type { BackendName } from '../schema/backends';

/**
 * Tensor memory we let one run use, per backend (bytes). WebGL textures and WebGPU buffers share a
 * GPU (often integrated) with the page; wasm's heap is 32-bit (4 GiB at most, growth needs a
 * contiguous copy); the cpu backend keeps typed arrays in the worker's JS heap.
 */
export const MEMORY_BUDGET_BYTES: Record<BackendName, number> = {
  webgpu: 1536 * 2 ** 20,
  webgl: 1024 * 2 ** 20,
  wasm: 1536 * 2 ** 20,
  cpu: 1024 * 2 ** 20,
};

export interface RunShape {
  inputDim: number;
  width: number;
  depth: number;
  bias: boolean;
  /** Training points N. */
  train: number;
  /** Test points. */
  test: number;
  /** Plot grid points (200 in 1-D, 40² in 2-D). */
  grid: number;
  /** Probe points M (NTK drift, correlations, pair matrix). */
  probe: number;
  /** Minibatch size (= train for GD). */
  batch: number;
}

export interface MemoryEstimate {
  /** Trainable parameters P. */
  params: number;
  /** Bytes per item, and their sum. */
  parts: { parameters: number; activations: number; twinKernels: number; probeKernels: number; jets: number };
  total: number;
}

const F32 = 4;

/**
 * Bytes a run needs at its peak, by item:
 * - parameters: θ (variables), θ₀, the gradient, the step direction Δ, and the tangent of the pair
 *   matrix pass: 5 parameter-sized copies, plus 2 n×n temporaries for the largest matmul gradient;
 * - activations: forward and backward (h, a, δ and the gradient rows) for a batch: 4·L·B·n;
 * - twin kernels (built once at start): Θ₀ on train×train and (test ∪ grid)×train, plus the layer
 *   Grams A_l and D_l while building them, (L+1)·2 matrices of (N + E)×N, and the activations of
 *   the N + E points (2·L·(N+E)·n);
 * - probe kernels: Θ₀ and Θ_t on M×M with their (L+1)·2 layer Grams, and the pair matrix M×M;
 * - jets: Taylor-mode coefficients to order 3 of h and a, the backward pass and its tangents on the
 *   M probe points (≈ 16·L·M·n), and the tangent pass of the pair matrix (M rows per layer, 4·L·M·n).
 */
export function estimateRunMemory(s: RunShape): MemoryEstimate {
  const L = s.depth;
  const n = s.width;
  const P = parameterCount(s);
  const biggestLayer = Math.max(n * n, n * s.inputDim);
  const parameters = (5 * P + 2 * biggestLayer) * F32;
  const activations = 4 * L * s.batch * n * F32;
  const E = s.test + s.grid;
  const N = s.train;
  const twinKernels = ((N + E) * N * (1 + 2 * (L + 1)) + 2 * L * (N + E) * n) * F32;
  const M = s.probe;
  const probeKernels = (M * M * (3 + 2 * (L + 1))) * F32;
  const jets = (16 + 4) * L * M * n * F32;
  const parts = { parameters, activations, twinKernels, probeKernels, jets };
  return { params: P, parts, total: parameters + activations + twinKernels + probeKernels + jets };
}

export interface MemoryCheck {
  ok: boolean;
  estimate: MemoryEstimate;
  budget: number;
  /** When not ok: the largest power-of-two width (≥ 8) that fits, or null if even width 8 does not. */
  suggestedWidth: number | null;
  /** One sentence for the user (empty when ok). */
  message: string;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MiB`;
}

/** Compare a run's estimate with its backend's budget; propose a smaller width when it does not fit. */
export function checkRunMemory(s: RunShape, backend: BackendName, budget = MEMORY_BUDGET_BYTES[backend]): MemoryCheck {
  const estimate = estimateRunMemory(s);
  if (estimate.total <= budget) return { ok: true, estimate, budget, suggestedWidth: null, message: '' };
  let suggestedWidth: number | null = null;
  for (let w = 8; w < s.width; w *= 2) if (estimateRunMemory({ ...s, width: w }).total <= budget) suggestedWidth = w;
  const what = `width ${s.width} × depth ${s.depth} with ${s.train} training points needs about ${mib(estimate.total)}`;
  const limit = `more than the ${mib(budget)} this app allows on ${backend}`;
  const fix = suggestedWidth !== null ? `try width ${suggestedWidth} or fewer training points` : 'use fewer training and test points';
  return { ok: false, estimate, budget, suggestedWidth, message: `Not started: ${what}, ${limit}; ${fix}.` };
}

/**
 * Compare mode: both runs live at once (the worker steps two Sessions), so their estimates add up
 * against one budget. `labels` name the runs in the message (e.g. "width 16", "width 4096"). When
 * the pair does not fit and the runs differ in width, the largest power-of-two width (≥ 8) for the
 * wider run that fits beside the other is proposed.
 */
export function checkPairMemory(a: RunShape, b: RunShape, backend: BackendName, labels: [string, string], budget = MEMORY_BUDGET_BYTES[backend]): MemoryCheck {
  const ea = estimateRunMemory(a);
  const eb = estimateRunMemory(b);
  const sum = (k: keyof MemoryEstimate['parts']) => ea.parts[k] + eb.parts[k];
  const parts = { parameters: sum('parameters'), activations: sum('activations'), twinKernels: sum('twinKernels'), probeKernels: sum('probeKernels'), jets: sum('jets') };
  const estimate: MemoryEstimate = { params: ea.params + eb.params, parts, total: ea.total + eb.total };
  if (estimate.total <= budget) return { ok: true, estimate, budget, suggestedWidth: null, message: '' };
  const bWider = b.width >= a.width;
  const [wide, other] = bWider ? [b, a] : [a, b];
  let suggestedWidth: number | null = null;
  if (a.width !== b.width) {
    const rest = estimateRunMemory(other).total;
    for (let w = 8; w < wide.width; w *= 2) if (rest + estimateRunMemory({ ...wide, width: w }).total <= budget) suggestedWidth = w;
  }
  const what = `compare mode trains two runs at once: ${labels[0]} needs about ${mib(ea.total)} and ${labels[1]} about ${mib(eb.total)}, ${mib(estimate.total)} together`;
  const limit = `more than the ${mib(budget)} this app allows on ${backend}`;
  const wideLabel = bWider ? labels[1] : labels[0];
  const fixes = [
    suggestedWidth !== null ? `try width ${suggestedWidth} instead of ${wideLabel}` : 'use a smaller width or fewer points',
    ea.total <= budget ? `turn compare off (${labels[0]} alone fits)` : null,
  ].filter((f): f is string => f !== null);
  const fix = fixes.join(', or ');
  return { ok: false, estimate, budget, suggestedWidth, message: `Not started: ${what}, ${limit}; ${fix}.` };
}

/** The shape of the run Session.create builds for a config (its grid and probe-set sizes). */
export function runShapeFromConfig(config: ExperimentConfig): RunShape {
  // Toy sets are 1-D/2-D with a plot grid; gauss has config.dim inputs, mnist res² pixels, no grid.
  const d = config.dataset;
  const inputDim = isToyDataset(d) ? TOY_INPUT_DIM[d] : d === 'gauss' ? config.dim : config.mnistRes * config.mnistRes;
  return {
    inputDim,
    width: config.width,
    depth: config.depth,
    bias: config.bias,
    train: config.train,
    test: config.test,
    grid: !isToyDataset(d) ? 0 : inputDim === 1 ? 200 : 40 * 40,
    probe: Math.min(config.train, PROBE_CAP_TRAIN) + Math.min(config.test, PROBE_CAP_TEST),
    batch: effectiveBatch(config),
  };
}

/** checkPairMemory for a compare-mode pair of configs, the runs named by their differing setting. */
export function checkCompareMemory(config: ExperimentConfig, compare: ExperimentConfig, backend: BackendName, budget = MEMORY_BUDGET_BYTES[backend]): MemoryCheck {
  const key = COMPARE_KEYS.find((k) => config[k] !== compare[k]) ?? 'width';
  return checkPairMemory(runShapeFromConfig(config), runShapeFromConfig(compare), backend, [runLabel(key, config), runLabel(key, compare)], budget);
}
