// How long a sweep will take, shown before Run. A cost model timed on a 2-core machine (Chromium,
// wasm backend, every metric the sweep records, depth 2, 2000 steps per run): a run of width n
// took about 1.25 ms + 1.05·10⁻⁴·n² ms per step (measured: width 16 ≈ 5 s, 128 ≈ 12 s, 256 ≈ 32 s
// per 2000-step run); each extra hidden layer adds another n² term. A rough guide, not a promise:
// a faster machine or a GPU backend finishes sooner.
import type { ExperimentConfig } from '../../schema/config';

const BASE_MS_PER_STEP = 1.25;
const MS_PER_STEP_PER_N2 = 1.05e-4;

/** Estimated milliseconds for one run of `width` at the config's depth and steps. */
export function runMs(config: Pick<ExperimentConfig, 'depth' | 'steps'>, width: number): number {
  const layers = Math.max(1, config.depth - 1);
  return config.steps * (BASE_MS_PER_STEP + MS_PER_STEP_PER_N2 * layers * width * width);
}

/** Estimated milliseconds for the whole sweep: every width × seeds × (α, parametrization) groups. */
export function sweepMs(config: Pick<ExperimentConfig, 'depth' | 'steps'>, widths: readonly number[], seeds: number, groups = 1): number {
  return widths.reduce((s, w) => s + runMs(config, w), 0) * seeds * groups;
}

/** "about 50 s", "about 3 min", "about 1 h 20 min". */
export function formatEstimate(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 90) return `about ${Math.max(5, Math.round(s / 5) * 5)} s`;
  const min = Math.round(s / 60);
  if (min < 90) return `about ${min} min`;
  return `about ${Math.floor(min / 60)} h ${min % 60} min`;
}
