// The staged start-up of a run: data, θ₀, the Θ₀ kernels (train×train, eval×train, probe×probe,
// each awaited so a cancel can arrive), f₀, the centring, the linear twin, λmax and the learning
// rate, the NTK eigenmodes. It builds one read-only RunState; measure.ts and snapshot.ts are free
// functions over it, and session.ts adds the trainable parameters and the step count.
import { tf } from '../tf';
import type { ExperimentConfig } from '../../schema/config';
import { isCentred } from '../../schema/config';
import { loadDataset, makeGrid, type Dataset } from '../data/datasets';
import { forward, initParamArrays, paramsFromArrays, parameterCount, specFromConfig, type MlpSpec, type Params } from '../nn/mlp';
import { lambdaPerScaleSq } from '../lr/rule';
import { ntkLayerwise } from '../metrics/ntk';
import { lambdaMax } from '../metrics/kernelMetrics';
import { symmetricEigenvalues } from '../linalg/symmetricEigen';
import { chooseLearningRate } from '../lr/rule';
import { LinearTwin } from '../metrics/linearTwin';
import { chooseProbe, reorderSquare, type ProbeSet } from '../metrics/probe';
import { modeBasis, modeCount, modesOffReason, ModeProjector } from '../metrics/modes';
import { NfaHeatmaps, nfaLiveFor } from '../metrics/nfaHeatmaps';
import type { RunMeta } from '../records/runRecords';
import { CreateAborted, StartupClock, firstMeasureCost, startupKernelCosts, type CreateProgress } from './startupCost';
import { SessionMachine } from '../infinite/sessionMachine';

export interface SessionOptions {
  gridSize?: number;
  /** Probe-set caps (training points, test points). */
  probeTrain?: number;
  probeTest?: number;
  /** Seed of the data set (default config.seed); a width sweep keeps it fixed while θ₀'s seed varies. */
  dataSeed?: number;
  /**
   * Leave the kernel machine's Θ∞ on train × train and eval × train (the costliest part of the
   * start-up at the defaults) for completeMachine(): the app's worker posts the run and its step-0
   * snapshot (f₀) first. Its meta (Θ∞ on the probe set, or why there is no machine) is filled in now.
   */
  deferMachine?: boolean;
}

/** The kernel machine left for later (SessionOptions.deferMachine). */
interface PendingMachine {
  build(): SessionMachine | null;
  /** Free what it holds without building (the run is disposed first). */
  dispose(): void;
}

/** Everything a run holds constant from step 0 on (the tensors are owned by it: disposeRunState). */
export interface RunState {
  readonly config: ExperimentConfig;
  readonly spec: MlpSpec;
  readonly data: Dataset;
  readonly probe: ProbeSet;
  /** The run's metadata (η, Θ₀ on the probe set, modes): complete once the start-up is. */
  readonly meta: RunMeta;
  readonly xTrain: tf.Tensor2D;
  readonly yTrain: tf.Tensor1D;
  readonly xTest: tf.Tensor2D;
  readonly yTest: tf.Tensor1D;
  readonly xGrid: tf.Tensor2D;
  readonly xProbe: tf.Tensor2D;
  /** θ₀, kept for ΔW = W − W(0) (C-NFA), the NFM/AGOP heatmaps at init and W_l(0) (weight change). */
  readonly theta0: Params;
  readonly f0Train: tf.Tensor1D;
  readonly f0Test: tf.Tensor1D;
  /**
   * The centring (docs/science.md §10): the model is g = f − c with c = f(·; θ₀) of the α-scaled
   * network (c = 0 when not centred). Fitting g to y is fitting f to y + c, so the step, the losses
   * and the twin use the shifted targets yTrainFit/yTestFit, and function values shown are f − c.
   */
  readonly cEval: tf.Tensor1D;
  readonly yTrainFit: tf.Tensor1D;
  readonly yTestFit: tf.Tensor1D;
  /** Θ₀ on the probe set (probe order). */
  readonly ntkProbe0: tf.Tensor2D;
  readonly twin: LinearTwin;
  /** Projections on the top eigenmodes of Θ₀(X, X) (null when config.modes is 0 or N is too large). */
  readonly modesProj: ModeProjector | null;
  /**
   * The infinite-width kernel machine (docs/science.md §11); null when off (meta.machineOff says
   * why) or not built yet. With deferMachine the one part of the state completed after the start-up
   * (completeMachine, before the first step or row).
   */
  machine: SessionMachine | null;
  machinePending: PendingMachine | null;
  readonly nfaHeatmaps: NfaHeatmaps;
  /** Whether the live app measures NFA for this network (see NFA_LIVE_MAX_COST). */
  readonly nfaLive: boolean;
  /** The first measurement: its estimated milliseconds and the share of the start-up done when it begins. */
  readonly firstMeasure: { readonly estimateMs: number; readonly fraction: number };
}

type Disposable = { dispose(): void };

/**
 * Build a run's state: data, θ₀, Θ₀, the linear twin, and the learning rate (auto = ½ · 2N/λmax(Θ₀)).
 * With `progress`, each stage is reported as it begins (with an estimate of the time left once the
 * first kernel has been timed), and `progress.aborted()` is checked between stages: when it says
 * so, everything built so far is disposed and CreateAborted is thrown.
 */
export async function buildRunState(config: ExperimentConfig, opts: SessionOptions = {}, progress?: CreateProgress): Promise<RunState> {
  progress?.report('data', 0);
  const data = await loadDataset(config, opts.dataSeed ?? config.seed);
  const spec = specFromConfig(config, data.inputDim);
  // no function grid for high-dimensional inputs (d > 2)
  const gridN = data.inputDim > 2 ? 0 : (opts.gridSize ?? (data.inputDim === 1 ? 200 : 40));
  const grid = makeGrid(data, gridN);
  const probe = chooseProbe(data.xTrain, data.xTest, data.inputDim, opts.probeTrain, opts.probeTest);
  const meta = initialMeta(config, spec, data, { gridN, grid }, probe);
  // everything built so far, disposed if a stage fails or the start-up is cancelled
  const held: Disposable[] = [];
  const hold = <T extends Disposable>(t: T): T => (held.push(t), t);
  const checkAbort = () => {
    if (progress?.aborted?.()) throw new CreateAborted();
  };
  // Waiting for one element also lets queued messages in (a cancel arrives here).
  const checkpoint = async (t: tf.Tensor): Promise<void> => {
    const one = tf.tidy(() => tf.slice(t.reshape([-1]), 0, 1));
    await one.data();
    one.dispose();
    checkAbort();
  };
  try {
    checkAbort();
    const d = data.inputDim;
    const theta0 = paramsFromArrays(initParamArrays(spec, config.seed));
    for (const l of theta0) {
      hold(l.W);
      if (l.b) hold(l.b);
    }
    const xTrain = hold(tf.tensor2d(data.xTrain, [config.train, d]));
    const yTrain = hold(tf.tensor1d(data.yTrain));
    const xTest = hold(tf.tensor2d(data.xTest, [config.test, d]));
    const yTest = hold(tf.tensor1d(data.yTest));
    const xGrid = hold(tf.tensor2d(grid, [grid.length / d, d]));
    const xProbe = hold(tf.tensor2d(probe.x, [probe.count, d]));
    const nfaLive = nfaLiveFor(spec);
    const nGrid = xGrid.shape[0];
    const costs = startupKernelCosts(spec, config.train, config.test + nGrid, probe.count);
    const measureCost = firstMeasureCost(spec, { train: config.train, test: config.test, grid: nGrid, probe: probe.count }, nfaLive);
    const clock = new StartupClock(costs, measureCost, progress);

    clock.startTrainKernel();
    const kTrainTrain0 = hold(ntkLayerwise(spec, theta0, xTrain));
    await checkpoint(kTrainTrain0);

    clock.startEvalKernel();
    const built = tf.tidy(() => {
      const xEval = tf.concat([xTest, xGrid], 0) as tf.Tensor2D;
      return { kEvalTrain: ntkLayerwise(spec, theta0, xEval, xTrain), f0Train: forward(spec, theta0, xTrain), f0Eval: forward(spec, theta0, xEval) };
    });
    const f0Train = hold(built.f0Train);
    let twin: LinearTwin;
    let machine: SessionMachine | null = null;
    let machinePending: PendingMachine | null = null;
    const deferMachine = opts.deferMachine === true;
    let f0Test: tf.Tensor1D, cEval: tf.Tensor1D, yTrainFit: tf.Tensor1D, yTestFit: tf.Tensor1D;
    try {
      f0Test = hold(tf.tidy(() => tf.slice(built.f0Eval, 0, config.test)));
      const centred = isCentred(config);
      cEval = hold(centred ? tf.clone(built.f0Eval) : tf.zerosLike(built.f0Eval));
      yTrainFit = hold(centred ? tf.add(yTrain, f0Train) : tf.clone(yTrain));
      yTestFit = hold(centred ? tf.add(yTest, f0Test) : tf.clone(yTest));
      twin = hold(new LinearTwin({ kTrainTrain: kTrainTrain0, ...built }));
      const m = SessionMachine.prepare(spec, config.machine, { xTrain: data.xTrain, xTest: data.xTest, xGrid: grid, xProbe: probe.x, probeCount: probe.count, probeOrder: probe.order, f0Train, f0Eval: built.f0Eval });
      Object.assign(meta, m.meta);
      if (deferMachine) {
        // f(X_eval; θ₀) stays alive until the machine is built from it
        const f0Eval = hold(built.f0Eval);
        machinePending = {
          build: () => {
            try {
              return m.build();
            } finally {
              f0Eval.dispose();
            }
          },
          dispose: () => f0Eval.dispose(),
        };
      } else {
        const sm = m.build();
        machine = sm && hold(sm);
      }
    } finally {
      tf.dispose(deferMachine ? [built.kEvalTrain] : [built.kEvalTrain, built.f0Eval]);
    }
    await checkpoint(twin.fEval);

    clock.startProbeKernel();
    const ntkProbe0 = hold(ntkLayerwise(spec, theta0, xProbe));
    await checkpoint(ntkProbe0);

    const firstMeasure = clock.startLr();
    meta.nfaLive = nfaLive;
    const lam = lambdaMax(kTrainTrain0);
    const probe0 = ntkProbe0.data();
    const nModes = modeCount(config.modes, config.train);
    const kTrain = nModes > 0 ? kTrainTrain0.data() : null;
    const lamMax = (await lam.data())[0];
    lam.dispose();
    const chosen = chooseLearningRate(lambdaPerScaleSq(spec, lamMax), config.train, config.lr, config.lrScale);
    meta.criticalLr = chosen.critical;
    meta.lr = chosen.lr;
    const k0 = await probe0;
    meta.ntk0 = Float32Array.from(reorderSquare(k0, probe.order));
    meta.eig0 = Float64Array.from(symmetricEigenvalues(k0, probe.count));
    let modesProj: ModeProjector | null = null;
    if (kTrain) {
      const basis = modeBasis(await kTrain, config.train, nModes);
      modesProj = hold(new ModeProjector(basis, f0Train, yTrainFit));
      meta.modes = { count: basis.count, lambda: basis.lambda, vectors: Float32Array.from(basis.vectors) };
    } else meta.modesOff = modesOffReason(config.modes, config.train) ?? undefined;
    // Θ₀ on train × train served λmax, the twin (which holds its own copy) and the modes
    held.splice(held.indexOf(kTrainTrain0), 1);
    kTrainTrain0.dispose();
    checkAbort();
    const nfaHeatmaps = new NfaHeatmaps(spec, xTrain, theta0);
    return { config, spec, data, probe, meta, xTrain, yTrain, xTest, yTest, xGrid, xProbe, theta0, f0Train, f0Test, cEval, yTrainFit, yTestFit, ntkProbe0, twin, modesProj, machine, machinePending, nfaHeatmaps, nfaLive, firstMeasure };
  } catch (e) {
    for (const t of held) t.dispose();
    throw e;
  }
}

/** Build the kernel machine the start-up left for later (deferMachine); false when none was pending. */
export function completeMachine(s: RunState): boolean {
  const pending = s.machinePending;
  if (!pending) return false;
  s.machinePending = null;
  s.machine = pending.build();
  return true;
}

/** Dispose every tensor a RunState owns. */
export function disposeRunState(s: RunState): void {
  for (const l of s.theta0) {
    l.W.dispose();
    l.b?.dispose();
  }
  s.twin.dispose();
  s.modesProj?.dispose();
  s.machine?.dispose();
  s.machinePending?.dispose();
  s.machinePending = null;
  tf.dispose([s.xTrain, s.yTrain, s.xTest, s.yTest, s.xGrid, s.xProbe, s.f0Train, s.f0Test, s.cEval, s.yTrainFit, s.yTestFit, s.ntkProbe0]);
}

/** The run's metadata before the start-up fills in η and Θ₀ (fresh copies: the worker transfers its buffers to the UI). */
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
    // Θ₀ on the probe set and its spectrum: filled in by the start-up, after one readback.
    ntk0: new Float32Array(0),
    eig0: new Float64Array(0),
  };
}
