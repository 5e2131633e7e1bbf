// earlyGap against the hidden width: the same data, seed and η, one early-time run per width,
// read at a few fixed steps (a fixed η·t). The agreement with the linear model is a large-width
// statement, so this is the plot that shows it (docs/science.md §7).
import type { ExperimentConfig } from '../../schema/config';
import type { Dataset } from '../data/datasets';
import { loadDataset } from '../data/datasets';
import { EarlyTimeSession } from './earlyTimeSession';
import { SWEEP_STEPS, SWEEP_WIDTHS, type EarlyWidthPoint } from '../records/earlyWidthPoint';

// The point schema and the default grid live in a tf-free module (the page imports them).
export { EarlyWidthPointSchema, SWEEP_STEPS, SWEEP_WIDTHS, type EarlyWidthPoint } from '../records/earlyWidthPoint';

/**
 * earlyGap at each of `steps` for each width. η is the config's, or when it is auto, the one the
 * run at the config's own width resolved (`lr`), so every width trains with the same η.
 */
export async function earlyGapByWidth(
  config: ExperimentConfig,
  lr: number,
  opts: { widths?: number[]; steps?: number[]; data?: Dataset; onProgress?: (done: number, total: number) => void } = {},
): Promise<EarlyWidthPoint[]> {
  const widths = opts.widths ?? SWEEP_WIDTHS;
  const steps = [...(opts.steps ?? SWEEP_STEPS)].sort((a, b) => a - b);
  const data = opts.data ?? (await loadDataset(config));
  const out: EarlyWidthPoint[] = [];
  for (const [i, width] of widths.entries()) {
    const s = await EarlyTimeSession.create({ ...config, model: 'early-time', width, lr }, data);
    try {
      for (const step of steps) {
        s.advance(step - s.step);
        const row = await s.measure();
        out.push({ width: s.spec.width, step, earlyGap: row.earlyGap !== undefined && Number.isFinite(row.earlyGap) ? row.earlyGap : null });
      }
    } finally {
      s.dispose();
    }
    opts.onProgress?.(i + 1, widths.length);
  }
  return out;
}
