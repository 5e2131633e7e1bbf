// What a run reports, as zod schemas (the worker protocol validates them on both sides of
// postMessage) and the TypeScript types derived from them: RunMeta (sent once per run, holds the
// constant data), MetricRow (one logged step) and Snapshot (the current function and kernel).
// Large numeric arrays are Float32Array / Float64Array so they can be transferred, not copied.
import { z } from 'zod';
import { ConfigSchema } from '../../schema/config';

const f32 = z.instanceof(Float32Array);
const f64 = z.instanceof(Float64Array);
const count = z.number().int().nonnegative();

/**
 * The start-up stages of a run, in order: data and θ₀; the Θ₀ kernels train×train, eval×train
 * (linear twin) and probe×probe; λmax and the learning rate; the first measurement (which compiles
 * the metric kernels).
 */
export const STARTUP_STAGES = ['data', 'kernelTrain', 'kernelEval', 'kernelProbe', 'lr', 'firstMeasure'] as const;
export const StartupStageSchema = z.enum(STARTUP_STAGES);
export type StartupStage = z.infer<typeof StartupStageSchema>;

const metric = z.number().optional();
/**
 * The optional scalar metrics of a row, one name end to end (engine, rows, CLI JSON, UI).
 * To add a metric: add it here (and compute it in Session.measure).
 */
const OptionalMetricsSchema = z.object({
  linLoss: metric,
  linTestLoss: metric,
  gapTrain: metric,
  gapTest: metric,
  gapTrainRel: metric,
  gapTestRel: metric,
  ntkDrift: metric,
  alignDrift: metric,
  /** λmax(Θ_t)/M on the probe set of M points (already divided by M). */
  lambdaMax: metric,
  c2OverC1: metric,
  c3OverC1: metric,
  gradChange: metric,
  gradChangeFirstOrder: metric,
  /** RMS(c1 − (f(θ+Δ) − f(θ))) / RMS(f(θ+Δ) − f(θ)): error of the first-order prediction of one step. */
  firstOrderError: metric,
  /** RMS(c2)/RMS(c1)² and RMS(c3)/RMS(c1)³: invariant to rescaling the step (η, the residual's scale), not to its direction. */
  c2OverC1Sq: metric,
  c3OverC1Cube: metric,
  /** RMS(c1) on the probe set: the first-order function change of the step Δ (normalises the step-dependent metrics). */
  c1Rms: metric,
  /** Full-step gradient change with the activations linearised at θ (relu: pattern frozen), see stepMetrics.ts. */
  gradChangeFrozen: metric,
  /** Fraction of (hidden unit, probe point) pairs whose pre-activation changes sign in the step. */
  flipFraction: metric,
  /** The gradient-change family along the same direction at a FIXED step size, RMS(c1) = ρ·RMS(y) (src/engine/metrics/fixedStep.ts): independent of η and of the residual. Frozen/flip parts for relu only. */
  gradChangeFixedStep: metric,
  gradChangeFirstOrderFixedStep: metric,
  gradChangeFrozenFixedStep: metric,
  flipFractionFixedStep: metric,
  /** Early-time model: RMS(f − f_lin)/RMS(f_lin) over the training points (absent at step 0). */
  earlyGap: metric,
  /** RMS over the top K NTK eigenmodes of (net_k − lin_k), divided by RMS_i(f₀(x_i) − y_i) (src/engine/metrics/modes.ts). */
  modeDeparture: metric,
  /** λmax(Θ_t(X_train, X_train))/(α²N) on the training set: the linearisation at θ_t is stable iff η·sharpness < 2 (src/engine/metrics/sharpness.ts). */
  sharpness: metric,
  /** Infinite-width kernel machine (src/engine/infinite/): RMS network − machine on the training / test points. */
  gapInf: metric,
  gapInfTest: metric,
  /** RMS linear twin − machine on the training / test points. */
  twinGapInf: metric,
  twinGapInfTest: metric,
  /** The machine's train / test MSE. */
  infLoss: metric,
  infTestLoss: metric,
  /** ‖Θ_t − Θ∞‖_F/‖Θ∞‖_F on the probe set (at θ₀: how far the finite-width kernel is from its limit). */
  kernelGapInf: metric,
});

/**
 * Residuals per NTK eigenmode of Θ₀(X, X) (src/engine/metrics/modes.ts): λ_k/N descending, and
 * u_kᵀ(f_t − y), u_kᵀ(f_lin,t − y) for the network and the linear twin (null where not finite).
 */
export const ModesRowSchema = z.object({ lambda: z.array(z.number()), net: z.array(z.number().nullable()), lin: z.array(z.number().nullable()) });
export type ModesRow = z.infer<typeof ModesRowSchema>;

/** Neural feature ansatz correlation of hidden layer l = 1…L: uncentred and centred (null where undefined: C-NFA at step 0, a 1×1 NFM). */
export const NfaEntrySchema = z.object({ layer: count, uc: z.number().nullable(), c: z.number().nullable() });

/** One logged step: `step` (updates done, 0 = init), loss and test loss, and optional finite metrics. */
export const MetricRowSchema = z.object({
  step: count,
  loss: z.number(),
  testLoss: z.number(),
  ...OptionalMetricsSchema.shape,
  /** Relative change of each layer's weights since init, ‖W_l − W_l(0)‖/‖W_l(0)‖. */
  layerChange: z.array(z.number()).optional(),
  /** Neural feature ansatz per layer. */
  nfa: z.array(NfaEntrySchema).optional(),
  /** Per-mode residuals (config.modes > 0). */
  modes: ModesRowSchema.optional(),
  /** The linear twin has blown up (its loss 10⁶× its start, or overflowed); set from then on. Its loss stays in linLoss while finite. */
  twinDiverged: z.boolean().optional(),
});
/** Names of every scalar metric of a row. */
export const SCALAR_METRICS = ['loss', 'testLoss', ...OptionalMetricsSchema.keyof().options] as const;
export type ScalarMetric = (typeof SCALAR_METRICS)[number];
export type MetricRow = z.infer<typeof MetricRowSchema>;

export function finiteOrNull(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}

/** A row with every non-finite optional metric removed (the wire schema accepts finite numbers only). */
export function finiteRow(r: MetricRow): MetricRow {
  const out: MetricRow = { step: r.step, loss: r.loss, testLoss: r.testLoss };
  for (const k of SCALAR_METRICS) {
    const v = r[k];
    if (v !== undefined && Number.isFinite(v)) out[k] = v;
  }
  if (r.layerChange && r.layerChange.every(Number.isFinite)) out.layerChange = r.layerChange;
  if (r.twinDiverged) out.twinDiverged = true;
  if (r.nfa) out.nfa = r.nfa.map((e) => ({ layer: e.layer, uc: finiteOrNull(e.uc), c: finiteOrNull(e.c) }));
  // A diverging twin overflows its top modes first: those become null, the others stay.
  if (r.modes) out.modes = { lambda: r.modes.lambda, net: r.modes.net.map(finiteOrNull), lin: r.modes.lin.map(finiteOrNull) };
  return out;
}

const nums = z.array(z.number());

/** Early-time model: constants of the theory and what its panel shows. */
export const EarlyTimeMetaSchema = z.object({
  /** Hidden width m actually used (even). */
  width: count,
  inputDim: count,
  zeta: z.number(),
  nu: z.number(),
  /** c = E[φ²] + E[φ′²] − ν² − 2ζ². */
  c: z.number(),
  momentsMethod: z.enum(['closed form', 'Gauss–Hermite']),
  /** Mean ‖x‖²/d over the training inputs (the theory assumes ≈ 1). */
  normRatio: z.number(),
  /** Test points whose predictions are tracked: indices into the test set, and their targets. */
  shown: z.object({ index: z.array(count), y: nums }),
  /** Θ₀ and its prediction 2ζ²XXᵀ/d + ν² + c·I on the first n training points (row-major n × n). */
  kernel: z.object({ n: count, theta0: nums, predicted: nums }),
});
export type EarlyTimeMeta = z.infer<typeof EarlyTimeMetaSchema>;

/** Predictions of the network and of the linear model on the shown test points at one step. */
/** Predictions at the shown test points; null where a model has overflowed (a diverged linear model at a large η). */
const predictions = z.array(z.number().nullable());
export const EarlyPredictionsSchema = z.object({ step: count, f: predictions, fLin: predictions });
export type EarlyPredictions = z.infer<typeof EarlyPredictionsSchema>;

/** NFM = WᵀW and AGOP = WᵀKW of one hidden layer, at θ₀ and now, on the coordinates `index`. */
export const NfaSnapshotSchema = z.object({
  layer: count,
  /** Size n_{l−1} of the layer's input. */
  inputSize: count,
  /** The input coordinates shown (all, or evenly spaced when n_{l−1} > 32); matrices are k × k, k = index.length. */
  index: z.array(count),
  nfm0: nums,
  agop0: nums,
  nfm: nums,
  agop: nums,
});
export type NfaSnapshot = z.infer<typeof NfaSnapshotSchema>;

export const RunMetaSchema = z.object({
  config: ConfigSchema,
  /** The learning rate in use (resolved when config.lr is auto). */
  lr: z.number(),
  lrAuto: z.boolean(),
  /** 2N/λmax(Θ₀) on the training set (GD on the linear model is stable below it). */
  criticalLr: z.number().nullable(),
  paramCount: count,
  dataset: z.object({
    inputDim: count,
    /** Row-major N × inputDim. */
    xTrain: f32,
    yTrain: f32,
    xTest: f32,
    yTest: f32,
    domain: z.array(z.tuple([z.number(), z.number()])),
  }),
  /** Grid for the function plot: n points (1D) or n×n (2D), row-major with y outer. */
  grid: z.object({ n: count, x: f32 }),
  /**
   * Probe set on which Θ_t and the derivative correlations are tracked: inputs row-major, training
   * points first, then test points (probe index i ↔ x[i·d … i·d+d)); order[k] = probe index of the
   * k-th point in display order (sorted by input), the order of every probe heatmap.
   */
  probe: z.object({ x: f32, count, trainCount: count, order: z.array(count) }),
  /** Θ₀ on the probe set (count × count, row-major, display order), constant over the run. */
  ntk0: f32,
  /** Eigenvalues of Θ₀ on the probe set. */
  eig0: f64,
  /** Present for the early-time model only. */
  earlyTime: EarlyTimeMetaSchema.optional(),
  /** MLP: false when the network is too wide for live feature-alignment measurements. */
  nfaLive: z.boolean().optional(),
  /** NTK eigenmodes of Θ₀(X, X) tracked per row: λ_k/N and u_k (K × N row-major, training-set order). */
  modes: z.object({ count, lambda: nums, vectors: f32 }).optional(),
  /** Why no modes are tracked (modes=0, or too many training points). */
  modesOff: z.string().optional(),
  /** Θ∞ on the probe set (count × count, row-major, display order), when the run has a kernel machine. */
  ntkInf: f32.optional(),
  /** How Θ∞ was computed (closed form, Hermite series) and which limit the parametrization has. */
  infiniteNote: z.string().optional(),
  /** Why the run has no kernel machine (machine=false, standard parametrization, too many points). */
  machineOff: z.string().optional(),
});
export type RunMeta = z.infer<typeof RunMetaSchema>;

export const SnapshotSchema = z.object({
  step: count,
  fGrid: f32,
  fLinGrid: f32.optional(),
  /** Θ_t over the probe set (count × count, row-major, display order). */
  ntkT: f32.optional(),
  eigT: f64.optional(),
  /** 𝔆^{0,2} pair matrix ½∇²f(x)[∇f(x'), ∇f(x'')] for x = probe point `index` (a probe index), in display order. */
  pair: z.object({ index: count, matrix: f32 }).optional(),
  /** Inputs with d > 2 only: network and linear twin on the first few test points (meta.dataset.xTest order). */
  fTestSample: f32.optional(),
  fLinTestSample: f32.optional(),
  /** The infinite-width kernel machine on the grid / on the test sample (when the run has one). */
  fInfGrid: f32.optional(),
  fInfTestSample: f32.optional(),
  /** NFM/AGOP heatmaps of the chosen hidden layer (MLP). */
  nfa: NfaSnapshotSchema.optional(),
  /** Early-time model: predictions of both models on the shown test points at every logged step. */
  early: z.object({ predictions: z.array(EarlyPredictionsSchema) }).optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;
