// How much the live metrics slow training: the app's real TrainingLoop and Session (Node, tfjs wasm
// — the backend the app picks on a machine without a GPU), default settings, a fixed wall time per
// variant, steps counted from the loop's own status events.
//   bare:  loss, test loss, linear twin and gap only (measure 'never'), snapshots without the pair matrix
//   app:   what the app does: NTK drift + derivative correlations time-budgeted (measure 'auto'),
//          snapshots with the 𝔆^{0,2} pair matrix
import { Session } from '../src/engine/session/session';
import { useNodeBackend } from '../src/engine/nodeBackend';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../src/schema/config';
import { TrainingLoop, loopSession } from '../src/worker/loop';
import type { WorkerEvent } from '../src/worker/protocol';

export interface OverheadResult {
  variant: 'bare' | 'app';
  seconds: number;
  steps: number;
  stepsPerSec: number;
  rows: number;
  fullRows: number;
}

async function runVariant(variant: 'bare' | 'app', config: ExperimentConfig, seconds: number): Promise<OverheadResult> {
  let lastStep = 0;
  let rows = 0;
  let fullRows = 0;
  const loop = new TrainingLoop({
    createSession: async (cfg) =>
      loopSession(await Session.create(cfg), variant === 'app' ? { expensive: 'auto' } : { expensive: 'never', pair: false }),
    post: (ev: WorkerEvent) => {
      if (ev.type === 'status') lastStep = Math.max(lastStep, ev.step);
      if (ev.type === 'metrics') {
        rows += ev.rows.length;
        fullRows += ev.rows.filter((r) => r.c2OverC1 !== undefined).length;
      }
    },
    now: () => performance.now(),
    schedule: (fn, delay) => (delay >= 1 ? setTimeout(fn, delay) : setImmediate(fn)),
  });
  loop.handle({ type: 'config', config: { ...config, steps: 1_000_000 }, runId: 1 });
  await loop.enqueue(() => undefined); // the session exists
  const t0 = performance.now();
  const startStep = lastStep;
  loop.handle({ type: 'play' });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  loop.handle({ type: 'pause' });
  await loop.enqueue(() => undefined);
  const dt = (performance.now() - t0) / 1000;
  loop.handle({ type: 'config', config: { ...config, width: 8, depth: 1 }, runId: 2 }); // release the big session
  await loop.enqueue(() => undefined);
  const steps = lastStep - startStep;
  return { variant, seconds: dt, steps, stepsPerSec: steps / dt, rows, fullRows };
}

export async function runOverhead(seconds: number, log: (s: string) => void): Promise<OverheadResult[]> {
  await useNodeBackend('wasm');
  const out: OverheadResult[] = [];
  // bare, app, bare, app: alternate to average out drift in machine load
  for (const variant of ['bare', 'app', 'bare', 'app'] as const) {
    const r = await runVariant(variant, { ...DEFAULT_CONFIG }, seconds);
    log(`[bench] metrics overhead ${variant}: ${r.steps} steps in ${r.seconds.toFixed(1)} s = ${r.stepsPerSec.toFixed(1)} steps/s (${r.rows} rows, ${r.fullRows} with correlations)`);
    out.push(r);
  }
  return out;
}
