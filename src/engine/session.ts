// One training run: network, data, optimiser and all live metrics, shared by the browser worker
// and the Node CLI. advance() only enqueues GPU work; measure()/snapshot() read back asynchronously.
import { tf } from './tf';
import type { ExperimentConfig } from '../state/config';
import { effectiveBatch } from '../state/config';
import { makeDataset, makeGrid, type Dataset } from './datasets';
import { disposeParams, forward, initParamArrays, paramsFromArrays, parameterCount, specFromConfig, toVariables, type MlpSpec, type Params, type VarParams } from './mlp';
import { BatchSchedule, mseLoss, sgdUpdate } from './train';

/** One logged step. A row with step k describes the state after k updates (0 = init). */
export interface MetricRow {
  step: number;
  loss: number;
  testLoss: number;
  linLoss?: number;
  linTestLoss?: number;
  ntkDrift?: number;
  alignDrift?: number;
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
    inputDim: 1 | 2;
    xTrain: number[];
    yTrain: number[];
    xTest: number[];
    yTest: number[];
    domain: [number, number][];
  };
  /** Grid for the function plot: n points (1D) or n×n (2D), row-major with y outer. */
  grid: { n: number; x: number[] };
  /** Probe set on which Θ_t and the derivative correlations are tracked (inputs, row-major). */
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
  /** 𝔆^{0,2} pair matrix ½∇²f(x)[∇f(x'), ∇f(x'')] for probe point `index`. */
  pair?: { index: number; matrix: number[] };
}

export interface SessionOptions {
  gridSize?: number;
}

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
  private readonly schedule: BatchSchedule;
  private stepCount = 0;
  private disposed = false;

  private constructor(readonly config: ExperimentConfig, opts: SessionOptions) {
    this.data = makeDataset(config.dataset, config.train, config.test, config.seed);
    const d = this.data.inputDim;
    this.spec = specFromConfig(config, d);
    const arrays = initParamArrays(this.spec, config.seed);
    const p0 = paramsFromArrays(arrays);
    this.vars = toVariables(p0);
    disposeParams(p0);
    this.xTrain = tf.tensor2d(this.data.xTrain, [config.train, d]);
    this.yTrain = tf.tensor1d(this.data.yTrain);
    this.xTest = tf.tensor2d(this.data.xTest, [config.test, d]);
    this.yTest = tf.tensor1d(this.data.yTest);
    const gridN = opts.gridSize ?? (d === 1 ? 200 : 40);
    const grid = makeGrid(this.data, gridN);
    this.xGrid = tf.tensor2d(grid, [grid.length / d, d]);
    this.schedule = new BatchSchedule(config.train, effectiveBatch(config), config.optimizer === 'gd', config.seed);
    const lr = config.lr ?? 0.5;
    this.meta = {
      config,
      lr,
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
      grid: { n: gridN, x: Array.from(grid) },
      probe: { x: [], count: 0, trainCount: 0, order: [] },
    };
  }

  static async create(config: ExperimentConfig, opts: SessionOptions = {}): Promise<Session> {
    return new Session(config, opts);
  }

  get step(): number {
    return this.stepCount;
  }

  get params(): Params {
    return this.vars;
  }

  /** Run k optimiser steps. Enqueues work only: no readback. */
  advance(k: number): void {
    for (let i = 0; i < k; i++) {
      const idx = this.schedule.next();
      if (idx.length === this.config.train) {
        sgdUpdate(this.spec, this.vars, this.xTrain, this.yTrain, this.meta.lr).dispose();
      } else {
        tf.tidy(() => {
          const it = tf.tensor1d(idx, 'int32');
          const xb = tf.gather(this.xTrain, it) as tf.Tensor2D;
          const yb = tf.gather(this.yTrain, it) as tf.Tensor1D;
          sgdUpdate(this.spec, this.vars, xb, yb, this.meta.lr).dispose();
        });
      }
      this.stepCount++;
    }
  }

  /** All metrics at the current step, read back in one batch. */
  async measure(): Promise<MetricRow> {
    const t = tf.tidy(() =>
      tf.stack([mseLoss(forward(this.spec, this.params, this.xTrain), this.yTrain), mseLoss(forward(this.spec, this.params, this.xTest), this.yTest)]),
    );
    const v = await t.data();
    t.dispose();
    return { step: this.stepCount, loss: v[0], testLoss: v[1] };
  }

  async snapshot(): Promise<Snapshot> {
    const f = forward(this.spec, this.params, this.xGrid);
    const fGrid = Array.from(await f.data());
    f.dispose();
    return { step: this.stepCount, fGrid };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of this.vars) {
      v.W.dispose();
      v.b?.dispose();
    }
    for (const t of [this.xTrain, this.yTrain, this.xTest, this.yTest, this.xGrid]) t.dispose();
  }
}

/** Divergence: a non-finite loss, or one that grew by 10⁶ over its initial value. */
export function isDiverged(row: Pick<MetricRow, 'loss'>, initialLoss: number): boolean {
  return !Number.isFinite(row.loss) || row.loss > 1e6 * Math.max(initialLoss, 1e-3);
}
