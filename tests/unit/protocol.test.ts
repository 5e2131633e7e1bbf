import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/schema/config';
import { parseEvent, parseRequest, transferablesOf, type WorkerEvent } from '../../src/worker/protocol';
import { receiveEvent } from '../../src/worker/client';
import { finiteRow } from '../../src/engine/records/runRecords';

const snapshot = { step: 3, fGrid: new Float32Array([1, 2]), fLinGrid: new Float32Array([1, 2]), ntkT: new Float32Array(4), eigT: new Float64Array(2), pair: { index: 0, matrix: new Float32Array(4) } };

describe('worker protocol: requests', () => {
  it.each([
    { type: 'init', config: { ...DEFAULT_CONFIG }, backend: null, runId: 1 },
    { type: 'init', config: { ...DEFAULT_CONFIG }, backend: 'wasm', runId: 1 },
    { type: 'config', config: { ...DEFAULT_CONFIG, width: 64 }, runId: 2 },
    { type: 'play' },
    { type: 'pause' },
    { type: 'step', count: 1 },
    { type: 'reset', runId: 3 },
    { type: 'pairIndex', index: 5 },
  ])('accepts $type', (msg) => {
    const r = parseRequest(structuredClone(msg));
    expect(r).toEqual({ ok: true, value: msg });
  });

  it.each([
    [null, /Invalid request to the training worker/],
    ['play', /Invalid request/],
    [{}, /type/],
    [{ type: 'fly' }, /Invalid request to the training worker "fly"/],
    [{ type: 'config', config: { ...DEFAULT_CONFIG } }, /"config".*runId/],
    [{ type: 'reset' }, /runId/],
    [{ type: 'config', config: { ...DEFAULT_CONFIG, width: 7 }, runId: 1 }, /config\.width/],
    [{ type: 'config', config: { ...DEFAULT_CONFIG, colour: 'red' }, runId: 1 }, /config.*colour/],
    [{ type: 'config', config: { width: 64 }, runId: 1 }, /config\.depth/],
    [{ type: 'init', config: { ...DEFAULT_CONFIG }, backend: 'metal', runId: 1 }, /backend/],
    [{ type: 'step', count: 0 }, /count/],
    [{ type: 'step', count: 1.5 }, /count/],
    [{ type: 'pairIndex', index: -1 }, /index/],
    [{ type: 'reset', runId: -1 }, /runId/],
  ])('rejects %j with a message', (msg, re) => {
    const r = parseRequest(msg);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(re);
  });
});

describe('worker protocol: events', () => {
  const meta = {
    config: { ...DEFAULT_CONFIG },
    lr: 0.1,
    lrAuto: true,
    criticalLr: 0.2,
    paramCount: 10,
    dataset: { inputDim: 1, xTrain: new Float32Array(2), yTrain: new Float32Array(2), xTest: new Float32Array(1), yTest: new Float32Array(1), domain: [[-3, 3]] },
    grid: { n: 2, x: new Float32Array(2) },
    probe: { x: new Float32Array(2), count: 2, trainCount: 1, order: [1, 0] },
    ntk0: new Float32Array(4),
    eig0: new Float64Array(2),
  };
  const valid: WorkerEvent[] = [
    { type: 'backend', info: { name: 'cpu', reason: 'forced', forced: true, measurements: [{ backend: 'cpu', msPerStep: null, note: 'x' }] } },
    { type: 'ready', runId: 1, meta: structuredClone(meta) as never },
    { type: 'metrics', runId: 1, rows: [{ step: 0, loss: 1, testLoss: 2, ntkDrift: 0, layerChange: [0.1, 0.2], nfa: [{ layer: 1, uc: 0.5, c: null }] }] },
    { type: 'snapshot', runId: 1, snapshot },
    { type: 'status', runId: 1, state: 'playing', step: 10, stepsPerSec: 12.5 },
    { type: 'error', runId: 1, message: 'boom' },
    { type: 'fatal', message: 'no worker' },
  ];
  it.each(valid)('accepts $type (after a structured clone with transfer)', (ev) => {
    const copy = structuredClone(ev, { transfer: transferablesOf(ev) });
    expect(parseEvent(copy)).toEqual({ ok: true, value: copy });
  });

  it.each([
    [{ type: 'snapshot', runId: 1, snapshot: { ...snapshot, fGrid: [1, 2] } }, /snapshot\.fGrid/],
    [{ type: 'ready', runId: 1, meta: { ...meta, ntk0: Array.from(meta.ntk0) } }, /meta\.ntk0/],
    [{ type: 'metrics', runId: 1, rows: [{ step: 0, loss: NaN, testLoss: 1 }] }, /rows\.0\.loss/],
    [{ type: 'metrics', runId: 1, rows: [{ step: 0, testLoss: 1 }] }, /rows\.0\.loss/],
    [{ type: 'status', runId: 1, state: 'flying', step: 0, stepsPerSec: 0 }, /state/],
    [{ type: 'error', message: 'x' }, /runId/],
    [{ type: 'error', runId: -1, message: 'x' }, /runId/],
    [{ type: 'status' }, /Invalid message from the training worker "status"/],
    [42, /Invalid message/],
  ])('rejects %j with a message', (ev, re) => {
    const r = parseEvent(ev);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(re);
  });

  it('the client turns an invalid event into a fatal event instead of throwing', () => {
    const got: WorkerEvent[] = [];
    receiveEvent({ type: 'metrics', runId: 1, rows: 'lots' }, (ev) => got.push(ev));
    receiveEvent({ type: 'fatal', message: 'm' }, (ev) => got.push(ev));
    expect(got[0].type).toBe('fatal');
    expect(got[0].type === 'fatal' && got[0].message).toMatch(/Invalid message from the training worker "metrics": rows/);
    expect(got[1]).toEqual({ type: 'fatal', message: 'm' });
  });

  it('transferablesOf lists each typed array buffer once and skips empty ones', () => {
    const a = new Float32Array(4);
    const list = transferablesOf({ type: 'x', a, nested: { b: new Float64Array(2), again: a, empty: new Float32Array(0) }, arr: [new Float32Array(1)] });
    expect(list).toHaveLength(3);
    expect(list).toContain(a.buffer);
  });

  it('finiteRow drops non-finite optional metrics (NFA values become null) so a row always passes the schema', () => {
    const r = finiteRow({ step: 2, loss: 1, testLoss: 1, ntkDrift: NaN, gapTrain: Infinity, c2OverC1: 0.5, layerChange: [NaN], nfa: [{ layer: 1, uc: NaN, c: null }, { layer: 2, uc: 0.3, c: 0.1 }] });
    // an NFA value that is not finite becomes null ("not defined"): every hidden layer keeps its entry
    expect(r).toEqual({ step: 2, loss: 1, testLoss: 1, c2OverC1: 0.5, nfa: [{ layer: 1, uc: null, c: null }, { layer: 2, uc: 0.3, c: 0.1 }] });
    expect(parseEvent({ type: 'metrics', runId: 1, rows: [r] }).ok).toBe(true);
  });
});
