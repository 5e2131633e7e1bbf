// Sweep spec, grid, shards, per-run config and summaries (pure functions).
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, hasKinks } from '../../src/schema/config';
import { parseSweepSpec, parseWidthList, sweepSpecFromEntries, sweepSpecToEntries, DEFAULT_SWEEP_WIDTHS, isPhaseSweep, parseOutputScaleList, parseParamList } from '../../src/schema/sweep';
import {
  configForRun,
  parseShard,
  shard,
  summarize,
  sweepFingerprint,
  sweepGrid,
  sweepMetrics,
  fitAll,
  sweepFitOptions,
  runKey,
  groupKey,
  sweepGroups,
  runsCsv,
  parseRunsCsv,
  fitGroups,
} from '../../src/engine/sweep';
import { resolveSweepLr, resolveSweepLrs } from '../../src/engine/lr/sweepLr';
import type { MetricRow } from '../../src/engine/records/runRecords';
import { loadDataset } from '../../src/engine/data/datasets';
import { initParamArrays, specFromConfig } from '../../src/engine/nn/mlp';
import { jacobiEigen64 } from '../reference/eigen64';
import { dot64, flatten64, gradient64 } from '../reference/reference64';

const at = (width: number, seed: number) => ({ param: 'ntk' as const, outputScale: 1, width, seed });
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
    expect(parseSweepSpec({ base: { ...DEFAULT_CONFIG, width: -1 }, widths: [16, 32] })).toMatchObject({ ok: false, error: expect.stringMatching(/^base\.width: /) });
    expect(() => parseWidthList('16,,32')).toThrow(/comma-separated integers/);
    expect(() => parseWidthList('16')).toThrow(/at least 2 distinct widths/);
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
    for (const bad of ['3/2', '0/2', '1/0', 'a/b', '1'] as const) expect(parseShard(bad)).toBeNull();
  });

  it('η = η₀·n^κ for an explicit η; auto-per-run stays auto; auto is one η for every run', async () => {
    const s = spec({ base: { ...DEFAULT_CONFIG, seed: 10, lr: 0.5, lrWidthExp: -0.5 } });
    expect(configForRun(s, [await resolveSweepLr(s)], at(64, 11))).toMatchObject({ width: 64, seed: 11, lr: 0.0625, lrWidthExp: 0 });
    expect(configForRun(spec(), [await resolveSweepLr(spec())], at(64, 11)).lr).toBe(0.5);
    const perRun = parseSweepSpec({ base: { ...DEFAULT_CONFIG, lrWidthExp: 1 }, widths: [16, 32], autoLr: 'per-run' });
    if (!perRun.ok) throw new Error(perRun.error);
    expect(configForRun(perRun.spec, [await resolveSweepLr(perRun.spec)], at(32, 1)).lr).toBeNull();
    const auto = parseSweepSpec({ base: { ...DEFAULT_CONFIG, train: 16, test: 8 }, widths: [16, 32], seeds: 2 });
    if (!auto.ok) throw new Error(auto.error);
    const lr = await resolveSweepLr(auto.spec);
    expect(lr.rule).toBe('auto');
    expect(lr.measured?.width).toBe(32);
    expect([16, 32].map((w) => configForRun(auto.spec, [lr], at(w, 1)).lr)).toEqual([lr.eta, lr.eta]);
  });

  it('auto η = N / mean λmax(Θ₀) at the widest width, against an independent float64 NTK', async () => {
    const auto = parseSweepSpec({ base: { ...DEFAULT_CONFIG, train: 12, test: 4, depth: 1 }, widths: [8, 24], seeds: 2 });
    if (!auto.ok) throw new Error(auto.error);
    const base = auto.spec.base;
    const lr = await resolveSweepLr(auto.spec);
    // float64: Θ₀ = J Jᵀ from per-point backprop gradients, its top eigenvalue by Jacobi
    const data = await loadDataset(base, base.seed);
    const lamOverN = [1, 2].map((seed) => {
      const mspec = specFromConfig({ ...base, width: 24 }, data.inputDim);
      const layers = initParamArrays(mspec, seed);
      const d = data.inputDim;
      const J = Array.from({ length: 12 }, (_, i) => flatten64(gradient64(mspec, layers, data.xTrain.slice(i * d, (i + 1) * d))));
      const K = new Float64Array(144);
      for (let i = 0; i < 12; i++) for (let j = 0; j < 12; j++) K[i * 12 + j] = dot64(J[i], J[j]);
      return jacobiEigen64(K, 12).values[0] / 12;
    });
    expect(lr.measured!.lambdaMaxOverN[0]).toBeCloseTo(lamOverN[0], 4);
    expect(lr.measured!.lambdaMaxOverN[1]).toBeCloseTo(lamOverN[1], 4);
    expect(lr.eta).toBe(Number((2 / (lamOverN[0] + lamOverN[1])).toPrecision(3)));
  });

  it('fingerprint depends on the spec only', () => {
    expect(sweepFingerprint(spec())).toBe(sweepFingerprint(spec()));
    expect(sweepFingerprint(spec({ seeds: 4 }))).not.toBe(sweepFingerprint(spec()));
    expect(sweepFingerprint(spec({ base: { ...DEFAULT_CONFIG, steps: 10 } }))).not.toBe(sweepFingerprint(spec()));
    const auto = (autoLr: string) => spec({ base: { ...DEFAULT_CONFIG, lr: null }, autoLr });
    expect(sweepFingerprint(auto('per-run'))).not.toBe(sweepFingerprint(auto('shared')));
    // with an explicit η the auto rule does not matter
    expect(sweepFingerprint(spec({ autoLr: 'per-run' }))).toBe(sweepFingerprint(spec()));
  });
});

describe('summaries and fits', () => {
  const row = (v: number, layer: number[]): MetricRow => ({ step: 0, loss: 1, testLoss: 1, ntkDrift: v, layerChange: layer });
  const runs = [16, 64].flatMap((w) => [0, 1, 2].map((s) => ({ param: 'ntk' as const, outputScale: 1, width: w, seed: s, init: row(0, [0, 0, 0]), final: row((1 + s) / Math.sqrt(w), [s, 1, 2]) })));
  it('mean, sample std and n per width × metric × phase; per-seed fit', () => {
    const metrics = sweepMetrics({ depth: 2, activation: 'tanh' });
    const rows = summarize(runs, metrics, [{ param: 'ntk', outputScale: 1 }]);
    const r = rows.find((x) => x.metric === 'ntkDrift' && x.stage === 'final' && x.width === 16)!;
    expect(r.mean).toBeCloseTo(2 / 4, 12);
    expect(r.std).toBeCloseTo(1 / 4, 12);
    expect(r.n).toBe(3);
    const l1 = rows.find((x) => x.metric === 'layerChange1' && x.stage === 'final' && x.width === 64)!;
    expect(l1.mean).toBe(1);
    const fits = fitAll(runs, metrics, sweepFitOptions({ base: DEFAULT_CONFIG }));
    expect(fits.ntkDrift.final!.slope).toBeCloseTo(-0.5, 10);
    expect(fits.ntkDrift.init).toBeUndefined(); // 0 at init by definition: not fitted
  });

  it('the …PerC1 metrics divide by RMS(c₁) of the same step: unchanged when the step is rescaled', () => {
    const m = sweepMetrics({ depth: 1, activation: 'tanh' });
    const per = m.find((x) => x.key === 'gradChangePerC1')!;
    const raw = m.find((x) => x.key === 'gradChange')!;
    expect(per.fitted && !per.stepDependent).toBe(true);
    expect(raw.fitted || !raw.stepDependent).toBe(false);
    const r = (k: number): MetricRow => ({ step: 3, loss: 1, testLoss: 1, gradChange: 0.2 * k, c1Rms: 0.05 * k });
    expect(per.get(r(1))).toBeCloseTo(4, 12);
    expect(per.get(r(7))).toBeCloseTo(4, 12);
    expect(raw.get(r(7))).toBeCloseTo(1.4, 12);
    // relu has kinks: flips and the frozen-pattern step are recorded; smooth φ: neither
    expect(hasKinks('relu') && !hasKinks('tanh') && !hasKinks('erf')).toBe(true);
    const relu = sweepMetrics({ depth: 1, activation: 'relu' });
    expect(relu.map((x) => x.key)).toContain('flipFractionPerC1');
    const smooth = sweepMetrics({ depth: 1, activation: 'erf' }).map((x) => x.key);
    expect(smooth).not.toContain('flipFraction');
    expect(smooth).not.toContain('gradChangeFrozenPerC1');
    // relu's full gradient change per unit step still depends on the step (kinks): recorded, not fitted
    const reluPer = relu.find((x) => x.key === 'gradChangePerC1')!;
    expect(reluPer.fitted || !reluPer.stepDependent).toBe(false);
  });

  it('the …FixedStep metrics are fitted for every φ (frozen and flips for relu only), read as recorded', () => {
    const keys = (a: 'relu' | 'tanh') => sweepMetrics({ depth: 2, activation: a }).filter((x) => x.fitted).map((x) => x.key);
    expect(keys('tanh')).toEqual(expect.arrayContaining(['gradChangeFixedStep', 'gradChangeFirstOrderFixedStep']));
    expect(keys('tanh')).not.toContain('flipFractionFixedStep');
    expect(keys('relu')).toEqual(expect.arrayContaining(['gradChangeFixedStep', 'gradChangeFirstOrderFixedStep', 'gradChangeFrozenFixedStep', 'flipFractionFixedStep']));
    const fs = sweepMetrics({ depth: 2, activation: 'relu' }).find((x) => x.key === 'gradChangeFixedStep')!;
    expect(fs.get({ step: 0, loss: 1, testLoss: 1, gradChangeFixedStep: 0.0123 })).toBe(0.0123);
  });
});

describe('phase sweeps (param × α × width × seed)', () => {
  const phase = (o: Record<string, unknown> = {}) => spec({ outputScales: [10, 1, 3, 10], params: ['mup', 'ntk', 'mup'], seeds: 2, ...o });

  it('spec: α sorted and deduped, params deduped in order; defaults are the base config; one-line errors', () => {
    const s = phase();
    expect(s.outputScales).toEqual([1, 3, 10]);
    expect(s.params).toEqual(['mup', 'ntk']);
    expect(isPhaseSweep(s)).toBe(true);
    const plain = spec({ base: { ...DEFAULT_CONFIG, outputScale: 5, param: 'standard' } });
    expect(plain.outputScales).toEqual([5]);
    expect(plain.params).toEqual(['standard']);
    expect(isPhaseSweep(plain)).toBe(false);
    expect(parseSweepSpec({ base: DEFAULT_CONFIG, widths: [16, 32], outputScales: [0.5] })).toMatchObject({ ok: false, error: 'outputScales.0: output scales must be at least 1' });
    expect(() => parseOutputScaleList('1,x')).toThrow(/comma-separated numbers from 1 to 1000/);
    expect(() => parseParamList('ntk,sp')).toThrow(/params="ntk,sp" is not valid/);
    const { spec: e, notices } = sweepSpecFromEntries(DEFAULT_CONFIG, [['widths', '16,32'], ['output-scales', '1,10'], ['params', 'ntk,mup']]);
    expect(notices).toEqual([]);
    expect(sweepSpecToEntries(e)).toEqual([['widths', '16,32'], ['output-scales', '1,10'], ['params', 'ntk,mup']]);
    expect(sweepSpecFromEntries(DEFAULT_CONFIG, [['output-scales', '0']]).notices[0]).toMatch(/^output-scales="0" is not valid: .*; using the default/);
  });

  it('grid order is (param, α, width, seed); shards cover it exactly once', () => {
    const s = phase();
    const g = sweepGrid(s);
    expect(g).toHaveLength(2 * 3 * 3 * 2);
    expect(g.slice(0, 7).map(runKey)).toEqual(['mup/1/16/10', 'mup/1/16/11', 'mup/1/64/10', 'mup/1/64/11', 'mup/1/256/10', 'mup/1/256/11', 'mup/3/16/10']);
    expect(g[g.length - 1]).toMatchObject({ param: 'ntk', outputScale: 10, width: 256, seed: 11, index: 35 });
    expect(sweepGroups(s).map(groupKey)).toEqual(['mup/1', 'mup/3', 'mup/10', 'ntk/1', 'ntk/3', 'ntk/10']);
    for (const k of [1, 4, 7, 36, 50]) {
      const all = Array.from({ length: k }, (_, i) => shard(g, i + 1, k)).flat();
      expect(all.map(runKey).sort()).toEqual(g.map(runKey).sort());
      expect(new Set(all.map((p) => p.index)).size).toBe(g.length);
    }
  });

  it('η is resolved per parametrization, the same at every α; every run of a phase sweep is centred', async () => {
    const auto = parseSweepSpec({ base: { ...DEFAULT_CONFIG, train: 12, test: 4, depth: 1 }, widths: [8, 24], seeds: 1, outputScales: [1, 10], params: ['ntk', 'standard'] });
    if (!auto.ok) throw new Error(auto.error);
    const lrs = await resolveSweepLrs(auto.spec);
    expect(lrs.map((l) => l.param)).toEqual(['ntk', 'standard']);
    for (const p of ['ntk', 'standard'] as const) expect(lrs.find((l) => l.param === p)).toEqual(await resolveSweepLr(auto.spec, p));
    expect(lrs[0].measured!.lambdaMaxOverN[0]).not.toBeCloseTo(lrs[1].measured!.lambdaMaxOverN[0], 3); // different kernels at θ₀
    expect(lrs[1].description).toMatch(/^standard: η = /);
    const cfg = (param: 'ntk' | 'standard', outputScale: number) => configForRun(auto.spec, lrs, { param, outputScale, width: 8, seed: 1 });
    expect(cfg('ntk', 1).lr).toBe(lrs[0].eta);
    expect(cfg('ntk', 10).lr).toBe(lrs[0].eta);
    expect(cfg('standard', 10)).toMatchObject({ param: 'standard', outputScale: 10, center: true, lr: lrs[1].eta });
    expect(cfg('ntk', 1).center).toBe(true);
    expect(configForRun(spec(), [await resolveSweepLr(spec())], at(16, 10)).center).toBe(false); // a plain sweep keeps the base's
    // the fingerprint of a plain sweep ignores the (default) α and params; a phase sweep's depends on them
    expect(sweepFingerprint(phase())).not.toBe(sweepFingerprint(phase({ outputScales: [1, 3] })));
    expect(sweepFingerprint(phase())).not.toBe(sweepFingerprint(phase({ params: ['ntk', 'mup'] })));
  });

  it('ucNfaLast: the last hidden layer’s UC-NFA, recorded not fitted, through runs.csv and summaries per group', () => {
    const metrics = sweepMetrics({ depth: 2, activation: 'tanh' });
    const uc = metrics.find((m) => m.key === 'ucNfaLast')!;
    expect(uc).toMatchObject({ fitted: false, stepDependent: false, zeroAtInit: false });
    const row = (step: number, v: number, w: number): MetricRow => ({ step, loss: 1, testLoss: 1, ntkDrift: step ? 1 / w : 0, layerChange: [0, 0, 0], nfa: [{ layer: 1, uc: 0.9, c: null }, { layer: 2, uc: v, c: 0.5 }] });
    expect(uc.get(row(0, 0.25, 16))).toBe(0.25);
    const runs = (['ntk', 'mup'] as const).flatMap((param) =>
      [1, 10].flatMap((outputScale) => [16, 64].flatMap((width) => [1, 2].map((seed) => ({ param, outputScale, width, seed, lr: 0.5, rows: [row(0, 0.1, width), row(5, seed / 4 + outputScale / 100, width)] })))),
    );
    const text = runsCsv(runs, metrics, true);
    const parsed = parseRunsCsv(text, DEFAULT_CONFIG).runs;
    expect(parsed).toHaveLength(16);
    expect(parsed.map(runKey)).toEqual(runs.map(runKey));
    expect(uc.get(parsed[3].final)).toBe(uc.get(runs[3].rows[1]));
    expect(runsCsv(parsed, metrics, true)).toBe(text);
    const groups = [{ param: 'ntk' as const, outputScale: 1 }, { param: 'ntk' as const, outputScale: 10 }, { param: 'mup' as const, outputScale: 1 }, { param: 'mup' as const, outputScale: 10 }];
    const rows = summarize(parsed, metrics, groups);
    expect(rows).toHaveLength(4 * metrics.length * 2 * 2);
    const r = rows.find((x) => x.param === 'mup' && x.outputScale === 10 && x.metric === 'ucNfaLast' && x.stage === 'final' && x.width === 64)!;
    expect(r.mean).toBeCloseTo((0.35 + 0.6) / 2, 12);
    expect(r.n).toBe(2);
    const fits = fitGroups(parsed, metrics, sweepFitOptions({ base: DEFAULT_CONFIG }), groups);
    expect(fits.map(groupKey)).toEqual(groups.map(groupKey));
    for (const f of fits) {
      expect(f.fits.ntkDrift.final!.slope).toBeCloseTo(-1, 10);
      expect(f.fits.ucNfaLast).toBeUndefined();
    }
    // a plain width sweep's runs.csv has no group columns: its runs take the base's param and α
    const plain = runsCsv(runs.slice(0, 4), metrics);
    expect(plain.startsWith('width,seed,step,lr,')).toBe(true);
    expect(parseRunsCsv(plain, { param: 'standard', outputScale: 7 }).runs[0]).toMatchObject({ param: 'standard', outputScale: 7, width: 16, seed: 1 });
  });
});
