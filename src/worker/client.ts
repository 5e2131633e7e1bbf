// The UI side of the worker: typed send(), one listener, every event validated against the
// protocol schema, and worker crashes or unreadable messages turned into {type:'fatal'} events.
import { parseUrlParams } from '../schema/url';
import type { WorkerEvent, WorkerRequest } from './protocol';
import { parseEvent } from './protocol';
import { PrestartSlot, type InitRequest } from './prestart';

export type { InitRequest } from './prestart';

export interface WorkerClient {
  send(req: WorkerRequest): void;
  dispose(): void;
}

/** Validates one raw message from the worker and hands it on; an invalid one becomes a fatal event. */
export function receiveEvent(data: unknown, onEvent: (ev: WorkerEvent) => void): void {
  const r = parseEvent(data);
  onEvent(r.ok ? r.value : { type: 'fatal', message: r.error });
}

/** The one place the training worker's script is named (Vite bundles it from here). */
const spawn = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tangent-lab-trainer' });

/** The page's one spare worker (prestart.ts). */
const prestartSlot = new PrestartSlot<Worker>();

/**
 * Starts the training worker now, before the page renders, with the run's first request; the
 * client created later with the same `init` adopts it (prestart.ts).
 */
export function prestartTrainingWorker(init: InitRequest): void {
  if (typeof Worker === 'undefined') return;
  prestartSlot.start(spawn, init);
}

/**
 * Starts the training worker (or adopts the prestarted one, when `init` is the request it was
 * started with; otherwise `init` is sent to the fresh worker first). When it crashes (an error event reaches the page: it failed to load
 * or threw outside any handler) it is terminated at once, a fatal event is reported, and onCrash
 * runs so the owner can start a fresh one; no worker is ever left behind.
 * With `?debug` in the page URL, `window.tangentLabDebug.crashWorker()` raises such a crash and
 * `window.tangentLabDebug.loseDevice()` makes the worker lose its real GPU device (see README,
 * "Debugging").
 */
export function createWorkerClient(onEvent: (ev: WorkerEvent) => void, onCrash?: () => void, init?: InitRequest): WorkerClient {
  const adopted = init ? prestartSlot.take(init) : null;
  let worker: Worker;
  try {
    worker = adopted?.worker ?? spawn();
  } catch (e) {
    queueMicrotask(() => onEvent({ type: 'fatal', message: `Could not start the training worker: ${(e as Error).message}` }));
    return { send: () => undefined, dispose: () => undefined };
  }
  if (init && !adopted) worker.postMessage(init);
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
  if (adopted) {
    // What the prestarted worker posted before this client existed, in order, then its load error.
    const held = adopted.events;
    queueMicrotask(() => {
      for (const data of held) if (alive) receiveEvent(data, onEvent);
      if (adopted.error !== null) crash(`Training worker failed: ${adopted.error}`);
    });
  }
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
