// The training worker started before the page renders: main.tsx spawns it with the run's first
// `init` request as soon as the settings are parsed, so the worker's script loads, its backend probe
// runs and the run's start-up begins while React is still mounting. The page's run store adopts it
// (createWorkerClient with the same init request): events the worker posted before that were held
// here and are handed over in order. A spare whose init differs (the store started another
// config) is terminated, never left running.
import type { WorkerRequest } from './protocol';

export type InitRequest = Extract<WorkerRequest, { type: 'init' }>;

/** What a worker needs here: the parts of the DOM Worker used (a fake in unit tests). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

/** A prestarted worker, handed over: the data of the events it posted so far and its load error, if any. */
export interface Adopted<W extends WorkerLike> {
  worker: W;
  events: unknown[];
  /** The worker failed (e.g. its script did not load) before it was adopted. */
  error: string | null;
}

interface Spare<W extends WorkerLike> extends Adopted<W> {
  key: string;
}

/** Same request, compared as the worker receives it (structured data, no functions). */
const keyOf = (init: InitRequest) => JSON.stringify(init);

/** One slot for one spare worker (the page has one, `prestartSlot`; tests make their own). */
export class PrestartSlot<W extends WorkerLike> {
  private spare: Spare<W> | null = null;

  /** Spawn a worker and send it `init` at once; its events are held until take(). Replaces an earlier spare. */
  start(spawn: () => W, init: InitRequest): void {
    this.drop();
    let worker: W;
    try {
      worker = spawn();
    } catch {
      return; // the store's own attempt will report why
    }
    const spare: Spare<W> = { worker, events: [], error: null, key: keyOf(init) };
    worker.onmessage = (e) => spare.events.push(e.data);
    worker.onerror = (e) => {
      e.preventDefault?.();
      spare.error ??= e.message || 'could not load';
    };
    worker.postMessage(init);
    this.spare = spare;
  }

  /** The spare, when it was started with exactly this init request (taken once); a spare that does not match is terminated. */
  take(init: InitRequest): Adopted<W> | null {
    const s = this.spare;
    if (!s) return null;
    this.spare = null;
    if (s.key !== keyOf(init)) {
      s.worker.terminate();
      return null;
    }
    s.worker.onmessage = null;
    s.worker.onerror = null;
    return { worker: s.worker, events: s.events, error: s.error };
  }

  /** Terminate the spare, if any. */
  drop(): void {
    this.spare?.worker.terminate();
    this.spare = null;
  }

  get held(): boolean {
    return this.spare !== null;
  }
}
