// The UI side of the worker: typed send(), one listener, and worker crashes turned into events.
import type { WorkerEvent, WorkerRequest } from './protocol';
import { isWorkerEvent } from './protocol';

export interface WorkerClient {
  send(req: WorkerRequest): void;
  dispose(): void;
}

export function createWorkerClient(onEvent: (ev: WorkerEvent) => void): WorkerClient {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tangent-lab-trainer' });
  } catch (e) {
    queueMicrotask(() => onEvent({ type: 'error', runId: -1, message: `Could not start the training worker: ${(e as Error).message}` }));
    return { send: () => undefined, dispose: () => undefined };
  }
  worker.onmessage = (e: MessageEvent<unknown>) => {
    if (isWorkerEvent(e.data)) onEvent(e.data);
  };
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    onEvent({ type: 'error', runId: -1, message: `Training worker failed: ${e.message || 'could not load'}` });
  };
  worker.onmessageerror = () => onEvent({ type: 'error', runId: -1, message: 'A message from the training worker could not be read' });
  return {
    send: (req) => worker.postMessage(req),
    dispose: () => worker.terminate(),
  };
}
