// The learning-rate phase diagram's data: cells by (c, width), majority phase over seeds, mean S_final/S₀.
import { describe, expect, it } from 'vitest';
import { lrPhaseGrid, majority } from '../../src/ui/sweep/lrPhaseData';
import type { SweepRun } from '../../src/ui/sweep/types';
import type { LrPhase } from '../../src/engine/lr/phase';

function run(lrScale: number, width: number, seed: number, phase: LrPhase, s0: number, sFinal: number): SweepRun {
  const row = { step: 0, loss: 1, testLoss: 1 };
  return {
    param: 'ntk', outputScale: 1, lrScale, width, seed, index: 0, lr: 0.1, rows: [row], init: row, final: row, diverged: phase === 'diverged', seconds: 0,
    summary: { phase, lr: 0.1, lrOverCritical: lrScale, sharpness0: s0, sharpnessMax: s0, sharpnessFinal: sFinal, etaSharpnessMax: 2 * lrScale, lossPeakRatio: 1, twinDiverged: lrScale > 1, twinDivergedStep: null, twinLastFiniteLoss: null, steps: 10 },
  };
}

describe('lrPhaseGrid', () => {
  it('places runs by (c, width), takes the majority phase and the mean sharpness drop of the surviving seeds', () => {
    const groups = [0.5, 1.5, 3].map((lrScale) => ({ param: 'ntk' as const, outputScale: 1, lrScale }));
    const runs = [
      run(0.5, 64, 1, 'lazy', 10, 10),
      run(0.5, 64, 2, 'lazy', 10, 9),
      run(1.5, 64, 1, 'catapult', 10, 5),
      run(1.5, 64, 2, 'catapult', 10, 4),
      run(1.5, 256, 1, 'catapult', 10, 6),
      run(1.5, 256, 2, 'diverged', 10, 10),
      run(3, 256, 1, 'diverged', 10, 10),
    ];
    const g = lrPhaseGrid(runs, groups, [64, 256]);
    expect(g.phases).toEqual(['lazy', null, 'catapult', 'mixed', null, 'diverged']);
    expect(g.cells[0].mean).toBeCloseTo(0.95, 12);
    expect(g.cells[2].mean).toBeCloseTo(0.45, 12);
    // diverged runs carry no sharpness drop
    expect(g.cells[3].seeds.map((s) => s.seed)).toEqual([1]);
    expect(Number.isNaN(g.cells[5].mean)).toBe(true);
    expect(g.seedPhases[3]).toEqual([{ seed: 1, phase: 'catapult' }, { seed: 2, phase: 'diverged' }]);
  });

  it('majority: the most frequent phase, mixed on a tie, null without phases', () => {
    expect(majority(['lazy', 'catapult', 'catapult'])).toBe('catapult');
    expect(majority(['lazy', 'catapult'])).toBe('mixed');
    expect(majority([null])).toBeNull();
  });
});
