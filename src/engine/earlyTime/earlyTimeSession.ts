// One run of the early-time model (docs/science.md §7): the two-layer network with f₀ ≡ 0 and the
// linear model on the inputs, trained side by side on the same batches with the same η. It has
// the shape the training loop drives (advance / measure / snapshot), like the MLP Session.
import { tf } from '../tf';
import type { ExperimentConfig } from '../../schema/config';
import { effectiveBatch } from '../../schema/config';
import { loadDataset, type Dataset } from '../data/datasets';
import { BatchSchedule, mseLoss } from '../nn/train';
import { lambdaMax } from '../metrics/kernelMetrics';
import { chooseLearningRate } from '../lr/rule';
import { gaussianMoments, kernelDiagonalShift, type GaussianMoments } from './earlyTimeMoments';
import {
  earlyForward,
  earlyGap,
  earlyNtk,
  earlyTimeWidth,
  earlyUpdate,
  initEarlyParams,
  linearFeatures,
  linearPredict,
  linearUpdate,
  predictedKernel,
  type EarlyTimeSpec,
  type EarlyVars,
} from './earlyTime';
import { TwinWatch } from '../session/divergence';
import { finiteOrNull, type EarlyPredictions, type EarlyTimeMeta, type MetricRow, type RunMeta, type Snapshot } from '../records/runRecords';

/** How many test points have their predictions tracked, and the kernel view's size. */
const SHOWN_TEST_POINTS = 8;
const KERNEL_VIEW_POINTS = 24;
/** Cap on the stored prediction history (halved by dropping every other entry when exceeded). */
const MAX_HISTORY = 256;

export class EarlyTimeSession {
  readonly spec: EarlyTimeSpec;
  readonly data: Dataset;
  readonly meta: RunMeta & { earlyTime: EarlyTimeMeta };
  readonly moments: GaussianMoments;
  private readonly vars: EarlyVars;
  private readonly delta: tf.Variable<tf.Rank.R1>;
  private readonly xTrain: tf.Tensor2D;
  private readonly yTrain: tf.Tensor1D;
  private readonly xTest: tf.Tensor2D;
  private readonly yTest: tf.Tensor1D;
  private readonly psiTrain: tf.Tensor2D;
  private readonly psiTest: tf.Tensor2D;
  private readonly shownIndex: tf.Tensor1D;
  private readonly schedule: BatchSchedule;
  private readonly history: EarlyPredictions[] = [];
  /** The linear model's blow-up, by the rule the MLP's twin uses (row.twinDiverged). */
  private readonly linearWatch = new TwinWatch();
  private stepCount = 0;
  private disposed = false;

  private constructor(
    readonly config: ExperimentConfig,
    data: Dataset,
  ) {
    this.data = data;
    const d = data.inputDim;
    this.spec = { inputDim: d, width: earlyTimeWidth(config.width), activation: config.activation };
    this.moments = gaussianMoments(config.activation);
    const p0 = initEarlyParams(this.spec, config.seed);
    this.vars = { wA: tf.variable(p0.wA), wB: tf.variable(p0.wB), vA: tf.variable(p0.vA), vB: tf.variable(p0.vB) };
    tf.dispose([p0.wA, p0.wB, p0.vA, p0.vB]);
    this.delta = tf.variable(tf.zeros([d + 1]) as tf.Tensor1D);
    this.xTrain = tf.tensor2d(data.xTrain, [config.train, d]);
    this.yTrain = tf.tensor1d(data.yTrain);
    this.xTest = tf.tensor2d(data.xTest, [config.test, d]);
    this.yTest = tf.tensor1d(data.yTest);
    this.psiTrain = linearFeatures(this.xTrain, this.moments);
    this.psiTest = linearFeatures(this.xTest, this.moments);
    const nShown = Math.min(SHOWN_TEST_POINTS, config.test);
    const shown = Array.from({ length: nShown }, (_, i) => i);
    this.shownIndex = tf.tensor1d(shown, 'int32');
    this.schedule = new BatchSchedule(config.train, effectiveBatch(config), config.optimizer === 'gd', config.seed);
    let norm2 = 0;
    for (let i = 0; i < data.xTrain.length; i++) norm2 += data.xTrain[i] ** 2;
    this.meta = {
      config,
      lr: config.lr ?? NaN,
      lrAuto: config.lr === null,
      criticalLr: null,
      paramCount: this.spec.width * (d + 1),
      dataset: {
        inputDim: data.inputDim,
        xTrain: data.xTrain.slice(),
        yTrain: data.yTrain.slice(),
        xTest: data.xTest.slice(),
        yTest: data.yTest.slice(),
        domain: data.domain,
      },
      grid: { n: 0, x: new Float32Array(0) },
      probe: { x: new Float32Array(0), count: 0, trainCount: 0, order: [] },
      // no probe kernel for this model (its kernel view is meta.earlyTime.kernel)
      ntk0: new Float32Array(0),
      eig0: new Float64Array(0),
      earlyTime: {
        width: this.spec.width,
        inputDim: d,
        zeta: this.moments.zeta,
        nu: this.moments.nu,
        c: kernelDiagonalShift(this.moments),
        momentsMethod: this.moments.method,
        normRatio: norm2 / (config.train * d),
        shown: { index: shown, y: shown.map((i) => data.yTest[i]) },
        kernel: { n: 0, theta0: [], predicted: [] },
      },
    };
  }

  /** Data, θ₀ (f₀ ≡ 0), the linear model at δ = 0, Θ₀ and the learning rate (auto = ½ · 2N/λmax(Θ₀)). */
  static async create(config: ExperimentConfig, data?: Dataset): Promise<EarlyTimeSession> {
    const s = new EarlyTimeSession(config, data ?? (await loadDataset(config)));
    const nView = Math.min(KERNEL_VIEW_POINTS, config.train);
    const [lam, k0, kPred] = tf.tidy(() => {
      const k = earlyNtk(s.spec, s.vars, s.xTrain);
      const xs = tf.slice(s.xTrain, 0, nView) as tf.Tensor2D;
      return [lambdaMax(k), tf.slice(k, [0, 0], [nView, nView]), predictedKernel(xs, s.moments)];
    });
    const [lv, k0v, kpv] = await Promise.all([lam.data(), k0.data(), kPred.data()]);
    tf.dispose([lam, k0, kPred]);
    const lamMax = lv[0];
    const chosen = chooseLearningRate(lamMax, config.train, config.lr, config.lrScale);
    s.meta.criticalLr = chosen.critical;
    s.meta.lr = chosen.lr;
    s.meta.earlyTime.kernel = { n: nView, theta0: Array.from(k0v), predicted: Array.from(kpv) };
    return s;
  }

  get step(): number {
    return this.stepCount;
  }

  /** k steps of both models on the same batches. No readback. */
  advance(k: number): void {
    const lr = this.meta.lr;
    for (let i = 0; i < k; i++) {
      const idx = this.schedule.next();
      if (idx.length === this.config.train) {
        earlyUpdate(this.spec, this.vars, this.xTrain, this.yTrain, lr);
        linearUpdate(this.delta, this.psiTrain, this.yTrain, lr);
      } else {
        tf.tidy(() => {
          const it = tf.tensor1d(idx, 'int32');
          const yb = tf.gather(this.yTrain, it) as tf.Tensor1D;
          earlyUpdate(this.spec, this.vars, tf.gather(this.xTrain, it) as tf.Tensor2D, yb, lr);
          linearUpdate(this.delta, tf.gather(this.psiTrain, it) as tf.Tensor2D, yb, lr);
        });
      }
      this.stepCount++;
    }
  }

  /** Network and linear model on the training points (for tests). Caller owns the tensors. */
  trainOutputs(): { f: tf.Tensor1D; fLin: tf.Tensor1D } {
    return { f: earlyForward(this.spec, this.vars, this.xTrain), fLin: linearPredict(this.delta, this.psiTrain) };
  }

  /** Losses of both models and earlyGap over the training points, in one readback. earlyGap is absent at step 0. */
  async measure(): Promise<MetricRow> {
    const nShown = this.meta.earlyTime.shown.index.length;
    const packed = tf.tidy(() => {
      const f = earlyForward(this.spec, this.vars, this.xTrain);
      const fLin = linearPredict(this.delta, this.psiTrain);
      const fTest = earlyForward(this.spec, this.vars, this.xTest);
      const fLinTest = linearPredict(this.delta, this.psiTest);
      return tf.concat([
        tf.stack([mseLoss(f, this.yTrain), mseLoss(fTest, this.yTest), mseLoss(fLin, this.yTrain), mseLoss(fLinTest, this.yTest), earlyGap(f, fLin)]),
        tf.gather(fTest, this.shownIndex),
        tf.gather(fLinTest, this.shownIndex),
      ]);
    });
    const v = await packed.data();
    packed.dispose();
    this.record({ step: this.stepCount, f: Array.from(v.subarray(5, 5 + nShown), finiteOrNull), fLin: Array.from(v.subarray(5 + nShown, 5 + 2 * nShown), finiteOrNull) });
    const row: MetricRow = { step: this.stepCount, loss: v[0], testLoss: v[1], linLoss: v[2], linTestLoss: v[3] };
    if (Number.isFinite(v[4])) row.earlyGap = v[4];
    if (this.linearWatch.observe(v[2])) row.twinDiverged = true;
    return row;
  }

  private record(p: EarlyPredictions): void {
    const last = this.history[this.history.length - 1];
    if (last && last.step === p.step) this.history[this.history.length - 1] = p;
    else this.history.push(p);
    if (this.history.length > MAX_HISTORY) {
      // keep step 0, every other entry, and the newest
      const kept = this.history.filter((_, i) => i % 2 === 0 || i === this.history.length - 1);
      this.history.splice(0, this.history.length, ...kept);
    }
  }

  /** The prediction history of the shown test points (no function grid for this model). */
  async snapshot(): Promise<Snapshot> {
    return { step: this.stepCount, fGrid: new Float32Array(0), early: { predictions: this.history.slice() } };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([this.vars.wA, this.vars.wB, this.vars.vA, this.vars.vB, this.delta]);
    tf.dispose([this.xTrain, this.yTrain, this.xTest, this.yTest, this.psiTrain, this.psiTest, this.shownIndex]);
  }
}
