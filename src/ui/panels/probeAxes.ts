// Axes of the heatmaps over the probe points (NTK Θ(x, x′), pair P(x, x′, x″)): the matrices are in
// display order (probe points sorted by input, RunMeta.probe.order), so a tick at cell k is labelled
// with the input of the k-th sorted point (1-D data) or with k itself (higher-dimensional inputs).
import type { RunMeta } from '../../engine/records/runRecords';
import type { IndexAxes } from '../plots/HeatmapAxes';
import { formatNumber } from '../plots/plotMath/format';

/** Index axes for a probe × probe matrix; `x`/`y` name the column and row variables (e.g. "x′", "x"). */
export function probeAxes(meta: RunMeta | null, names: { x: string; y: string }): IndexAxes | undefined {
  if (!meta || meta.probe.count === 0) return undefined;
  const { x, order, count } = meta.probe;
  const d = meta.dataset.inputDim;
  if (d === 1 && x.length >= count && order.length === count)
    return { label: (k) => formatNumber(x[order[k]!]!, 2), x: `${names.x} (input)`, y: `${names.y} (input)` };
  return { label: (k) => String(k + 1), x: `${names.x}: probe point (sorted)`, y: `${names.y}: probe point` };
}

/** Index axes for a layer's NFM/AGOP: the input coordinates shown (`index`, 0-based) numbered from 1. */
export function coordinateAxes(index: readonly number[]): IndexAxes {
  return { label: (k) => String((index[k] ?? k) + 1), x: 'coordinate j', y: 'coordinate i' };
}
