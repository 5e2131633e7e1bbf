// The UI-side store for the training worker: one immutable view object, replaced on change and
// published at most every EMIT_INTERVAL_MS in an animation frame (user actions at once), read with
// useSyncExternalStore.
// Each (re)start gets a runId chosen here; events of any other run are dropped on arrival.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ExperimentConfig } from '../../schema/config';
import type { MetricRow, RunMeta, Snapshot } from '../../engine/records/runRecords';
import type { StartupStage } from '../../engine/records/runRecords';
import type { EarlyWidthPoint } from '../../engine/records/earlyWidthPoint';
import type { BackendInfo, BackendName, LostBackend, RunState, WorkerEvent } from '../../worker/protocol';
import { forgetRememberedProbe, saveRememberedProbe } from './probeCache';
import { FIRST_RUN_ID, initRequest } from './runInit';
import { createWorkerClient, type WorkerClient } from '../../worker/client';
import { EMIT_INTERVAL_MS, nextEmitDelay } from './emitPacing';
import type { CompareSpec } from '../../schema/compare';
import { compareAfter, compareConfigFor, emptyCompare, type CompareRun } from './compareState';

/** The earlyGap-vs-width mini sweep: not run yet, running, or its points. */
export type EarlySweepState = { status: 'idle' } | { status: 'running' } | { status: 'done'; points: EarlyWidthPoint[] } | { status: 'failed'; message: string };

export interface RunView {
  config: ExperimentConfig;
  runId: number;
  /** Meta of the current run (kept from the previous run until the new one is ready). */
  meta: RunMeta | null;
  rows: MetricRow[];
  snapshot: Snapshot | null;
  state: RunState;
  /** The user asked to play (shown as "Pause" at once, before the worker confirms). */
  wantPlay: boolean;
  step: number;
  stepsPerSec: number;
  divergedAt: number | null;
  statusMessage: string | null;
  /** The worker's live tensor count / bytes at the last status (null before the first). */
  numTensors: number | null;
  numBytes: number | null;
  backend: BackendInfo | null;
  errors: { id: number; message: string }[];
  pairIndex: number;
  /** While state is 'loading': the start-up stage, fraction done and estimated ms left. */
  startup: { stage: StartupStage; fraction: number; etaMs?: number; receivedAt?: number } | null;
  /** The worker crashed and was terminated: Reset starts a fresh one with the current config. */
  workerCrashed: boolean;
  /** The last device loss (id increases with each): the run restarted on a fallback backend. */
  deviceLoss: { id: number; lost: LostBackend } | null;
  /** Hidden layer of the NFM/AGOP heatmaps; null = the run's default. */
  nfaLayer: number | null;
  earlySweep: EarlySweepState;
  /** Compare mode: the second run (one config field changed), or null when off (compareState.ts). */
  compare: CompareRun | null;
}

type Listener = () => void;

export class RunStore {
  private view: RunView;
  private listeners = new Set<Listener>();
  private client: WorkerClient | null = null;
  private frame: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastEmit = -Infinity;
  private errorId = 0;
  /** Backends lost in this page: every fresh worker leaves them out. */
  private lost: LostBackend[] = [];

  constructor(
    config: ExperimentConfig,
    private readonly forcedBackend: BackendName | null,
    compare: CompareSpec | null = null,
  ) {
    this.view = {
      config,
      runId: FIRST_RUN_ID,
      meta: null,
      rows: [],
      snapshot: null,
      state: 'loading',
      wantPlay: false,
      step: 0,
      stepsPerSec: 0,
      divergedAt: null,
      statusMessage: null,
      numTensors: null,
      numBytes: null,
      backend: null,
      errors: [],
      pairIndex: 0,
      startup: null,
      workerCrashed: false,
      deviceLoss: null,
      nfaLayer: null,
      earlySweep: { status: 'idle' },
      compare: emptyCompare(compare),
    };
  }

  // ---- React binding ----
  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getView = (): RunView => this.view;

  connect(): void {
    if (this.client) return;
    // The first connect adopts the worker main.tsx prestarted with this same request (runInit.ts).
    const init = initRequest({ config: this.view.config, forcedBackend: this.forcedBackend, runId: this.view.runId, lost: this.lost, compare: this.view.compare?.spec ?? null });
    this.client = createWorkerClient(
      (ev) => this.onEvent(ev),
      () => this.onCrash(),
      init,
    );
    if (this.view.pairIndex) this.client.send({ type: 'pairIndex', index: this.view.pairIndex });
  }
  disconnect(): void {
    this.client?.dispose();
    this.client = null;
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.timer !== null) clearTimeout(this.timer);
    this.frame = null;
    this.timer = null;
  }

  // ---- actions ----
  setConfig(config: ExperimentConfig): void {
    const runId = this.view.runId + 1;
    this.update({ config, runId, state: 'loading', step: 0, stepsPerSec: 0, divergedAt: null, statusMessage: null, startup: null }, true);
    this.client?.send({ type: 'config', config, runId, compare: compareConfigFor(config, this.view.compare?.spec) });
  }
  /** Compare mode on (a second run with one field changed) or off, with the first run's config; both restart from step 0. */
  setCompare(spec: CompareSpec | null, config: ExperimentConfig = this.view.config): void {
    this.update({ compare: emptyCompare(spec) }, true);
    this.setConfig(config);
  }
  play(): void {
    const v = this.view;
    if (v.state === 'diverged') return;
    if (v.state === 'done') {
      // Play after the last step: start again from θ₀ and play.
      this.reset();
    }
    this.update({ wantPlay: true }, true);
    this.client?.send({ type: 'play' });
  }
  pause(): void {
    this.update({ wantPlay: false }, true);
    this.client?.send({ type: 'pause' });
  }
  stepOnce(): void {
    this.update({ wantPlay: false }, true);
    this.client?.send({ type: 'step', count: 1 });
  }
  reset(): void {
    const runId = this.view.runId + 1;
    this.update({ runId, wantPlay: false, state: 'loading', step: 0, stepsPerSec: 0, divergedAt: null, statusMessage: null, startup: null }, true);
    if (this.view.workerCrashed || !this.client) {
      // The old worker was terminated when it crashed: a fresh one starts the current config.
      this.client?.dispose();
      this.client = null;
      this.update({ workerCrashed: false }, true);
      this.connect();
      return;
    }
    this.client.send({ type: 'reset', runId });
  }
  /** Stop a start-up in progress (between its stages); Reset starts it again. */
  cancel(): void {
    this.update({ wantPlay: false }, true);
    this.client?.send({ type: 'cancel' });
  }
  /**
   * Forget the remembered start-up probe and start a fresh worker that measures every backend again
   * (the run restarts from step 0 with the same config).
   */
  reprobe(): void {
    forgetRememberedProbe();
    const wasPlaying = this.view.wantPlay;
    this.client?.dispose();
    this.client = null;
    this.update({ runId: this.view.runId + 1, state: 'loading', step: 0, stepsPerSec: 0, divergedAt: null, statusMessage: null, startup: null, backend: null }, true);
    this.connect();
    if (wasPlaying) (this.client as WorkerClient | null)?.send({ type: 'play' });
  }
  /**
   * The worker's backend lost its device: terminate that worker (no zombie), start a fresh one that
   * leaves the lost backend out, and restart the run from step 0 with the same config, playing again
   * if it was playing.
   */
  private onDeviceLost(lost: LostBackend): void {
    const wasPlaying = this.view.wantPlay;
    this.lost = [...this.lost.filter((l) => l.backend !== lost.backend), lost];
    this.client?.dispose();
    this.client = null;
    const id = (this.view.deviceLoss?.id ?? 0) + 1;
    this.update(
      { runId: this.view.runId + 1, state: 'loading', step: 0, stepsPerSec: 0, divergedAt: null, statusMessage: null, startup: null, backend: null, deviceLoss: { id, lost } },
      true,
    );
    this.connect();
    if (wasPlaying) (this.client as WorkerClient | null)?.send({ type: 'play' });
  }
  private onCrash(): void {
    this.client?.dispose();
    this.client = null;
    this.update({ workerCrashed: true, wantPlay: false, state: 'paused', startup: null, statusMessage: 'The training worker stopped — press Reset to start a new one' }, true);
  }
  setPairIndex(index: number): void {
    if (index === this.view.pairIndex) return;
    this.update({ pairIndex: index }, true);
    this.client?.send({ type: 'pairIndex', index });
  }
  setNfaLayer(layer: number): void {
    if (layer === this.view.nfaLayer) return;
    this.update({ nfaLayer: layer }, true);
    this.client?.send({ type: 'nfaLayer', layer });
  }
  runEarlySweep(): void {
    if (this.view.earlySweep.status === 'running') return;
    this.update({ earlySweep: { status: 'running' } }, true);
    this.client?.send({ type: 'earlySweep' });
  }
  dismissError(id: number): void {
    this.update({ errors: this.view.errors.filter((e) => e.id !== id) }, true);
  }

  // ---- events ----
  private onEvent(ev: WorkerEvent): void {
    const v = this.view;
    switch (ev.type) {
      case 'backend':
        saveRememberedProbe(ev.info, Date.now());
        this.update({ backend: ev.info });
        return;
      case 'deviceLost':
        this.onDeviceLost(ev.lost);
        return;
      case 'fatal':
        this.update({ errors: [...v.errors.slice(-3), { id: ++this.errorId, message: ev.message }], wantPlay: false });
        return;
      case 'error':
        if (ev.runId !== v.runId) return; // an error of a stale run
        this.update({ errors: [...v.errors.slice(-3), { id: ++this.errorId, message: ev.message }], wantPlay: false });
        return;
      case 'sweepLr':
      case 'sweepProgress':
      case 'sweepRun':
      case 'sweepDone':
        return; // sweeps run in their own worker (src/ui/sweep/useSweep.ts)
    }
    if (ev.runId !== v.runId) return; // a stale run
    const compare = compareAfter(v.compare, ev);
    if (compare !== v.compare) this.update({ compare });
    switch (ev.type) {
      case 'ready':
        this.update({ meta: ev.meta, rows: [], snapshot: null, divergedAt: null, earlySweep: { status: 'idle' } });
        return;
      case 'earlySweep':
        this.update({ earlySweep: ev.points ? { status: 'done', points: ev.points } : { status: 'failed', message: ev.message ?? 'no result' } });
        return;
      case 'progress':
        this.update({ startup: { stage: ev.stage, fraction: ev.fraction, ...(ev.etaMs !== undefined ? { etaMs: ev.etaMs } : {}), receivedAt: performance.now() } });
        return;
      case 'metrics':
        this.update({ rows: v.rows.concat(ev.rows) });
        return;
      case 'snapshot':
        this.update({ snapshot: ev.snapshot });
        return;
      case 'status': {
        const ended = ev.state === 'diverged' || ev.state === 'done';
        this.update({
          state: ev.state,
          step: ev.step,
          stepsPerSec: ev.stepsPerSec,
          statusMessage: ev.message ?? null,
          numTensors: ev.numTensors ?? null,
          numBytes: ev.numBytes ?? null,
          startup: ev.state === 'loading' ? v.startup : null,
          divergedAt: ev.state === 'diverged' ? ev.step : null,
          // wantPlay is the user's intent (Play/Pause): a status already in flight when the user
          // pressed Pause must not flip the button back; only the end of a run clears it.
          wantPlay: ended ? false : v.wantPlay,
        });
        return;
      }
    }
  }

  private update(patch: Partial<RunView>, now = false): void {
    this.view = { ...this.view, ...patch };
    if (now) {
      this.emit();
      return;
    }
    if (this.frame !== null || this.timer !== null) return;
    // Worker events (rows, snapshots, status) reach React at most every EMIT_INTERVAL_MS, in an
    // animation frame: every emit re-renders and re-lays out the panels, so 60 emits a second
    // would take most of the main thread while training (bench/browser/fps.mjs).
    const wait = nextEmitDelay(this.lastEmit, performance.now(), EMIT_INTERVAL_MS);
    const schedule = () => {
      this.timer = null;
      this.frame = requestAnimationFrame(() => {
        this.frame = null;
        this.emit();
      });
    };
    if (wait <= 0) schedule();
    else this.timer = setTimeout(schedule, wait);
  }
  private emit(): void {
    this.lastEmit = performance.now();
    for (const l of this.listeners) l();
  }
}

/** One store per page, connected while the component is mounted. */
export function useRun(initialConfig: ExperimentConfig, forcedBackend: BackendName | null, initialCompare: CompareSpec | null = null): [RunView, RunStore] {
  const [store] = useState(() => new RunStore(initialConfig, forcedBackend, initialCompare));
  useEffect(() => {
    store.connect();
    return () => store.disconnect();
  }, [store]);
  const view = useSyncExternalStore(store.subscribe, store.getView, store.getView);
  return [view, store];
}
