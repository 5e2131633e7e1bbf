// The Modes panel's data (src/ui/panels/modesData.ts) and the wire form of a row's modes.
import { describe, expect, it } from 'vitest';
import { eigenvectorRows, modeColors, rowAt, spectrumAt, stepSeries, type ModeContext } from '../../src/ui/panels/modesData';
import { finiteRow, type MetricRow, type RunMeta } from '../../src/engine/records/runRecords';

const row = (step: number, net: (number | null)[], lin: (number | null)[]): MetricRow => ({ step, loss: 1, testLoss: 1, modes: { lambda: [1, 0.1], net, lin } });

const ctx = (gd: boolean): ModeContext => ({ lambda: [1, 0.1], colors: modeColors([1, 0.1]), initial: [2, -1], lr: 0.5, gd });

describe('modesData', () => {
  it('colours: one per mode, by rank in λ, largest λ darkest, distinct', () => {
    const c = modeColors([1, 0.01, 1e-4]);
    expect(c).toHaveLength(3);
    expect(new Set(c).size).toBe(3);
    expect(c[0]).toBe('#440154'); // viridis(0)
  });

  it('step series: GD draws the closed form (1 − ηλ_k/N)^t·|r_k(0)|, SGD does not', () => {
    const gd = stepSeries(ctx(true));
    expect(gd.map((s) => s.key)).toEqual(['closed1', 'net1', 'lin1', 'closed2', 'net2', 'lin2']);
    const closed2 = gd.find((s) => s.key === 'closed2')!;
    expect(closed2.y(row(10, [0, 0], [0, 0]))).toBeCloseTo(Math.pow(1 - 0.05, 10) * 1, 12);
    expect(gd.find((s) => s.key === 'net1')!.y(row(3, [-0.5, null], [0, 0]))).toBe(0.5);
    expect(gd.find((s) => s.key === 'net2')!.y(row(3, [-0.5, null], [0, 0]))).toBeUndefined();
    expect(stepSeries(ctx(false)).map((s) => s.key)).toEqual(['net1', 'lin1', 'net2', 'lin2']);
  });

  it('spectrum at a step: remaining fractions sorted by λ, closed form |1 − ηλ/N|^t for GD only', () => {
    const pts = spectrumAt(ctx(true), row(4, [1, -0.5], [0.5, -0.25]));
    expect(pts.map((p) => p.k)).toEqual([2, 1]);
    expect(pts[1]).toEqual({ k: 1, lambda: 1, net: 0.5, lin: 0.25, closed: Math.pow(0.5, 4) });
    expect(pts[0].closed).toBeCloseTo(Math.pow(0.95, 4), 12);
    expect(spectrumAt(ctx(false), row(4, [1, -0.5], [0.5, -0.25]))[0].closed).toBeUndefined();
  });

  it('rowAt: the last row with modes at or before the step; the latest without a step', () => {
    const rows = [row(0, [2, -1], [2, -1]), row(10, [1, 1], [1, 1]), { step: 15, loss: 1, testLoss: 1 }, row(20, [0, 0], [0, 0])];
    expect(rowAt(rows, 15)?.step).toBe(10);
    expect(rowAt(rows, null)?.step).toBe(20);
  });

  it('eigenvectors vs x: sorted by x, 1-D inputs only', () => {
    const meta = { modes: { count: 2, lambda: [1, 0.1], vectors: Float32Array.of(0.6, 0.8, 0, 0.8, -0.6, 0) }, dataset: { inputDim: 1, xTrain: Float32Array.of(1, -1, 0) } } as unknown as RunMeta;
    expect(eigenvectorRows(meta, 4).map((r) => r.x)).toEqual([-1, 0, 1]);
    expect(eigenvectorRows(meta, 4)[0].u.map((v) => Number(v.toFixed(6)))).toEqual([0.8, -0.6]);
    expect(eigenvectorRows({ ...meta, dataset: { ...meta.dataset, inputDim: 2 } } as RunMeta, 4)).toEqual([]);
  });

  it('finiteRow keeps the modes, with non-finite projections (an overflowing twin) as null', () => {
    const r = finiteRow(row(5, [0.1, NaN], [Infinity, -0.2]));
    expect(r.modes).toEqual({ lambda: [1, 0.1], net: [0.1, null], lin: [null, -0.2] });
  });
});
