// The worker's training loop, driven in Node with a fake clock and scheduler and a real Session
// on the tfjs cpu backend.
import { afterEach, describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { Session } from '../../src/engine/session/session';
import { nextOneTwoFive } from '../../src/engine/session/milestones';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/schema/config';
import { TrainingLoop, loopSession, type LoopSession } from '../../src/worker/loop';
import { parseEvent, transferablesOf, type WorkerEvent } from '../../src/worker/protocol';

/** Every event the loop posts must pass the protocol schema the UI validates with. */
const invalidEvents: string[] = [];
afterEach(() => {
  expect(invalidEvents).toEqual([]);
  invalidEvents.length = 0;
});
function received(ev: WorkerEvent): WorkerEvent {
  // as postMessage would deliver it: structured clone with the typed arrays' buffers transferred
  const copy = structuredClone(ev, { transfer: transferablesOf(ev) });
  const r = parseEvent(copy);
  if (!r.ok) invalidEvents.push(r.error);
  return copy;
}

const SMALL: ExperimentConfig = { ...DEFAULT_CONFIG, width: 32, depth: 1, train: 16, test: 16, steps: 200, logEvery: 10 };

interface Harness {
  loop: TrainingLoop;
  events: WorkerEvent[];
  clock: { t: number };
  /** Run scheduled ticks until nothing is scheduled (or maxTicks). */
  pump(maxTicks?: number): Promise<void>;
  sessions: LoopSession[];
  /** Sizes of the advance() calls the sessions received (ticks and explicit steps). */
  advanceSizes: number[];
  /** Number of metric readbacks (measure calls). */
  measureCount: () => number;
}

/**
 * msPerStep: fake time one optimiser step costs; readMs: fake time one readback costs.
 * gpu: advance() only enqueues (costs nothing) and the next readback pays for the queued steps,
 * like webgl/webgpu.
 */
function harness(msPerStep = 1, readMs = 2, failCreate = false, gpu = false): Harness & { maxQueued: () => number } {
  const clock = { t: 0 };
  const events: WorkerEvent[] = [];
  const queue: { fn: () => void; delay: number }[] = [];
  let queued = 0;
  let maxQueued = 0;
  const drain = () => {
    // The device works while the clock runs; a readback waits for whatever is left.
    clock.t += queued * msPerStep;
    queued = 0;
  };
  const sessions: LoopSession[] = [];
  const advanceSizes: number[] = [];
  let measureCount = 0;
  const loop = new TrainingLoop({
    async createSession(config) {
      if (failCreate) throw new Error('boom: cannot build session');
      const s = await Session.create(config, { gridSize: 16 });
      const wrapped: LoopSession = {
        get meta() {
          return s.meta;
        },
        get step() {
          return s.step;
        },
        advance(k) {
          advanceSizes.push(k);
          if (gpu) {
            queued += k;
            maxQueued = Math.max(maxQueued, queued);
          } else clock.t += k * msPerStep;
          s.advance(k);
        },
        async measure() {
          measureCount++;
          drain();
          clock.t += readMs;
          return s.measure();
        },
        async fence() {
          drain();
        },
        async snapshot(opts) {
          drain();
          clock.t += readMs;
          return s.snapshot(opts);
        },
        dispose() {
          s.dispose();
        },
      };
      sessions.push(wrapped);
      return wrapped;
    },
    post: (ev) => events.push(received(ev)),
    now: () => clock.t,
    schedule: (fn, delay) => queue.push({ fn, delay }),
  });
  const pump = async (maxTicks = 100_000) => {
    await loop.idle();
    for (let i = 0; i < maxTicks && queue.length > 0; i++) {
      const { fn, delay } = queue.shift()!;
      // The device keeps working during the wait.
      const wait = 0.1 + delay;
      const done = Math.min(queued, Math.floor(wait / msPerStep));
      queued -= done;
      clock.t += wait;
      fn();
      await loop.idle();
    }
  };
  return { loop, events, clock, pump, sessions, advanceSizes, measureCount: () => measureCount, maxQueued: () => maxQueued };
}

const of = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T) =>
  events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);
const lastStatus = (events: WorkerEvent[]) => of(events, 'status').at(-1)!;
const allRows = (events: WorkerEvent[], runId?: number) =>
  of(events, 'metrics')
    .filter((e) => runId === undefined || e.runId === runId)
    .flatMap((e) => e.rows);

describe('training loop', () => {
  it('starts a run: ready with meta, the step-0 row, a snapshot and state ready', async () => {
    const h = harness();
    h.loop.handle({ type: 'config', config: SMALL, runId: 7 });
    await h.pump();
    const ready = of(h.events, 'ready');
    expect(ready).toHaveLength(1);
    expect(ready[0].runId).toBe(7);
    expect(ready[0].meta.config.width).toBe(32);
    expect(allRows(h.events).map((r) => r.step)).toEqual([0]);
    expect(of(h.events, 'snapshot')[0].snapshot.step).toBe(0);
    expect(lastStatus(h.events)).toMatchObject({ runId: 7, state: 'ready', step: 0 });
    expect(h.events.every((e) => !('runId' in e) || e.runId === 7)).toBe(true);
    h.sessions.at(-1)!.dispose();
  });

  it('posts the step-0 snapshot (f₀ for the function plot) right after ready, before the step-0 row', async () => {
    const h = harness();
    h.loop.handle({ type: 'config', config: SMALL, runId: 3 });
    await h.pump();
    const types = h.events.filter((e) => e.type === 'ready' || e.type === 'snapshot' || e.type === 'metrics').map((e) => e.type);
    expect(types.slice(0, 3)).toEqual(['ready', 'snapshot', 'metrics']);
    const snap = of(h.events, 'snapshot')[0].snapshot;
    expect(snap.step).toBe(0);
    expect(snap.fGrid.length).toBe(16);
    expect(snap.fGrid.every(Number.isFinite)).toBe(true);
    h.sessions.at(-1)!.dispose();
  });

  it('plays to config.steps: rows on multiples of logEvery, throttled readbacks, state done', async () => {
    const h = harness(1, 2);
    h.loop.handle({ type: 'config', config: { ...SMALL, steps: 400 }, runId: 1 });
    h.loop.handle({ type: 'play' });
    await h.pump();
    const st = lastStatus(h.events);
    expect(st.state).toBe('done');
    expect(st.step).toBe(400);
    const steps = allRows(h.events).map((r) => r.step);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(400);
    for (const s of steps) expect(s % 10).toBe(0);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1]);
    // Readbacks: never more than ~20 per second of (fake) time, plus start and end.
    const seconds = h.clock.t / 1000;
    expect(h.measureCount()).toBeLessThanOrEqual(Math.ceil(seconds * 20) + 2);
    // Training actually happened.
    const rows = allRows(h.events);
    expect(rows.at(-1)!.loss).toBeLessThan(rows[0].loss);
    // steps/s reported while playing reflects the fake clock (1 ms/step → well under 1000/s).
    const sps = of(h.events, 'status').filter((e) => e.state === 'playing' && e.stepsPerSec > 0);
    expect(sps.length).toBeGreaterThan(0);
    for (const e of sps) expect(e.stepsPerSec).toBeLessThan(1000);
    h.sessions.at(-1)!.dispose();
  });

  it('adapts steps per tick so a tick costs about 20 ms', async () => {
    const h = harness(0.25, 1);
    h.loop.handle({ type: 'config', config: { ...SMALL, steps: 3000, logEvery: 1000 }, runId: 1 });
    h.loop.handle({ type: 'play' });
    await h.pump();
    const sizes = h.advanceSizes;
    expect(sizes[0]).toBe(1);
    const big = Math.max(...sizes);
    // 20 ms / 0.25 ms = 80 steps; the estimate includes readback time, so somewhat fewer.
    expect(big).toBeGreaterThanOrEqual(40);
    expect(big).toBeLessThanOrEqual(80);
    expect(lastStatus(h.events).step).toBe(3000);
    h.sessions.at(-1)!.dispose();
  });

  it('on a GPU-like backend (advance only enqueues) keeps the queue short and k near 20 ms of work', async () => {
    const h = harness(2, 1, false, true);
    h.loop.handle({ type: 'config', config: { ...SMALL, steps: 2000, logEvery: 10 }, runId: 1 });
    h.loop.handle({ type: 'play' });
    await h.pump();
    expect(lastStatus(h.events)).toMatchObject({ state: 'done', step: 2000 });
    // 2 ms/step of device time: never more than ~300 ms of work waiting in the queue.
    expect(h.maxQueued()).toBeLessThanOrEqual(150);
    const big = Math.max(...h.advanceSizes);
    expect(big).toBeGreaterThanOrEqual(5);
    expect(big).toBeLessThanOrEqual(20);
    // Throughput close to the device's 500 steps/s (fake time).
    expect(2000 / (h.clock.t / 1000)).toBeGreaterThan(250);
    h.sessions.at(-1)!.dispose();
  });

  it('Step runs exactly one step, then measures and snapshots', async () => {
    const h = harness();
    h.loop.handle({ type: 'config', config: SMALL, runId: 1 });
    await h.pump();
    h.events.length = 0;
    h.loop.handle({ type: 'step', count: 1 });
    await h.pump();
    expect(allRows(h.events).map((r) => r.step)).toEqual([1]);
    expect(of(h.events, 'snapshot').map((e) => e.snapshot.step)).toEqual([1]);
    expect(lastStatus(h.events)).toMatchObject({ state: 'paused', step: 1 });
    h.sessions.at(-1)!.dispose();
  });

  it('pause stops the run and reads back the current step', async () => {
    const h = harness(1, 1);
    h.loop.handle({ type: 'config', config: { ...SMALL, steps: 100_000 }, runId: 1 });
    h.loop.handle({ type: 'play' });
    await h.pump(20);
    h.loop.handle({ type: 'pause' });
    await h.pump();
    const st = lastStatus(h.events);
    expect(st.state).toBe('paused');
    const rows = allRows(h.events);
    expect(rows.at(-1)!.step).toBe(st.step);
    expect(of(h.events, 'snapshot').at(-1)!.snapshot.step).toBe(st.step);
    h.sessions.at(-1)!.dispose();
  });

  it('Reset restarts from the same θ₀: identical losses, new runId', async () => {
    const h = harness();
    h.loop.handle({ type: 'config', config: SMALL, runId: 1 });
    h.loop.handle({ type: 'step', count: 25 });
    await h.pump();
    const first = allRows(h.events, 1);
    h.loop.handle({ type: 'reset', runId: 2 });
    h.loop.handle({ type: 'step', count: 25 });
    await h.pump();
    const second = allRows(h.events, 2);
    expect(second.map((r) => r.step)).toEqual([0, 25]);
    expect(second[0].loss).toBe(first[0].loss);
    expect(second[1].loss).toBe(first[1].loss);
    h.sessions.at(-1)!.dispose();
  });

  it('detects divergence and stops with state diverged', async () => {
    const h = harness();
    h.loop.handle({ type: 'config', config: { ...SMALL, activation: 'relu', lr: 500, steps: 5000 }, runId: 3 });
    h.loop.handle({ type: 'play' });
    await h.pump();
    const st = lastStatus(h.events);
    expect(st.state).toBe('diverged');
    expect(st.message).toMatch(/^Diverged at step \d+ — learning rate above the stable limit/);
    expect(st.step).toBeLessThan(5000);
    // No NaN reaches the plots.
    for (const r of allRows(h.events)) expect(Number.isFinite(r.loss)).toBe(true);
    // Play after divergence does nothing.
    const n = h.events.length;
    h.loop.handle({ type: 'play' });
    await h.pump();
    expect(lastStatus(h.events.slice(n)).state).toBe('diverged');
    h.sessions.at(-1)!.dispose();
  });

  it('restarts dispose the old Session: tensor count does not grow; latest config wins', async () => {
    const h = harness();
    h.loop.handle({ type: 'config', config: SMALL, runId: 1 });
    h.loop.handle({ type: 'step', count: 3 });
    await h.pump();
    const base = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      h.loop.handle({ type: 'config', config: { ...SMALL, seed: 10 + i }, runId: 10 + i });
      h.loop.handle({ type: 'step', count: 3 });
      await h.pump();
    }
    expect(tf.memory().numTensors).toBe(base);
    // Several configs sent at once: only the newest run is built and reported.
    const before = h.events.length;
    h.loop.handle({ type: 'config', config: { ...SMALL, width: 16 }, runId: 20 });
    h.loop.handle({ type: 'config', config: { ...SMALL, width: 24 }, runId: 21 });
    h.loop.handle({ type: 'config', config: { ...SMALL, width: 40 }, runId: 22 });
    await h.pump();
    const ready = of(h.events.slice(before), 'ready');
    expect(ready.map((e) => e.runId)).toEqual([22]);
    expect(ready[0].meta.config.width).toBe(40);
    expect(h.loop.currentRunId).toBe(22);
    h.sessions.at(-1)!.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(base);
  });

  it('reports failures as error events, never throws', async () => {
    const h = harness(1, 1, true);
    h.loop.handle({ type: 'config', config: SMALL, runId: 4 });
    h.loop.handle({ type: 'play' });
    await h.pump();
    const err = of(h.events, 'error');
    expect(err).toHaveLength(1);
    expect(err[0]).toMatchObject({ runId: 4, message: 'boom: cannot build session' });
    expect(lastStatus(h.events).state).toBe('paused');
  });

  it('keeps playing across a config change when it was playing', async () => {
    const h = harness(1, 1);
    h.loop.handle({ type: 'config', config: { ...SMALL, steps: 100 }, runId: 1 });
    h.loop.handle({ type: 'play' });
    await h.pump(5);
    h.loop.handle({ type: 'config', config: { ...SMALL, steps: 100, width: 48 }, runId: 2 });
    await h.pump();
    const st = lastStatus(h.events);
    expect(st).toMatchObject({ runId: 2, state: 'done', step: 100 });
    h.sessions.at(-1)!.dispose();
  });
});

describe('the last step of a run measures every metric', () => {
  /**
   * The app's 'auto' duty cycle, made to skip every expensive measurement after step 0 (a budget
   * of ~0: the next one is due in ~forever), so only the final-step rule can produce them.
   */
  function autoLoop(milestoneMax = 0) {
    const events: WorkerEvent[] = [];
    const queue: (() => void)[] = [];
    const sessions: Session[] = [];
    let t = 0;
    const loop = new TrainingLoop({
      async createSession(config) {
        const s = await Session.create(config, { gridSize: 16 });
        s.expensiveSchedule.budget = 1e-12;
        s.expensiveSchedule.milestoneMax = milestoneMax;
        sessions.push(s);
        return loopSession(s, { expensive: 'auto' });
      },
      post: (ev) => events.push(received(ev)),
      now: () => (t += 1),
      schedule: (fn) => queue.push(fn),
    });
    const pump = async () => {
      await loop.idle();
      while (queue.length > 0) {
        queue.shift()!();
        await loop.idle();
      }
    };
    return { loop, events, pump, dispose: () => sessions.forEach((s) => s.dispose()) };
  }
  const expensiveOf = (r: { ntkDrift?: number; c2OverC1?: number; nfa?: unknown }) => [r.ntkDrift, r.c2OverC1, r.nfa].map((v) => v !== undefined);

  it('early milestones: measure() in auto mode at or past 1, 2, 5, 10, 20, 50 (up to the maximum) computes them', async () => {
    const s = await Session.create({ ...SMALL, steps: 100 }, { gridSize: 16 });
    s.expensiveSchedule.budget = 1e-12; // the duty cycle alone would skip everything after step 0
    s.expensiveSchedule.milestoneMax = 50;
    const withDrift: number[] = [];
    for (let step = 0; step <= 100; step += 10) {
      if (step > 0) s.advance(10);
      const row = await s.measure('auto');
      if (row.ntkDrift !== undefined) withDrift.push(row.step);
    }
    // 0 (first), 10 (past 1, 2, 5 and at 10), 20, 50; not 30, 40 or past the maximum
    expect(withDrift).toEqual([0, 10, 20, 50]);
    s.dispose();
  });

  it('playing to the end: the step-60 row has NTK drift, correlations and NFA; rows between do not', async () => {
    const h = autoLoop();
    h.loop.handle({ type: 'config', config: { ...SMALL, steps: 60, logEvery: 10 }, runId: 1 });
    h.loop.handle({ type: 'play' });
    await h.pump();
    expect(lastStatus(h.events)).toMatchObject({ state: 'done', step: 60 });
    const rows = allRows(h.events);
    expect(rows[0].step).toBe(0);
    expect(expensiveOf(rows[0])).toEqual([true, true, true]);
    const last = rows.at(-1)!;
    expect(last.step).toBe(60);
    expect(expensiveOf(last)).toEqual([true, true, true]);
    expect(last.ntkDrift!).toBeGreaterThan(0);
    // The duty cycle really skipped them in between (otherwise this test proves nothing).
    const middle = rows.slice(1, -1);
    expect(middle.length).toBeGreaterThan(0);
    for (const r of middle) expect(expensiveOf(r)).toEqual([false, false, false]);
    h.dispose();
  });

  it('stepping onto the last step measures them too', async () => {
    const h = autoLoop();
    h.loop.handle({ type: 'config', config: { ...SMALL, steps: 30, logEvery: 10 }, runId: 1 });
    h.loop.handle({ type: 'step', count: 20 });
    h.loop.handle({ type: 'step', count: 10 });
    await h.pump();
    const rows = allRows(h.events);
    expect(rows.map((r) => r.step)).toEqual([0, 20, 30]);
    expect(rows.map(expensiveOf)).toEqual([
      [true, true, true],
      [false, false, false],
      [true, true, true],
    ]);
    expect(lastStatus(h.events)).toMatchObject({ state: 'done', step: 30 });
    h.dispose();
  });
});

describe('the first training steps are announced', () => {
  it("while no trained step has been read back, 'playing' statuses say kernels are compiling; then they stop", async () => {
    const { FIRST_STEPS_MESSAGE } = await import('../../src/worker/loop');
    const h = harness(2, 1, false, true);
    h.loop.handle({ type: 'config', config: { ...SMALL, steps: 300, logEvery: 10 }, runId: 1 });
    h.loop.handle({ type: 'play' });
    await h.pump();
    const playing = of(h.events, 'status').filter((e) => e.state === 'playing');
    expect(playing[0].message).toBe(FIRST_STEPS_MESSAGE);
    // after the first readback of a trained step, no status carries it any more
    const firstRow = of(h.events, 'metrics').flatMap((e) => e.rows).find((r) => r.step > 0)!;
    const idx = h.events.findIndex((e) => e.type === 'metrics' && e.rows.includes(firstRow));
    const later = h.events.slice(idx).filter((e): e is Extract<WorkerEvent, { type: 'status' }> => e.type === 'status' && e.state === 'playing');
    expect(later.length).toBeGreaterThan(0);
    for (const e of later) expect(e.message).toBeUndefined();
    expect(lastStatus(h.events)).toMatchObject({ state: 'done', step: 300 });
    h.sessions.at(-1)!.dispose();
  });
});

describe('nextOneTwoFive', () => {
  it('steps through 1, 2, 5, 10, 20, 50, … strictly above the step', () => {
    expect([0, 1, 2, 4, 5, 9, 10, 19, 20, 49, 50, 99, 100, 499, 500, 999].map(nextOneTwoFive)).toEqual([1, 2, 5, 5, 10, 10, 20, 20, 50, 50, 100, 100, 200, 500, 1000, 1000]);
  });

  it('a request it does not know is an error event, never silently ignored', async () => {
    const h = harness();
    h.loop.handle({ type: 'config', config: SMALL, runId: 3 });
    await h.pump();
    h.loop.handle({ type: 'sweepCancel', sweepId: 1 } as never);
    await h.pump();
    expect(of(h.events, 'error').map((e) => e.message)).toEqual(['The training loop cannot handle the request "sweepCancel"']);
    h.sessions.at(-1)!.dispose();
  });
});
