import { describe, expect, it } from 'vitest';
import { BESIDE_GAP, fitDigitGrid, type DigitFit } from '../../src/ui/panels/digitFit';

const CELL = { captionHeight: 36, minCellWidth: 56, chrome: 10, besideWidth: 60 };

/** The box a fitted cell takes, caption under or beside the image. */
function cellBox(f: DigitFit): [number, number] {
  return f.beside
    ? [f.side + BESIDE_GAP + CELL.besideWidth + CELL.chrome, Math.max(f.side, CELL.captionHeight) + CELL.chrome]
    : [Math.max(f.side, CELL.minCellWidth) + CELL.chrome, f.side + CELL.captionHeight + CELL.chrome];
}

/** Brute force over every column count, placement and integer side: the largest side whose grid fits. */
function bruteForce(n: number, w: number, h: number, maxSide: number): number {
  let best = 0;
  for (let c = 1; c <= n; c++) {
    const r = Math.ceil(n / c);
    for (const beside of [false, true])
      for (let s = 1; s <= maxSide; s++) {
        const [cw, ch] = cellBox({ columns: c, rows: r, side: s, beside });
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
      const [cw, ch] = cellBox(f);
      expect(f.rows * ch).toBeLessThanOrEqual(h + 1e-9);
      expect(f.columns * cw).toBeLessThanOrEqual(w + 1e-9);
    }
  });

  it('puts the caption beside the image in a short, wide box, and under it in a tall one', () => {
    expect(fitDigitGrid(12, 470, 150, CELL).beside).toBe(true);
    expect(fitDigitGrid(12, 300, 600, CELL).beside).toBe(false);
  });

  it('caps the side and says 0 when nothing fits', () => {
    expect(fitDigitGrid(4, 2000, 2000, CELL, 96).side).toBe(96);
    expect(fitDigitGrid(12, 40, 40, CELL).side).toBe(0);
    expect(fitDigitGrid(0, 400, 400, CELL).side).toBe(0);
  });
});
