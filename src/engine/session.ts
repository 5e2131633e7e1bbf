// One training run: network, data, optimiser and all live metrics, shared by the browser worker
// and the Node CLI. advance() only enqueues GPU work; measure()/snapshot() read back asynchronously.
import { tf } from './tf';
import type { ExperimentConfig } from '../state/config';
import { effectiveBatch, roundSignificant } from '../state/config';
import { loadDataset, makeGrid, type Dataset } from './datasets';
import { disposeParams, forward, initParamArrays, paramsFromArrays, parameterCount, specFromConfig, toVariables, type MlpSpec, type Params, type VarParams } from './mlp';
import { BatchSchedule, gdDirection, mseLoss, sgdUpdate } from './train';
import { ntkLayerwise } from './ntk';
import { alignmentDrift, criticalLearningRate, lambdaMax, relativeDrift, symmetricEigenvalues } from './kernelMetrics';
import { LinearTwin, relativeRmsGap, rmsGap } from './linearTwin';
import { chooseProbe, reorderSquare, type ProbeSet } from './probe';
import { correlationSummary, pairMatrix, CORRELATION_SUMMARY_NAMES } from './correlations';
import { STEP_METRIC_NAMES, stepMetricsSummary } from './stepMetrics';
import { relativeWeightChange } from './weightChange';

/** MetricRow fields filled from correlationSummary, in CORRELATION_SUMMARY_NAMES order. */
const CORRELATION_FIELDS: (keyof MetricRow)[] = CORRELATION_SUMMARY_NAMES.map(
  (n) => (({ hessDirOverGrad: 'gradChangeFirstOrder', linPredError: 'firstOrderError' }) as Record<string, keyof MetricRow>)[n] ?? (n as keyof MetricRow),
);

/** One logged step. A row with step k describes the state after k updates (0 = init). */
export interface MetricRow {
  step: number;
  loss: number;
  testLoss: number;
  linLoss?: number;
  linTestLoss?: number;
  ntkDrift?: number;
  alignDrift?: number;
  /** λmax(Θ_t)/M on the probe set of M points (already divided by M). */
  lambdaMax?: number;
  gapTrain?: number;
  gapTest?: number;
  gapTrainRel?: number;
  gapTestRel?: number;
  c2OverC1?: number;
  c3OverC1?: number;
  gradChange?: number;
  gradChangeFirstOrder?: number;
  /** RMS(c1 − (f(θ+Δ) − f(θ))) / RMS(f(θ+Δ) − f(θ)): error of the first-order prediction of one step. */
  firstOrderError?: number;
  /** RMS(c2)/RMS(c1)² and RMS(c3)/RMS(c1)³: the correlation ratios made invariant to rescaling η and the residual. */
  c2OverC1Sq?: number;
  c3OverC1Cube?: number;
  /** Full-step gradient change with the activations linearised at θ (relu: pattern frozen), see stepMetrics.ts. */
  gradChangeFrozen?: number;
  /** Fraction of (hidden unit, probe point) pairs whose pre-activation changes sign in the step. */
  flipFraction?: number;
  /** ‖W_l(t) − W_l(0)‖_F / ‖W_l(0)‖_F for each layer l = 1 … depth+1 (input → output). */
  layerChange?: number[];
}

export interface RunMeta {
  config: ExperimentConfig;
  /** The learning rate in use (resolved when config.lr is auto). */
  lr: number;
  lrAuto: boolean;
  /** 2N/λmax(Θ₀) on the training set (GD on the linear model is stable below it). */
  criticalLr: number | null;
  paramCount: number;
  dataset: {
    inputDim: number;
    xTrain: number[];
    yTrain: number[];
    xTest: number[];
    yTest: number[];
    domain: [number, number][];
  };
  /** Grid for the function plot: n points (1D) or n×n (2D), row-major with y outer. */
  grid: { n: number; x: number[] };
  /**
   * Probe set on which Θ_t and the derivative correlations are tracked: inputs row-major, training
   * points first, then test points (probe index i ↔ x[i·d … i·d+d)); order[k] = probe index of the
   * k-th point in display order (sorted by input), the order of every probe heatmap.
   */
  probe: { x: number[]; count: number; trainCount: number; order: number[] };
}

export interface Snapshot {
  step: number;
  fGrid: number[];
  fLinGrid?: number[];
  /** NTK over the probe set (count × count, row-major, in probe order sorted by input). */
  ntk0?: number[];
  ntkT?: number[];
  eig0?: number[];
  eigT?: number[];
  /** 𝔆^{0,2} pair matrix ½∇²f(x)[∇f(x'), ∇f(x'')] for x = probe point `index` (a probe index), in display order. */
  pair?: { index: number; matrix: number[] };
}

export interface SessionOptions {
  gridSize?: number;
  /** Probe-set caps (training points, test points). */
  probeTrain?: number;
  probeTest?: number;
  /** Seed of the data set (default config.seed); a width sweep keeps it fixed while θ₀'s seed varies. */
  dataSeed?: number;
}

/**
 * Which expensive metrics (probe NTK drift, derivative correlations) measure() computes:
 * 'always' (CLI, tests), 'never', or 'auto': only while their share of wall time stays under
 * `expensiveBudget` (the live app uses this so metrics never slow training by more than ~30%).
 */
export type ExpensiveMode = 'always' | 'never' | 'auto';

export class Session {
  readonly spec: MlpSpec;
  readonly data: Dataset;
  readonly meta: RunMeta;
  private readonly vars: VarParams;
  private readonly xTrain: tf.Tensor2D;
  private readonly yTrain: tf.Tensor1D;
  private readonly xTest: tf.Tensor2D;
  private readonly yTest: tf.Tensor1D;
  private readonly xGrid: tf.Tensor2D;
  private readonly xProbe: tf.Tensor2D;
  private readonly probe: ProbeSet;
  private readonly schedule: BatchSchedule;
  private readonly twin: LinearTwin;
  private readonly f0Train: tf.Tensor1D;
  private readonly f0Test: tf.Tensor1D;
  private readonly ntkProbe0: tf.Tensor2D;
  /** W_l(0), for the relative weight change per layer. */
  private readonly w0: tf.Tensor2D[];
  /** Θ₀ on train × train, kept only until create() has read λmax from it. */
  private kTrainTrain0: tf.Tensor2D | null;
  /** Θ₀ on the probe set in display order and its spectrum: read back once, in create(). */
  private ntk0Display: number[] = [];
  private eig0: number[] = [];
  private stepCount = 0;
  private disposed = false;
  /** ExpensiveMode 'auto': earliest time of the next expensive measurement (duty cycle). */
  private nextExpensiveAt = 0;
  /**
   * Largest share of wall time the expensive metrics may take in 'auto' mode: after one that took
   * T ms, the next waits T·(1/budget − 1) ms, so training slows by at most 1/(1 − budget) − 1 = 25%.
   */
  expensiveBudget = 0.2;

  private constructor(
    readonly config: ExperimentConfig,
    init: { data: Dataset; spec: MlpSpec; probe: ProbeSet; gridN: number; grid: Float32Array },
  ) {
    this.data = init.data;
    this.spec = init.spec;
    this.probe = init.probe;
    const d = this.data.inputDim;
    const p0 = paramsFromArrays(initParamArrays(this.spec, config.seed));
    this.vars = toVariables(p0);
    this.w0 = p0.map((l) => tf.clone(l.W));
    disposeParams(p0);
    this.xTrain = tf.tensor2d(this.data.xTrain, [config.train, d]);
    this.yTrain = tf.tensor1d(this.data.yTrain);
    this.xTest = tf.tensor2d(this.data.xTest, [config.test, d]);
    this.yTest = tf.tensor1d(this.data.yTest);
    this.xGrid = tf.tensor2d(init.grid, [init.grid.length / d, d]);
    this.xProbe = tf.tensor2d(this.probe.x, [this.probe.count, d]);
    this.schedule = new BatchSchedule(config.train, effectiveBatch(config), config.optimizer === 'gd', config.seed);
    // Θ₀ once: train×train and (test ∪ grid)×train drive the linear twin; probe×probe the drift.
    const theta0 = this.params;
    const built = tf.tidy(() => {
      const xEval = tf.concat([this.xTest, this.xGrid], 0) as tf.Tensor2D;
      return {
        kTrainTrain: ntkLayerwise(this.spec, theta0, this.xTrain),
        kEvalTrain: ntkLayerwise(this.spec, theta0, xEval, this.xTrain),
        f0Train: forward(this.spec, theta0, this.xTrain),
        f0Eval: forward(this.spec, theta0, xEval),
        ntkProbe0: ntkLayerwise(this.spec, theta0, this.xProbe),
      };
    });
    this.twin = new LinearTwin(built);
    this.f0Train = built.f0Train;
    this.f0Test = tf.tidy(() => tf.slice(built.f0Eval, 0, config.test));
    this.ntkProbe0 = built.ntkProbe0;
    this.kTrainTrain0 = built.kTrainTrain;
    tf.dispose([built.kEvalTrain, built.f0Eval]);
    this.meta = {
      config,
      lr: config.lr ?? NaN,
      lrAuto: config.lr === null,
      criticalLr: null,
      paramCount: parameterCount(this.spec),
      dataset: {
        inputDim: this.data.inputDim,
        xTrain: Array.from(this.data.xTrain),
        yTrain: Array.from(this.data.yTrain),
        xTest: Array.from(this.data.xTest),
        yTest: Array.from(this.data.yTest),
        domain: this.data.domain,
      },
      grid: { n: init.gridN, x: Array.from(init.grid) },
      probe: {
        x: Array.from(this.probe.x),
        count: this.probe.count,
        trainCount: this.probe.trainCount,
        order: this.probe.order,
      },
    };
  }

  /** Build a run: data, θ₀, Θ₀, the linear twin, and the learning rate (auto = ½ · 2N/λmax(Θ₀)). */
  static async create(config: ExperimentConfig, opts: SessionOptions = {}): Promise<Session> {
    const data = await loadDataset(config, opts.dataSeed ?? config.seed);
    const spec = specFromConfig(config, data.inputDim);
    // no function grid for high-dimensional inputs (d > 2)
    const gridN = data.inputDim > 2 ? 0 : (opts.gridSize ?? (data.inputDim === 1 ? 200 : 40));
    const grid = makeGrid(data, gridN);
    const probe = chooseProbe(data.xTrain, data.xTest, data.inputDim, opts.probeTrain, opts.probeTest);
    const s = new Session(config, { data, spec, probe, gridN, grid });
    const lam = lambdaMax(s.kTrainTrain0!);
    const probe0 = s.ntkProbe0.data();
    const lamMax = (await lam.data())[0];
    lam.dispose();
    s.kTrainTrain0!.dispose();
    s.kTrainTrain0 = null;
    const critical = lamMax > 0 && Number.isFinite(lamMax) ? criticalLearningRate(lamMax, config.train) : null;
    s.meta.criticalLr = critical;
    s.meta.lr = config.lr ?? (critical !== null ? roundSignificant(0.5 * critical, 3) : 0.1);
    const k0 = await probe0;
    s.ntk0Display = reorderSquare(k0, probe.order);
    s.eig0 = symmetricEigenvalues(k0, probe.count);
    return s;
  }

  get step(): number {
    return this.stepCount;
  }

  get params(): Params {
    return this.vars;
  }

  /** Run k optimiser steps of the network and, on the same batches, of its linear twin. No readback. */
  advance(k: number): void {
    const lr = this.meta.lr;
    for (let i = 0; i < k; i++) {
      const idx = this.schedule.next();
      if (idx.length === this.config.train) {
        sgdUpdate(this.spec, this.vars, this.xTrain, this.yTrain, lr).dispose();
      } else {
        tf.tidy(() => {
          const it = tf.tensor1d(idx, 'int32');
          const xb = tf.gather(this.xTrain, it) as tf.Tensor2D;
          const yb = tf.gather(this.yTrain, it) as tf.Tensor1D;
          sgdUpdate(this.spec, this.vars, xb, yb, lr).dispose();
        });
      }
      this.twin.step(idx, this.yTrain, lr);
      this.stepCount++;
    }
  }

  private wantExpensive(mode: ExpensiveMode): boolean {
    return mode === 'auto' ? now() >= this.nextExpensiveAt : mode === 'always';
  }

  /** All metrics at the current step, read back in one batch. */
  async measure(mode: ExpensiveMode = 'always'): Promise<MetricRow> {
    const expensive = this.wantExpensive(mode);
    const t0 = now();
    const names: (keyof MetricRow)[] = ['loss', 'testLoss', 'linLoss', 'linTestLoss', 'gapTrain', 'gapTest', 'gapTrainRel', 'gapTestRel'];
    if (expensive) names.push('ntkDrift', 'alignDrift', 'lambdaMax', ...CORRELATION_FIELDS, ...STEP_METRIC_NAMES);
    const packed = tf.tidy(() => {
      const theta = this.params;
      const fTrain = forward(this.spec, theta, this.xTrain);
      const fTest = forward(this.spec, theta, this.xTest);
      const linTest = tf.slice(this.twin.fEval, 0, this.config.test) as tf.Tensor1D;
      const cheap = [
        mseLoss(fTrain, this.yTrain),
        mseLoss(fTest, this.yTest),
        mseLoss(this.twin.fTrain, this.yTrain),
        mseLoss(linTest, this.yTest),
        rmsGap(fTrain, this.twin.fTrain),
        rmsGap(fTest, linTest),
        relativeRmsGap(fTrain, this.twin.fTrain, this.f0Train),
        relativeRmsGap(fTest, linTest, this.f0Test),
      ];
      const layerChange = relativeWeightChange(theta.map((l) => l.W), this.w0);
      if (!expensive) return tf.concat([tf.stack(cheap), layerChange]);
      const k = ntkLayerwise(this.spec, theta, this.xProbe);
      // derivative correlations along the full-batch GD step Δ = −η∇θL at the current θ
      const dir = gdDirection(this.spec, theta, this.xTrain, this.yTrain, this.meta.lr);
      const corr = correlationSummary(this.spec, theta, dir, this.xProbe);
      return tf.concat([
        tf.stack([...cheap, relativeDrift(this.ntkProbe0, k), alignmentDrift(this.ntkProbe0, k), tf.div(lambdaMax(k), this.probe.count)]),
        corr,
        stepMetricsSummary(this.spec, theta, dir, this.xProbe),
        layerChange,
      ]);
    });
    const v = await packed.data();
    packed.dispose();
    if (expensive) {
      const t1 = now();
      this.nextExpensiveAt = t1 + (t1 - t0) * (1 / this.expensiveBudget - 1);
    }
    const row: MetricRow = { step: this.stepCount, loss: v[0], testLoss: v[1] };
    names.forEach((name, i) => {
      (row as unknown as Record<string, number>)[name] = v[i];
    });
    row.layerChange = Array.from(v.subarray(names.length));
    return row;
  }

  /**
   * Function values on the grid (network and twin), Θ on the probe set and its spectrum, and the
   * 𝔆^{0,2} pair matrix for x = probe point `pairIndex` (a probe index; omit to skip it).
   */
  async snapshot(opts: { pairIndex?: number } = {}): Promise<Snapshot> {
    const nTest = this.config.test;
    const order = this.probe.order;
    const pairIndex = opts.pairIndex === undefined ? null : Math.min(Math.max(0, Math.round(opts.pairIndex)), this.probe.count - 1);
    const [fGrid, fLinGrid, k, pair] = tf.tidy(() => [
      forward(this.spec, this.params, this.xGrid),
      tf.slice(this.twin.fEval, nTest, this.twin.nEval - nTest),
      ntkLayerwise(this.spec, this.params, this.xProbe),
      pairIndex === null
        ? tf.zeros([0])
        : pairMatrix(this.spec, this.params, tf.slice(this.xProbe, [pairIndex, 0], [1, -1]) as tf.Tensor2D, this.xProbe),
    ]);
    const [fg, fl, kv, pv] = await Promise.all([fGrid.data(), fLinGrid.data(), k.data(), pair.data()]);
    tf.dispose([fGrid, fLinGrid, k, pair]);
    return {
      ...(pairIndex === null ? {} : { pair: { index: pairIndex, matrix: reorderSquare(pv, order) } }),
      step: this.stepCount,
      fGrid: Array.from(fg),
      fLinGrid: Array.from(fl),
      ntk0: this.ntk0Display,
      ntkT: reorderSquare(kv, order),
      eig0: this.eig0,
      eigT: symmetricEigenvalues(kv, this.probe.count),
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of this.vars) {
      v.W.dispose();
      v.b?.dispose();
    }
    this.twin.dispose();
    tf.dispose(this.w0);
    this.kTrainTrain0?.dispose();
    tf.dispose([this.xTrain, this.yTrain, this.xTest, this.yTest, this.xGrid, this.xProbe, this.f0Train, this.f0Test, this.ntkProbe0]);
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** Divergence: a non-finite loss, or one that grew by 10⁶ over its initial value. */
export function isDiverged(row: Pick<MetricRow, 'loss'>, initialLoss: number): boolean {
  return !Number.isFinite(row.loss) || row.loss > 1e6 * Math.max(initialLoss, 1e-3);
}
