// One training run: network, data, optimiser and all live metrics, shared by the browser worker
// and the Node CLI. advance() only enqueues GPU work; measure()/snapshot() read back asynchronously.
import { tf } from './tf';
import type { ExperimentConfig } from '../schema/config';
import { effectiveBatch, isCentred } from '../schema/config';
import { loadDataset, makeGrid, type Dataset } from './data/datasets';
import { disposeParams, forward, initParamArrays, paramsFromArrays, parameterCount, specFromConfig, toVariables, type MlpSpec, type Params, type VarParams } from './nn/mlp';
import { BatchSchedule, gdDirection, mseLoss, sgdUpdate } from './nn/train';
import { lambdaPerScaleSq, rawStep } from './nn/outputScale';
import { ntkLayerwise } from './metrics/ntk';
import { alignmentDrift, chooseLearningRate, lambdaMax, relativeDrift } from './metrics/kernelMetrics';
import { symmetricEigenvalues } from './linalg/symmetricEigen';
import { LinearTwin, relativeRmsGap, rmsGap } from './metrics/linearTwin';
import { chooseProbe, reorderSquare, type ProbeSet } from './metrics/probe';
import { correlationSummary, pairMatrix, CORRELATION_SUMMARY_NAMES } from './metrics/correlations';
import { STEP_METRIC_NAMES, stepMetricsSummary } from './metrics/stepMetrics';
import { fixedStepMetrics } from './metrics/fixedStep';
import { hasKinks } from './sweep/metrics';
import { relativeWeightChange } from './metrics/weightChange';
import { trainSharpness } from './metrics/sharpness';
import { TwinWatch } from './divergence';
import { modeBasis, modeCount, modesOffReason, modesRecord, ModeProjector } from './metrics/modes';
import { startupKernelCosts, startupTotalCost, firstMeasureCost, CreateAborted, type CreateProgress } from './startupCost';
export { CreateAborted, type CreateProgress } from './startupCost';
import { ExpensiveSchedule, type ExpensiveMode } from './milestones';
export type { ExpensiveMode } from './milestones';
import { readScalars } from './readback';
import { type MetricRow, type RunMeta, type ScalarMetric, type NfaSnapshot, type Snapshot } from './runRecords';

export type { MetricRow, NfaSnapshot, RunMeta, Snapshot } from './runRecords';
import { hiddenInputSizes, nfaFromSums, nfaSums } from './metrics/nfa';
import { NfaHeatmaps, nfaLiveFor } from './metrics/nfaHeatmaps';
export { NFA_LIVE_MAX_COST } from './metrics/nfaHeatmaps';


export interface SessionOptions {
  gridSize?: number;
  /** Probe-set caps (training points, test points). */
  probeTrain?: number;
  probeTest?: number;
  /** Seed of the data set (default config.seed); a width sweep keeps it fixed while θ₀'s seed varies. */
  dataSeed?: number;
}

/** How many test points (the first ones) a snapshot evaluates when the inputs have no grid (d > 2). */
export const TEST_SAMPLE_SIZE = 12;



export class Session {
  readonly spec: MlpSpec;
  readonly data: Dataset;
  readonly meta: RunMeta;
  private readonly vars: VarParams;
  /** θ₀, kept for ΔW = W − W(0) (C-NFA) and the NFM/AGOP heatmaps at init. */
  private readonly params0: Params;
  /** NFM/AGOP at θ₀ per hidden layer, read back once on first request. */
  private readonly nfaHeatmaps: NfaHeatmaps;
  private readonly xTrain: tf.Tensor2D;
  private readonly yTrain: tf.Tensor1D;
  private readonly xTest: tf.Tensor2D;
  private readonly yTest: tf.Tensor1D;
  private readonly xGrid: tf.Tensor2D;
  private readonly xProbe: tf.Tensor2D;
  private readonly probe: ProbeSet;
  private readonly schedule: BatchSchedule;
  // Θ₀ and f₀: built stage by stage in create() (null until then, so an aborted create disposes
  // exactly what it built).
  private twinBuilt: LinearTwin | null = null;
  private get twin(): LinearTwin {
    if (!this.twinBuilt) throw new Error('Session used before create() finished');
    return this.twinBuilt;
  }
  private f0Train!: tf.Tensor1D;
  private f0Test!: tf.Tensor1D;
  /**
   * The centring (docs/science.md §10): the model is g = f − c with c = f(·; θ₀) of the α-scaled
   * network (c = 0 when not centred). Fitting g to y is fitting f to y + c, so the step, the losses
   * and the twin use these shifted targets, and function values shown are f − c.
   */
  private cEval!: tf.Tensor1D;
  private yTrainFit!: tf.Tensor1D;
  private yTestFit!: tf.Tensor1D;
  private ntkProbe0!: tf.Tensor2D;
  /** W_l(0), for the relative weight change per layer. */
  private readonly w0: tf.Tensor2D[];
  /** Θ₀ on train × train, kept only until create() has read λmax from it. */
  private kTrainTrain0: tf.Tensor2D | null = null;
  /** Projections on the top eigenmodes of Θ₀(X, X) (null when config.modes is 0 or N is too large). */
  private modesProj: ModeProjector | null = null;
  private stepCount = 0;
  /** Whether the linear twin has blown up (sets row.twinDiverged from then on). */
  private readonly twinWatch = new TwinWatch();
  private disposed = false;
  /**
   * Estimated milliseconds of the first measurement (step-0 row and snapshot), from the time the
   * Θ₀ train×train kernel took and firstMeasureCost; null before create() has timed it.
   */
  firstMeasureEstimateMs: number | null = null;
  /** Share of the start-up done when the first measurement begins (0…1). */
  firstMeasureFraction = 0.99;
  /** When 'auto' measures the expensive metrics (duty cycle and early milestones; see milestones.ts). */
  readonly expensiveSchedule = new ExpensiveSchedule();

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
    this.params0 = p0;
    this.w0 = p0.map((l) => tf.clone(l.W));
    this.xTrain = tf.tensor2d(this.data.xTrain, [config.train, d]);
    this.nfaHeatmaps = new NfaHeatmaps(this.spec, this.xTrain, this.params0);
    this.yTrain = tf.tensor1d(this.data.yTrain);
    this.xTest = tf.tensor2d(this.data.xTest, [config.test, d]);
    this.yTest = tf.tensor1d(this.data.yTest);
    this.xGrid = tf.tensor2d(init.grid, [init.grid.length / d, d]);
    this.xProbe = tf.tensor2d(this.probe.x, [this.probe.count, d]);
    this.schedule = new BatchSchedule(config.train, effectiveBatch(config), config.optimizer === 'gd', config.seed);
    this.meta = initialMeta(config, this.spec, this.data, init, this.probe);
  }

  /**
   * Build a run: data, θ₀, Θ₀, the linear twin, and the learning rate (auto = ½ · 2N/λmax(Θ₀)).
   * With `progress`, each start-up stage is reported as it begins (with an estimate of the time
   * left once the first kernel has been timed), and `progress.aborted()` is checked between
   * stages: when it says so, everything built so far is disposed and CreateAborted is thrown.
   */
  static async create(config: ExperimentConfig, opts: SessionOptions = {}, progress?: CreateProgress): Promise<Session> {
    const t0 = now();
    progress?.report('data', 0);
    const data = await loadDataset(config, opts.dataSeed ?? config.seed);
    const spec = specFromConfig(config, data.inputDim);
    // no function grid for high-dimensional inputs (d > 2)
    const gridN = data.inputDim > 2 ? 0 : (opts.gridSize ?? (data.inputDim === 1 ? 200 : 40));
    const grid = makeGrid(data, gridN);
    const probe = chooseProbe(data.xTrain, data.xTest, data.inputDim, opts.probeTrain, opts.probeTest);
    const s = new Session(config, { data, spec, probe, gridN, grid });
    try {
      await s.buildStartup(progress, now() - t0);
      return s;
    } catch (e) {
      s.dispose();
      throw e;
    }
  }

  /** The start-up stages after the data: Θ₀ kernels (each awaited), then λmax and the learning rate. */
  private async buildStartup(progress: CreateProgress | undefined, dataMs: number): Promise<void> {
    const checkpoint = async (t: tf.Tensor): Promise<void> => {
      // Waiting for one element also lets queued messages in (a cancel arrives here).
      const one = tf.tidy(() => tf.slice(t.reshape([-1]), 0, 1));
      await one.data();
      one.dispose();
      if (progress?.aborted?.()) throw new CreateAborted();
    };
    if (progress?.aborted?.()) throw new CreateAborted();
    const config = this.config;
    const theta0 = this.params;
    const nTrain = config.train;
    const nEval = config.test + this.xGrid.shape[0];
    const nProbe = this.probe.count;
    const costs = startupKernelCosts(this.spec, nTrain, nEval, nProbe);
    const total = startupTotalCost(costs);
    // The first measurement (after create) is part of the start-up: its share of the bar and its time.
    const measureCost = firstMeasureCost(this.spec, { train: nTrain, test: config.test, grid: this.xGrid.shape[0], probe: nProbe }, this.nfaLive);
    // Until the first kernel is timed there is no estimate; the data stage counts as 5%.
    void dataMs;
    progress?.report('kernelTrain', 0.05);
    const tk = now();
    this.kTrainTrain0 = ntkLayerwise(this.spec, theta0, this.xTrain);
    await checkpoint(this.kTrainTrain0);
    const msPerCost = (now() - tk) / costs.trainTrain;
    const eta = (remaining: number) => Math.round(remaining * msPerCost);
    let done = costs.trainTrain;
    const fraction = (d: number) => Math.min(0.99, 0.05 + (0.95 * d) / (total + measureCost));
    progress?.report('kernelEval', fraction(done), eta(total - done + measureCost));
    const built = tf.tidy(() => {
      const xEval = tf.concat([this.xTest, this.xGrid], 0) as tf.Tensor2D;
      return {
        kEvalTrain: ntkLayerwise(this.spec, theta0, xEval, this.xTrain),
        f0Train: forward(this.spec, theta0, this.xTrain),
        f0Eval: forward(this.spec, theta0, xEval),
      };
    });
    try {
      this.f0Train = built.f0Train;
      this.f0Test = tf.tidy(() => tf.slice(built.f0Eval, 0, config.test));
      const centred = isCentred(config);
      this.cEval = centred ? tf.clone(built.f0Eval) : tf.zerosLike(built.f0Eval);
      this.yTrainFit = centred ? tf.add(this.yTrain, this.f0Train) : tf.clone(this.yTrain);
      this.yTestFit = centred ? tf.add(this.yTest, this.f0Test) : tf.clone(this.yTest);
      this.twinBuilt = new LinearTwin({ kTrainTrain: this.kTrainTrain0, ...built });
    } finally {
      tf.dispose([built.kEvalTrain, built.f0Eval]);
    }
    await checkpoint(this.twin.fEval);
    done += costs.evalTrain;
    progress?.report('kernelProbe', fraction(done), eta(total - done + measureCost));
    this.ntkProbe0 = ntkLayerwise(this.spec, theta0, this.xProbe);
    await checkpoint(this.ntkProbe0);
    // All three kernels timed: their mean rate predicts the first measurement (less skewed by the
    // first kernel's fixed overheads than the first kernel alone).
    const msPerCostAll = (now() - tk) / total;
    done += costs.probe;
    this.firstMeasureEstimateMs = Math.round(measureCost * msPerCostAll);
    this.firstMeasureFraction = fraction(done);
    progress?.report('lr', fraction(done), this.firstMeasureEstimateMs);
    this.meta.nfaLive = this.nfaLive;
    const lam = lambdaMax(this.kTrainTrain0);
    const probe0 = this.ntkProbe0.data();
    const kTrain = modeCount(config.modes, nTrain) > 0 ? this.kTrainTrain0.data() : null;
    const lamMax = (await lam.data())[0];
    lam.dispose();
    this.kTrainTrain0.dispose();
    this.kTrainTrain0 = null;
    const chosen = chooseLearningRate(lambdaPerScaleSq(this.spec, lamMax), config.train, config.lr, config.lrScale);
    this.meta.criticalLr = chosen.critical;
    this.meta.lr = chosen.lr;
    const k0 = await probe0;
    this.meta.ntk0 = Float32Array.from(reorderSquare(k0, this.probe.order));
    this.meta.eig0 = Float64Array.from(symmetricEigenvalues(k0, this.probe.count));
    if (kTrain) {
      const basis = modeBasis(await kTrain, nTrain, modeCount(config.modes, nTrain));
      this.modesProj = new ModeProjector(basis, this.f0Train, this.yTrainFit);
      this.meta.modes = { count: basis.count, lambda: basis.lambda, vectors: Float32Array.from(basis.vectors) };
    } else this.meta.modesOff = modesOffReason(config.modes, nTrain) ?? undefined;
    if (progress?.aborted?.()) throw new CreateAborted();
  }

  get step(): number {
    return this.stepCount;
  }

  get params(): Params {
    return this.vars;
  }

  /** Run k optimiser steps of the network and, on the same batches, of its linear twin. No readback. */
  advance(k: number): void {
    const lr = rawStep(this.spec, this.meta.lr);
    const yTrain = this.yTrainFit;
    for (let i = 0; i < k; i++) {
      const idx = this.schedule.next();
      if (idx.length === this.config.train) {
        sgdUpdate(this.spec, this.vars, this.xTrain, yTrain, lr).dispose();
      } else {
        tf.tidy(() => {
          const it = tf.tensor1d(idx, 'int32');
          const xb = tf.gather(this.xTrain, it) as tf.Tensor2D;
          const yb = tf.gather(yTrain, it) as tf.Tensor1D;
          sgdUpdate(this.spec, this.vars, xb, yb, lr).dispose();
        });
      }
      this.twin.step(idx, yTrain, lr);
      this.stepCount++;
    }
  }

  /**
   * All metrics at the current step, as a record keyed by metric name, read back in one batch.
   * Values may be non-finite (a diverged run); finiteRow() drops those before rows are posted.
   * `force` measures the expensive metrics in 'auto' mode even when the duty cycle would skip them
   * (the last step of a run, so every run ends with a final value of each).
   */
  async measure(mode: ExpensiveMode = 'always', opts: { force?: boolean } = {}): Promise<MetricRow> {
    const expensive = this.expensiveSchedule.want(mode, opts.force === true, this.stepCount, now());
    const withNfa = expensive && (mode === 'always' || this.nfaLive);
    const t0 = now();
    const kept: { modes?: tf.Tensor2D } = {};
    const named = tf.tidy((): Partial<Record<ScalarMetric, tf.Scalar>> => {
      const theta = this.params;
      const fTrain = forward(this.spec, theta, this.xTrain);
      const fTest = forward(this.spec, theta, this.xTest);
      const linTest = tf.slice(this.twin.fEval, 0, this.config.test) as tf.Tensor1D;
      const cheap = {
        loss: mseLoss(fTrain, this.yTrainFit),
        testLoss: mseLoss(fTest, this.yTestFit),
        linLoss: mseLoss(this.twin.fTrain, this.yTrainFit),
        linTestLoss: mseLoss(linTest, this.yTestFit),
        gapTrain: rmsGap(fTrain, this.twin.fTrain),
        gapTest: rmsGap(fTest, linTest),
        gapTrainRel: relativeRmsGap(fTrain, this.twin.fTrain, this.f0Train),
        gapTestRel: relativeRmsGap(fTest, linTest, this.f0Test),
        ...(this.modesProj ? this.measureModes(this.modesProj, fTrain, kept) : {}),
      };
      if (!expensive) return cheap;
      const k = ntkLayerwise(this.spec, theta, this.xProbe);
      // derivative correlations along the full-batch GD step Δ = −(η/α²)∇θL at the current θ
      const dir = gdDirection(this.spec, theta, this.xTrain, this.yTrainFit, rawStep(this.spec, this.meta.lr));
      const corr = tf.unstack(correlationSummary(this.spec, theta, dir, this.xProbe)) as tf.Scalar[];
      const correlations: Partial<Record<ScalarMetric, tf.Scalar>> = {};
      CORRELATION_SUMMARY_NAMES.forEach((name, i) => (correlations[name] = corr[i]));
      // frozen pattern and sign flips: only where φ has kinks (for smooth φ the frozen variant is not a separate quantity)
      if (hasKinks(this.spec.activation)) {
        const step = tf.unstack(stepMetricsSummary(this.spec, theta, dir, this.xProbe)) as tf.Scalar[];
        STEP_METRIC_NAMES.forEach((name, i) => (correlations[name] = step[i]));
      }
      // the same direction at a fixed function-space size (ρ·RMS(y)): independent of η and of the residual
      const raw = { c1Rms: corr[CORRELATION_SUMMARY_NAMES.indexOf('c1Rms')], firstOrder: corr[CORRELATION_SUMMARY_NAMES.indexOf('gradChangeFirstOrder')] };
      Object.assign(correlations, fixedStepMetrics(this.spec, theta, dir, this.xProbe, raw, tf.sqrt(tf.mean(tf.square(this.yTrain))) as tf.Scalar, hasKinks(this.spec.activation)));
      return {
        ...cheap,
        ntkDrift: relativeDrift(this.ntkProbe0, k),
        alignDrift: alignmentDrift(this.ntkProbe0, k),
        lambdaMax: tf.div(lambdaMax(k), this.probe.count) as tf.Scalar,
        sharpness: trainSharpness(this.spec, theta, this.xTrain),
        ...correlations,
      };
    });
    const layerChange = tf.tidy(() => relativeWeightChange(this.params.map((l) => l.W), this.w0));
    const nfaSumsT = withNfa ? tf.tidy(() => nfaSums(this.spec, this.params, this.params0, this.xTrain)) : null;
    const [values, lc, ns, mv] = await Promise.all([
      readScalars(named),
      layerChange.data(),
      nfaSumsT ? nfaSumsT.data() : Promise.resolve(null),
      kept.modes ? kept.modes.data() : Promise.resolve(null),
    ]);
    layerChange.dispose();
    nfaSumsT?.dispose();
    kept.modes?.dispose();
    if (expensive) this.expensiveSchedule.measured(t0, now(), this.stepCount);
    const row: MetricRow = { ...values, step: this.stepCount, loss: values.loss ?? NaN, testLoss: values.testLoss ?? NaN, layerChange: Array.from(lc) };
    if (ns) row.nfa = nfaFromSums(ns, hiddenInputSizes(this.spec));
    if (mv && this.modesProj) row.modes = modesRecord(this.modesProj.basis, mv);
    if (this.twinWatch.observe(row.linLoss)) row.twinDiverged = true;
    return row;
  }

  /** Inside measure()'s tidy: the 2 × K projections (kept for the readback) and modeDeparture. */
  private measureModes(proj: ModeProjector, fTrain: tf.Tensor1D, kept: { modes?: tf.Tensor2D }): { modeDeparture: tf.Scalar } {
    kept.modes = tf.keep(proj.project(fTrain, this.twin.fTrain, this.yTrainFit));
    return { modeDeparture: proj.departure(kept.modes) };
  }

  /**
   * Function values on the grid (network and twin), Θ on the probe set and its spectrum, and the
   * 𝔆^{0,2} pair matrix for x = probe point `pairIndex` (a probe index; omit to skip it).
   */
  async snapshot(opts: { pairIndex?: number; nfaLayer?: number } = {}): Promise<Snapshot> {
    const nTest = this.config.test;
    const order = this.probe.order;
    const pairIndex = opts.pairIndex === undefined ? null : Math.min(Math.max(0, Math.round(opts.pairIndex)), this.probe.count - 1);
    // High-dimensional inputs have no grid: the first few test points stand in for it (digits panel).
    const nSample = this.data.inputDim > 2 ? Math.min(TEST_SAMPLE_SIZE, nTest) : 0;
    const nGrid = this.twin.nEval - nTest;
    // g = f − c (the centring; c = 0 when not centred)
    const cGrid = () => tf.slice(this.cEval, nTest, nGrid);
    const cSample = () => tf.slice(this.cEval, 0, nSample);
    const [fGrid, fLinGrid, fSample, fLinSample, k, pair] = tf.tidy(() => [
      tf.sub(forward(this.spec, this.params, this.xGrid), cGrid()),
      tf.sub(tf.slice(this.twin.fEval, nTest, nGrid), cGrid()),
      nSample > 0 ? tf.sub(forward(this.spec, this.params, tf.slice(this.xTest, 0, nSample) as tf.Tensor2D), cSample()) : tf.zeros([0]),
      tf.sub(tf.slice(this.twin.fEval, 0, nSample), cSample()),
      ntkLayerwise(this.spec, this.params, this.xProbe),
      pairIndex === null
        ? tf.zeros([0])
        : pairMatrix(this.spec, this.params, tf.slice(this.xProbe, [pairIndex, 0], [1, -1]) as tf.Tensor2D, this.xProbe),
    ]);
    const [fg, fl, fs, fls, kv, pv] = await Promise.all([fGrid.data(), fLinGrid.data(), fSample.data(), fLinSample.data(), k.data(), pair.data()]);
    tf.dispose([fGrid, fLinGrid, fSample, fLinSample, k, pair]);
    const nfa = opts.nfaLayer === undefined ? null : await this.nfaSnapshot(opts.nfaLayer);
    return {
      ...(nfa ? { nfa } : {}),
      ...(pairIndex === null ? {} : { pair: { index: pairIndex, matrix: Float32Array.from(reorderSquare(pv, order)) } }),
      ...(nSample > 0 ? { fTestSample: Float32Array.from(fs), fLinTestSample: Float32Array.from(fls) } : {}),
      step: this.stepCount,
      fGrid: Float32Array.from(fg),
      fLinGrid: Float32Array.from(fl),
      ntkT: Float32Array.from(reorderSquare(kv, order)),
      eigT: Float64Array.from(symmetricEigenvalues(kv, this.probe.count)),
    };
  }

  /** Whether the live app measures NFA for this network (see NFA_LIVE_MAX_COST). */
  get nfaLive(): boolean {
    return nfaLiveFor(this.spec);
  }

  /** Default hidden layer for the NFM/AGOP heatmaps: the first, unless its input is 1-D or 2-D. */
  defaultNfaLayer(): number {
    return this.data.inputDim >= 3 || this.spec.depth === 1 ? 1 : 2;
  }

  /** NFM and AGOP of hidden layer `layer` (clamped to 1…L) at θ₀ (cached) and now. */
  nfaSnapshot(layer: number): Promise<NfaSnapshot> {
    return this.nfaHeatmaps.snapshot(layer, this.params);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeParams(this.params0);
    for (const v of this.vars) {
      v.W.dispose();
      v.b?.dispose();
    }
    this.twinBuilt?.dispose();
    this.modesProj?.dispose();
    tf.dispose(this.w0);
    this.kTrainTrain0?.dispose();
    const built: tf.Tensor[] = [this.f0Train, this.f0Test, this.ntkProbe0, this.cEval, this.yTrainFit, this.yTestFit].filter((t) => t !== undefined);
    tf.dispose([this.xTrain, this.yTrain, this.xTest, this.yTest, this.xGrid, this.xProbe, ...built]);
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** The run's metadata before create() fills in η and Θ₀ (fresh copies: the worker transfers its buffers to the UI). */
function initialMeta(config: ExperimentConfig, spec: MlpSpec, data: Dataset, grid: { gridN: number; grid: Float32Array }, probe: ProbeSet): RunMeta {
  return {
    config,
    lr: config.lr ?? NaN,
    lrAuto: config.lr === null,
    criticalLr: null,
    paramCount: parameterCount(spec),
    dataset: { inputDim: data.inputDim, xTrain: data.xTrain.slice(), yTrain: data.yTrain.slice(), xTest: data.xTest.slice(), yTest: data.yTest.slice(), domain: data.domain },
    grid: { n: grid.gridN, x: grid.grid.slice() },
    nfaLive: true,
    probe: { x: Float32Array.from(probe.x), count: probe.count, trainCount: probe.trainCount, order: [...probe.order] },
    // Θ₀ on the probe set and its spectrum: filled in create(), after one readback.
    ntk0: new Float32Array(0),
    eig0: new Float64Array(0),
  };
}
