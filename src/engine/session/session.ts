// One training run, shared by the browser worker and the Node CLI: create() runs the staged
// start-up (startup.ts) into a read-only RunState, advance() enqueues optimiser steps of the network
// and its linear twin (no readback), measure() and snapshot() read back asynchronously (measure.ts,
// snapshot.ts: free functions over the state and the current parameters).
import { tf } from '../tf';
import type { ExperimentConfig } from '../../schema/config';
import { effectiveBatch } from '../../schema/config';
import type { Dataset } from '../data/datasets';
import { toVariables, type MlpSpec, type Params, type VarParams } from '../nn/mlp';
import { BatchSchedule, sgdUpdate } from '../nn/train';
import { rawStep } from '../lr/rule';
import type { MetricRow, NfaSnapshot, RunMeta, Snapshot } from '../records/runRecords';
import type { CreateProgress } from './startupCost';
import { ExpensiveSchedule, type ExpensiveMode } from './milestones';
import { TwinWatch } from './divergence';
import { buildRunState, completeMachine, disposeRunState, type RunState, type SessionOptions } from './startup';
import { measureRow, stepDirection } from './measure';
import { defaultNfaLayer, takeSnapshot } from './snapshot';

export class Session {
  /** When 'auto' measures the expensive metrics (duty cycle and early milestones; see milestones.ts). */
  readonly expensiveSchedule = new ExpensiveSchedule();
  private readonly vars: VarParams;
  private readonly schedule: BatchSchedule;
  /** Whether the linear twin has blown up (sets row.twinDiverged from then on). */
  private readonly twinWatch = new TwinWatch();
  private stepCount = 0;
  private disposed = false;

  private constructor(private readonly state: RunState) {
    this.vars = toVariables(state.theta0);
    const c = state.config;
    this.schedule = new BatchSchedule(c.train, effectiveBatch(c), c.optimizer === 'gd', c.seed);
  }

  /**
   * Build a run (startup.ts): data, θ₀, Θ₀, the linear twin, and the learning rate. With `progress`,
   * each stage is reported as it begins and a cancel between stages throws CreateAborted, leaving
   * nothing allocated.
   */
  static async create(config: ExperimentConfig, opts: SessionOptions = {}, progress?: CreateProgress): Promise<Session> {
    return new Session(await buildRunState(config, opts, progress));
  }

  get config(): ExperimentConfig {
    return this.state.config;
  }
  get spec(): MlpSpec {
    return this.state.spec;
  }
  get data(): Dataset {
    return this.state.data;
  }
  get meta(): RunMeta {
    return this.state.meta;
  }
  get step(): number {
    return this.stepCount;
  }
  get params(): Params {
    return this.vars;
  }
  /** Estimated milliseconds of the first measurement (step-0 row and snapshot), from the time the Θ₀ kernels took. */
  get firstMeasureEstimateMs(): number {
    return this.state.firstMeasure.estimateMs;
  }
  /** Share of the start-up done when the first measurement begins (0…1). */
  get firstMeasureFraction(): number {
    return this.state.firstMeasure.fraction;
  }
  /** Whether the live app measures NFA for this network (see NFA_LIVE_MAX_COST). */
  get nfaLive(): boolean {
    return this.state.nfaLive;
  }

  /**
   * What the start-up left for later (the kernel machine, SessionOptions.deferMachine): the worker
   * calls it after the step-0 snapshot; advance() and measure() call it first in any case.
   */
  completeStartup(): boolean {
    return completeMachine(this.state);
  }

  /** Run k optimiser steps of the network and, on the same batches, of its linear twin. No readback. */
  advance(k: number): void {
    this.completeStartup();
    const { config, spec, xTrain, yTrainFit, twin } = this.state;
    const lr = rawStep(spec, this.meta.lr);
    for (let i = 0; i < k; i++) {
      const idx = this.schedule.next();
      if (idx.length === config.train) {
        sgdUpdate(spec, this.vars, xTrain, yTrainFit, lr).dispose();
      } else {
        tf.tidy(() => {
          const it = tf.tensor1d(idx, 'int32');
          const xb = tf.gather(xTrain, it) as tf.Tensor2D;
          const yb = tf.gather(yTrainFit, it) as tf.Tensor1D;
          sgdUpdate(spec, this.vars, xb, yb, lr).dispose();
        });
      }
      twin.step(idx, yTrainFit, lr);
      this.state.machine?.step(idx, yTrainFit, lr);
      this.stepCount++;
    }
  }

  /** Every metric at the current step, read back in one batch (measure.ts). */
  measure(mode: ExpensiveMode = 'always', opts: { force?: boolean } = {}): Promise<MetricRow> {
    this.completeStartup();
    return measureRow(this.state, this.vars, this.stepCount, { schedule: this.expensiveSchedule, twin: this.twinWatch }, mode, opts);
  }

  /** Grid functions, Θ on the probe set, the pair matrix and NFA heatmaps on request (snapshot.ts). */
  snapshot(opts: { pairIndex?: number; nfaLayer?: number } = {}): Promise<Snapshot> {
    return takeSnapshot(this.state, this.vars, this.stepCount, opts);
  }

  /** The GD step Δ = −(η/α²)∇θL at the current θ that the correlations are measured along (measure.ts). Caller disposes. */
  stepDirection(): Params {
    return stepDirection(this.state, this.vars);
  }

  /** Default hidden layer for the NFM/AGOP heatmaps. */
  defaultNfaLayer(): number {
    return defaultNfaLayer(this.state);
  }

  /** NFM and AGOP of hidden layer `layer` (clamped to 1…L) at θ₀ (cached) and now. */
  nfaSnapshot(layer: number): Promise<NfaSnapshot> {
    return this.state.nfaHeatmaps.snapshot(layer, this.vars);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of this.vars) {
      v.W.dispose();
      v.b?.dispose();
    }
    disposeRunState(this.state);
  }
}
