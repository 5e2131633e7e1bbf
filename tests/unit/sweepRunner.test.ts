// The worker's sweep mode (the engine's one runner): run order and configs, progress (done of total,
// fraction, ETA), cancel keeping finished runs, failures, jobs in flight; the sweep URL params; the
// engine's run record keeps only finite rows.
import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../../src/engine/records/runRecords';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../../src/schema/config';
import type { WorkerEvent } from '../../src/worker/protocol';
import { SweepRunner } from '../../src/worker/sweepRunner';
import { runSweep, stepCost, sweepCells, sweepLogEvery, type CellExecutor } from '../../src/engine/sweep/run';
import { resolveSweepLr } from '../../src/engine/lr/sweepLr';
import type { SweepRun } from '../../src/engine/records/sweepRecords';
import type { SweepSpec } from '../../src/schema/sweep';
import { sweepFormError, sweepFromSearch, sweepToEntries, withSweepParams, DEFAULT_SWEEP, SEEDS_RANGE, WIDTH_RANGE } from '../../src/ui/sweep/sweepUrl';
import { MAX_SWEEP_SEEDS, SWEEP_WIDTH_MAX, SWEEP_WIDTH_MIN } from '../../src/schema/sweep';

const BASE: ExperimentConfig = { ...DEFAULT_CONFIG, depth: 1, train: 8, test: 8, steps: 30, logEvery: 10, lr: 0.1, lrWidthExp: -1 };
const SPEC: SweepSpec = { base: BASE, widths: [16, 64], seeds: 2, autoLr: 'shared', outputScales: [1], params: ['ntk'] };

/** A fake cell executor on a fake clock: each step costs 0.01·width ms; rows every logEvery steps. */
function fakeExecute(clock: { t: number }, configs: ExperimentConfig[], dataSeeds: number[], failAt?: number): CellExecutor {
  return async ({ config, logEvery, dataSeed, index }, onStep, signal) => {
    configs.push(config);
    dataSeeds.push(dataSeed);
    if (failAt === configs.length) throw new Error('out of memory');
    const rows: MetricRow[] = [];
    for (let step = 0; step <= config.steps; step += logEvery) {
      if (signal?.aborted && step > 0) throw new Error('aborted');
      clock.t += logEvery * 0.01 * config.width;
      rows.push({ step, loss: 1 / (1 + step), testLoss: 1, ntkDrift: step / config.width });
      onStep(step);
      await Promise.resolve();
    }
    return { param: config.param, outputScale: config.outputScale, width: config.width, seed: config.seed, rows, init: rows[0], final: rows[rows.length - 1], index, lr: config.lr ?? 1, diverged: false, seconds: 0 } satisfies SweepRun;
  };
}

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
    execute: fakeExecute(clock, configs, dataSeeds, opts.failAt),
  });
  return { runner, events, configs, dataSeeds };
}

describe('sweep grid and configs', () => {
  it('widths ascending, seeds inner; η = η₀·n^κ only when η₀ is explicit', async () => {
    const lr = [await resolveSweepLr(SPEC)];
    const cells = sweepCells(SPEC, lr);
    expect(cells.map((c) => [c.index, c.width, c.seed])).toEqual([
      [0, 16, 1],
      [1, 16, 2],
      [2, 64, 1],
      [3, 64, 2],
    ]);
    expect(cells[3].config).toEqual({ ...BASE, width: 64, seed: 2, lr: 0.1 / 64, lrWidthExp: 0 });
    const perRun = { ...SPEC, base: { ...BASE, lr: null }, autoLr: 'per-run' as const };
    expect(sweepCells(perRun, [await resolveSweepLr(perRun)])[2].config.lr).toBeNull();
    const flat = { ...SPEC, base: { ...BASE, lrWidthExp: 0 } };
    expect(sweepCells(flat, [await resolveSweepLr(flat)]).map((c) => c.config.lr)).toEqual([0.1, 0.1, 0.1, 0.1]);
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
    expect(events[0]).toMatchObject({ type: 'sweepLr', sweepId: 7, lrs: [{ param: 'ntk', rule: 'explicit', eta: 0.1, widthExp: -1 }] });
    const prog = events.flatMap((e) => (e.type === 'sweepProgress' ? [e.progress] : []));
    expect(prog.every((p) => p.total === 4 && p.steps === 30)).toBe(true);
    expect(prog.map((p) => p.done)).toEqual([...prog.map((p) => p.done)].sort((a, b) => a - b));
    for (let i = 1; i < prog.length; i++) expect(prog[i].fraction).toBeGreaterThanOrEqual(prog[i - 1].fraction);
    expect(prog[prog.length - 1].fraction).toBe(1);
    expect(prog[prog.length - 1].etaMs).toBe(0);
    // Cost-weighted fraction after the two width-16 runs: 2·(16+128) / (2·(16+128) + 2·(64+128))
    const afterSmall = prog.filter((p) => p.done === 2 && p.active.length === 0).pop()!;
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
    // One schema (src/schema/sweep.ts): the URL's widths are sorted and deduplicated by it.
    expect(sweepFromSearch('?widths=64, 16,16,4096').settings.widths).toEqual([16, 64, 4096]);
    expect(sweepFromSearch('?widths=16,abc').notices[0]).toContain('"16,abc"');
    expect(sweepFromSearch('?widths=8192,16').notices).toHaveLength(1);
    // More widths than a sweep may have: valid one by one, not together → a notice and the defaults, no throw.
    const many = sweepFromSearch(`?widths=${Array.from({ length: 40 }, (_, i) => 16 + i).join(',')}`);
    expect(many.settings).toEqual(DEFAULT_SWEEP);
    expect(many.notices[0]).toMatch(/at most 32 widths/);
    const ok = sweepFromSearch('?view=sweep&widths=16,32&seeds=2&lr-width-exp=-0.5');
    // α is the config's lrWidthExp (parsed by configFromSearch), not a sweep parameter.
    expect(ok).toEqual({ settings: { widths: [16, 32], seeds: 2, lrWidthExp: 0, autoLr: 'shared', outputScales: null, params: null }, notices: [] });
    expect(sweepFromSearch('?auto-lr=per-run').settings.autoLr).toBe('per-run');
    expect(sweepFromSearch('?auto-lr=never').notices[0]).toMatch(/auto-lr="never" is not valid: expected shared or per-run; using the default shared/);
    const bad = sweepFromSearch('?widths=3,16&seeds=0&lr-width-exp=x');
    expect(bad.settings).toEqual(DEFAULT_SWEEP);
    expect(bad.notices).toHaveLength(2);
    expect(bad.notices[0]).toMatch(/widths="3,16" is not valid: width 3 is outside 8…4096; using the default 16,32,64,128(?!,)/);
  });
  it('the form uses the same ranges and schema as the URL and the CLI', () => {
    expect(WIDTH_RANGE).toEqual([SWEEP_WIDTH_MIN, SWEEP_WIDTH_MAX]);
    expect(SEEDS_RANGE).toEqual([1, MAX_SWEEP_SEEDS]);
    expect(sweepFormError(DEFAULT_CONFIG, DEFAULT_SWEEP)).toBeNull();
    expect(sweepFormError(DEFAULT_CONFIG, { ...DEFAULT_SWEEP, widths: [64], seeds: 2 })).toMatch(/at least two widths/);
    expect(sweepFormError(DEFAULT_CONFIG, { ...DEFAULT_SWEEP, widths: [16, 64], seeds: MAX_SWEEP_SEEDS + 1 })).toMatch(/^seeds: /);
  });
  it('writes only non-default settings and keeps the other parameters', () => {
    expect(sweepToEntries('sweep', { ...DEFAULT_SWEEP, autoLr: 'per-run' })).toEqual([
      ['view', 'sweep'],
      ['auto-lr', 'per-run'],
    ]);
    const e = sweepToEntries('sweep', { ...DEFAULT_SWEEP, widths: [16, 64], seeds: 5, lrWidthExp: 0, autoLr: 'shared' });
    // widths and seeds are compared with the app's default sweep (16…128 × 3 seeds), not the CLI's
    expect(e).toEqual([
      ['view', 'sweep'],
      ['widths', '16,64'],
      ['seeds', '5'],
    ]);
    expect(withSweepParams('?width=32&seeds=9&view=sweep', e)).toBe('?width=32&view=sweep&widths=16,64&seeds=5');
    // a link without widths/seeds is the app's default sweep, and the schema's default is written out
    expect(sweepFromSearch('?view=sweep').settings).toEqual(DEFAULT_SWEEP);
    expect(DEFAULT_SWEEP).toMatchObject({ widths: [16, 32, 64, 128], seeds: 3 });
    const cliDefault = { ...DEFAULT_SWEEP, widths: [16, 32, 64, 128, 256, 512, 1024, 2048], seeds: 5 };
    expect(sweepFromSearch(withSweepParams('', sweepToEntries('sweep', cliDefault))).settings).toEqual(cliDefault);
    expect(withSweepParams('?width=32&view=sweep', sweepToEntries('lab', DEFAULT_SWEEP))).toBe('?width=32');
  });
});

describe('runSweep with several jobs', () => {
  it('keeps `jobs` runs in flight and returns the same runs as one job', async () => {
    const one = await runSweep(SPEC, { execute: fakeExecute({ t: 0 }, [], []) });
    let inFlight = 0;
    let most = 0;
    const base = fakeExecute({ t: 0 }, [], []);
    const two = await runSweep(SPEC, {
      jobs: 2,
      execute: async (cell, onStep, signal) => {
        most = Math.max(most, ++inFlight);
        try {
          return await base(cell, onStep, signal);
        } finally {
          inFlight--;
        }
      },
    });
    expect(most).toBe(2);
    const key = (r: SweepRun) => `${r.width}/${r.seed}`;
    expect(two.runs.map(key).sort()).toEqual(one.runs.map(key).sort());
    expect(two.lrs).toEqual(one.lrs);
  });
});

describe('runCell (real training, cpu backend)', () => {
  it('a diverging run keeps only finite rows and finite values, and says it diverged', async () => {
    const spec: SweepSpec = { base: { ...BASE, lr: 500, lrWidthExp: 0, steps: 40, logEvery: 5 }, widths: [16, 32], seeds: 1, autoLr: 'shared', outputScales: [1], params: ['ntk'] };
    const { runs } = await runSweep({ ...spec, widths: [16, 32] }, { shard: { i: 1, k: 2 } });
    const run = runs[0];
    expect(run.diverged).toBe(true);
    expect(run.final.step).toBeLessThan(40);
    for (const row of run.rows) for (const v of Object.values(row)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    expect(run.final).toBe(run.rows[run.rows.length - 1]);
  }, 60_000);
});
