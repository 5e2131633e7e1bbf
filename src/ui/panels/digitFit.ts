// How a grid of digit cells fills a box of known size (an embed): the number of columns and the
// image side that make the digits as large as possible while every cell (image, caption lines,
// padding) fits. Pure, unit-tested in tests/unit/digitFit.test.ts.

export interface DigitCellSpec {
  /** Height of the caption under the image (its lines × line height), px. */
  captionHeight: number;
  /** Narrowest cell that holds the caption, px. */
  minCellWidth: number;
  /** Padding + border + grid gap around each cell, per axis, px. */
  chrome: number;
  /** Width of the caption when it stands beside the image (a short, wide box), px. */
  besideWidth: number;
}

export interface DigitFit {
  columns: number;
  rows: number;
  /** Side of each digit image, px (0: nothing fits). */
  side: number;
  /** The caption stands right of the image instead of under it. */
  beside: boolean;
}

/** Gap between the image and a caption beside it, px. */
export const BESIDE_GAP = 4;

/**
 * Columns, image side and caption placement (under or beside the image) for n cells in a
 * width × height box: the largest side at which every cell fits, capped at `maxSide`.
 */
export function fitDigitGrid(n: number, width: number, height: number, cell: DigitCellSpec, maxSide = 96): DigitFit {
  let best: DigitFit = { columns: Math.max(1, n), rows: 1, side: 0, beside: false };
  if (n <= 0 || !(width > 0) || !(height > 0)) return best;
  const better = (f: DigitFit) => f.side > best.side || (f.side === best.side && f.side > 0 && f.rows < best.rows);
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const cellWidth = width / columns - cell.chrome;
    const cellHeight = height / rows - cell.chrome;
    if (cellWidth >= cell.minCellWidth) {
      const under: DigitFit = { columns, rows, side: Math.floor(Math.min(maxSide, cellWidth, cellHeight - cell.captionHeight)), beside: false };
      if (better(under)) best = under;
    }
    if (cellWidth >= cell.besideWidth + BESIDE_GAP && cellHeight >= cell.captionHeight) {
      const beside: DigitFit = { columns, rows, side: Math.floor(Math.min(maxSide, cellWidth - cell.besideWidth - BESIDE_GAP, cellHeight)), beside: true };
      if (better(beside)) best = beside;
    }
  }
  return best;
}
