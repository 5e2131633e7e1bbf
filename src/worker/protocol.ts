// The message protocol between the UI thread and the training worker, as zod schemas validated on
// BOTH sides of postMessage: the worker checks every request (parseRequest), the UI checks every
// event (parseEvent). Requests go UI → worker; events go worker → UI. Every message about a run
// carries its runId (chosen by the UI when it starts the run) so stale messages of a restarted run
// are dropped; errors not tied to a run are {type:'fatal'}.
//
// To add a message: add its schema to REQUEST_SCHEMAS or EVENT_SCHEMAS below (with a literal
// `type`); the WorkerRequest / WorkerEvent unions and the validation follow.
import { z } from 'zod';
import { BACKEND_NAMES } from '../schema/backends';
import { ConfigSchema } from '../schema/config';
import { MetricRowSchema, RunMetaSchema, SnapshotSchema, StartupStageSchema } from '../engine/records/runRecords';
import { EarlyWidthPointSchema } from '../engine/records/earlyWidthPoint';
import { SweepSpecSchema } from '../schema/sweep';
import { SweepLrsSchema, SweepProgressSchema, SweepRunSchema } from '../engine/records/sweepRecords';

export const BackendNameSchema = z.enum(BACKEND_NAMES);
export type { BackendName } from '../schema/backends';

/** Identifies one run: chosen by the UI, positive, increasing. */
export const RunIdSchema = z.number().int().nonnegative();

export const BackendMeasurementSchema = z.object({
  backend: BackendNameSchema,
  /** Median milliseconds for one training step in the start-up probe; null when it failed. */
  msPerStep: z.number().nullable(),
  note: z.string().optional(),
  /** Wall time this backend's probe took (initialisation, warm-up and timing), ms. */
  probeMs: z.number().optional(),
});
export type BackendMeasurement = z.infer<typeof BackendMeasurementSchema>;

/** A backend whose device (WebGPU) or context (WebGL) was lost in this page, and the browser's reason. */
export const LostBackendSchema = z.object({ backend: BackendNameSchema, reason: z.string().max(500) });
export type LostBackend = z.infer<typeof LostBackendSchema>;

export const BackendInfoSchema = z.object({
  name: BackendNameSchema,
  /** Plain sentence shown in the badge: why this backend runs (and why others did not). */
  reason: z.string(),
  forced: z.boolean(),
  measurements: z.array(BackendMeasurementSchema),
  /** e.g. "SwiftShader (fallback adapter)" when WebGPU exists but is software. */
  adapter: z.string().optional(),
  /** Wall time of the whole start-up probe, ms. */
  probeMs: z.number().optional(),
  /** Threads of the wasm backend (1 when it runs single-threaded); only when wasm runs. */
  wasmThreads: z.number().int().positive().optional(),
  /** Backends lost earlier in this page (not tried again): this one is the fallback. */
  lost: z.array(LostBackendSchema).optional(),
  /** What the automatic choice depends on (user agent, WebGPU adapter, WebGL renderer): the page remembers the choice under it. */
  fingerprint: z.string().max(2000).optional(),
  /** Chosen from a probe remembered by the page (ms since epoch of that probe), not measured now. */
  rememberedAt: z.number().optional(),
});
export type BackendInfo = z.infer<typeof BackendInfoSchema>;

/** A start-up probe the page remembered (localStorage), offered to a fresh worker. */
export const RememberedProbeSchema = z.object({ fingerprint: z.string().max(2000), at: z.number(), info: BackendInfoSchema });
export type RememberedProbe = z.infer<typeof RememberedProbeSchema>;

export const RUN_STATES = ['loading', 'ready', 'playing', 'paused', 'diverged', 'done'] as const;
export const RunStateSchema = z.enum(RUN_STATES);
export type RunState = z.infer<typeof RunStateSchema>;

// ---- width sweeps (a separate worker runs them; see src/ui/sweep/useSweep.ts) ----
export const SweepIdSchema = z.number().int().nonnegative();
// ---- requests (UI → worker) ----
// init/config/reset start a run with the given runId, so the UI can drop every event of an older
// run right away, before the worker answers.
export const REQUEST_SCHEMAS = [
  z.object({
    type: z.literal('init'),
    config: ConfigSchema,
    backend: BackendNameSchema.nullable(),
    runId: RunIdSchema,
    /** Backends lost earlier in this page: the automatic choice leaves them out (see fallback.ts). */
    lost: z.array(LostBackendSchema).max(4).optional(),
    /** The page's remembered probe: used (no timing) when its fingerprint matches this browser's. */
    remembered: RememberedProbeSchema.optional(),
    /** Compare mode: the second run's config (the first one with one field changed), trained alongside. */
    compare: ConfigSchema.nullable().optional(),
  }),
  z.object({ type: z.literal('config'), config: ConfigSchema, runId: RunIdSchema, compare: ConfigSchema.nullable().optional() }),
  z.object({ type: z.literal('play') }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('step'), count: z.number().int().min(1).max(1_000_000) }),
  z.object({ type: z.literal('reset'), runId: RunIdSchema }),
  /** Abandon the run being started (the worker stays, idle, until the next config or reset). */
  z.object({ type: z.literal('cancel') }),
  /** Which probe point x the 𝔆^{0,2} pair heatmap is computed for. */
  z.object({ type: z.literal('pairIndex'), index: z.number().int().nonnegative() }),
  /** Which hidden layer the NFM/AGOP heatmaps show (1…depth). */
  z.object({ type: z.literal('nfaLayer'), layer: z.number().int().min(1) }),
  /** Early-time model: measure earlyGap at a few widths (the run pauses meanwhile). */
  z.object({ type: z.literal('earlySweep') }),
  /** Width sweep: run every (width, seed) of the spec (the engine's sweep runner, see sweepRunner.ts). */
  z.object({ type: z.literal('sweepStart'), sweepId: SweepIdSchema, spec: SweepSpecSchema, backend: BackendNameSchema.nullable() }),
  /** Stop the sweep after the current run's next logged step; finished runs are kept. */
  z.object({ type: z.literal('sweepCancel'), sweepId: SweepIdSchema }),
  /**
   * `?debug` test hook: lose the running backend's real device (GPUDevice.destroy() on webgpu,
   * WEBGL_lose_context.loseContext() on webgl), to exercise the device-loss fallback.
   */
  z.object({ type: z.literal('debugLoseDevice') }),
] as const;
export const WorkerRequestSchema = z.discriminatedUnion('type', REQUEST_SCHEMAS);
export type WorkerRequest = z.infer<typeof WorkerRequestSchema>;

// ---- events (worker → UI) ----
export const EVENT_SCHEMAS = [
  z.object({ type: z.literal('backend'), info: BackendInfoSchema }),
  /** compare*: the second run of compare mode (same steps as the first; absent without compare). */
  z.object({ type: z.literal('ready'), runId: RunIdSchema, meta: RunMetaSchema, compareMeta: RunMetaSchema.optional() }),
  z.object({ type: z.literal('metrics'), runId: RunIdSchema, rows: z.array(MetricRowSchema), compareRows: z.array(MetricRowSchema).optional() }),
  z.object({ type: z.literal('snapshot'), runId: RunIdSchema, snapshot: SnapshotSchema, compareSnapshot: SnapshotSchema.optional() }),
  z.object({
    type: z.literal('status'),
    runId: RunIdSchema,
    state: RunStateSchema,
    step: z.number().int().nonnegative(),
    stepsPerSec: z.number().nonnegative(),
    message: z.string().optional(),
    /** tf.memory() in the worker when the status was posted (leak checks: flat over a long run). */
    numTensors: z.number().int().nonnegative().optional(),
    numBytes: z.number().nonnegative().optional(),
    /** Compare mode: the step at which the second run diverged (it stops there; the first goes on). */
    compareDivergedAt: z.number().int().nonnegative().optional(),
  }),
  /** Start-up of a run: the stage it is in, overall fraction done, estimated milliseconds left. */
  z.object({
    type: z.literal('progress'),
    runId: RunIdSchema,
    stage: StartupStageSchema,
    fraction: z.number().min(0).max(1),
    etaMs: z.number().nonnegative().optional(),
  }),
  /** An error of one run (the run stops; Reset starts it again). */
  z.object({ type: z.literal('error'), runId: RunIdSchema, message: z.string() }),
  /**
   * The backend's device or context was lost (the worker stops using it): the page terminates this
   * worker and starts a fresh one that leaves `backend` out, and restarts the run from step 0.
   */
  z.object({ type: z.literal('deviceLost'), lost: LostBackendSchema }),
  /** An error not tied to a run: the worker could not start, a message could not be read, … */
  z.object({ type: z.literal('fatal'), message: z.string() }),
  /** Result of an earlySweep request: points, or null with a message when it could not run. */
  z.object({ type: z.literal('earlySweep'), runId: RunIdSchema, points: z.array(EarlyWidthPointSchema).nullable(), message: z.string().optional() }),
  /** How the sweep's η was chosen (resolved once per parametrization, before the first run). */
  z.object({ type: z.literal('sweepLr'), sweepId: SweepIdSchema, lrs: SweepLrsSchema }),
  z.object({ type: z.literal('sweepProgress'), sweepId: SweepIdSchema, progress: SweepProgressSchema }),
  /** One finished (width, seed) run of a sweep. */
  z.object({ type: z.literal('sweepRun'), sweepId: SweepIdSchema, run: SweepRunSchema }),
  z.object({
    type: z.literal('sweepDone'),
    sweepId: SweepIdSchema,
    state: z.enum(['done', 'cancelled', 'failed']),
    elapsedMs: z.number().nonnegative(),
    message: z.string().optional(),
  }),
] as const;
export const WorkerEventSchema = z.discriminatedUnion('type', EVENT_SCHEMAS);
export type WorkerEvent = z.infer<typeof WorkerEventSchema>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** One line naming what is wrong with a message: its type and the first problems with their paths. */
function describeProblem(kind: string, data: unknown, error: z.ZodError): string {
  const type = typeof data === 'object' && data !== null ? Reflect.get(data, 'type') : undefined;
  const problems = error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  return `Invalid ${kind}${typeof type === 'string' ? ` "${type}"` : ''}: ${problems}`;
}

/** Validate a request arriving in the worker. */
export function parseRequest(data: unknown): Parsed<WorkerRequest> {
  const r = WorkerRequestSchema.safeParse(data);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: describeProblem('request to the training worker', data, r.error) };
}

/** Validate an event arriving from the worker. */
export function parseEvent(data: unknown): Parsed<WorkerEvent> {
  const r = WorkerEventSchema.safeParse(data);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: describeProblem('message from the training worker', data, r.error) };
}

/** The buffers of every typed array in a message, for postMessage's transfer list (each once). */
export function transferablesOf(message: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number): void => {
    if (depth > 8 || typeof v !== 'object' || v === null) return;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && v.byteLength > 0) found.add(v.buffer);
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) visit(x, depth + 1);
  };
  visit(message, 0);
  return [...found];
}
