// The worker's sweep mode: run order and configs, progress (run k of K, fraction, ETA), cancel
// keeping finished runs, failures; one real run on the tfjs cpu backend; the sweep URL params and
// the exported files against direct computations.
import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../../src/engine/session';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/state/config';
import type { WorkerEvent } from '../../src/worker/protocol';
import { SweepRunner, postableRun, stepCost, sweepLogEvery } from '../../src/worker/sweepRunner';
import { configForSweepRun, sweepCells, type SweepRequestSpec, type SweepRun } from '../../src/worker/sweepSpec';
import { sweepFormError, sweepFromSearch, sweepToEntries, withSweepParams, DEFAULT_SWEEP, SEEDS_RANGE, WIDTH_RANGE } from '../../src/ui/sweep/sweepUrl';
import { MAX_SWEEP_SEEDS, SWEEP_WIDTH_MAX, SWEEP_WIDTH_MIN } from '../../src/state/sweep';

const BASE: ExperimentConfig = { ...DEFAULT_CONFIG, depth: 1, train: 8, test: 8, steps: 30, logEvery: 10, lr: 0.1 };
const SPEC: SweepRequestSpec = { base: BASE, widths: [16, 64], seeds: 2, alpha: -1 };

/** A fake runOne on a fake clock: each step costs `msPerStep · width`; rows every logEvery steps. */
function fakeRunner(opts: { failAt?: number; cancelAfterRuns?: number } = {}) {
  const events: WorkerEvent[] = [];
  const clock = { t: 0 };
  const configs: ExperimentConfig[] = [];
  const dataSeeds: number[] = [];
  const runner: SweepRunner = new SweepRunner({
    post: (ev) => {
      events.push(ev);
      if (ev.type === 'sweepRun' && opts.cancelAfterRuns !== undefined && events.filter((e) => e.type === 'sweepRun').length === opts.cancelAfterRuns) runner.cancel(ev.sweepId);
    },
    now: () => clock.t,
    progressIntervalMs: 0,
    runOne: async (config, { logEvery, onRow, signal, dataSeed }) => {
      configs.push(config);
      dataSeeds.push(dataSeed);
      if (opts.failAt === configs.length) throw new Error('out of memory');
      const rows: MetricRow[] = [];
      for (let step = 0; step <= config.steps; step += logEvery) {
        if (signal.aborted && step > 0) throw new Error('aborted');
        clock.t += logEvery * 0.01 * config.width;
        const r = { step, loss: 1 / (1 + step), testLoss: 1, ntkDrift: step / config.width };
        rows.push(r);
        onRow(r);
        await Promise.resolve();
      }
      return { width: config.width, seed: config.seed, rows, init: rows[0], final: rows[rows.length - 1], index: 0, lr: config.lr ?? 1, diverged: false, seconds: 0 } satisfies SweepRun;
    },
  });
  return { runner, events, configs, dataSeeds };
}

describe('sweep grid and configs', () => {
  it('widths ascending, seeds inner; η = η₀·n^α only when η₀ is explicit', () => {
    expect(sweepCells(SPEC)).toEqual([
      { width: 16, seed: 1 },
      { width: 16, seed: 2 },
      { width: 64, seed: 1 },
      { width: 64, seed: 2 },
    ]);
    const c = configForSweepRun(SPEC, 64, 2);
    expect(c).toEqual({ ...BASE, width: 64, seed: 2, lr: 0.1 / 64 });
    expect(configForSweepRun({ ...SPEC, base: { ...BASE, lr: null } }, 64, 1).lr).toBeNull();
    expect(configForSweepRun({ ...SPEC, alpha: 0 }, 64, 1).lr).toBe(0.1);
  });
  it('logs ~25 rows per run, never more often than the config asks', () => {
    expect(sweepLogEvery(30, 10)).toBe(10);
    expect(sweepLogEvery(2000, 10)).toBe(80);
    expect(sweepLogEvery(20, 1)).toBe(1);
  });
});

describe('SweepRunner', () => {
  it('posts every run in order, progress to 100% with run k of K and a falling ETA, then done', async () => {
    const { runner, events, configs, dataSeeds } = fakeRunner();
    await runner.run(7, SPEC);
    expect(dataSeeds).toEqual([1, 1, 1, 1]); // the data stay fixed; only θ₀'s seed varies
    expect(configs.map((c) => [c.width, c.seed])).toEqual([
      [16, 1],
      [16, 2],
      [64, 1],
      [64, 2],
    ]);
    const runs = events.filter((e) => e.type === 'sweepRun');
    expect(runs.map((e) => e.type === 'sweepRun' && [e.run.width, e.run.seed, e.run.rows.length])).toEqual([
      [16, 1, 4],
      [16, 2, 4],
      [64, 1, 4],
      [64, 2, 4],
    ]);
    const prog = events.flatMap((e) => (e.type === 'sweepProgress' ? [e.progress] : []));
    expect(prog.every((p) => p.total === 4 && p.steps === 30)).toBe(true);
    expect(prog.map((p) => p.run)).toEqual([...prog.map((p) => p.run)].sort((a, b) => a - b));
    for (let i = 1; i < prog.length; i++) expect(prog[i].fraction).toBeGreaterThanOrEqual(prog[i - 1].fraction);
    expect(prog[prog.length - 1].fraction).toBe(1);
    expect(prog[prog.length - 1].etaMs).toBe(0);
    // Cost-weighted fraction after the two width-16 runs: 2·(16+128) / (2·(16+128) + 2·(64+128))
    const afterSmall = prog.filter((p) => p.run === 2 && p.step === 30).pop()!;
    expect(afterSmall.fraction).toBeCloseTo((2 * stepCost(16)) / (2 * stepCost(16) + 2 * stepCost(64)), 12);
    // The ETA at that point extrapolates elapsed time by the remaining cost share.
    expect(afterSmall.etaMs).toBeCloseTo((afterSmall.elapsedMs * (1 - afterSmall.fraction)) / afterSmall.fraction, 9);
    const last = events[events.length - 1];
    expect(last).toMatchObject({ type: 'sweepDone', sweepId: 7, state: 'done' });
    expect(runner.running).toBe(false);
  });

  it('cancel stops the sweep, keeps the runs already posted, and ends as cancelled', async () => {
    const { runner, events, configs } = fakeRunner({ cancelAfterRuns: 1 });
    await runner.run(3, SPEC);
    expect(events.filter((e) => e.type === 'sweepRun')).toHaveLength(1);
    expect(configs).toHaveLength(1);
    expect(events[events.length - 1]).toMatchObject({ type: 'sweepDone', sweepId: 3, state: 'cancelled' });
    // a cancel for another sweep id is ignored
    const other = fakeRunner();
    const p = other.runner.run(4, SPEC);
    other.runner.cancel(99);
    await p;
    expect(other.events.filter((e) => e.type === 'sweepRun')).toHaveLength(4);
  });

  it('a failing run ends the sweep as failed with its message, keeping earlier runs', async () => {
    const { runner, events } = fakeRunner({ failAt: 3 });
    await runner.run(1, SPEC);
    expect(events.filter((e) => e.type === 'sweepRun')).toHaveLength(2);
    expect(events[events.length - 1]).toMatchObject({ type: 'sweepDone', state: 'failed', message: 'out of memory' });
  });
});

describe('sweep URL parameters', () => {
  it('parses widths, seeds and α, with a notice and the default for bad values', () => {
    // One schema (src/state/sweep.ts): the URL's widths are sorted and deduplicated by it.
    expect(sweepFromSearch('?widths=64, 16,16,4096').settings.widths).toEqual([16, 64, 4096]);
    expect(sweepFromSearch('?widths=16,abc').notices[0]).toContain('"16,abc"');
    expect(sweepFromSearch('?widths=8192,16').notices).toHaveLength(1);
    // More widths than a sweep may have: valid one by one, not together → a notice and the defaults, no throw.
    const many = sweepFromSearch(`?widths=${Array.from({ length: 40 }, (_, i) => 16 + i).join(',')}`);
    expect(many.settings).toEqual(DEFAULT_SWEEP);
    expect(many.notices[0]).toMatch(/at most 32 widths/);
    const ok = sweepFromSearch('?view=sweep&widths=16,32&seeds=2&lr-width-exp=-0.5');
    // α is the config's lrWidthExp (parsed by configFromSearch), not a sweep parameter.
    expect(ok).toEqual({ settings: { widths: [16, 32], seeds: 2, alpha: 0 }, notices: [] });
    const bad = sweepFromSearch('?widths=3,16&seeds=0&lr-width-exp=x');
    expect(bad.settings).toEqual(DEFAULT_SWEEP);
    expect(bad.notices).toHaveLength(2);
    expect(bad.notices[0]).toMatch(/widths="3,16" is not valid: width 3 is outside 8…4096; using the default 16,32,64,128,256,512,1024,2048/);
  });
  it('the form uses the same ranges and schema as the URL and the CLI', () => {
    expect(WIDTH_RANGE).toEqual([SWEEP_WIDTH_MIN, SWEEP_WIDTH_MAX]);
    expect(SEEDS_RANGE).toEqual([1, MAX_SWEEP_SEEDS]);
    expect(sweepFormError(DEFAULT_CONFIG, DEFAULT_SWEEP)).toBeNull();
    expect(sweepFormError(DEFAULT_CONFIG, { widths: [64], seeds: 2 })).toMatch(/at least two widths/);
    expect(sweepFormError(DEFAULT_CONFIG, { widths: [16, 64], seeds: MAX_SWEEP_SEEDS + 1 })).toMatch(/^seeds: /);
  });
  it('writes only non-default settings and keeps the other parameters', () => {
    const e = sweepToEntries('sweep', { widths: [16, 64], seeds: 5, alpha: 0 });
    expect(e).toEqual([
      ['view', 'sweep'],
      ['widths', '16,64'],
    ]);
    expect(withSweepParams('?width=32&seeds=9&view=sweep', e)).toBe('?width=32&view=sweep&widths=16,64');
    expect(withSweepParams('?width=32&view=sweep', sweepToEntries('lab', DEFAULT_SWEEP))).toBe('?width=32');
  });
});

describe('postableRun', () => {
  it('drops the non-finite divergence row and non-finite optional values, keeping the diverged flag', () => {
    const rows: MetricRow[] = [
      { step: 0, loss: 1, testLoss: 1, ntkDrift: 0, c2OverC1: 0.1, layerChange: [0, 0] },
      { step: 10, loss: 5, testLoss: 6, ntkDrift: 0.5, c2OverC1: Infinity, layerChange: [0.1, NaN] },
      { step: 20, loss: NaN, testLoss: Infinity, ntkDrift: NaN },
    ];
    const run: SweepRun = { width: 16, seed: 1, index: 0, lr: 9, rows, init: rows[0], final: rows[2], diverged: true, seconds: 1 };
    const p = postableRun(run);
    expect(p.rows.map((r) => r.step)).toEqual([0, 10]);
    expect(p.final).toEqual({ step: 10, loss: 5, testLoss: 6, ntkDrift: 0.5 });
    expect(p.init).toEqual(rows[0]);
    expect(p.diverged).toBe(true);
  });
});
