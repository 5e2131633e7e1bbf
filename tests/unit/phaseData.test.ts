// The phase diagram's data: cells of groups × widths with per-seed final values and their mean,
// the log / linear sequential colour scales and their legend ticks.
import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../../src/engine/records/runRecords';
import { sweepMetrics } from '../../src/engine/sweep';
import { MISSING_COLOR, groupLabel, legendPosition, legendTicks, phaseColor, phaseGrid, textColorOn } from '../../src/ui/sweep/phaseData';
import type { SweepRun } from '../../src/ui/sweep/types';

const metrics = sweepMetrics({ depth: 2, activation: 'tanh' });
const drift = metrics.find((m) => m.key === 'ntkDrift')!;
const uc = metrics.find((m) => m.key === 'ucNfaLast')!;

function run(param: 'ntk' | 'mup', outputScale: number, width: number, seed: number, value: number): SweepRun {
  const init: MetricRow = { step: 0, loss: 1, testLoss: 1, ntkDrift: 0 };
  const final: MetricRow = { step: 9, loss: 1, testLoss: 1, ntkDrift: value, nfa: [{ layer: 2, uc: value - 0.5, c: null }] };
  return { param, outputScale, width, seed, index: 0, lr: 1, rows: [init, final], init, final, diverged: false, seconds: 0 };
}

describe('phase diagram data', () => {
  const groups = [
    { param: 'ntk' as const, outputScale: 1 },
    { param: 'ntk' as const, outputScale: 10 },
    { param: 'mup' as const, outputScale: 1 },
  ];
  const runs = [run('ntk', 1, 16, 2, 0.4), run('ntk', 1, 16, 1, 0.2), run('ntk', 10, 32, 1, 0.01), run('mup', 1, 32, 1, 0.8), run('mup', 3, 32, 1, 9)];

  it('one cell per group × width (row-major), per-seed values sorted by seed and their mean; other groups ignored', () => {
    const g = phaseGrid(runs, drift, groups, [16, 32]);
    expect(g.cells).toHaveLength(6);
    const c = g.cells[0];
    expect(c).toMatchObject({ row: 0, col: 0, width: 16, group: groups[0] });
    expect(c.seeds).toEqual([
      { seed: 1, value: 0.2 },
      { seed: 2, value: 0.4 },
    ]);
    expect(c.mean).toBeCloseTo(0.3, 12);
    expect(g.cells[3]).toMatchObject({ row: 1, col: 1, mean: 0.01 });
    expect(g.cells[1].seeds).toEqual([]);
    expect(g.cells[1].mean).toBeNaN();
    expect(groupLabel(groups[2])).toBe('μP · α = 1');
    // UC-NFA reads the last hidden layer's entry
    expect(phaseGrid(runs, uc, groups, [16, 32]).cells[5].mean).toBeCloseTo(0.3, 12);
  });

  it('log scale over the positive means (grey for none / ≤ 0), linear for a correlation; ticks inside the domain', () => {
    const g = phaseGrid(runs, drift, groups, [16, 32]);
    const log = phaseColor(g, 'log');
    expect(log.domain).toEqual([0.01, 0.8]);
    expect(log.color(NaN)).toBe(MISSING_COLOR);
    expect(log.color(0)).toBe(MISSING_COLOR);
    expect(log.color(0.01)).not.toBe(log.color(0.8));
    expect(log.ticks).toEqual([0.01, 0.1]);
    expect(legendPosition(0.1, [0.01, 1], 'log', 100)).toBeCloseTo(50, 10);
    const lin = phaseColor(phaseGrid(runs, uc, groups, [16, 32]), 'linear');
    expect(lin.domain![0]).toBeCloseTo(-0.49, 12);
    expect(lin.color(-0.3)).not.toBe(MISSING_COLOR);
    for (const t of legendTicks([-0.49, 0.3], 'linear')) expect(t >= -0.49 && t <= 0.3).toBe(true);
    const zero = phaseGrid([run('ntk', 1, 16, 1, 0)], drift, groups, [16, 32]);
    expect(phaseColor(zero, 'log')).toMatchObject({ domain: null, undrawn: 1 });
    expect(textColorOn('#fde725')).toBe('#111827'); // viridis yellow: dark text
    expect(textColorOn('#440154')).toBe('#ffffff');
  });
});
