// What the training loop (loop.ts) talks to: the Session as the loop sees it (and the adapters for
// the MLP and the early-time model), the worker's services, and the pacing knobs.
import type { ExperimentConfig } from '../schema/config';
import type { Session } from '../engine/session/session';
import type { CreateProgress } from '../engine/session/startupCost';
import type { ExpensiveMode } from '../engine/session/milestones';
import type { MetricRow, RunMeta, Snapshot } from '../engine/records/runRecords';
import type { EarlyTimeSession } from '../engine/earlyTime/earlyTimeSession';
import type { EarlyWidthPoint } from '../engine/earlyTime/earlyTimeSweep';
import type { WorkerEvent } from './protocol';
import type { PacingOptions } from './pacing';

/** What the loop needs from a Session (the real Session satisfies it). */
export interface LoopSession {
  readonly meta: RunMeta;
  readonly step: number;
  advance(k: number): void;
  /** `final`: the run's last step — measure every metric, even those a duty cycle would skip now. */
  measure(opts?: { final?: boolean }): Promise<MetricRow>;
  snapshot(opts?: { pairIndex?: number; nfaLayer?: number }): Promise<Snapshot>;
  /**
   * Builds what the start-up left for later (the kernel machine), after the step-0 snapshot; true
   * when something was built (the next snapshot then has more to show).
   */
  completeStartup?(): boolean;
  /** Resolves once all queued training work has run (a tiny readback that depends on it). */
  fence?(): Promise<void>;
  /** Start-up: estimated ms of the first measurement and the share of start-up done before it. */
  readonly firstMeasure?: { etaMs: number | null; fraction: number };
  /** Compare mode: the second run trained alongside (pairSession.ts); absent otherwise. */
  readonly compare?: CompareSide;
  dispose(): void;
}

/** The second run of compare mode as the loop reads it: its meta, its rows and its snapshot since the last take. */
export interface CompareSide {
  readonly meta: RunMeta;
  takeRows(): MetricRow[];
  takeSnapshot(): Snapshot | null;
  /** The step at which the second run diverged (it stopped there), or null. */
  readonly divergedAt: number | null;
}

/**
 * A Session as the loop sees it. `expensive` picks when NTK drift and correlations are measured
 * (the app: 'auto', time-budgeted); `pair: false` leaves the 𝔆^{0,2} pair matrix out of snapshots.
 */
export function loopSession(
  s: Session,
  opts: { expensive?: ExpensiveMode; pair?: boolean; fence?: () => Promise<void> } = {},
): LoopSession {
  const { expensive = 'auto', pair = true } = opts;
  return adapt(
    s,
    {
      completeStartup: () => s.completeStartup(),
      measure: (o) => s.measure(expensive, { force: o?.final === true }),
      snapshot: (o) => s.snapshot({ ...(pair ? { pairIndex: o?.pairIndex } : {}), nfaLayer: o?.nfaLayer ?? s.defaultNfaLayer() }),
    },
    opts.fence,
    () => ({ etaMs: s.firstMeasureEstimateMs, fraction: s.firstMeasureFraction }),
  );
}

/** An early-time run as the loop sees it (it has no NTK probe, pair matrix or NFA). */
export function earlyTimeLoopSession(s: EarlyTimeSession, opts: { fence?: () => Promise<void> } = {}): LoopSession {
  return adapt(s, { measure: () => s.measure(), snapshot: () => s.snapshot() }, opts.fence);
}

/** A run as a LoopSession: meta, step (and firstMeasure) read live from it, the rest delegated. */
function adapt(
  s: { readonly meta: RunMeta; readonly step: number; advance(k: number): void; dispose(): void },
  parts: Pick<LoopSession, 'measure' | 'snapshot' | 'completeStartup'>,
  fence: (() => Promise<void>) | undefined,
  firstMeasure?: () => NonNullable<LoopSession['firstMeasure']>,
): LoopSession {
  const base = { advance: (k: number) => s.advance(k), dispose: () => s.dispose(), ...parts, ...(fence ? { fence } : {}) };
  return Object.defineProperties(base, {
    meta: { get: () => s.meta, enumerable: true },
    step: { get: () => s.step, enumerable: true },
    ...(firstMeasure ? { firstMeasure: { get: firstMeasure, enumerable: true } } : {}),
  }) as typeof base & Pick<LoopSession, 'meta' | 'step' | 'firstMeasure'>;
}

/** What createSession gets to report start-up stages and to learn that it should stop. */
export type StartupProgress = CreateProgress;

export interface LoopDeps {
  /** `compare`: compare mode's second config, to be trained alongside (pairSession.ts). */
  createSession(config: ExperimentConfig, progress: StartupProgress, compare?: ExperimentConfig | null): Promise<LoopSession>;
  post(ev: WorkerEvent): void;
  /** Milliseconds, monotonic (performance.now in the worker). */
  now(): number;
  /**
   * Run fn as a new task after delayMs (0: as soon as possible, e.g. a MessageChannel task in the
   * worker, without setTimeout's clamp), so messages can interleave.
   */
  schedule(fn: () => void, delayMs: number): void;
  /** The backend's live tensor count and bytes (tf.memory()), reported with each status. */
  memory?(): { numTensors: number; numBytes: number };
  /** earlyGap against width for an early-time config with learning rate lr (absent: not offered). */
  earlySweep?(config: ExperimentConfig, lr: number): Promise<EarlyWidthPoint[]>;
}

/** The pacing policy's knobs (pacing.ts) plus how often status / metrics are posted while playing. */
export interface LoopOptions extends PacingOptions {
  /** Minimum time between status / metrics posts while playing. */
  postIntervalMs: number;
}

export const DEFAULT_LOOP_OPTIONS: LoopOptions = {
  tickMs: 20,
  measureIntervalMs: 50,
  snapshotIntervalMs: 250,
  postIntervalMs: 100,
  maxStepsPerTick: 2048,
};

