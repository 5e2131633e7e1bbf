// Sweep spec, grid, shards, per-run config and summaries (pure functions).
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/state/config';
import { parseSweepSpec, parseWidthList, sweepSpecFromEntries, sweepSpecToEntries, DEFAULT_SWEEP_WIDTHS } from '../../src/state/sweep';
import { configForRun, parseShard, shard, summarize, sweepFingerprint, sweepGrid, sweepMetrics, fitAll } from '../../src/engine/sweep';
import type { MetricRow } from '../../src/engine/session';

const spec = (o: Record<string, unknown> = {}) => {
  const r = parseSweepSpec({ base: { ...DEFAULT_CONFIG, seed: 10, lr: 0.5 }, widths: [64, 16, 256, 16], seeds: 3, ...o });
  if (!r.ok) throw new Error(r.error);
  return r.spec;
};

describe('sweep spec', () => {
  it('sorts and dedupes widths, defaults seeds 5 and α 0; rejects bad input with one line', () => {
    const s = spec({ seeds: undefined });
    expect(s.widths).toEqual([16, 64, 256]);
    expect(s.seeds).toBe(5);
    expect(parseSweepSpec({ base: DEFAULT_CONFIG, widths: [16, 5000] })).toMatchObject({ ok: false, error: 'widths.1: widths must be at most 4096' });
    expect(parseSweepSpec({ base: { ...DEFAULT_CONFIG, width: -1 }, widths: [16, 32] })).toMatchObject({ ok: false, error: 'base: the base config is not valid' });
    expect(() => parseWidthList('16,,32')).toThrow(/comma-separated integers/);
    expect(() => parseWidthList('16')).toThrow(/at least two distinct/);
  });

  it('URL entries round-trip; bad ones give notices and defaults', () => {
    const { spec: s, notices } = sweepSpecFromEntries(DEFAULT_CONFIG, [['widths', '32,128'], ['seeds', '4']]);
    expect(notices).toEqual([]);
    expect(sweepSpecToEntries(s)).toEqual([['widths', '32,128'], ['seeds', '4']]);
    const bad = sweepSpecFromEntries(DEFAULT_CONFIG, [['widths', 'x'], ['seeds', '999']]);
    expect(bad.notices).toHaveLength(2);
    expect(bad.spec.widths).toEqual(DEFAULT_SWEEP_WIDTHS);
  });
});

describe('grid, shards, per-run config', () => {
  it('grid is width-major with θ₀ seeds base.seed …; shards partition it deterministically', () => {
    const g = sweepGrid(spec());
    expect(g.map((p) => [p.width, p.seed])).toEqual([16, 64, 256].flatMap((w) => [10, 11, 12].map((s) => [w, s])));
    const parts = [1, 2, 3, 4].map((i) => shard(g, i, 4));
    expect(parts.flat().map((p) => p.index).sort((a, b) => a - b)).toEqual(g.map((p) => p.index));
    expect(shard(g, 2, 4)).toEqual(shard(sweepGrid(spec()), 2, 4));
    expect(parseShard('2/4')).toEqual({ i: 2, k: 4 });
    for (const bad of ['3/2', '0/2', '1/0', 'a/b', '1'] as const) expect(() => parseShard(bad)).toThrow(/is not valid/);
  });

  it('η = η₀·n^α for an explicit η; auto stays auto', () => {
    const s = spec({ base: { ...DEFAULT_CONFIG, seed: 10, lr: 0.5, lrWidthExp: -0.5 } });
    expect(configForRun(s, 64, 11)).toMatchObject({ width: 64, seed: 11, lr: 0.0625, lrWidthExp: 0 });
    expect(configForRun(spec(), 64, 11).lr).toBe(0.5);
    const auto = parseSweepSpec({ base: { ...DEFAULT_CONFIG, lrWidthExp: 1 }, widths: [16, 32] });
    expect(auto.ok && configForRun(auto.spec, 32, 1).lr).toBeNull();
  });

  it('fingerprint depends on the spec only', () => {
    expect(sweepFingerprint(spec())).toBe(sweepFingerprint(spec()));
    expect(sweepFingerprint(spec({ seeds: 4 }))).not.toBe(sweepFingerprint(spec()));
    expect(sweepFingerprint(spec({ base: { ...DEFAULT_CONFIG, steps: 10 } }))).not.toBe(sweepFingerprint(spec()));
  });
});

describe('summaries and fits', () => {
  const row = (v: number, layer: number[]): MetricRow => ({ step: 0, loss: 1, testLoss: 1, ntkDrift: v, layerChange: layer });
  const runs = [16, 64].flatMap((w) => [0, 1, 2].map((s) => ({ width: w, seed: s, init: row(0, [0, 0, 0]), final: row((1 + s) / Math.sqrt(w), [s, 1, 2]) })));
  it('mean, sample std and n per width × metric × phase; per-seed fit', () => {
    const rows = summarize(runs, sweepMetrics(2));
    const r = rows.find((x) => x.metric === 'ntkDrift' && x.phase === 'final' && x.width === 16)!;
    expect(r.mean).toBeCloseTo(2 / 4, 12);
    expect(r.std).toBeCloseTo(1 / 4, 12);
    expect(r.n).toBe(3);
    const l1 = rows.find((x) => x.metric === 'layerChange1' && x.phase === 'final' && x.width === 64)!;
    expect(l1.mean).toBe(1);
    const fits = fitAll(runs, sweepMetrics(2));
    expect(fits.ntkDrift.final!.slope).toBeCloseTo(-0.5, 10);
    expect(fits.ntkDrift.init).toBeNull();
  });
});
