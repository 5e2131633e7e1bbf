// Start-up of a run: its progress sink and cancel, and the cost model (docs: README "Start-up"): relative costs of the Θ₀ kernels and
// of the first measurement, so the time the first kernel takes predicts the rest (progress, ETA).
import { layerSizes, parameterCount, type MlpSpec } from '../nn/mlp';
import type { StartupStage } from '../records/runRecords';

/** Start-up reporting for Session.create: report(stage, fraction 0…1, estimated ms left). */
export interface CreateProgress {
  report(stage: StartupStage, fraction: number, etaMs?: number): void;
  /** Checked between stages: true abandons the create (CreateAborted). */
  aborted?(): boolean;
}

/** Thrown by Session.create when its progress sink asked it to stop; nothing is left allocated. */
export class CreateAborted extends Error {
  constructor() {
    super('start-up cancelled');
    this.name = 'CreateAborted';
  }
}

/**
 * Relative cost of the three Θ₀ kernels (train×train, eval×train, probe×probe), in one unit: the
 * per-point factors (a forward and backward pass, ∝ points × parameters) plus the Gram products
 * (∝ rows × columns × Σ layer widths). Only ratios matter: the first kernel is timed and the rest
 * scaled from it.
 */
export function startupKernelCosts(spec: MlpSpec, nTrain: number, nEval: number, nProbe: number): { trainTrain: number; evalTrain: number; probe: number } {
  const params = parameterCount(spec);
  const widthSum = layerSizes(spec).reduce((a, b) => a + b, 0);
  const cost = (rows: number, cols: number, distinct: boolean) => (distinct ? rows + cols : rows) * params + rows * cols * widthSum;
  // eval×train also runs two forward passes (f₀ on train and eval points).
  return { trainTrain: cost(nTrain, nTrain, false), evalTrain: cost(nEval, nTrain, true) + (nTrain + nEval) * params, probe: cost(nProbe, nProbe, false) };
}

export function startupTotalCost(c: { trainTrain: number; evalTrain: number; probe: number }): number {
  return c.trainTrain + c.evalTrain + c.probe;
}

/**
 * Forward-pass equivalents (× probe points × parameters) of the derivative correlations and step
 * metrics: an order-3 jet (7 products per layer), its first-order and Hessian-direction parts, the
 * gradient change and the frozen-pattern step metrics. Calibrated on the cpu backend against
 * measured first measurements (width 256–1024, depth 2–4: estimate within ~30% where it matters,
 * i.e. where the first measurement takes seconds).
 */
export const JET_PASSES = 12;

/**
 * Cost of the first measurement of a run (the step-0 row with every metric, then the first
 * snapshot) in the unit of startupKernelCosts, so the time the Θ₀ kernels took predicts it:
 * forward passes on train, test and grid; the GD direction (a gradient on train); Θ on the probe
 * set twice (row and snapshot); the jets on the probe set; and, withNfa, the neural feature ansatz
 * sums (per layer, for W and ΔW: WᵀW, G = δW, WGᵀ and GᵀG) plus the heatmaps of one layer at θ₀
 * and θ (a backward pass and δW each).
 */
export function firstMeasureCost(spec: MlpSpec, n: { train: number; test: number; grid: number; probe: number }, withNfa: boolean): number {
  const params = parameterCount(spec);
  const sizes = layerSizes(spec);
  const widthSum = sizes.reduce((a, b) => a + b, 0);
  const probeKernel = n.probe * params + n.probe * n.probe * widthSum;
  const cost = (n.train + n.test + n.grid) * params + 3 * n.train * params + 2 * probeKernel + JET_PASSES * n.probe * params;
  if (!withNfa) return cost;
  const N = n.train;
  let nfa = 3 * N * params; // the backward pass for δ_l
  for (let l = 1; l <= spec.depth; l++) {
    const [a, b] = [sizes[l - 1], sizes[l]];
    nfa += 2 * (Math.min(a, b) ** 2 * Math.max(a, b) + 2 * N * a * b + N * N * Math.min(a, b));
  }
  const shown = spec.depth > 1 ? 2 : 1;
  const heatmaps = 2 * (3 * N * params + N * sizes[shown - 1] * sizes[shown]);
  return cost + nfa + heatmaps;
}

/** Milliseconds on a monotonic clock (performance.now where there is one). */
export function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/**
 * The progress arithmetic of a start-up, kept apart from the work it reports: the data stage
 * counts as 5% of the bar, the rest is shared by cost between the three Θ₀ kernels and the first
 * measurement. The first kernel's time per unit cost estimates the time left while the others
 * run; all three kernels' mean rate then predicts the first measurement.
 */
export class StartupClock {
  private readonly total: number;
  private done = 0;
  private t0 = 0;
  private msPerCost = 0;

  constructor(
    private readonly costs: { trainTrain: number; evalTrain: number; probe: number },
    private readonly measureCost: number,
    private readonly progress?: CreateProgress,
  ) {
    this.total = startupTotalCost(costs);
  }

  /** Share of the bar once `done` units of kernel cost are done (never 1 before the run is ready). */
  private fraction(done: number): number {
    return Math.min(0.99, 0.05 + (0.95 * done) / (this.total + this.measureCost));
  }

  private report(stage: StartupStage): void {
    this.progress?.report(stage, this.fraction(this.done), Math.round((this.total - this.done + this.measureCost) * this.msPerCost));
  }

  /** The train×train kernel starts: no estimate yet. */
  startTrainKernel(): void {
    this.progress?.report('kernelTrain', 0.05);
    this.t0 = now();
  }

  /** The train×train kernel is done (and timed); the eval×train kernel starts. */
  startEvalKernel(): void {
    this.msPerCost = (now() - this.t0) / this.costs.trainTrain;
    this.done = this.costs.trainTrain;
    this.report('kernelEval');
  }

  /** The eval×train kernel is done; the probe kernel starts. */
  startProbeKernel(): void {
    this.done += this.costs.evalTrain;
    this.report('kernelProbe');
  }

  /** All three kernels are done: λmax and η start. Returns the first measurement's estimate and share of the bar. */
  startLr(): { estimateMs: number; fraction: number } {
    const msPerCostAll = (now() - this.t0) / this.total;
    this.done += this.costs.probe;
    const estimateMs = Math.round(this.measureCost * msPerCostAll);
    const fraction = this.fraction(this.done);
    this.progress?.report('lr', fraction, estimateMs);
    return { estimateMs, fraction };
  }
}
