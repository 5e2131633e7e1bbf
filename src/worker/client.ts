// The UI side of the worker: typed send(), one listener, every event validated against the
// protocol schema, and worker crashes or unreadable messages turned into {type:'fatal'} events.
import { parseUrlParams } from '../schema/url';
import type { WorkerEvent, WorkerRequest } from './protocol';
import { parseEvent } from './protocol';

export interface WorkerClient {
  send(req: WorkerRequest): void;
  dispose(): void;
}

/** Validates one raw message from the worker and hands it on; an invalid one becomes a fatal event. */
export function receiveEvent(data: unknown, onEvent: (ev: WorkerEvent) => void): void {
  const r = parseEvent(data);
  onEvent(r.ok ? r.value : { type: 'fatal', message: r.error });
}

/**
 * Starts the training worker. When it crashes (an error event reaches the page: it failed to load
 * or threw outside any handler) it is terminated at once, a fatal event is reported, and onCrash
 * runs so the owner can start a fresh one; no worker is ever left behind.
 * With `?debug` in the page URL, `window.tangentLabDebug.crashWorker()` raises such a crash and
 * `window.tangentLabDebug.loseDevice()` makes the worker lose its real GPU device (see README,
 * "Debugging").
 */
export function createWorkerClient(onEvent: (ev: WorkerEvent) => void, onCrash?: () => void): WorkerClient {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tangent-lab-trainer' });
  } catch (e) {
    queueMicrotask(() => onEvent({ type: 'fatal', message: `Could not start the training worker: ${(e as Error).message}` }));
    return { send: () => undefined, dispose: () => undefined };
  }
  let alive = true;
  // Nothing from a worker that was disposed or crashed reaches the page.
  worker.onmessage = (e: MessageEvent<unknown>) => {
    if (alive) receiveEvent(e.data, onEvent);
  };
  const crash = (message: string) => {
    if (!alive) return;
    alive = false;
    worker.terminate();
    onEvent({ type: 'fatal', message });
    onCrash?.();
  };
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    crash(`Training worker failed: ${e.message || 'could not load'}`);
  };
  worker.onmessageerror = () => onEvent({ type: 'fatal', message: 'A message from the training worker could not be read' });
  exposeDebugHook(worker, crash);
  return {
    send: (req) => {
      if (alive) worker.postMessage(req);
    },
    dispose: () => {
      alive = false;
      worker.terminate();
    },
  };
}

/** `?debug` only: hooks on the live worker, for testing recovery by hand or in e2e. */
function exposeDebugHook(worker: Worker, crash: (message: string) => void): void {
  if (typeof window === 'undefined' || !parseUrlParams(window.location.search).params.debug) return;
  Reflect.set(window, 'tangentLabDebug', {
    /** Kills the worker as a crash would (terminate + the crash path). */
    crashWorker: () => crash('Training worker failed: killed from the page (debug)'),
    /** The worker destroys its WebGPU device / loses its WebGL context: the real device-loss path. */
    loseDevice: () => worker.postMessage({ type: 'debugLoseDevice' } satisfies WorkerRequest),
  });
}
