// The worker prestarted before React renders (src/worker/prestart.ts): adopted only by the exact
// same init request, with the events it posted meanwhile handed over in order; anything else
// terminates it.
import { describe, expect, it } from 'vitest';
import { PrestartSlot, type InitRequest, type WorkerLike } from '../../src/worker/prestart';
import { DEFAULT_CONFIG } from '../../src/schema/config';

class FakeWorker implements WorkerLike {
  posted: unknown[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<unknown>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  emit(data: unknown) {
    this.onmessage?.({ data } as MessageEvent<unknown>);
  }
  fail(message: string) {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

const init = (over: Partial<InitRequest> = {}): InitRequest => ({ type: 'init', config: { ...DEFAULT_CONFIG }, backend: null, runId: 1, compare: null, ...over });

describe('prestarted training worker', () => {
  it('sends the init request at once and hands the worker, with the events it posted, to the same request', () => {
    const slot = new PrestartSlot<FakeWorker>();
    const w = new FakeWorker();
    slot.start(() => w, init());
    expect(w.posted).toEqual([init()]);
    w.emit({ type: 'backend', n: 1 });
    w.emit({ type: 'status', n: 2 });
    // a structurally equal request (a fresh object, as the run store builds it) adopts it
    const got = slot.take(init());
    expect(got?.worker).toBe(w);
    expect(got?.events).toEqual([
      { type: 'backend', n: 1 },
      { type: 'status', n: 2 },
    ]);
    expect(got?.error).toBeNull();
    expect(w.terminated).toBe(false);
    // the held handlers are detached: the client sets its own
    expect(w.onmessage).toBeNull();
    expect(slot.held).toBe(false);
    expect(slot.take(init())).toBeNull(); // taken once
  });

  it('terminates a spare started with another request (other config, backend or run) and adopts nothing', () => {
    for (const other of [init({ config: { ...DEFAULT_CONFIG, width: 16 } }), init({ backend: 'wasm' }), init({ runId: 2 })]) {
      const slot = new PrestartSlot<FakeWorker>();
      const w = new FakeWorker();
      slot.start(() => w, init());
      expect(slot.take(other)).toBeNull();
      expect(w.terminated).toBe(true);
      expect(slot.held).toBe(false);
    }
  });

  it('keeps a load error for the adopter and survives a spawn that throws', () => {
    const slot = new PrestartSlot<FakeWorker>();
    const w = new FakeWorker();
    slot.start(() => w, init());
    w.fail('404 worker.js');
    expect(slot.take(init())?.error).toBe('404 worker.js');
    slot.start(() => {
      throw new Error('no workers here');
    }, init());
    expect(slot.held).toBe(false);
    expect(slot.take(init())).toBeNull();
  });

  it('a second start replaces (terminates) the first spare', () => {
    const slot = new PrestartSlot<FakeWorker>();
    const a = new FakeWorker();
    const b = new FakeWorker();
    slot.start(() => a, init());
    slot.start(() => b, init());
    expect(a.terminated).toBe(true);
    expect(slot.take(init())?.worker).toBe(b);
  });
});
