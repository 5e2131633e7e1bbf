// The kernel machine built after the step-0 snapshot (SessionOptions.deferMachine, the app's
// worker): the run's meta is complete at once, the first snapshot draws f₀ without the machine, and
// from completeStartup() on the run is the same, number for number, as one built in one go.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { Session } from '../../src/engine/session/session';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/schema/config';
import { TrainingLoop, loopSession } from '../../src/worker/loop';
import type { WorkerEvent } from '../../src/worker/protocol';

const SMALL: ExperimentConfig = { ...DEFAULT_CONFIG, width: 32, depth: 1, train: 16, test: 16, steps: 50, logEvery: 5 };

describe('deferred kernel machine', () => {
  it('same meta at once; the snapshot before completion has f₀ but no machine; then identical rows and snapshots', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const eager = await Session.create(SMALL, { gridSize: 16 });
    const lazy = await Session.create(SMALL, { gridSize: 16, deferMachine: true });
    // the meta about the limit is there before the machine is built
    expect(lazy.meta.infiniteNote).toBe(eager.meta.infiniteNote);
    expect(Array.from(lazy.meta.ntkInf ?? [])).toEqual(Array.from(eager.meta.ntkInf ?? []));
    expect(lazy.meta.ntkInf?.length).toBeGreaterThan(0);
    expect(lazy.meta.lr).toBe(eager.meta.lr);
    const s0 = await lazy.snapshot();
    expect(s0.fInfGrid).toBeUndefined();
    expect(Array.from(s0.fGrid)).toEqual(Array.from((await eager.snapshot()).fGrid));
    expect(lazy.completeStartup()).toBe(true);
    expect(lazy.completeStartup()).toBe(false); // once
    for (const k of [0, 1, 4]) {
      eager.advance(k);
      lazy.advance(k);
      const [a, b] = [await eager.measure(), await lazy.measure()];
      expect(b.gapInf).toBeDefined();
      expect(b).toEqual(a);
      const [sa, sb] = [await eager.snapshot(), await lazy.snapshot()];
      expect(Array.from(sb.fInfGrid ?? [])).toEqual(Array.from(sa.fInfGrid ?? []));
      expect(sb.fInfGrid?.length).toBe(16);
    }
    eager.dispose();
    lazy.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('advance() or measure() first completes it; a run disposed before completion frees everything', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const eager = await Session.create(SMALL, { gridSize: 16 });
    const lazy = await Session.create(SMALL, { gridSize: 16, deferMachine: true });
    eager.advance(3);
    lazy.advance(3);
    expect(await lazy.measure()).toEqual(await eager.measure());
    eager.dispose();
    lazy.dispose();
    const dropped = await Session.create(SMALL, { gridSize: 16, deferMachine: true });
    dropped.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the loop posts ready, the f₀ snapshot, then (not playing) a step-0 snapshot with the machine, then the row', async () => {
    const events: WorkerEvent[] = [];
    const sessions: Session[] = [];
    const loop = new TrainingLoop({
      createSession: async (config) => {
        const s = await Session.create(config, { gridSize: 16, deferMachine: true });
        sessions.push(s);
        return loopSession(s, { expensive: 'always' });
      },
      post: (ev) => events.push(ev),
      now: () => performance.now(),
      schedule: (fn) => fn(),
    });
    loop.handle({ type: 'config', config: SMALL, runId: 1 });
    await loop.idle();
    const seq = events.filter((e) => e.type === 'ready' || e.type === 'snapshot' || e.type === 'metrics');
    expect(seq.map((e) => e.type)).toEqual(['ready', 'snapshot', 'snapshot', 'metrics']);
    const [first, second] = seq.filter((e): e is Extract<WorkerEvent, { type: 'snapshot' }> => e.type === 'snapshot');
    expect(first.snapshot.fInfGrid).toBeUndefined();
    expect(second.snapshot.fInfGrid?.length).toBe(16);
    expect(Array.from(second.snapshot.fGrid)).toEqual(Array.from(first.snapshot.fGrid));
    const row = (seq[3] as Extract<WorkerEvent, { type: 'metrics' }>).rows[0];
    expect(row.step).toBe(0);
    expect(row.gapInf).toBeDefined();
    sessions.forEach((s) => s.dispose());
  });
});
