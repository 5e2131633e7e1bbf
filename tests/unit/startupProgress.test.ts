// Start-up progress of a run: Session.create reports its stages in order through a progress sink,
// stops between stages when asked (leaving no tensor behind), and the loop turns that into
// `progress` events and honours cancel / a newer config during a long create.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { Session } from '../../src/engine/session/session';
import { CreateAborted } from '../../src/engine/session/startupCost';
import { JET_PASSES, firstMeasureCost, startupKernelCosts } from '../../src/engine/session/startupCost';
import { specFromConfig } from '../../src/engine/nn/mlp';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/schema/config';
import { STARTUP_STAGES, type StartupStage } from '../../src/engine/records/runRecords';
import { TrainingLoop, loopSession } from '../../src/worker/loop';
import { parseEvent, transferablesOf, type WorkerEvent } from '../../src/worker/protocol';

const SMALL: ExperimentConfig = { ...DEFAULT_CONFIG, width: 32, depth: 2, train: 16, test: 16, steps: 50, logEvery: 10 };

interface Report {
  stage: StartupStage;
  fraction: number;
  etaMs?: number;
}

function sink(abortAt?: StartupStage) {
  const reports: Report[] = [];
  let abort = false;
  return {
    reports,
    progress: {
      report(stage: StartupStage, fraction: number, etaMs?: number) {
        reports.push({ stage, fraction, ...(etaMs !== undefined ? { etaMs } : {}) });
        if (stage === abortAt) abort = true;
      },
      aborted: () => abort,
    },
  };
}

describe('Session.create progress', () => {
  it('reports data, the three Θ₀ kernels and λmax in order, fractions rising, an estimate once timed', async () => {
    await tf.ready();
    const { reports, progress } = sink();
    const s = await Session.create(SMALL, { gridSize: 20 }, progress);
    s.dispose();
    expect(reports.map((r) => r.stage)).toEqual(['data', 'kernelTrain', 'kernelEval', 'kernelProbe', 'lr']);
    for (let i = 1; i < reports.length; i++) expect(reports[i].fraction).toBeGreaterThan(reports[i - 1].fraction);
    for (const r of reports) expect(r.fraction).toBeLessThanOrEqual(1);
    // No estimate before the first kernel has been timed, one (finite, ≥ 0) after it.
    expect(reports[0].etaMs).toBeUndefined();
    expect(reports[1].etaMs).toBeUndefined();
    for (const r of reports.slice(2)) {
      expect(Number.isFinite(r.etaMs)).toBe(true);
      expect(r.etaMs).toBeGreaterThanOrEqual(0);
    }
    // At one timing (ms per unit of kernel cost, fixed after the first kernel) the estimate falls as
    // stages complete. The 'lr' report re-times with every kernel, so on a loaded machine it may be
    // larger than the one before it; comparing it would test the machine's load, not the code.
    expect(reports[3].etaMs!).toBeLessThanOrEqual(reports[2].etaMs!);
    expect(STARTUP_STAGES.slice(0, 5)).toEqual(reports.map((r) => r.stage));
  });

  it.each(['data', 'kernelTrain', 'kernelEval', 'kernelProbe', 'lr'] as const)('aborted at %s: throws CreateAborted and frees every tensor', async (stage) => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const { reports, progress } = sink(stage);
    await expect(Session.create(SMALL, { gridSize: 20 }, progress)).rejects.toBeInstanceOf(CreateAborted);
    expect(tf.memory().numTensors).toBe(before);
    // Nothing after the stage where it was stopped.
    expect(reports.at(-1)?.stage).toBe(stage);
  });

  it('first-measurement cost model: the terms counted by hand on a tiny net', () => {
    // inputDim 1, width 4, depth 1, bias: 13 parameters, layer sizes 1, 4, 1 (sum 6).
    const spec = specFromConfig({ ...SMALL, width: 4, depth: 1 }, 1);
    const n = { train: 2, test: 3, grid: 5, probe: 2 };
    const probeKernel = 2 * 13 + 2 * 2 * 6;
    const base = (2 + 3 + 5) * 13 + 3 * 2 * 13 + 2 * probeKernel + JET_PASSES * 2 * 13;
    expect(firstMeasureCost(spec, n, false)).toBe(base);
    // NFA: backward pass 3·N·P; layer 1 (1 → 4): 2·(1²·4 + 2·N·1·4 + N²·1); heatmaps 2·(3·N·P + N·1·4)
    const nfa = 3 * 2 * 13 + 2 * (4 + 2 * 2 * 4 + 4 * 1) + 2 * (3 * 2 * 13 + 2 * 4);
    expect(firstMeasureCost(spec, n, true)).toBe(base + nfa);
  });

  it('first-measurement cost model: the NFA Gram products make it cubic in the width at large widths', () => {
    const n = { train: 256, test: 256, grid: 200, probe: 64 };
    const at = (width: number, nfa: boolean) => firstMeasureCost(specFromConfig({ ...SMALL, width, depth: 6, train: 256 }, 1), n, nfa);
    const r = at(4096, true) / at(2048, true);
    expect(r).toBeGreaterThan(5);
    expect(r).toBeLessThan(8.5);
    // without NFA it grows like the parameter count (≈ width²)
    const q = at(4096, false) / at(2048, false);
    expect(q).toBeGreaterThan(3.5);
    expect(q).toBeLessThan(4.5);
    // and it is comparable to the Θ₀ kernels it is predicted from (same unit)
    const k = startupKernelCosts(specFromConfig({ ...SMALL, width: 2048, depth: 6, train: 256 }, 1), 256, 456, 64);
    expect(at(2048, true) / (k.trainTrain + k.evalTrain + k.probe)).toBeGreaterThan(0.5);
  });

  it('kernel cost model: eval×train dominates for a large grid, and the costs scale with the points', () => {
    const spec = specFromConfig({ ...SMALL, width: 4096, depth: 6, train: 256 }, 1);
    const c = startupKernelCosts(spec, 256, 256 + 200, 24);
    expect(c.evalTrain).toBeGreaterThan(c.trainTrain);
    expect(c.trainTrain).toBeGreaterThan(c.probe);
    const c2 = startupKernelCosts(spec, 512, 256 + 200, 24);
    expect(c2.trainTrain / c.trainTrain).toBeGreaterThan(2);
    expect(c2.trainTrain / c.trainTrain).toBeLessThan(4);
  });
});

/** Waits until the loop's queue stops growing (requests handled during a create queue more work). */
async function settle(loop: TrainingLoop): Promise<void> {
  for (;;) {
    const chain = loop.idle();
    await chain;
    if (loop.idle() === chain) return;
  }
}

describe('TrainingLoop start-up', () => {
  function harness(onProgress?: (ev: Extract<WorkerEvent, { type: 'progress' }>, loop: TrainingLoop) => void) {
    const events: WorkerEvent[] = [];
    const invalid: string[] = [];
    let t = 0;
    const loop: TrainingLoop = new TrainingLoop({
      async createSession(config, progress) {
        return loopSession(await Session.create(config, { gridSize: 20 }, progress), { expensive: 'never' });
      },
      post(ev) {
        const copy = structuredClone(ev, { transfer: transferablesOf(ev) });
        const r = parseEvent(copy);
        if (!r.ok) invalid.push(r.error);
        events.push(copy);
        if (copy.type === 'progress') onProgress?.(copy, loop);
      },
      now: () => (t += 1),
      schedule: () => undefined,
    });
    return { loop, events, invalid };
  }

  it('posts progress events for every stage, then the first measurement, then ready', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const { loop, events, invalid } = harness();
    loop.handle({ type: 'config', config: SMALL, runId: 1 });
    await settle(loop);
    const stages = events.flatMap((e) => (e.type === 'progress' ? [e.stage] : []));
    expect(stages).toEqual([...STARTUP_STAGES]);
    const iReady = events.findIndex((e) => e.type === 'ready');
    const iFirst = events.findIndex((e) => e.type === 'progress' && e.stage === 'firstMeasure');
    expect(iReady).toBeGreaterThan(-1);
    expect(iFirst).toBeGreaterThan(iReady);
    // The first measurement has an estimate too, and its own share of the bar after λmax's.
    const progress = events.flatMap((e) => (e.type === 'progress' ? [e] : []));
    const first = progress.at(-1)!;
    expect(first.stage).toBe('firstMeasure');
    expect(Number.isFinite(first.etaMs)).toBe(true);
    expect(first.etaMs!).toBeGreaterThan(0);
    expect(first.fraction).toBeGreaterThanOrEqual(progress.at(-2)!.fraction);
    expect(first.fraction).toBeLessThan(0.99);
    expect(events.at(-1)).toMatchObject({ type: 'status', state: 'ready' });
    expect(invalid).toEqual([]);
    loop.currentSession?.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('cancel during the kernels stops the start-up: no ready, a status saying so, no tensor left', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const { loop, events, invalid } = harness((ev, l) => {
      if (ev.runId === 1 && ev.stage === 'kernelEval') l.handle({ type: 'cancel' });
    });
    loop.handle({ type: 'config', config: SMALL, runId: 1 });
    await settle(loop);
    expect(events.some((e) => e.type === 'ready')).toBe(false);
    expect(events.some((e) => e.type === 'error')).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'status', state: 'paused', message: expect.stringMatching(/cancelled/i) });
    expect(loop.currentSession).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
    expect(invalid).toEqual([]);
    // Reset starts the same config again and it completes.
    loop.handle({ type: 'reset', runId: 2 });
    await settle(loop);
    expect(events.at(-1)).toMatchObject({ type: 'status', runId: 2, state: 'ready' });
    loop.currentSession?.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('cancel during the first measurement drops the built session too', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const { loop, events } = harness((ev, l) => {
      if (ev.stage === 'firstMeasure') l.handle({ type: 'cancel' });
    });
    loop.handle({ type: 'config', config: SMALL, runId: 1 });
    await settle(loop);
    expect(events.at(-1)).toMatchObject({ type: 'status', state: 'paused', message: expect.stringMatching(/cancelled/i) });
    // The step-0 snapshot (f₀) goes out first, as soon as the run is ready; the row after it is never taken.
    expect(events.filter((e) => e.type === 'snapshot').length).toBeLessThanOrEqual(1);
    expect(events.some((e) => e.type === 'metrics')).toBe(false);
    expect(loop.currentSession).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a new config during a long create abandons the old one: only the new run becomes ready', async () => {
    await tf.ready();
    const before = tf.memory().numTensors;
    const { loop, events } = harness((ev, l) => {
      if (ev.runId === 1 && ev.stage === 'kernelTrain') l.handle({ type: 'config', config: { ...SMALL, width: 16 }, runId: 2 });
    });
    loop.handle({ type: 'config', config: SMALL, runId: 1 });
    await settle(loop);
    const readies = events.filter((e) => e.type === 'ready');
    expect(readies.map((e) => (e.type === 'ready' ? e.runId : -1))).toEqual([2]);
    // run 1 posted nothing after its kernelTrain stage
    const run1 = events.filter((e) => e.type === 'progress' && e.runId === 1).map((e) => (e.type === 'progress' ? e.stage : ''));
    expect(run1).toEqual(['data', 'kernelTrain']);
    loop.currentSession?.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('start-up label', () => {
  it('shows the stage, the share done and the estimate counting down; an overrun says so', async () => {
    const { startupLabel } = await import('../../src/ui/controls/Transport');
    const s = { stage: 'firstMeasure' as const, fraction: 0.62, etaMs: 12_000, receivedAt: 0 };
    expect(startupLabel(s)).toBe('starting: first measurement (compiling kernels) · 62% · ~12 s left');
    expect(startupLabel(s, 5_000)).toBe('starting: first measurement (compiling kernels) · 62% · ~7 s left');
    expect(startupLabel(s, 13_000)).toBe('starting: first measurement (compiling kernels) · 62% · taking longer than the ~12 s estimated');
    expect(startupLabel({ stage: 'kernelTrain', fraction: 0.05 })).toBe('starting: kernel Θ₀ train×train · 5%');
    expect(startupLabel(null)).toBe('starting…');
  });
});
