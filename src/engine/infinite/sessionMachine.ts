// The kernel machine inside a run (Session): built once at start-up from the network's own f₀,
// stepped on the network's batches, measured with the other metrics in the same readback. Keeps
// Session's own edits to a few calls (docs/architecture.md).
import { tf } from '../tf';
import type { MlpSpec } from '../nn/mlp';
import { mseLoss } from '../nn/train';
import { relativeDrift } from '../metrics/kernelMetrics';
import type { LinearTwin } from '../metrics/linearTwin';
import { rmsGap } from '../metrics/linearTwin';
import { reorderSquare } from '../metrics/probe';
import { dualMethod } from './dualKernels';
import { createMachine, machineOffReason } from './machine';
import { infiniteKernels, parametrizationLimit } from './recursion';

export interface MachineBuild {
  xTrain: Float32Array;
  /** Test and grid inputs, row-major (the machine's eval points: test then grid, as the twin's). */
  xTest: Float32Array;
  xGrid: Float32Array;
  xProbe: Float32Array;
  probeCount: number;
  probeOrder: number[];
  f0Train: tf.Tensor1D;
  f0Eval: tf.Tensor1D;
}

/** What the run's meta says about the limit (display order for the probe kernel). */
export interface MachineMeta {
  ntkInf?: Float32Array;
  infiniteNote?: string;
  machineOff?: string;
}

export class SessionMachine {
  private constructor(
    readonly machine: LinearTwin,
    /** Θ∞ on the probe set (probe order), for kernelGapInf. */
    private readonly ntkProbeInf: tf.Tensor2D,
  ) {}

  /** The machine (null with a reason when off) and the meta fields about the limit. */
  static build(spec: MlpSpec, enabled: boolean, b: MachineBuild): { machine: SessionMachine | null; meta: MachineMeta } {
    const p = SessionMachine.prepare(spec, enabled, b);
    return { machine: p.build(), meta: p.meta };
  }

  /**
   * In two parts: the meta fields now (whether there is a machine, Θ∞ on the small probe set), the
   * machine itself (Θ∞ on train × train and eval × train, the bulk of the work) when `build()` is
   * called, from the f₀ tensors as they are then (the caller keeps them alive until it is).
   */
  static prepare(spec: MlpSpec, enabled: boolean, b: MachineBuild): { meta: MachineMeta; build(): SessionMachine | null } {
    const d = spec.inputDim;
    const xEval = new Float32Array(b.xTest.length + b.xGrid.length);
    xEval.set(b.xTest);
    xEval.set(b.xGrid, b.xTest.length);
    const off = machineOffReason(spec, enabled, b.xTrain.length / d, xEval.length / d);
    if (off) return { meta: { machineOff: off }, build: () => null };
    const probe = infiniteKernels(spec, b.xProbe);
    const note = `Θ∞ by ${dualMethod(spec.activation)} (float64); ${parametrizationLimit(spec).note}`;
    return {
      meta: { ntkInf: Float32Array.from(reorderSquare(probe.ntk, b.probeOrder)), infiniteNote: note },
      build: () => {
        const machine = createMachine(spec, { xTrain: b.xTrain, xEval, f0Train: b.f0Train, f0Eval: b.f0Eval });
        return new SessionMachine(machine, tf.tensor2d(Float32Array.from(probe.ntk), [b.probeCount, b.probeCount]));
      },
    };
  }

  step(idx: Int32Array, yTrain: tf.Tensor1D, lr: number): void {
    this.machine.step(idx, yTrain, lr);
  }

  /** The machine's slice of the eval vector: test points [0, nTest), grid points after. */
  evalSlice(begin: number, size: number): tf.Tensor1D {
    return tf.slice(this.machine.fEval, begin, size);
  }

  /** Inside measure()'s tidy: the cheap machine metrics. */
  cheap(o: { fTrain: tf.Tensor1D; fTest: tf.Tensor1D; twin: LinearTwin; nTest: number; yTrain: tf.Tensor1D; yTest: tf.Tensor1D }) {
    const infTest = this.evalSlice(0, o.nTest);
    const twinTest = tf.slice(o.twin.fEval, 0, o.nTest);
    return {
      gapInf: rmsGap(o.fTrain, this.machine.fTrain),
      gapInfTest: rmsGap(o.fTest, infTest),
      twinGapInf: rmsGap(o.twin.fTrain, this.machine.fTrain),
      twinGapInfTest: rmsGap(twinTest, infTest),
      infLoss: mseLoss(this.machine.fTrain, o.yTrain),
      infTestLoss: mseLoss(infTest, o.yTest),
    };
  }

  /** ‖Θ_t − Θ∞‖_F/‖Θ∞‖_F on the probe set (inside measure()'s tidy). */
  kernelGap(ntkProbe: tf.Tensor2D): tf.Scalar {
    return relativeDrift(this.ntkProbeInf, ntkProbe);
  }

  /** The machine on the grid and the test sample, shifted by the centring c (read back with the snapshot's other arrays). */
  async snapshot(nTest: number, nGrid: number, nSample: number, cEval: tf.Tensor1D): Promise<{ fInfGrid: Float32Array; fInfTestSample?: Float32Array }> {
    const [grid, sample] = tf.tidy(() => [
      tf.sub(this.evalSlice(nTest, nGrid), tf.slice(cEval, nTest, nGrid)),
      tf.sub(this.evalSlice(0, nSample), tf.slice(cEval, 0, nSample)),
    ]);
    const [g, s] = await Promise.all([grid.data(), sample.data()]);
    tf.dispose([grid, sample]);
    return { fInfGrid: Float32Array.from(g), ...(nSample > 0 ? { fInfTestSample: Float32Array.from(s) } : {}) };
  }

  dispose(): void {
    this.machine.dispose();
    this.ntkProbeInf.dispose();
  }
}
