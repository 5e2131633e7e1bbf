// The UI-side sweep store with a fake worker client: requests sent, runs collected, progress and
// end states, stale sweeps ignored, cancel keeps finished runs.
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/schema/config';
import type { WorkerEvent, WorkerRequest } from '../../src/worker/protocol';
import type { SweepRun } from '../../src/engine/records/sweepRecords';
import type { SweepSpec } from '../../src/schema/sweep';
import { SweepStore } from '../../src/ui/sweep/useSweep';

const SPEC: SweepSpec = { base: { ...DEFAULT_CONFIG, steps: 20 }, widths: [16, 32], seeds: 1, autoLr: 'shared', outputScales: [1], params: ['ntk'] };
const run = (width: number): SweepRun => {
  const rows = [
    { step: 0, loss: 1, testLoss: 1 },
    { step: 20, loss: 0.5, testLoss: 0.6 },
  ];
  return { param: 'ntk', outputScale: 1, width, seed: 1, rows, init: rows[0], final: rows[1], index: 0, lr: 0.1, diverged: false, seconds: 1 };
};
const progress = (k: number) => ({ done: k - 1, total: 2, active: [{ index: k - 1, param: 'ntk' as const, outputScale: 1, width: 16, seed: 1, step: 0 }], steps: 20, fraction: k / 2, elapsedMs: 100 * k, etaMs: 50 });

function setup() {
  const sent: WorkerRequest[] = [];
  let emit: (ev: WorkerEvent) => void = () => undefined;
  let opened = 0;
  let disposed = 0;
  const store = new SweepStore((onEvent) => {
    opened++;
    emit = onEvent;
    return { send: (r) => sent.push(r), dispose: () => void disposed++ };
  });
  return { store, sent, emit: (ev: WorkerEvent) => emit(ev), opened: () => opened, disposed: () => disposed };
}

describe('SweepStore', () => {
  it('opens the worker on the first Run only, collects runs and ends done', () => {
    const { store, sent, emit, opened } = setup();
    expect(opened()).toBe(0);
    store.start(SPEC, 'wasm');
    expect(sent).toEqual([{ type: 'sweepStart', sweepId: 1, spec: SPEC, backend: 'wasm' }]);
    expect(store.getView().status).toBe('starting');
    const lrs = [{ param: 'ntk' as const, rule: 'auto' as const, eta: 1.2, widthExp: 0, measured: { width: 32, seeds: [1], lambdaMaxOverN: [0.83] }, description: 'η = 1.2 for every run', warning: null }];
    emit({ type: 'sweepLr', sweepId: 1, lrs });
    expect(store.getView().lrs).toEqual(lrs);
    emit({ type: 'sweepProgress', sweepId: 1, progress: progress(1) });
    expect(store.getView().status).toBe('running');
    emit({ type: 'sweepRun', sweepId: 1, run: run(16) });
    emit({ type: 'sweepRun', sweepId: 1, run: run(32) });
    emit({ type: 'sweepDone', sweepId: 1, state: 'done', elapsedMs: 1234 });
    const v = store.getView();
    expect(v.runs.map((r) => r.width)).toEqual([16, 32]);
    expect(v).toMatchObject({ status: 'done', elapsedMs: 1234, spec: SPEC });
    store.start(SPEC, 'wasm');
    expect(opened()).toBe(1);
    expect(store.getView().runs).toEqual([]);
  });

  it('ignores events of an older sweep and keeps finished runs on cancel', () => {
    const { store, sent, emit } = setup();
    store.start(SPEC, null);
    store.start(SPEC, null); // restarted: sweep 2
    emit({ type: 'sweepRun', sweepId: 1, run: run(16) });
    emit({ type: 'sweepDone', sweepId: 1, state: 'cancelled', elapsedMs: 1 });
    expect(store.getView()).toMatchObject({ sweepId: 2, status: 'starting', runs: [] });
    emit({ type: 'sweepRun', sweepId: 2, run: run(16) });
    store.cancel();
    expect(sent[sent.length - 1]).toEqual({ type: 'sweepCancel', sweepId: 2 });
    expect(store.getView().cancelling).toBe(true);
    emit({ type: 'sweepDone', sweepId: 2, state: 'cancelled', elapsedMs: 10 });
    expect(store.getView()).toMatchObject({ status: 'cancelled', cancelling: false });
    expect(store.getView().runs).toHaveLength(1);
  });

  it('a worker error fails the running sweep with its message', () => {
    const { store, emit } = setup();
    store.start(SPEC, null);
    emit({ type: 'error', runId: 0, message: 'Could not start TensorFlow.js: no backend' });
    expect(store.getView()).toMatchObject({ status: 'failed', message: 'Could not start TensorFlow.js: no backend' });
  });

  it('a cancel the worker does not confirm in time terminates it and keeps the finished runs', () => {
    vi.useFakeTimers();
    try {
      const { store, emit, opened, disposed } = setup();
      store.start(SPEC, null);
      emit({ type: 'sweepRun', sweepId: 1, run: run(16) });
      store.cancel(1000);
      vi.advanceTimersByTime(999);
      expect(store.getView().status).toBe('starting');
      vi.advanceTimersByTime(1);
      expect(store.getView()).toMatchObject({ status: 'cancelled', cancelling: false });
      expect(store.getView().runs).toHaveLength(1);
      expect(disposed()).toBe(1);
      store.start(SPEC, null); // a fresh worker
      expect(opened()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
