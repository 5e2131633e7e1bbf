// The verdict rules of src/engine/lr/phase.ts on hand-made trajectories (each rule and its boundary).
import { describe, expect, it } from 'vitest';
import { lrPhaseSummary, lossRises } from '../../src/engine/lr/phase';

const rows = (loss: number[], sharpness: (number | undefined)[], linLoss?: number[]) =>
  loss.map((l, i) => ({ step: 10 * i, loss: l, testLoss: l, sharpness: sharpness[i], linLoss: linLoss?.[i] }));

describe('lrPhaseSummary', () => {
  it('lazy: η·S stays below 2 and the loss falls', () => {
    const s = lrPhaseSummary(rows([1, 0.5, 0.3, 0.2], [10, 10, 10.1, 10]), 0.1);
    expect(s.phase).toBe('lazy');
    expect(s.lrOverCritical).toBeCloseTo(0.5, 12);
    expect(s.etaSharpnessMax).toBeCloseTo(1.01, 12);
    expect(s.lossPeakRatio).toBe(1);
    expect(s.steps).toBe(30);
  });

  it('catapult: η·S₀ > 2, a loss spike, S ends below 2/η with the loss below its start', () => {
    const s = lrPhaseSummary(rows([1, 3, 0.6, 0.2], [10, 7, 6, 6], [1, 1e3, 1e7, Infinity]), 0.3);
    expect(s.phase).toBe('catapult');
    expect(s.lossPeakRatio).toBe(3);
    expect(s.twinDiverged).toBe(true);
    expect(s.twinDivergedStep).toBe(20);
    expect(s.twinLastFiniteLoss).toBe(1e3);
  });

  it('not a catapult when S stays above 2/η (ends at the edge, oscillating): edge of stability', () => {
    const s = lrPhaseSummary(rows([1, 3, 0.6, 0.7, 0.5], [10, 9, 7, 6.9, 6.8]), 0.3);
    expect(s.phase).toBe('edge-of-stability');
  });

  it('edge of stability: progressive sharpening to η·S ≈ 2 with a non-monotone falling loss', () => {
    const loss = [1, 0.5, 0.3, 0.2, 0.21, 0.15, 0.16, 0.1, 0.11];
    const sharp = [2, 4, 6, 8, 9.5, 9.9, 10.1, 9.8, 10];
    expect(lrPhaseSummary(rows(loss, sharp), 0.2).phase).toBe('edge-of-stability');
    // the same sharpening with a monotone loss is not called the edge of stability
    expect(lrPhaseSummary(rows([1, 0.5, 0.3, 0.2, 0.19, 0.15, 0.14, 0.1, 0.09], sharp), 0.2).phase).toBe('lazy');
    // nor when η·S stays below the band (late mean 1.6 < 1.8)
    expect(lrPhaseSummary(rows(loss, sharp.map((v) => v * 0.8)), 0.2).phase).toBe('lazy');
  });

  it('diverged: a non-finite or 10⁶× loss, whatever the sharpness; the peak is then null', () => {
    const s = lrPhaseSummary(rows([1, 50, Infinity], [10, 10, undefined]), 0.5);
    expect(s.phase).toBe('diverged');
    expect(s.lossPeakRatio).toBeNull();
    expect(lrPhaseSummary(rows([1, 2e6], [10, 10]), 0.5).phase).toBe('diverged');
    expect(lrPhaseSummary(rows([1, 0.5], [10, 10]), 0.5, true).phase).toBe('diverged');
  });

  it('undecided (null) without two rows carrying a sharpness', () => {
    const s = lrPhaseSummary(rows([1, 0.5, 0.3], [10, undefined, undefined]), 0.1);
    expect(s.phase).toBeNull();
    expect(s.sharpness0).toBe(10);
  });

  it('lossRises ignores changes below 10⁻⁴ relative', () => {
    expect(lossRises([1, 1.00005, 0.9])).toBe(false);
    expect(lossRises([1, 1.001, 0.9])).toBe(true);
  });
});
