// One measurement of a run: every metric of a row (docs/architecture.md "A metric") at the current
// parameters, computed on device inside one tidy, stacked and read back in one batch. The
// expensive ones (probe NTK drift, derivative correlations, step metrics, NFA) follow the
// ExpensiveSchedule in 'auto' mode.
import { tf } from '../tf';
import { forward, type Params } from '../nn/mlp';
import { gdDirection, mseLoss } from '../nn/train';
import { rawStep } from '../lr/rule';
import { ntkLayerwise } from '../metrics/ntk';
import { alignmentDrift, lambdaMax, relativeDrift } from '../metrics/kernelMetrics';
import { relativeRmsGap, rmsGap } from '../metrics/linearTwin';
import { correlationSummary, CORRELATION_SUMMARY_NAMES } from '../metrics/correlations';
import { STEP_METRIC_NAMES, stepMetricsSummary } from '../metrics/stepMetrics';
import { fixedStepMetrics } from '../metrics/fixedStep';
import { relativeWeightChange } from '../metrics/weightChange';
import { hasKinks } from '../../schema/config';
import { trainSharpness } from '../metrics/sharpness';
import type { TwinWatch } from './divergence';
import { modesRecord, type ModeProjector } from '../metrics/modes';
import { hiddenInputSizes, nfaFromSums, nfaSums } from '../metrics/nfa';
import type { MetricRow, ScalarMetric } from '../records/runRecords';
import type { ExpensiveMode, ExpensiveSchedule } from './milestones';
import { readScalars } from './readback';
import type { RunState } from './startup';
import { now } from './startupCost';

/**
 * All metrics of `state`'s run at parameters θ = `params` after `step` updates, as a record keyed
 * by metric name (`watch`: the run's duty cycle of the expensive metrics and its twin-divergence
 * flag, both updated). Values may be non-finite (a diverged run); finiteRow() drops those before rows
 * are posted. `force` measures the expensive metrics in 'auto' mode even when the duty cycle would
 * skip them (the last step of a run, so every run ends with a final value of each).
 */
export async function measureRow(
  state: RunState,
  params: Params,
  step: number,
  watch: { schedule: ExpensiveSchedule; twin: TwinWatch },
  mode: ExpensiveMode = 'always',
  opts: { force?: boolean } = {},
): Promise<MetricRow> {
  const s = state;
  const expensive = watch.schedule.want(mode, opts.force === true, step, now());
  const withNfa = expensive && (mode === 'always' || s.nfaLive);
  const t0 = now();
  const kept: { modes?: tf.Tensor2D } = {};
  const named = tf.tidy((): Partial<Record<ScalarMetric, tf.Scalar>> => {
    const fTrain = forward(s.spec, params, s.xTrain);
    const fTest = forward(s.spec, params, s.xTest);
    const linTest = tf.slice(s.twin.fEval, 0, s.config.test) as tf.Tensor1D;
    const cheap = {
      loss: mseLoss(fTrain, s.yTrainFit),
      testLoss: mseLoss(fTest, s.yTestFit),
      linLoss: mseLoss(s.twin.fTrain, s.yTrainFit),
      linTestLoss: mseLoss(linTest, s.yTestFit),
      gapTrain: rmsGap(fTrain, s.twin.fTrain),
      gapTest: rmsGap(fTest, linTest),
      gapTrainRel: relativeRmsGap(fTrain, s.twin.fTrain, s.f0Train),
      gapTestRel: relativeRmsGap(fTest, linTest, s.f0Test),
      ...(s.modesProj ? measureModes(s, s.modesProj, fTrain, kept) : {}),
      ...(s.machine?.cheap({ fTrain, fTest, twin: s.twin, nTest: s.config.test, yTrain: s.yTrainFit, yTest: s.yTestFit }) ?? {}),
    };
    if (!expensive) return cheap;
    const k = ntkLayerwise(s.spec, params, s.xProbe);
    const dir = stepDirection(s, params);
    const corr = tf.unstack(correlationSummary(s.spec, params, dir, s.xProbe)) as tf.Scalar[];
    const correlations: Partial<Record<ScalarMetric, tf.Scalar>> = {};
    CORRELATION_SUMMARY_NAMES.forEach((name, i) => (correlations[name] = corr[i]));
    // frozen pattern and sign flips: only where φ has kinks (for smooth φ the frozen variant is not a separate quantity)
    if (hasKinks(s.spec.activation)) {
      const stepMetrics = tf.unstack(stepMetricsSummary(s.spec, params, dir, s.xProbe)) as tf.Scalar[];
      STEP_METRIC_NAMES.forEach((name, i) => (correlations[name] = stepMetrics[i]));
    }
    // the same direction at a fixed function-space size (ρ·RMS(y)): independent of η and of the residual
    const raw = { c1Rms: corr[CORRELATION_SUMMARY_NAMES.indexOf('c1Rms')], firstOrder: corr[CORRELATION_SUMMARY_NAMES.indexOf('gradChangeFirstOrder')] };
    Object.assign(correlations, fixedStepMetrics(s.spec, params, dir, s.xProbe, raw, tf.sqrt(tf.mean(tf.square(s.yTrain))) as tf.Scalar, hasKinks(s.spec.activation)));
    return {
      ...cheap,
      ntkDrift: relativeDrift(s.ntkProbe0, k),
      ...(s.machine ? { kernelGapInf: s.machine.kernelGap(k) } : {}),
      alignDrift: alignmentDrift(s.ntkProbe0, k),
      lambdaMax: tf.div(lambdaMax(k), s.probe.count) as tf.Scalar,
      sharpness: trainSharpness(s.spec, params, s.xTrain),
      ...correlations,
    };
  });
  const layerChange = tf.tidy(() => relativeWeightChange(params.map((l) => l.W), s.theta0.map((l) => l.W)));
  const nfaSumsT = withNfa ? tf.tidy(() => nfaSums(s.spec, params, s.theta0, s.xTrain)) : null;
  const [values, lc, ns, mv] = await Promise.all([
    readScalars(named),
    layerChange.data(),
    nfaSumsT ? nfaSumsT.data() : Promise.resolve(null),
    kept.modes ? kept.modes.data() : Promise.resolve(null),
  ]);
  layerChange.dispose();
  nfaSumsT?.dispose();
  kept.modes?.dispose();
  if (expensive) watch.schedule.measured(t0, now(), step);
  const row: MetricRow = { ...values, step, loss: values.loss ?? NaN, testLoss: values.testLoss ?? NaN, layerChange: Array.from(lc) };
  if (ns) row.nfa = nfaFromSums(ns, hiddenInputSizes(s.spec));
  if (mv && s.modesProj) row.modes = modesRecord(s.modesProj.basis, mv);
  if (watch.twin.observe(row.linLoss)) row.twinDiverged = true;
  return row;
}

/**
 * The step the derivative correlations are measured along: the full-batch GD step
 * Δ = −(η/α²)∇θL at θ = `params`, on the whole training set with the centred targets (the run's own
 * step when it trains by GD). The CLI's `taylor` uses it too. Caller owns the result (or a tidy does).
 */
export function stepDirection(s: Pick<RunState, 'spec' | 'xTrain' | 'yTrainFit' | 'meta'>, params: Params): Params {
  return gdDirection(s.spec, params, s.xTrain, s.yTrainFit, rawStep(s.spec, s.meta.lr));
}

/** Inside measureRow's tidy: the 2 × K projections (kept for the readback) and modeDeparture. */
function measureModes(s: RunState, proj: ModeProjector, fTrain: tf.Tensor1D, kept: { modes?: tf.Tensor2D }): { modeDeparture: tf.Scalar } {
  kept.modes = tf.keep(proj.project(fTrain, s.twin.fTrain, s.yTrainFit));
  return { modeDeparture: proj.departure(kept.modes) };
}
