// The training worker: picks a tfjs backend, then hands every request to the TrainingLoop.
// Every request is validated against the protocol schema first (an invalid one is answered with
// a {type:'fatal'} event naming the problem, never a crash). Nothing here throws into the void:
// failures of a run are {type:'error'} events, failures outside any run {type:'fatal'}.
/// <reference lib="webworker" />
import { Session } from '../engine/session/session';
import { EarlyTimeSession } from '../engine/earlyTime/earlyTimeSession';
import { earlyGapByWidth } from '../engine/earlyTime/earlyTimeSweep';
import { tf } from '../engine/tf';
import { selectBackend } from './backendSelect';
import { checkCompareMemory, checkRunMemory, MEMORY_BUDGET_BYTES, runShapeFromConfig } from '../engine/memoryBudget';
import type { BackendName } from '../schema/backends';
import { TrainingLoop, earlyTimeLoopSession, loopSession, type LoopSession, type StartupProgress } from './loop';
import { halfProgress, pairLoopSession } from './pairSession';
import type { ExperimentConfig } from '../schema/config';
import { parseRequest, transferablesOf, type LostBackend, type RememberedProbe, type WorkerEvent, type WorkerRequest } from './protocol';
import { loseDevice, watchDevice, type DeviceWatch } from './deviceLoss';
import { describeLoss } from './fallback';
import { SweepRunner } from './sweepRunner';

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** Posts an event, transferring its typed arrays' buffers (the worker never reads them again). */
const postNow = (ev: WorkerEvent) => scope.postMessage(ev, transferablesOf(ev));

// Device loss: once the device is gone the page is told (deviceLost) and terminates this worker;
// nothing else is posted after that. A run's error may come from the loss itself (a kernel throwing
// on a lost context) before the loss is reported, so errors wait a moment and are dropped when the
// device turns out to be lost.
let deviceWatch: DeviceWatch | null = null;
let deviceLost = false;
const ERROR_GRACE_MS = 150;
const post = (ev: WorkerEvent) => {
  if (deviceLost) return;
  if (ev.type === 'error' || ev.type === 'fatal') {
    setTimeout(() => {
      if (!deviceLost && !deviceWatch?.isLost()) postNow(ev);
    }, ERROR_GRACE_MS);
    return;
  }
  postNow(ev);
};
/** What this worker serves: the Lab's run (the page replaces the worker on a loss) or width sweeps. */
let role: 'lab' | 'sweep' | null = null;
/** Sweep worker only: backends lost in it, left out when the next sweep selects a backend again. */
const sweepLost: LostBackend[] = [];
const onDeviceLost = (lost: LostBackend) => {
  if (deviceLost) return;
  if (role === 'sweep') {
    // The sweep page keeps this worker: fail the sweep with the reason, and let the next sweep
    // choose a backend again without the lost one.
    deviceWatch?.stop();
    sweepLost.push(lost);
    initialised = false;
    backendReady = false;
    postNow({ type: 'fatal', message: `${describeLoss(lost)}: the sweep stopped. Run it again to continue on another backend.` });
    return;
  }
  postNow({ type: 'deviceLost', lost });
  deviceLost = true;
};

// A MessageChannel task runs right after pending messages, without setTimeout's 4 ms clamp.
const channel = new MessageChannel();
const tasks: (() => void)[] = [];
channel.port1.onmessage = () => tasks.shift()?.();
const schedule = (fn: () => void, delayMs: number) => {
  if (delayMs >= 1) {
    setTimeout(fn, delayMs);
    return;
  }
  tasks.push(fn);
  channel.port2.postMessage(null);
};

let backendReady = false;
/** The backend whose memory budget applies (cpu's for a backend the guard does not know). */
const memoryBackend = (): BackendName => {
  const b = tf.getBackend();
  return b in MEMORY_BUDGET_BYTES ? (b as BackendName) : 'cpu';
};
/** One MLP run for the loop: memory-checked, with a fence and the time-budgeted expensive metrics. */
async function createMlpSession(config: ExperimentConfig, progress: StartupProgress): Promise<LoopSession> {
  // Memory guard: refuse, with a smaller setting to try, a run that would exhaust the backend.
  const memory = checkRunMemory(runShapeFromConfig(config), memoryBackend());
  if (!memory.ok) throw new Error(memory.message);
  // The kernel machine is built after the step-0 snapshot (loop.ts), so f₀ is drawn before it.
  const s = await Session.create(config, { deferMachine: true }, progress);
  // Reads one weight of the last layer, which the last queued step writes: on webgl/webgpu
  // (in-order queues) it resolves when all queued training has run.
  const fence = async () => {
    const last = s.params[s.params.length - 1].W;
    const t = tf.tidy(() => tf.slice(last, [0, 0], [1, 1]).add(0));
    await t.data();
    t.dispose();
  };
  // 'auto': expensive metrics only while they cost a small share of wall time.
  return loopSession(s, { expensive: 'auto', fence });
}

const loop = new TrainingLoop({
  createSession: async (config, progress, compare) => {
    if (!backendReady) throw new Error('No TensorFlow.js backend is running');
    if (config.model === 'early-time') return earlyTimeLoopSession(await EarlyTimeSession.create(config));
    if (!compare) return createMlpSession(config, progress);
    // Both runs live at once: their memory counts against one budget.
    const pairMemory = checkCompareMemory(config, compare, memoryBackend());
    if (!pairMemory.ok) throw new Error(pairMemory.message);
    // Compare mode: the second run is built after the first and disposed with it (pairSession.ts).
    const a = await createMlpSession(config, halfProgress(progress, false));
    try {
      return pairLoopSession(a, await createMlpSession(compare, halfProgress(progress, true)));
    } catch (e) {
      a.dispose();
      throw e;
    }
  },
  post,
  earlySweep: (config, lr) => earlyGapByWidth(config, lr),
  now: () => performance.now(),
  memory: () => {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  },
  schedule,
});

let initialised = false;

/** Select the backend once (first request that needs it); later callers wait for the same probe. */
function ensureBackend(forced: BackendName | null, lost: LostBackend[] = [], remembered?: RememberedProbe): void {
  if (initialised) return;
  initialised = true;
  // The backend probe runs first in the loop's queue: every later request waits for it.
  void loop.enqueue(async () => {
    try {
      const info = await selectBackend(forced, lost, remembered);
      backendReady = true;
      deviceWatch = watchDevice(info.name, onDeviceLost);
      post({ type: 'backend', info });
    } catch (err) {
      post({ type: 'fatal', message: `Could not start TensorFlow.js: ${(err as Error).message}` });
    }
  });
}

// A width sweep runs in this worker's queue, after the backend probe (the page opens a separate
// worker for sweeps, so the Lab's run and a sweep never share one).
const sweeps = new SweepRunner({
  // Between runs, let pending messages (a cancel) in: on wasm/cpu a run's readbacks never yield.
  yieldNow: () => new Promise((r) => setTimeout(r, 0)),
  post,
  now: () => performance.now(),
});

scope.onmessage = (e: MessageEvent<unknown>) => {
  const parsed = parseRequest(e.data);
  if (!parsed.ok) {
    post({ type: 'fatal', message: parsed.error });
    return;
  }
  dispatch(parsed.value);
};

/** Every request type, each to its one handler; the `never` check makes a new type a compile error here. */
function dispatch(req: WorkerRequest): void {
  switch (req.type) {
    case 'sweepStart':
      role ??= 'sweep';
      ensureBackend(req.backend, sweepLost);
      void loop.enqueue(async () => {
        if (!backendReady) {
          post({ type: 'sweepDone', sweepId: req.sweepId, state: 'failed', elapsedMs: 0, message: 'No TensorFlow.js backend is running' });
          return;
        }
        await sweeps.run(req.sweepId, req.spec);
      });
      return;
    case 'sweepCancel':
      sweeps.cancel(req.sweepId);
      return;
    case 'init':
      role ??= 'lab';
      if (!initialised) ensureBackend(req.backend, req.lost ?? [], req.remembered);
      loop.handle({ type: 'config', config: req.config, runId: req.runId, compare: req.compare ?? null });
      return;
    case 'debugLoseDevice':
      // After the backend probe (queued first), so the device exists; the watcher reports the loss.
      void loop.enqueue(() => {
        const whyNot = backendReady ? loseDevice() : 'no backend is running yet';
        if (whyNot) post({ type: 'fatal', message: `Cannot lose the device (debug): ${whyNot}` });
      });
      return;
    case 'config':
    case 'reset':
    case 'play':
    case 'pause':
    case 'step':
    case 'cancel':
    case 'pairIndex':
    case 'earlySweep':
    case 'nfaLayer':
      loop.handle(req);
      return;
    default: {
      const unknown: never = req;
      post({ type: 'fatal', message: `The training worker has no handler for the request ${JSON.stringify((unknown as { type?: unknown }).type)}` });
    }
  }
}

scope.addEventListener('unhandledrejection', (e) => {
  post({ type: 'fatal', message: String((e.reason as Error)?.message ?? e.reason) });
  e.preventDefault();
});
scope.addEventListener('error', (e) => {
  post({ type: 'fatal', message: e.message || 'worker error' });
  e.preventDefault();
});
scope.addEventListener('messageerror', () => post({ type: 'fatal', message: 'A request to the training worker could not be read' }));
