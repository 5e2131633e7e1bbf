// The UI side of the worker: typed send(), one listener, every event validated against the
// protocol schema, and worker crashes or unreadable messages turned into {type:'fatal'} events.
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

export function createWorkerClient(onEvent: (ev: WorkerEvent) => void): WorkerClient {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tangent-lab-trainer' });
  } catch (e) {
    queueMicrotask(() => onEvent({ type: 'fatal', message: `Could not start the training worker: ${(e as Error).message}` }));
    return { send: () => undefined, dispose: () => undefined };
  }
  worker.onmessage = (e: MessageEvent<unknown>) => receiveEvent(e.data, onEvent);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    onEvent({ type: 'fatal', message: `Training worker failed: ${e.message || 'could not load'}` });
  };
  worker.onmessageerror = () => onEvent({ type: 'fatal', message: 'A message from the training worker could not be read' });
  return {
    send: (req) => worker.postMessage(req),
    dispose: () => worker.terminate(),
  };
}
