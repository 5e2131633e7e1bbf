// Compare mode: `?compare=FIELD:VALUE` parsing and validation (schema/compare.ts), and the worker
// side — two real Sessions on the tfjs cpu backend stepped together by the training loop
// (worker/pairSession.ts), every event checked against the protocol schema the UI validates with.
import { describe, expect, it } from 'vitest';
import { tf } from '../../src/engine/tf';
import { Session } from '../../src/engine/session/session';
import { APP_PARAM_NAMES, DEFAULT_CONFIG, configFromSearch, type ExperimentConfig } from '../../src/schema/config';
import { COMPARE_CHOICES, compareConfigOf, compareFromSearch, formatCompare, parseCompare, runLabel } from '../../src/schema/compare';
import { TrainingLoop, loopSession, type LoopSession } from '../../src/worker/loop';
import { pairLoopSession } from '../../src/worker/pairSession';
import { parseEvent, parseRequest, transferablesOf, type WorkerEvent } from '../../src/worker/protocol';
import { compareMetricsCsv, compareMetricsJson } from '../../src/ui/export/compareFiles';
import { compareAfter, emptyCompare } from '../../src/ui/shared/compareState';
import type { MetricRow } from '../../src/engine/records/runRecords';

describe('compare=FIELD:VALUE', () => {
  it.each([
    ['width:4096', 'width', 4096],
    ['param:mup', 'param', 'mup'],
    ['output-scale:30', 'outputScale', 30],
    ['lr:0.5', 'lr', 0.5],
    ['lr:auto', 'lr', null],
    ['Activation:ReLU', 'activation', 'relu'],
    [' seed:7 ', 'seed', 7],
  ] as const)('%s is read by the field schema', (raw, key, value) => {
    const r = parseCompare(raw);
    expect(r).toEqual({ ok: true, spec: { key, value } });
    if (r.ok) expect(parseCompare(formatCompare(r.spec))).toEqual(r);
  });

  it.each([
    ['width', /expected FIELD:VALUE/],
    [':16', /expected FIELD:VALUE/],
    ['colour:red', /"colour" is not a setting; comparable settings are width, depth, activation, param, output-scale/],
    ['dataset:step', /both runs share dataset/],
    ['steps:100', /both runs share steps/],
    ['width:5000', /width must be an integer from 8 to 4096/],
    ['width:abc', /width must be an integer from 8 to 4096/],
    ['param:wide', /param must be one of ntk, standard, mup/],
    ['lr:-1', /lr must be a number from 0.00001 to 1000 or "auto"/],
  ])('%s is rejected with a notice and compare off', (raw, message) => {
    const r = parseCompare(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.notice).toMatch(message);
      expect(r.notice).toMatch(/compare mode is off\.$/);
    }
    const q = compareFromSearch(`?width=16&compare=${encodeURIComponent(raw)}`);
    expect(q.spec).toBeNull();
    expect(q.notices).toHaveLength(1);
  });

  it('is a page parameter: the experiment config ignores it, absent/empty/off means no compare', () => {
    const { config, notices } = configFromSearch('?width=16&compare=width:4096', APP_PARAM_NAMES);
    expect(notices).toEqual([]);
    expect(config.width).toBe(16);
    expect(compareFromSearch('?width=16')).toEqual({ spec: null, notices: [] });
    expect(compareFromSearch('?compare=')).toEqual({ spec: null, notices: [] });
    expect(compareFromSearch('?compare=off')).toEqual({ spec: null, notices: [] });
    expect(compareFromSearch('?compare=width:4096', { ...DEFAULT_CONFIG, model: 'early-time' }).notices[0]).toMatch(/needs the MLP model/);
  });

  it('the second config differs from the first in exactly the compared field', () => {
    const base: ExperimentConfig = { ...DEFAULT_CONFIG, width: 16, seed: 3 };
    for (const raw of ['width:4096', 'param:mup', 'output-scale:30', 'lr:0.5', 'activation:relu']) {
      const r = parseCompare(raw);
      if (!r.ok) throw new Error(r.notice);
      const other = compareConfigOf(base, r.spec);
      const differing = (Object.keys(base) as (keyof ExperimentConfig)[]).filter((k) => base[k] !== other[k]);
      expect(differing).toEqual([r.spec.key]);
    }
  });

  it('legend labels name the differing value', () => {
    const base: ExperimentConfig = { ...DEFAULT_CONFIG, width: 16 };
    expect(runLabel('width', base)).toBe('width 16');
    expect(runLabel('width', compareConfigOf(base, { key: 'width', value: 4096 }))).toBe('width 4096');
    expect(runLabel('param', { ...base, param: 'mup' })).toBe('μP');
    expect(runLabel('outputScale', { ...base, outputScale: 30 })).toBe('α 30');
    expect(runLabel('lr', base)).toBe('η auto');
    expect(runLabel('center', { ...base, center: true })).toBe('center on');
  });

  it('the one-click choices are valid compares whose base differs from the compared value', () => {
    for (const c of COMPARE_CHOICES) {
      const base = { ...DEFAULT_CONFIG, ...c.base };
      expect(parseCompare(formatCompare(c.spec))).toEqual({ ok: true, spec: c.spec });
      expect(base[c.spec.key]).not.toEqual(c.spec.value);
    }
  });

  it('requests carry the second config through the protocol schema; a bad one is refused', () => {
    const compare = compareConfigOf(DEFAULT_CONFIG, { key: 'width', value: 4096 });
    expect(parseRequest({ type: 'config', config: DEFAULT_CONFIG, runId: 2, compare }).ok).toBe(true);
    expect(parseRequest({ type: 'config', config: DEFAULT_CONFIG, runId: 2, compare: null }).ok).toBe(true);
    expect(parseRequest({ type: 'config', config: DEFAULT_CONFIG, runId: 2, compare: { ...compare, width: 99999 } }).ok).toBe(false);
  });
});

// ---- the worker: two Sessions in one loop ----

const SMALL: ExperimentConfig = { ...DEFAULT_CONFIG, width: 16, depth: 1, train: 16, test: 16, steps: 60, logEvery: 10, modes: 0 };

function harness() {
  const events: WorkerEvent[] = [];
  const invalid: string[] = [];
  const queue: (() => void)[] = [];
  const built: LoopSession[] = [];
  let t = 0;
  const one = async (c: ExperimentConfig) => loopSession(await Session.create(c, { gridSize: 16 }), { expensive: 'always' });
  const loop = new TrainingLoop(
    {
      async createSession(config, _progress, compare) {
        const s = compare ? pairLoopSession(await one(config), await one(compare)) : await one(config);
        built.push(s);
        return s;
      },
      post(ev) {
        const copy = structuredClone(ev, { transfer: transferablesOf(ev) });
        const r = parseEvent(copy);
        if (!r.ok) invalid.push(r.error);
        events.push(copy);
      },
      now: () => (t += 1),
      schedule: (fn) => queue.push(fn),
      memory: () => ({ numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes }),
    },
    { measureIntervalMs: 0, snapshotIntervalMs: 0, postIntervalMs: 0 },
  );
  const pump = async () => {
    for (let i = 0; i < 500; i++) {
      await loop.idle();
      const fn = queue.shift();
      if (!fn) break;
      fn();
    }
    await loop.idle();
  };
  return { loop, events, invalid, pump, built };
}
const of = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);

describe('compare mode in the training loop', () => {
  it('trains both runs at the same steps: rows, snapshots and meta of each, the second differing only in the compared field', async () => {
    const h = harness();
    const compare = compareConfigOf(SMALL, { key: 'width', value: 256 });
    h.loop.handle({ type: 'config', config: SMALL, runId: 1, compare });
    h.loop.handle({ type: 'play' });
    await h.pump();
    expect(h.invalid).toEqual([]);
    const [ready] = of(h.events, 'ready');
    expect(ready.meta.config.width).toBe(16);
    expect(ready.compareMeta?.config.width).toBe(256);
    // same data and seed: identical training targets
    expect(Array.from(ready.compareMeta!.dataset.yTrain)).toEqual(Array.from(ready.meta.dataset.yTrain));
    const rows = of(h.events, 'metrics').flatMap((e) => e.rows);
    const rowsB = of(h.events, 'metrics').flatMap((e) => e.compareRows ?? []);
    expect(rows.map((r) => r.step)).toEqual(rowsB.map((r) => r.step));
    expect(rows.at(-1)!.step).toBe(60);
    // two different networks: the losses differ after training, and both moved from their start
    expect(rowsB.at(-1)!.loss).not.toBe(rows.at(-1)!.loss);
    expect(rowsB.at(-1)!.loss).toBeLessThan(rowsB[0].loss);
    expect(rows.at(-1)!.ntkDrift).toBeGreaterThan(rowsB.at(-1)!.ntkDrift!); // narrow drifts more
    const snaps = of(h.events, 'snapshot');
    expect(snaps.at(-1)!.compareSnapshot?.step).toBe(60);
    expect(snaps.at(-1)!.compareSnapshot!.fGrid.length).toBe(snaps.at(-1)!.snapshot.fGrid.length);
    expect(of(h.events, 'error')).toEqual([]);
    const status = of(h.events, 'status').at(-1)!;
    expect(status.state).toBe('done');
    expect(status.compareDivergedAt).toBeUndefined();
    h.built.at(-1)!.dispose();
  });

  it('restarts and resets dispose both runs: the tensor count stays flat; reset keeps the compare', async () => {
    const h = harness();
    const compare = compareConfigOf(SMALL, { key: 'width', value: 64 });
    h.loop.handle({ type: 'config', config: SMALL, runId: 1, compare });
    h.loop.handle({ type: 'step', count: 5 });
    await h.pump();
    const base = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) {
      h.loop.handle({ type: 'config', config: { ...SMALL, seed: 5 + i }, runId: 2 + i, compare: { ...compare, seed: 5 + i } });
      h.loop.handle({ type: 'step', count: 5 });
      await h.pump();
      h.loop.handle({ type: 'reset', runId: 10 + i });
      h.loop.handle({ type: 'step', count: 5 });
      await h.pump();
    }
    expect(tf.memory().numTensors).toBe(base);
    const last = of(h.events, 'ready').at(-1)!;
    expect(last.runId).toBe(13);
    expect(last.compareMeta?.config.width).toBe(64);
    // a config without compare turns it off
    h.loop.handle({ type: 'config', config: SMALL, runId: 20 });
    await h.pump();
    expect(of(h.events, 'ready').at(-1)!.compareMeta).toBeUndefined();
    h.built.at(-1)!.dispose();
    expect(tf.memory().numTensors).toBeLessThan(base);
    expect(h.invalid).toEqual([]);
  });

  it('a diverging second run stops with its step reported; the first run goes on to the end', async () => {
    const h = harness();
    h.loop.handle({ type: 'config', config: SMALL, runId: 1, compare: compareConfigOf(SMALL, { key: 'lr', value: 500 }) });
    h.loop.handle({ type: 'play' });
    await h.pump();
    expect(of(h.events, 'error')).toEqual([]);
    const status = of(h.events, 'status').at(-1)!;
    expect(status.state).toBe('done');
    expect(status.compareDivergedAt).toBeGreaterThan(0);
    const rowsB = of(h.events, 'metrics').flatMap((e) => e.compareRows ?? []);
    for (const r of rowsB) expect(Number.isFinite(r.loss)).toBe(true);
    expect(rowsB.at(-1)!.step).toBeLessThanOrEqual(status.compareDivergedAt!);
    expect(of(h.events, 'metrics').flatMap((e) => e.rows).at(-1)!.step).toBe(60);
    h.built.at(-1)!.dispose();
    expect(h.invalid).toEqual([]);
  });
});

describe('compare mode in the UI store and the files', () => {
  const row = (step: number, loss: number): MetricRow => ({ step, loss, testLoss: loss, linLoss: loss, linTestLoss: loss }) as MetricRow;
  const spec = { key: 'width', value: 4096 } as const;

  it('the store keeps the second run from the compare* fields of the events', () => {
    let c = emptyCompare(spec);
    const meta = { config: { ...DEFAULT_CONFIG, width: 4096 } } as never;
    c = compareAfter(c, { type: 'ready', runId: 1, meta, compareMeta: meta });
    expect(c?.meta).toBe(meta);
    c = compareAfter(c, { type: 'metrics', runId: 1, rows: [row(0, 1)], compareRows: [row(0, 2)] });
    c = compareAfter(c, { type: 'metrics', runId: 1, rows: [row(10, 1)], compareRows: [row(10, 3)] });
    expect(c?.rows.map((r) => r.loss)).toEqual([2, 3]);
    c = compareAfter(c, { type: 'status', runId: 1, state: 'playing', step: 10, stepsPerSec: 1, compareDivergedAt: 10 });
    expect(c?.divergedAt).toBe(10);
    // a new run clears the second run's rows
    c = compareAfter(c, { type: 'ready', runId: 2, meta });
    expect(c).toMatchObject({ rows: [], meta: null, divergedAt: null });
    expect(compareAfter(null, { type: 'metrics', runId: 1, rows: [], compareRows: [row(0, 1)] })).toBeNull();
  });

  it('CSV: a run column naming each run, both runs\' rows; JSON: the second run under compare', () => {
    const c = { spec, labels: ['width 16', 'width 4096'] as [string, string], rows: [row(0, 0.5), row(10, 0.25)], meta: null };
    const csv = compareMetricsCsv([row(0, 0.4), row(10, 0.2)], c).trim().split('\r\n');
    expect(csv[0].startsWith('run,step,loss,testLoss,linLoss,linTestLoss')).toBe(true);
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['width 16,0,0.4', 'width 16,10,0.2', 'width 4096,0,0.5', 'width 4096,10,0.25']);
    const json = JSON.parse(compareMetricsJson([row(0, 0.4)], { ...DEFAULT_CONFIG, width: 16 }, null, 'wasm', c)) as Record<string, unknown> & { compare: Record<string, unknown> };
    expect(json).toMatchObject({ format: 'tangent-lab-metrics', run: 'width 16', backend: 'wasm', config: { width: 16 } });
    expect(json.compare).toMatchObject({ field: 'width', value: 4096, run: 'width 4096' });
    expect((json.compare.rows as unknown[]).length).toBe(2);
  });
});
