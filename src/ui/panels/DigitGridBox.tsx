// A grid of digit cells. On a page it flows at a fixed image size; in a box of fixed size (an
// embed, `fit`) it takes the height the panel leaves and picks the columns and image size that make
// the digits as large as possible while every cell and caption fits (digitFit.ts).
import type { ReactNode } from 'react';
import { usePlotHeight } from '../plots/plotLayout';
import { useWidth } from '../plots/useWidth';
import { fitDigitGrid, type DigitCellSpec } from './digitFit';

/** Cell padding 2 + border 2 on each side, and the 4 px grid gap. */
const CHROME = 12;
/** A training digit: one caption line ("0 (+1)", "not 3 (−1)") of 10 px type (12 px lines). */
export const TRAIN_CELL: DigitCellSpec = { captionHeight: 12, minCellWidth: 56, chrome: CHROME, besideWidth: 56 };
/** A test digit: three caption lines (verdict, f, lin) of 10 px type (11.5 px lines). */
export const TEST_CELL: DigitCellSpec = { captionHeight: 35, minCellWidth: 52, chrome: CHROME, besideWidth: 52 };
/** The image size on a page (no box to fill). */
export const DIGIT_SIZE = 42;
/** The largest fitted image (full screen): 14 px digits drawn at most ~11× their size. */
const MAX_SIDE = 160;

export function DigitGridBox({ n, cell, fit, className, testId, children }: { n: number; cell: DigitCellSpec; fit: boolean; className: string; testId: string; children: (size: number) => ReactNode }) {
  const [boxRef, height, fill] = usePlotHeight<HTMLDivElement>(0, 40);
  const [widthRef, width] = useWidth<HTMLDivElement>(400);
  const fitted = fit && fill ? fitDigitGrid(n, width, height, cell, MAX_SIDE) : null;
  const size = fitted && fitted.side > 0 ? Math.max(14, fitted.side) : DIGIT_SIZE;
  const grid = (
    <ul className={fitted?.beside ? `${className} digits-beside` : className} data-testid={testId} style={fitted ? { gridTemplateColumns: `repeat(${fitted.columns}, minmax(0, 1fr))` } : undefined}>
      {children(size)}
    </ul>
  );
  if (!fit) return grid;
  return (
    <div ref={boxRef} className={fill ? 'fill-slot digit-box' : 'digit-box'}>
      <div ref={widthRef}>{grid}</div>
    </div>
  );
}
