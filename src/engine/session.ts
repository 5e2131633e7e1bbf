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
import { SCALAR_METRICS, type MetricRow, type RunMeta, type ScalarMetric, type Snapshot } from './runRecords';

export type { MetricRow, RunMeta, Snapshot } from './runRecords';

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
    // Fresh copies: the worker transfers the meta's buffers to the UI.
    this.meta = {
      config,
      lr: config.lr ?? NaN,
      lrAuto: config.lr === null,
      criticalLr: null,
      paramCount: parameterCount(this.spec),
      dataset: {
        inputDim: this.data.inputDim,
        xTrain: this.data.xTrain.slice(),
        yTrain: this.data.yTrain.slice(),
        xTest: this.data.xTest.slice(),
        yTest: this.data.yTest.slice(),
        domain: this.data.domain,
      },
      grid: { n: init.gridN, x: init.grid.slice() },
      probe: {
        x: Float32Array.from(this.probe.x),
        count: this.probe.count,
        trainCount: this.probe.trainCount,
        order: [...this.probe.order],
      },
      // Θ₀ on the probe set and its spectrum: filled in create(), after one readback.
      ntk0: new Float32Array(0),
      eig0: new Float64Array(0),
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
    s.meta.ntk0 = Float32Array.from(reorderSquare(k0, probe.order));
    s.meta.eig0 = Float64Array.from(symmetricEigenvalues(k0, probe.count));
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

  /**
   * All metrics at the current step, as a record keyed by metric name, read back in one batch.
   * Values may be non-finite (a diverged run); finiteRow() drops those before rows are posted.
   */
  async measure(mode: ExpensiveMode = 'always'): Promise<MetricRow> {
    const expensive = this.wantExpensive(mode);
    const t0 = now();
    const named = tf.tidy((): Partial<Record<ScalarMetric, tf.Scalar>> => {
      const theta = this.params;
      const fTrain = forward(this.spec, theta, this.xTrain);
      const fTest = forward(this.spec, theta, this.xTest);
      const linTest = tf.slice(this.twin.fEval, 0, this.config.test) as tf.Tensor1D;
      const cheap = {
        loss: mseLoss(fTrain, this.yTrain),
        testLoss: mseLoss(fTest, this.yTest),
        linLoss: mseLoss(this.twin.fTrain, this.yTrain),
        linTestLoss: mseLoss(linTest, this.yTest),
        gapTrain: rmsGap(fTrain, this.twin.fTrain),
        gapTest: rmsGap(fTest, linTest),
        gapTrainRel: relativeRmsGap(fTrain, this.twin.fTrain, this.f0Train),
        gapTestRel: relativeRmsGap(fTest, linTest, this.f0Test),
      };
      if (!expensive) return cheap;
      const k = ntkLayerwise(this.spec, theta, this.xProbe);
      // derivative correlations along the full-batch GD step Δ = −η∇θL at the current θ
      const dir = gdDirection(this.spec, theta, this.xTrain, this.yTrain, this.meta.lr);
      const corr = tf.unstack(correlationSummary(this.spec, theta, dir, this.xProbe)) as tf.Scalar[];
      const correlations: Partial<Record<ScalarMetric, tf.Scalar>> = {};
      CORRELATION_SUMMARY_NAMES.forEach((name, i) => (correlations[name] = corr[i]));
      const step = tf.unstack(stepMetricsSummary(this.spec, theta, dir, this.xProbe)) as tf.Scalar[];
      STEP_METRIC_NAMES.forEach((name, i) => (correlations[name] = step[i]));
      return {
        ...cheap,
        ntkDrift: relativeDrift(this.ntkProbe0, k),
        alignDrift: alignmentDrift(this.ntkProbe0, k),
        lambdaMax: tf.div(lambdaMax(k), this.probe.count) as tf.Scalar,
        ...correlations,
      };
    });
    const layerChange = tf.tidy(() => relativeWeightChange(this.params.map((l) => l.W), this.w0));
    const [values, lc] = await Promise.all([readScalars(named), layerChange.data()]);
    layerChange.dispose();
    if (expensive) {
      const t1 = now();
      this.nextExpensiveAt = t1 + (t1 - t0) * (1 / this.expensiveBudget - 1);
    }
    return { ...values, step: this.stepCount, loss: values.loss ?? NaN, testLoss: values.testLoss ?? NaN, layerChange: Array.from(lc) };
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
      ...(pairIndex === null ? {} : { pair: { index: pairIndex, matrix: Float32Array.from(reorderSquare(pv, order)) } }),
      step: this.stepCount,
      fGrid: Float32Array.from(fg),
      fLinGrid: Float32Array.from(fl),
      ntkT: Float32Array.from(reorderSquare(kv, order)),
      eigT: Float64Array.from(symmetricEigenvalues(kv, this.probe.count)),
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

/** Reads a record of scalar tensors back in one batch (one stacked tensor) and disposes them. */
async function readScalars(named: Partial<Record<ScalarMetric, tf.Scalar>>): Promise<Partial<Record<ScalarMetric, number>>> {
  const present = SCALAR_METRICS.flatMap((name) => {
    const t = named[name];
    return t ? [{ name, t }] : [];
  });
  const packed = tf.stack(present.map((p) => p.t));
  tf.dispose(present.map((p) => p.t));
  const v = await packed.data();
  packed.dispose();
  const out: Partial<Record<ScalarMetric, number>> = {};
  present.forEach((p, i) => (out[p.name] = v[i]));
  return out;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** Divergence: a non-finite loss, or one that grew by 10⁶ over its initial value. */
export function isDiverged(row: Pick<MetricRow, 'loss'>, initialLoss: number): boolean {
  return !Number.isFinite(row.loss) || row.loss > 1e6 * Math.max(initialLoss, 1e-3);
}
