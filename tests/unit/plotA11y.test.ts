// Data-table row sampling and keyboard stepping of the hover crosshair.
import { describe, expect, it } from 'vitest';
import { cellText, sampleIndices } from '../../src/ui/plots/dataTable';
import { keyStep } from '../../src/ui/plots/keyStep';

describe('sampleIndices', () => {
  it('keeps every index when there are few, else evenly spaced with first and last', () => {
    expect(sampleIndices(4, 10)).toEqual([0, 1, 2, 3]);
    expect(sampleIndices(0, 10)).toEqual([]);
    expect(sampleIndices(101, 5)).toEqual([0, 25, 50, 75, 100]);
    const s = sampleIndices(2001, 50);
    expect(s.length).toBe(50);
    expect(s[0]).toBe(0);
    expect(s[49]).toBe(2000);
    const gaps = s.slice(1).map((v, i) => v - s[i]);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
    expect(sampleIndices(10, 1)).toEqual([9]);
  });
  it('cellText prints numbers with 4 significant digits and missing values as a dash', () => {
    expect(cellText(null)).toBe('–');
    expect(cellText(NaN)).toBe('–');
    expect(cellText('x')).toBe('x');
    expect(Number(cellText(0.123456))).toBeCloseTo(0.1235, 6);
  });
});

describe('keyStep', () => {
  it('moves by one, by a tenth, to the ends, clears on Escape and ignores other keys', () => {
    expect(keyStep('ArrowRight', -1, 20)).toBe(0);
    expect(keyStep('ArrowLeft', -1, 20)).toBe(19);
    expect(keyStep('ArrowRight', 5, 20)).toBe(6);
    expect(keyStep('ArrowRight', 19, 20)).toBe(19);
    expect(keyStep('ArrowLeft', 0, 20)).toBe(0);
    expect(keyStep('PageUp', 5, 20)).toBe(7);
    expect(keyStep('PageDown', 1, 20)).toBe(0);
    expect(keyStep('Home', 7, 20)).toBe(0);
    expect(keyStep('End', 7, 20)).toBe(19);
    expect(keyStep('Escape', 7, 20)).toBe(null);
    expect(keyStep('a', 7, 20)).toBe(undefined);
    expect(keyStep('ArrowUp', 7, 20)).toBe(undefined);
    expect(keyStep('ArrowRight', -1, 0)).toBe(undefined);
  });
});
