// The measured learning-rate phase of one run (docs/science.md, "Sharpness and learning-rate phases"),
// decided from the run's own logged rows — a pure function, shared by `train --json`'s summary line,
// the sweeps (runs.csv) and the app's "measured" badge.
//
// Inputs per logged row: the loss, the linear twin's loss, and the sharpness S = λmax(Θ_t(X, X))/(α²N)
// (metrics/sharpness.ts) where it was measured; η·S is the "edge ratio": the linearisation at θ_t
// is stable iff η·S < 2. The criteria, in this order:
//   diverged            the loss blew up (divergence.ts: non-finite or 10⁶× its start).
//   catapult            η·S was above 2 at some logged row (at step 0, or after sharpening), the run
//                       ended below the edge (η·S_final < 2) with a final loss below its initial
//                       loss, and either the loss rose above its initial value at a logged row or
//                       η·S₀ > 2 (the spike can fall between logged rows). Lewkowycz et al. 2020.
//   edge-of-stability   not the above; over the last third of the rows with a sharpness, the mean
//                       of η·S is at least EOS_BAND (1.8) and the loss rose between consecutive logged
//                       rows at least once (by more than 10⁻⁴ relative) while falling overall. Cohen et al. 2021.
//   lazy                none of these: η·S stayed below the edge (or crossed it without a loss
//                       rise); GD behaves as on the linearised model (Lewkowycz et al.'s "lazy phase";
//                       the word says nothing here about feature learning, which other panels measure).
// phase is null when fewer than two rows carry a sharpness (nothing to decide from).
import { z } from 'zod';
import { isDiverged } from '../session/divergence';
import type { MetricRow } from '../records/runRecords';

export const LR_PHASES = ['lazy', 'catapult', 'edge-of-stability', 'diverged'] as const;
export type LrPhase = (typeof LR_PHASES)[number];

/** η·S = 2: the linearisation's top mode stops shrinking and starts to flip and grow. */
export const EDGE = 2;
/** Edge of stability: the late mean of η·S at or above this (Cohen et al. see it hover at ≈ 2). */
export const EOS_BAND = 1.8;
/** A loss increase between consecutive logged rows counts when larger than this, relative. */
export const LOSS_RISE_REL = 1e-4;

const num = z.number().nullable();
/** `train --json`'s last line, sweep runs.csv columns, and the app's badge: what the run did. */
export const RunPhaseSummarySchema = z.object({
  phase: z.enum(LR_PHASES).nullable(),
  /** η as used. */
  lr: num,
  /** η/η_c = η·S₀/2 (null without a sharpness at step 0). */
  lrOverCritical: num,
  /** S₀, max_t S_t and S at the last logged row with a sharpness: λmax(Θ_t(X,X))/(α²N). */
  sharpness0: num,
  sharpnessMax: num,
  sharpnessFinal: num,
  /** max_t η·S_t over the logged rows: above 2, the run's own linearisation was unstable at some point. */
  etaSharpnessMax: num,
  /** max_t L_t / L₀ over the logged rows (null when a loss overflowed). */
  lossPeakRatio: num,
  /** The linear twin (frozen at Θ₀) blew up (its loss 10⁶× its start, or overflowed). */
  twinDiverged: z.boolean(),
  /** First logged step at which it did (null if it did not). */
  twinDivergedStep: z.number().int().nullable(),
  /** The twin's last finite loss (null when it had none). */
  twinLastFiniteLoss: num,
  /** Last logged step. */
  steps: z.number().int(),
});
export type RunPhaseSummary = z.infer<typeof RunPhaseSummarySchema>;

type PhaseRow = Pick<MetricRow, 'step' | 'loss' | 'linLoss' | 'sharpness' | 'twinDiverged'>;

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);
const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** When the twin blew up: the first row flagged by the session, or whose twin loss is past the divergence rule. */
function twinBlowUp(rows: readonly PhaseRow[]): { step: number | null; last: number | null } {
  const lin0 = rows.find((r) => finite(r.linLoss))?.linLoss;
  let last: number | null = null;
  for (const r of rows) {
    const gone = r.twinDiverged === true || (r.linLoss !== undefined && lin0 !== undefined && isDiverged({ loss: r.linLoss }, lin0));
    if (gone) return { step: r.step, last };
    if (finite(r.linLoss)) last = r.linLoss;
  }
  return { step: null, last };
}

/** Whether the loss rose between consecutive logged rows at least once (by more than LOSS_RISE_REL). */
export function lossRises(losses: readonly number[]): boolean {
  for (let i = 1; i < losses.length; i++) if (losses[i] > losses[i - 1] * (1 + LOSS_RISE_REL)) return true;
  return false;
}

/**
 * The phase and its evidence from a run's logged rows (step order; rows[0] is step 0) and its η.
 * `diverged`: the run was stopped by the divergence rule (also detected from the rows).
 */
export function lrPhaseSummary(rows: readonly PhaseRow[], lr: number, diverged = false): RunPhaseSummary {
  const loss0 = rows[0]?.loss ?? NaN;
  const losses = rows.map((r) => r.loss).filter(Number.isFinite);
  const blewUp = diverged || rows.some((r) => isDiverged(r, loss0));
  const sharp = rows.filter((r) => finite(r.sharpness)).map((r) => r.sharpness as number);
  const s0 = rows.length > 0 && finite(rows[0].sharpness) ? rows[0].sharpness : NaN;
  const sMax = sharp.length > 0 ? Math.max(...sharp) : NaN;
  const sFinal = sharp.length > 0 ? sharp[sharp.length - 1] : NaN;
  const edge0 = lr * s0;
  const etaSharpnessMax = lr * sMax;
  const edgeFinal = lr * sFinal;
  // a non-finite loss (overflow) makes the peak infinite: null in JSON and CSV
  const peak = rows.length > 0 && loss0 > 0 ? Math.max(...rows.map((r) => (Number.isFinite(r.loss) ? r.loss : Infinity))) / loss0 : NaN;
  const finalLoss = losses.length > 0 ? losses[losses.length - 1] : NaN;
  const twin = twinBlowUp(rows);
  let phase: LrPhase | null = null;
  if (blewUp) phase = 'diverged';
  else if (sharp.length >= 2) {
    const late = sharp.slice(Math.floor((2 * sharp.length) / 3));
    const lateEdge = (lr * late.reduce((a, b) => a + b, 0)) / late.length;
    const fell = finalLoss < loss0;
    if (etaSharpnessMax > EDGE && edgeFinal < EDGE && fell && (peak > 1 || edge0 > EDGE)) phase = 'catapult';
    else if (lateEdge >= EOS_BAND && fell && lossRises(losses)) phase = 'edge-of-stability';
    else phase = 'lazy';
  }
  return {
    phase,
    lr: orNull(lr),
    lrOverCritical: orNull(edge0 / EDGE),
    sharpness0: orNull(s0),
    sharpnessMax: orNull(sMax),
    sharpnessFinal: orNull(sFinal),
    etaSharpnessMax: orNull(etaSharpnessMax),
    lossPeakRatio: orNull(peak),
    twinDiverged: twin.step !== null,
    twinDivergedStep: twin.step,
    twinLastFiniteLoss: twin.last,
    steps: rows.length > 0 ? rows[rows.length - 1].step : 0,
  };
}

/** Display names of the phases. */
export const LR_PHASE_LABELS: Record<LrPhase, string> = {
  lazy: 'lazy',
  catapult: 'catapult',
  'edge-of-stability': 'edge of stability',
  diverged: 'diverged',
};
