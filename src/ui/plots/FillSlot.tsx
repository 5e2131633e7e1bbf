// A box that takes the height a filled panel has left (glance cell, embed, full screen) and tells
// its content how tall it may be: heatmaps size their square from it instead of from their width.
import type { ReactNode } from 'react';
import { usePlotHeight } from './plotLayout';

/** Height of a heatmap's chrome around its square: caption, index axes (ticks and name), colour legend, readout. */
export const HEATMAP_CHROME = 18 + 36 + 34 + 18;
/** Height of a heatmap's "Show data" disclosure (left out in an embed). */
export const HEATMAP_TABLE = 24;

export function FillSlot({ children }: { children: (height: number | null) => ReactNode }) {
  const [ref, height, fill] = usePlotHeight<HTMLDivElement>(0, 60);
  return (
    <div ref={ref} className={fill ? 'fill-slot' : undefined}>
      {children(fill && height > 0 ? height : null)}
    </div>
  );
}
