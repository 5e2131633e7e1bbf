// `sweep --jobs N`: a pool of N Node worker threads, each with its own tfjs backend, that run sweep
// cells for the engine's runSweep (which keeps N cells in flight and writes the same files as with
// one job: every cell is deterministic and the files are written in the grid's canonical order).
// The worker threads load the CLI bundle itself (dist-cli/main.mjs), which starts serveSweepJobs()
// when it finds its workerData; from source (tests) the bundle next to the checkout is used.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { useNodeBackend, type NodeBackend } from '../engine/nodeBackend';
import { runCell, type CellExecutor, type SweepCell } from '../engine/sweep/run';
import { SweepCellSchema, SweepRunSchema, type SweepRun } from '../engine/records/sweepRecords';

const JOB_MARK = 'tangentLabSweepJob';

/** Messages from a job thread to the pool. */
const JobEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('step'), index: z.number(), step: z.number() }),
  z.object({ type: z.literal('done'), index: z.number(), run: SweepRunSchema }),
  z.object({ type: z.literal('error'), index: z.number(), message: z.string() }),
]);
type JobEvent = z.infer<typeof JobEventSchema>;
/** Messages from the pool to a job thread. */
export const JobRequestSchema = z.object({ type: z.literal('run'), cell: SweepCellSchema });
/** What a job thread is started with. */
export const JobDataSchema = z.object({ [JOB_MARK]: z.literal(true), backend: z.enum(['cpu', 'wasm']) });

/** One line naming a message's first problems (thrown in the thread: the pool's 'error' handler rejects the run). */
function invalid(what: string, error: z.ZodError): Error {
  return new Error(`invalid ${what}: ${error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
}

/** The script the job threads run: this bundle, or dist-cli/main.mjs when running from source. */
function jobScript(): URL {
  const self = new URL(import.meta.url);
  if (self.pathname.endsWith('.mjs')) return self;
  const bundle = new URL('../../dist-cli/main.mjs', self);
  if (!existsSync(fileURLToPath(bundle))) throw new Error('--jobs above 1 needs the built CLI bundle (npm run build:cli)');
  return bundle;
}

export interface JobPool {
  execute: CellExecutor;
  close(): Promise<void>;
}

/** Start `jobs` threads on `backend`; resolves once every thread's backend is ready. */
export async function startJobPool(jobs: number, backend: NodeBackend): Promise<JobPool> {
  const script = jobScript();
  const idle: Worker[] = [];
  const waiting: ((w: Worker) => void)[] = [];
  const all: Worker[] = [];
  const release = (w: Worker) => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      const w = new Worker(script, { workerData: { [JOB_MARK]: true, backend } });
      all.push(w);
      await new Promise<void>((resolve, reject) => {
        const onMessage = (m: unknown) => {
          if (JobEventSchema.safeParse(m).data?.type === 'ready') {
            w.off('message', onMessage);
            resolve();
          }
        };
        w.on('message', onMessage);
        w.once('error', reject);
        w.once('exit', (code) => reject(new Error(`a sweep job thread exited (${code}) before it was ready`)));
      });
      w.removeAllListeners('error');
      w.removeAllListeners('exit');
      idle.push(w);
    }),
  );
  const take = () => new Promise<Worker>((resolve) => (idle.length ? resolve(idle.pop()!) : waiting.push(resolve)));
  const execute: CellExecutor = async (cell, onStep) => {
    const w = await take();
    try {
      return await new Promise<SweepRun>((resolve, reject) => {
        const onMessage = (m: unknown) => {
          const ev = JobEventSchema.safeParse(m);
          if (!ev.success || !('index' in ev.data) || ev.data.index !== cell.index) return;
          if (ev.data.type === 'step') onStep(ev.data.step);
          else if (ev.data.type === 'done' || ev.data.type === 'error') {
            w.off('message', onMessage);
            w.off('error', onError);
            if (ev.data.type === 'done') resolve(ev.data.run);
            else reject(new Error(ev.data.message));
          }
        };
        const onError = (e: Error) => reject(e);
        w.on('message', onMessage);
        w.once('error', onError);
        w.postMessage({ type: 'run', cell });
      });
    } finally {
      release(w);
    }
  };
  return { execute, close: async () => void (await Promise.all(all.map((w) => w.terminate()))) };
}

/** In a job thread: set up the backend, then run each cell the pool sends, one at a time. */
async function serveSweepJobs(backend: NodeBackend): Promise<void> {
  const port = parentPort!;
  await useNodeBackend(backend);
  const post = (ev: JobEvent) => port.postMessage(ev);
  port.on('message', (m: unknown) => {
    const req = JobRequestSchema.safeParse(m);
    if (!req.success) throw invalid('message to a sweep job thread', req.error);
    const cell: SweepCell = req.data.cell;
    runCell(cell, (step) => post({ type: 'step', index: cell.index, step })).then(
      (run) => post({ type: 'done', index: cell.index, run }),
      (e: unknown) => post({ type: 'error', index: cell.index, message: e instanceof Error ? e.message : String(e) }),
    );
  });
  post({ type: 'ready' });
}

if (!isMainThread && typeof workerData === 'object' && workerData !== null && JOB_MARK in workerData) {
  const data = JobDataSchema.safeParse(workerData);
  if (!data.success) throw invalid('workerData of a sweep job thread', data.error);
  void serveSweepJobs(data.data.backend);
}
