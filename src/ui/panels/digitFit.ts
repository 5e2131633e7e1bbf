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
}

export interface DigitFit {
  columns: number;
  rows: number;
  /** Side of each digit image, px (0: nothing fits). */
  side: number;
}

/** Columns and image side for n cells in a width × height box; the side is capped at `maxSide`. */
export function fitDigitGrid(n: number, width: number, height: number, cell: DigitCellSpec, maxSide = 96): DigitFit {
  let best: DigitFit = { columns: Math.max(1, n), rows: 1, side: 0 };
  if (n <= 0 || !(width > 0) || !(height > 0)) return best;
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const cellWidth = width / columns - cell.chrome;
    if (cellWidth < cell.minCellWidth) break;
    const side = Math.floor(Math.min(maxSide, cellWidth, height / rows - cell.chrome - cell.captionHeight));
    if (side > best.side || (side === best.side && side > 0 && rows < best.rows)) best = { columns, rows, side };
  }
  return best;
}
