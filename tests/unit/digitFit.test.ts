import { describe, expect, it } from 'vitest';
import { fitDigitGrid } from '../../src/ui/panels/digitFit';

const CELL = { captionHeight: 36, minCellWidth: 56, chrome: 10 };

/** Brute force over every column count and integer side: the largest side whose grid fits. */
function bruteForce(n: number, w: number, h: number, maxSide: number): number {
  let best = 0;
  for (let c = 1; c <= n; c++) {
    const r = Math.ceil(n / c);
    for (let s = 1; s <= maxSide; s++) {
      const cw = Math.max(s, CELL.minCellWidth) + CELL.chrome;
      const ch = s + CELL.captionHeight + CELL.chrome;
      if (c * cw <= w + 1e-9 && r * ch <= h + 1e-9) best = Math.max(best, s);
    }
  }
  return best;
}

describe('fitDigitGrid', () => {
  it('finds the largest image side a brute-force search finds, and the grid fits the box', () => {
    for (const [n, w, h] of [
      [12, 600, 220],
      [12, 470, 150],
      [16, 600, 220],
      [16, 980, 420],
      [12, 300, 600],
      [5, 200, 140],
    ] as const) {
      const f = fitDigitGrid(n, w, h, CELL);
      expect(f.side, `${n} in ${w}×${h}`).toBe(bruteForce(n, w, h, 96));
      expect(f.columns * f.rows).toBeGreaterThanOrEqual(n);
      expect(f.rows * (f.side + CELL.captionHeight + CELL.chrome)).toBeLessThanOrEqual(h);
      expect(f.columns * (Math.max(f.side, CELL.minCellWidth) + CELL.chrome)).toBeLessThanOrEqual(w);
    }
  });

  it('caps the side and says 0 when nothing fits', () => {
    expect(fitDigitGrid(4, 2000, 2000, CELL, 96).side).toBe(96);
    expect(fitDigitGrid(12, 40, 40, CELL).side).toBe(0);
    expect(fitDigitGrid(0, 400, 400, CELL).side).toBe(0);
  });
});
