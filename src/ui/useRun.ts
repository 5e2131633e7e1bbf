// The UI-side store for the training worker: one immutable view object, replaced on change and
// published at most once per animation frame, read with useSyncExternalStore.
// Each (re)start gets a runId chosen here; events of any other run are dropped on arrival.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ExperimentConfig } from '../state/config';
import type { MetricRow, RunMeta, Snapshot } from '../engine/session';
import type { BackendInfo, BackendName, RunState, WorkerEvent } from '../worker/protocol';
import { createWorkerClient, type WorkerClient } from '../worker/client';

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
  backend: BackendInfo | null;
  errors: { id: number; message: string }[];
  pairIndex: number;
}

type Listener = () => void;

export class RunStore {
  private view: RunView;
  private listeners = new Set<Listener>();
  private client: WorkerClient | null = null;
  private frame: number | null = null;
  private errorId = 0;

  constructor(
    config: ExperimentConfig,
    private readonly forcedBackend: BackendName | null,
  ) {
    this.view = {
      config,
      runId: 1,
      meta: null,
      rows: [],
      snapshot: null,
      state: 'loading',
      wantPlay: false,
      step: 0,
      stepsPerSec: 0,
      divergedAt: null,
      statusMessage: null,
      backend: null,
      errors: [],
      pairIndex: 0,
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
    this.client = createWorkerClient((ev) => this.onEvent(ev));
    this.client.send({ type: 'init', config: this.view.config, backend: this.forcedBackend, runId: this.view.runId });
    if (this.view.pairIndex) this.client.send({ type: 'pairIndex', index: this.view.pairIndex });
  }
  disconnect(): void {
    this.client?.dispose();
    this.client = null;
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
  }

  // ---- actions ----
  setConfig(config: ExperimentConfig): void {
    const runId = this.view.runId + 1;
    this.update({ config, runId, state: 'loading', step: 0, stepsPerSec: 0, divergedAt: null, statusMessage: null }, true);
    this.client?.send({ type: 'config', config, runId });
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
    this.update({ runId, wantPlay: false, state: 'loading', step: 0, stepsPerSec: 0, divergedAt: null, statusMessage: null }, true);
    this.client?.send({ type: 'reset', runId });
  }
  setPairIndex(index: number): void {
    if (index === this.view.pairIndex) return;
    this.update({ pairIndex: index }, true);
    this.client?.send({ type: 'pairIndex', index });
  }
  dismissError(id: number): void {
    this.update({ errors: this.view.errors.filter((e) => e.id !== id) }, true);
  }

  // ---- events ----
  private onEvent(ev: WorkerEvent): void {
    const v = this.view;
    switch (ev.type) {
      case 'backend':
        this.update({ backend: ev.info });
        return;
      case 'fatal':
        this.update({ errors: [...v.errors.slice(-3), { id: ++this.errorId, message: ev.message }], wantPlay: false });
        return;
      case 'error':
        if (ev.runId !== v.runId) return; // an error of a stale run
        this.update({ errors: [...v.errors.slice(-3), { id: ++this.errorId, message: ev.message }], wantPlay: false });
        return;
      case 'sweepProgress':
      case 'sweepRun':
      case 'sweepDone':
        return; // sweeps run in their own worker (src/ui/sweep/useSweep.ts)
    }
    if (ev.runId !== v.runId) return; // a stale run
    switch (ev.type) {
      case 'ready':
        this.update({ meta: ev.meta, rows: [], snapshot: null, divergedAt: null });
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
    if (this.frame === null) {
      this.frame = requestAnimationFrame(() => {
        this.frame = null;
        this.emit();
      });
    }
  }
  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/** One store per page, connected while the component is mounted. */
export function useRun(initialConfig: ExperimentConfig, forcedBackend: BackendName | null): [RunView, RunStore] {
  const [store] = useState(() => new RunStore(initialConfig, forcedBackend));
  useEffect(() => {
    store.connect();
    return () => store.disconnect();
  }, [store]);
  const view = useSyncExternalStore(store.subscribe, store.getView, store.getView);
  return [view, store];
}
