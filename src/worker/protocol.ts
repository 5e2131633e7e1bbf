// The typed message protocol between the UI thread and the training worker.
// Requests go UI → worker; events go worker → UI. Every event about a run carries its runId so
// stale messages from a restarted run are dropped by the UI.
import type { ExperimentConfig } from '../state/config';
import type { MetricRow, RunMeta, Snapshot } from '../engine/session';
import type { SweepProgress, SweepRequestSpec, SweepRun } from './sweepSpec';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendMeasurement {
  backend: BackendName;
  /** Median milliseconds for one training step in the start-up probe; null when it failed. */
  msPerStep: number | null;
  note?: string;
  /** Wall time this backend's probe took (initialisation, warm-up and timing), ms. */
  probeMs?: number;
}

export interface BackendInfo {
  name: BackendName;
  /** Plain sentence shown in the badge: why this backend runs (and why others did not). */
  reason: string;
  forced: boolean;
  measurements: BackendMeasurement[];
  /** e.g. "SwiftShader (fallback adapter)" when WebGPU exists but is software. */
  adapter?: string;
  /** Wall time of the whole start-up probe, ms. */
  probeMs?: number;
  /** Threads of the wasm backend (1 when it runs single-threaded); only when wasm runs. */
  wasmThreads?: number;
}

// `runId` on init/config/reset (optional) is chosen by the UI: the run those requests start carries
// that id, so the UI can drop every event of an older run right away, before the worker answers.
export type WorkerRequest =
  | { type: 'init'; config: ExperimentConfig; backend: BackendName | null; runId?: number }
  | { type: 'config'; config: ExperimentConfig; runId?: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; count: number }
  | { type: 'reset'; runId?: number }
  /** Which probe point x the 𝔆^{0,2} pair heatmap is computed for. */
  | { type: 'pairIndex'; index: number }
  /** Width sweep: run every (width, seed) of the spec one after another (see sweepRunner.ts). */
  | { type: 'sweepStart'; sweepId: number; spec: SweepRequestSpec; backend: BackendName | null }
  /** Stop the sweep after the current run's next logged step; finished runs are kept. */
  | { type: 'sweepCancel'; sweepId: number };

export type RunState = 'loading' | 'ready' | 'playing' | 'paused' | 'diverged' | 'done';

export type WorkerEvent =
  | { type: 'backend'; info: BackendInfo }
  | { type: 'ready'; runId: number; meta: RunMeta }
  | { type: 'metrics'; runId: number; rows: MetricRow[] }
  | { type: 'snapshot'; runId: number; snapshot: Snapshot }
  | { type: 'status'; runId: number; state: RunState; step: number; stepsPerSec: number; message?: string }
  | { type: 'error'; runId: number; message: string }
  | { type: 'sweepProgress'; sweepId: number; progress: SweepProgress }
  /** One finished (width, seed) run of a sweep. */
  | { type: 'sweepRun'; sweepId: number; run: SweepRun }
  | { type: 'sweepDone'; sweepId: number; state: 'done' | 'cancelled' | 'failed'; elapsedMs: number; message?: string };

export function isWorkerEvent(x: unknown): x is WorkerEvent {
  return typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string';
}
