// The UI-side store of the width sweep: its own worker (created on the first Run, so the Lab's
// worker never shares a backend queue with a sweep), the finished runs, progress and status.
// Events of an older sweep (after a restart) are dropped by sweepId.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { createWorkerClient, type WorkerClient } from '../../worker/client';
import type { BackendInfo, BackendName, WorkerEvent } from '../../worker/protocol';
import type { SweepSpec } from '../../schema/sweep';
import type { SweepLrs, SweepProgress, SweepRun } from './types';

export type SweepStatus = 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';

export interface SweepView {
  sweepId: number;
  status: SweepStatus;
  /** The spec of the current (or last) sweep. */
  spec: SweepSpec | null;
  /** How the sweep's η was chosen, per parametrization (from the worker, before the first run). */
  lrs: SweepLrs | null;
  runs: SweepRun[];
  progress: SweepProgress | null;
  elapsedMs: number;
  message: string | null;
  backend: BackendInfo | null;
  /** Set while a Cancel has been asked for and the worker has not confirmed yet. */
  cancelling: boolean;
}

type Listener = () => void;

export class SweepStore {
  private view: SweepView = { sweepId: 0, status: 'idle', spec: null, lrs: null, runs: [], progress: null, elapsedMs: 0, message: null, backend: null, cancelling: false };
  private listeners = new Set<Listener>();
  private client: WorkerClient | null = null;

  /** `createClient` opens the worker (tests pass a fake). */
  constructor(private readonly createClient: (onEvent: (ev: WorkerEvent) => void) => WorkerClient = createWorkerClient) {}

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getView = (): SweepView => this.view;

  start(spec: SweepSpec, backend: BackendName | null): void {
    if (!this.client) this.client = this.createClient((ev) => this.onEvent(ev));
    const sweepId = this.view.sweepId + 1;
    this.update({ sweepId, status: 'starting', spec, lrs: null, runs: [], progress: null, elapsedMs: 0, message: null, cancelling: false });
    this.client.send({ type: 'sweepStart', sweepId, spec, backend });
  }

  /**
   * Ask the worker to stop; it does between runs (or at a run's next logged step). If it has not
   * confirmed within `forceAfterMs` (a long run on a backend whose readbacks never yield), the
   * worker is terminated: the finished runs are already here, and the next Run opens a new worker.
   */
  cancel(forceAfterMs = 1500): void {
    const v = this.view;
    if (v.status !== 'running' && v.status !== 'starting') return;
    this.update({ cancelling: true });
    this.client?.send({ type: 'sweepCancel', sweepId: v.sweepId });
    const id = v.sweepId;
    setTimeout(() => {
      if (this.view.sweepId !== id || !this.view.cancelling) return;
      this.client?.dispose();
      this.client = null;
      this.update({ status: 'cancelled', cancelling: false });
    }, forceAfterMs);
  }

  dispose(): void {
    this.client?.dispose();
    this.client = null;
    if (this.view.status === 'running' || this.view.status === 'starting') this.update({ status: 'cancelled', cancelling: false });
  }

  private onEvent(ev: WorkerEvent): void {
    const v = this.view;
    switch (ev.type) {
      case 'backend':
        this.update({ backend: ev.info });
        return;
      case 'error':
      case 'fatal':
        if (v.status === 'running' || v.status === 'starting') this.update({ status: 'failed', message: ev.message, cancelling: false });
        return;
      case 'sweepLr':
        if (ev.sweepId !== v.sweepId) return;
        this.update({ lrs: ev.lrs });
        return;
      case 'sweepProgress':
        if (ev.sweepId !== v.sweepId) return;
        this.update({ status: v.status === 'starting' ? 'running' : v.status, progress: ev.progress, elapsedMs: ev.progress.elapsedMs });
        return;
      case 'sweepRun':
        if (ev.sweepId !== v.sweepId) return;
        this.update({ runs: [...v.runs, ev.run] });
        return;
      case 'sweepDone':
        if (ev.sweepId !== v.sweepId) return;
        this.update({ status: ev.state, elapsedMs: ev.elapsedMs, message: ev.message ?? null, cancelling: false });
        return;
      default:
        return; // the Lab's run events: not used by the sweep worker
    }
  }

  private update(patch: Partial<SweepView>): void {
    this.view = { ...this.view, ...patch };
    for (const l of this.listeners) l();
  }
}

/** The page's one sweep store; kept while the app lives, so switching views keeps the sweep. */
export function useSweepStore(): SweepStore {
  const [store] = useState(() => new SweepStore());
  useEffect(() => () => store.dispose(), [store]);
  return store;
}

export function useSweepView(store: SweepStore): SweepView {
  return useSyncExternalStore(store.subscribe, store.getView, store.getView);
}
